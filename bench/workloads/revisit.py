"""Workload ``revisit``: what a returning visitor downloads again after a one-line change.

Input (``bench/.work/revisit/input/``, see ``_revisit_site.py``): a 20-page site (each page a
module importing two or three of 10 shared modules, one module loaded with ``import()``, one
stylesheet) and version B of one shared leaf module, ``js/shared/i18n.js`` (imported by 16 pages
and by the lazy module), with one string of its message table changed.

Each round copies the site into the run's scratch folder, builds it (version A) into
``OUT/a``, puts B's ``i18n.js`` in place and builds again into ``OUT/b`` (both builds are
timed together, so the seconds are two builds; assetpipe's two share one cache folder, so B is a
warm rebuild, as on a CI that keeps its cache). Building from one folder keeps absolute paths
out of the comparison. The check compares the two outputs: a file of B
is *refetched* unless A has a byte-identical file at the same path (a new hashed name or a
changed page). Source maps (``*.map``, which browsers fetch only with devtools open) and
assetpipe's ``.assetpipe/`` record are left out.

Contenders: ``assetpipe`` (defaults: import map on, so a chunk's name changes only when its own
bytes do), ``assetpipe-no-importmap`` (``[js] import_map = false``: chunks import each other's
hashed names, as most bundlers do) and ``vite`` (anchor: ``vite build`` of the 20 pages, as
``site1000`` does, default config: no source maps).

Figures: ``refetch_files``, ``refetch_bytes``, ``refetch_gzip`` (gzip -9) of B, and B's totals
``files``, ``bytes``, ``gzip``, with the refetched pages and scripts counted apart
(``refetch_html_files``, ``refetch_js_files``). Time matters less here.
"""

from __future__ import annotations

import shlex
import shutil
from collections.abc import Callable
from pathlib import Path

from bench.contenders import VITE, render_vite_config
from bench.harness import (
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    cached,
    expect,
    tree_figures,
    workload,
)
from bench.tools import ensure_npm, npm_bin, npm_version
from bench.workloads import _revisit_site as site_gen
from bench.workloads._js import assetpipe_command, gzip_size

VERSION = "revisit-generator-v1"
SKIPPED_DIRS = (".assetpipe",)


def generate(dest: Path) -> None:
    """``site/`` (version A) and ``change/`` (B's changed file, same relative path)."""
    site_gen.generate(dest / "site")
    changed = dest / "change" / site_gen.CHANGED
    changed.parent.mkdir(parents=True)
    changed.write_text(site_gen.change((dest / "site" / site_gen.CHANGED).read_text()))


def output_files(root: Path) -> dict[str, bytes]:
    """Every file a visitor may fetch, by path: no ``.map``, no ``.assetpipe/``."""
    if not root.is_dir():
        raise CheckFailed(f"no output folder {root}")
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
        and not path.name.endswith(".map")
        and path.relative_to(root).parts[0] not in SKIPPED_DIRS
    }


def refetch_figures(before: dict[str, bytes], after: dict[str, bytes]) -> Figures:
    refetched = {path: data for path, data in after.items() if before.get(path) != data}
    return {
        "files": len(after),
        "bytes": sum(len(data) for data in after.values()),
        "gzip": sum(gzip_size(data) for data in after.values()),
        "refetch_files": len(refetched),
        "refetch_bytes": sum(len(data) for data in refetched.values()),
        "refetch_gzip": sum(gzip_size(data) for data in refetched.values()),
        "refetch_html_files": sum(path.endswith(".html") for path in refetched),
        "refetch_js_files": sum(path.endswith((".js", ".mjs")) for path in refetched),
    }


def check(out: Path) -> Figures:
    """Both builds complete, each with its own text of the changed string; then the figures."""
    for version in ("a", "b"):
        expect(tree_figures(out / version, SKIPPED_DIRS), "html_files", site_gen.PAGES)
    before, after = output_files(out / "a"), output_files(out / "b")
    for files, version, text in ((before, "A", site_gen.OLD_TEXT), (after, "B", site_gen.NEW_TEXT)):
        if not any(text.encode() in data for path, data in files.items() if path.endswith(".js")):
            raise CheckFailed(f"no JavaScript file of build {version} holds {text!r}")
    return refetch_figures(before, after)


def two_builds(dirs: RunDirs, change: Path, build_a: Command, build_b: Command) -> Command:
    """One command: build A, put the changed file in place, build B (``sh -c``)."""
    target = dirs.scratch / "site" / site_gen.CHANGED
    script = " && ".join(
        [
            shlex.join(build_a.argv),
            shlex.join(["cp", str(change), str(target)]),
            shlex.join(build_b.argv),
        ]
    )
    return Command(["sh", "-c", script], cwd=build_a.cwd, env=build_a.env)


def copy_site(source: Path, dirs: RunDirs) -> Path:
    """Version A in the run's scratch folder, where the change is made (untimed)."""
    site = dirs.scratch / "site"
    shutil.copytree(source, site)
    return site


@workload("revisit", "bytes a returning visitor refetches after a 1-line change: vs vite")
def revisit(ctx: Context) -> list[Contender]:
    source = ctx.work / "input"
    cached(source, VERSION, generate)
    change = source / "change" / site_gen.CHANGED
    config = ctx.work / "no-importmap.toml"
    config.write_text("[js]\nimport_map = false\n")
    ctx.info.update(pages=site_gen.PAGES, changed=site_gen.CHANGED)

    def assetpipe(*extra: str) -> Callable[[RunDirs], Command]:
        def command(dirs: RunDirs) -> Command:
            site, cache = copy_site(source / "site", dirs), dirs.scratch / "cache"
            build_a = assetpipe_command(ctx, site, dirs.out / "a", cache, *extra)
            build_b = assetpipe_command(ctx, site, dirs.out / "b", cache, *extra)
            return two_builds(dirs, change, build_a, build_b)

        return command

    def vite(dirs: RunDirs) -> Command:
        site = copy_site(source / "site", dirs)
        pages = [site / f"page-{page:02d}.html" for page in range(site_gen.PAGES)]
        vite_config = dirs.scratch / "vite.config.mjs"
        vite_config.write_text(render_vite_config(site, pages, dirs.scratch / "vite-cache"))
        builds = [
            Command(
                [str(npm_bin("vite")), "build", "--config", str(vite_config), "--outDir", str(out)],
                cwd=ctx.work,
            )
            for out in (dirs.out / "a", dirs.out / "b")
        ]
        return two_builds(dirs, change, *builds)

    def vite_setup() -> None:
        ensure_npm(VITE)
        ctx.info["vite"] = npm_version("vite")

    return [
        Contender("assetpipe", assetpipe(), check=check),
        Contender("assetpipe-no-importmap", assetpipe("--config", str(config)), check=check),
        Contender("vite", vite, anchor=True, setup=vite_setup, check=check),
    ]
