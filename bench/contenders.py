"""Contenders that several workloads share: ``assetpipe build`` (cold and warm) and ``vite build``.

Each function returns a :class:`~bench.harness.Contender` for a source folder. Their checks
count the output (``files``, ``bytes``, ``<suffix>_files``) and fail the run unless it holds
``pages`` HTML files, so a tool that silently built half the site cannot look fast.

assetpipe runs from this work tree (``PYTHONPATH`` = the repo) with the workload folder as its
working folder, so no ``config/assetpipe.toml`` of the repo's demo site and no
``$ASSETPIPE_CONFIG``/``$ASSETPIPE_ENV`` apply: it builds with its defaults unless the workload
passes ``--config``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from bench.harness import (
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    expect,
    run_untimed,
    tree_figures,
)
from bench.tools import assetpipe_argv, ensure_npm, npm_bin, npm_version

VITE = "vite@8"


def _output_check(pages: int, exclude: Sequence[str] = ()) -> Callable[[Path], Figures]:
    def check(out: Path) -> Figures:
        if not out.is_dir():
            raise CheckFailed(f"no output folder {out}")
        figures = tree_figures(out, exclude)
        expect(figures, "html_files", pages)
        return figures

    return check


# --- assetpipe --------------------------------------------------------------------------------


def _assetpipe_command(
    ctx: Context, site: Path, out: Path, cache: Path, extra: Sequence[str]
) -> Command:
    argv = assetpipe_argv(
        "build", "--src", str(site), "--out", str(out), "--cache-dir", str(cache), "--json", *extra
    )
    env = {"PYTHONPATH": str(REPO_DIR), "ASSETPIPE_CONFIG": None, "ASSETPIPE_ENV": None}
    return Command(argv, cwd=ctx.work, env=env)


def assetpipe_build(ctx: Context, site: Path, pages: int, extra: Sequence[str] = ()) -> Contender:
    """``assetpipe build`` with a fresh, empty cache folder every round (a cold build)."""
    return Contender(
        "assetpipe",
        lambda dirs: _assetpipe_command(ctx, site, dirs.out, dirs.scratch, extra),
        check=_output_check(pages, exclude=(".assetpipe",)),
    )


def assetpipe_build_warm(
    ctx: Context, site: Path, pages: int, extra: Sequence[str] = ()
) -> Contender:
    """``assetpipe build`` reusing one cache folder, primed by an untimed build at setup."""
    cache = ctx.work / "warm-cache"

    def prime() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        out = ctx.work / "warm-prime-out"
        try:
            run_untimed(_assetpipe_command(ctx, site, out, cache, extra))
        finally:
            shutil.rmtree(out, ignore_errors=True)

    return Contender(
        "assetpipe-warm",
        lambda dirs: _assetpipe_command(ctx, site, dirs.out, cache, extra),
        setup=prime,
        check=_output_check(pages, exclude=(".assetpipe",)),
    )


# --- Vite -------------------------------------------------------------------------------------


def vite_build(
    ctx: Context,
    site: Path,
    pages: Sequence[Path],
    build: Mapping[str, object] | None = None,
    check: Callable[[Path], Figures] | None = None,
    anchor: bool = True,
) -> Contender:
    """``vite build`` of the multi-page site ``site`` whose pages are ``pages``.

    The config (``<work>/vite.config.mjs``) is written at setup: every page an input (Rolldown's
    ``build.rolldownOptions.input``), assets never inlined (``assetsInlineLimit: 0``, so images
    are emitted as hashed files as assetpipe does), no module-preload polyfill, default minify,
    then the workload's own ``build`` options (e.g. ``{"sourcemap": True}``). The output folder
    of each round is given on the command line. ``check`` replaces the default one (which
    counts the output and wants one HTML file per page). It is the anchor unless ``anchor``
    is false.
    """
    config = ctx.work / "vite.config.mjs"

    def setup() -> None:
        ensure_npm(VITE)
        ctx.info["vite"] = npm_version("vite")
        config.write_text(render_vite_config(site, pages, ctx.work / "vite-cache", build))

    def command(dirs: RunDirs) -> Command:
        argv = [
            str(npm_bin("vite")),
            "build",
            "--config",
            str(config),
            "--outDir",
            str(dirs.out),
            "--emptyOutDir",
        ]
        return Command(argv, cwd=ctx.work)

    check = check or _output_check(len(pages))
    return Contender("vite", command, anchor=anchor, setup=setup, check=check)


def render_vite_config(
    site: Path, pages: Sequence[Path], cache_dir: Path, build: Mapping[str, object] | None = None
) -> str:
    config = {
        "root": str(site),
        "publicDir": str(site / "public"),
        "cacheDir": str(cache_dir),
        "logLevel": "warn",
        "clearScreen": False,
        "build": {
            "outDir": str(site.parent / "vite-out"),  # replaced by --outDir each round
            "emptyOutDir": True,
            "assetsInlineLimit": 0,
            "modulePreload": {"polyfill": False},
            "rolldownOptions": {"input": [str(page) for page in pages]},
            **(build or {}),
        },
    }
    return (
        "// Generated by bench/contenders.py; rewritten on every run.\nexport default "
        + json.dumps(config, indent=2)
        + ";\n"
    )
