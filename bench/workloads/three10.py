"""Workload ``three10``: esbuild's own benchmark, ten copies of three.js bundled into one file.

Input (``bench/.work/three10/site/``): ``three@0.180.0``'s ``src/`` (711 files, 5.8 MB) copied
ten times as ``copy1/`` .. ``copy10/``, an ``entry.js`` doing ``import * as copyN from
'./copyN/Three.js'`` for each and ``globalThis.copies = [copy1, ..., copy10]`` (so every export
is used and nothing can be shaken off), and an ``index.html`` loading it as a module script.
Every contender bundles and minifies it into one ESM chunk with a source map:

- ``assetpipe``: a cold build (a new empty cache folder each round), defaults (minify and
  source maps on).
- ``assetpipe-warm``: the same with one cache folder primed at setup (a rebuild, no change).
- ``esbuild`` (anchor): ``esbuild entry.js --bundle --minify --sourcemap --format=esm``.
- ``vite``: ``vite build`` of ``index.html`` with ``build.sourcemap: true``, default minify.

Figures: ``js_bytes`` and ``js_gzip`` of the JavaScript written (``.map`` files excluded). The
check runs the entry chunk in Node and wants ``globalThis.copies`` to hold ten namespaces with a
``Vector3`` class. The issue's goals: assetpipe's cold ``ratio`` at most 3 and ``rss MB`` under
1,536; its ``js_gzip`` within 5 % of esbuild's (the info line's ``js_gzip/esbuild``); the warm
rebuild faster than esbuild's cold build (``assetpipe-warm``'s ratio below 1).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.contenders import vite_build
from bench.harness import (
    Command,
    Contender,
    Context,
    RunDirs,
    cached,
    tree_figures,
    workload,
)
from bench.tools import NODE_DIR, ensure_npm, npm_version
from bench.workloads._js import (
    BundleChecks,
    assetpipe_command,
    assetpipe_entry,
    esbuild_contender,
    html_entry,
    prime_cache,
)

THREE = "three@0.180.0"
COPIES = 10
VERSION = f"{THREE} x{COPIES} generator-v1"
PROBE = "console.log(globalThis.copies.length, typeof globalThis.copies[9].Vector3)"
EXPECTED = f"{COPIES} function"
GOALS = "cold ratio <= 3, rss < 1536 MB, js_gzip <= 1.05 x esbuild, warm ratio < 1"


def generate(dest: Path) -> None:
    """``copy1/`` .. ``copy10/`` (three's ``src/``), ``entry.js`` and ``index.html``."""
    three_src = NODE_DIR / "node_modules" / "three" / "src"
    for n in range(1, COPIES + 1):
        shutil.copytree(three_src, dest / f"copy{n}")
    names = [f"copy{n}" for n in range(1, COPIES + 1)]
    lines = [f"import * as {name} from './{name}/Three.js';" for name in names]
    lines.append(f"globalThis.copies = [{', '.join(names)}];")
    (dest / "entry.js").write_text("\n".join(lines) + "\n")
    (dest / "index.html").write_text(
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>three.js x10</title>\n"
        '<script type="module" src="entry.js"></script>\n</head>\n<body></body>\n</html>\n'
    )


@workload("three10", "10 copies of three.js, one minified bundle + map: assetpipe vs esbuild")
def three10(ctx: Context) -> list[Contender]:
    ensure_npm(THREE)
    site = ctx.work / "site"
    cached(site, VERSION, generate)
    figures = tree_figures(site)
    ctx.info.update(three=npm_version("three"), site_files=figures["files"])
    ctx.info.update(site_mb=round(figures["bytes"] / 1e6, 1), goals=GOALS)
    ratios = BundleChecks(ctx, "esbuild", PROBE, EXPECTED)
    flags = ("--minify", "--sourcemap")
    cache = ctx.work / "warm-cache"

    def assetpipe(dirs: RunDirs) -> Command:
        return assetpipe_command(ctx, site, dirs.out, dirs.scratch, *flags)

    def assetpipe_warm(dirs: RunDirs) -> Command:
        return assetpipe_command(ctx, site, dirs.out, cache, *flags)

    def apipe_entry(out: Path) -> Path:
        return assetpipe_entry(out, "entry.js")

    vite = vite_build(
        ctx,
        site,
        [site / "index.html"],
        build={"sourcemap": True},
        check=ratios.check("vite", lambda out: html_entry(out, "index.html")),
        anchor=False,
    )
    return [
        Contender("assetpipe", assetpipe, check=ratios.check("assetpipe", apipe_entry)),
        Contender(
            "assetpipe-warm",
            assetpipe_warm,
            setup=lambda: prime_cache(ctx, site, cache, *flags),
            check=ratios.check("assetpipe-warm", apipe_entry),
        ),
        esbuild_contender(
            ctx,
            site,
            "entry.js",
            ratios.check("esbuild", lambda out: out / "entry.js"),
            sourcemap=True,
        ),
        vite,
    ]
