"""Helpers of the JavaScript workloads (``three10``, ``lodash1``, ``revisit``); not a workload.

- :func:`assetpipe_command`: ``python -m assetpipe build`` from this work tree, *without*
  ``--json``, so a failed build's diagnostics land on stderr, which the report shows (with
  ``--json`` they go to stdout, which the harness discards).
- :func:`js_figures`: ``js_files``, ``js_bytes`` and ``js_gzip`` (gzip -9, mtime 0) of the
  JavaScript an output holds, source maps excluded.
- :func:`run_in_node`: import a built module in Node and compare what it prints.
- :func:`assetpipe_entry`, :func:`html_entry`: the entry chunk of an output (from assetpipe's
  manifest, or from a page's ``<script type="module" src>``).
- :class:`BundleChecks`: the checks of a one-bundle workload (the three above), which also
  write each contender's ``js_gzip`` over the anchor's into the info line.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.harness import (
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    run_untimed,
)
from bench.tools import assetpipe_argv, ensure_npm, npm_bin, npm_version

ESBUILD = "esbuild@0.28"
JS_SUFFIXES = (".js", ".mjs")


def assetpipe_command(ctx: Context, src: Path, out: Path, cache: Path, *extra: str) -> Command:
    """``assetpipe build`` of ``src`` run in the workload folder, defaults unless ``extra``."""
    argv = assetpipe_argv(
        "build", "--src", str(src), "--out", str(out), "--cache-dir", str(cache), *extra
    )
    env = {"PYTHONPATH": str(REPO_DIR), "ASSETPIPE_CONFIG": None, "ASSETPIPE_ENV": None}
    return Command(argv, cwd=ctx.work, env=env)


def prime_cache(ctx: Context, src: Path, cache: Path, *extra: str) -> None:
    """An untimed build that fills ``cache`` (for the ``assetpipe-warm`` contenders)."""
    shutil.rmtree(cache, ignore_errors=True)
    out = ctx.work / "warm-prime-out"
    try:
        run_untimed(assetpipe_command(ctx, src, out, cache, *extra))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def gzip_size(data: bytes) -> int:
    """Bytes of ``data`` after ``gzip -9`` (mtime 0, so the same bytes give the same size)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def js_figures(root: Path, exclude: Sequence[str] = (".assetpipe",)) -> Figures:
    """JavaScript files under ``root`` (top-level ``exclude`` skipped; ``.map`` never counted)."""
    if not root.is_dir():
        raise CheckFailed(f"no output folder {root}")
    files = size = packed = maps = 0
    for path in sorted(_walk(root, exclude)):
        if path.name.endswith(".map"):
            maps += 1
        elif path.suffix in JS_SUFFIXES:
            data = path.read_bytes()
            files, size, packed = files + 1, size + len(data), packed + gzip_size(data)
    if files == 0:
        raise CheckFailed(f"no JavaScript file under {root}")
    return {"js_files": files, "js_bytes": size, "js_gzip": packed, "map_files": maps}


def _walk(root: Path, exclude: Sequence[str]) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d not in exclude]
        found.extend(Path(dirpath, name) for name in filenames)
    return found


def run_in_node(module: Path, probe: str, expected: str, timeout: float = 120) -> None:
    """Import ``module`` in Node, then ``probe`` (JS printing one line) must print ``expected``.

    Raises :class:`CheckFailed` with Node's output when it does not (a broken bundle).
    """
    node = shutil.which("node")
    if node is None:
        raise CheckFailed("node not found on PATH: the output cannot be checked")
    script = f"await import({json.dumps(module.resolve().as_uri())});\n{probe}"
    result = subprocess.run(
        [node, "--input-type=module", "-e", script],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    got = result.stdout.strip()
    if result.returncode != 0 or got != expected:
        detail = (result.stderr or result.stdout).strip()[-1500:]
        raise CheckFailed(
            f"node on {module.name}: expected {expected!r}, got {got!r} "
            f"(exit {result.returncode})\n{detail}"
        )


def assetpipe_entry(out: Path, key: str) -> Path:
    """The chunk assetpipe made for the JS entry ``key`` (a source path), from its manifest."""
    manifest = out / ".assetpipe" / "manifest.json"
    try:
        entry = json.loads(manifest.read_text())["entries"][key]
        return out / entry["file"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise CheckFailed(f"no entry {key!r} in {manifest}: {exc!r}") from None


_MODULE_SCRIPT = re.compile(r"<script\b[^>]*\btype=[\"']?module[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"\bsrc=[\"']?([^\"' >]+)", re.IGNORECASE)


def html_entry(out: Path, page: str) -> Path:
    """The file of the first ``<script type="module" src>`` of the built page ``page``."""
    html = (out / page).read_text(errors="replace")
    for tag in _MODULE_SCRIPT.findall(html):
        src = _SRC.search(tag)
        if src:
            url = src.group(1).split("?")[0]
            base = out if url.startswith("/") else (out / page).parent
            return base / url.lstrip("/")
    raise CheckFailed(f"no <script type=module src> in {out / page}")


class BundleChecks:
    """Checks for the contenders of one workload that bundle one entry.

    Each check counts the JavaScript (:func:`js_figures`), runs the entry chunk in Node with
    ``probe`` (which must print ``expected``) and keeps the contender's ``js_gzip``; once the
    anchor has been checked, ``ctx.info["js_gzip/<anchor>"]`` lists every other contender's
    ``js_gzip`` over the anchor's (last round), so the table's info line shows the size goal.
    """

    def __init__(self, ctx: Context, anchor: str, probe: str, expected: str) -> None:
        self.ctx, self.anchor, self.probe, self.expected = ctx, anchor, probe, expected
        self.gzip: dict[str, float] = {}

    def check(
        self, name: str, entry: Callable[[Path], Path], exclude: Sequence[str] = (".assetpipe",)
    ) -> Callable[[Path], Figures]:
        """The check of contender ``name``; ``entry(out)`` is the chunk to run."""

        def check(out: Path) -> Figures:
            figures = js_figures(out, exclude)
            run_in_node(entry(out), self.probe, self.expected)
            self.gzip[name] = figures["js_gzip"]
            self._update_info()
            return figures

        return check

    def _update_info(self) -> None:
        anchor = self.gzip.get(self.anchor)
        if anchor:
            self.ctx.info[f"js_gzip/{self.anchor}"] = ", ".join(
                f"{name} {size / anchor:.3f}"
                for name, size in self.gzip.items()
                if name != self.anchor
            )


def esbuild_contender(
    ctx: Context, site: Path, entry: str, check: Callable, *, sourcemap: bool
) -> Contender:
    """The anchor of the bundling workloads: `esbuild ENTRY --bundle --minify --format=esm`."""

    def command(dirs: RunDirs) -> Command:
        argv = [
            str(npm_bin("esbuild")),
            entry,
            "--bundle",
            "--minify",
            "--format=esm",
            f"--outdir={dirs.out}",
            "--log-level=warning",
        ]
        if sourcemap:
            argv.insert(4, "--sourcemap")
        return Command(argv, cwd=site)

    def setup() -> None:
        ensure_npm(ESBUILD)
        ctx.info["esbuild"] = npm_version("esbuild")

    return Contender("esbuild", command, anchor=True, setup=setup, check=check)
