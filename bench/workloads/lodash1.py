"""Workload ``lodash1``: tree shaking, one function out of ``lodash-es``, against esbuild.

Input (``bench/.work/lodash1/project/``): a project folder as a user has it, ``node_modules/
lodash-es`` (``lodash-es@4.17.21``, 650 modules, ``"sideEffects": false``, copied from
``bench/.node``) beside the site ``site/``: one ``index.html`` whose module ``main.js`` does
``import { debounce } from 'lodash-es'`` (the package's index, ``lodash.js``, re-exports all
~300 functions) and uses it. A bundler that shakes well keeps ``debounce`` and the dozen
modules it needs (``isObject``, ``now``, ``toNumber``, ...), about 2 KB gzip.

- ``assetpipe``: a cold build, minified, no source map (esbuild writes none either).
- ``esbuild`` (anchor): ``esbuild main.js --bundle --minify --format=esm``.

Figures: ``js_bytes`` and ``js_gzip`` (gzip -9). The check runs the entry chunk in Node, calls
the debounced function and flushes it. The issue's goal: assetpipe's ``js_gzip`` at most 1.2 x
esbuild's (the info line's ``js_gzip/esbuild``). Time is reported but is not the point.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.harness import Command, Contender, Context, RunDirs, cached, workload
from bench.tools import NODE_DIR, ensure_npm, npm_version
from bench.workloads._js import (
    BundleChecks,
    assetpipe_command,
    assetpipe_entry,
    esbuild_contender,
)

LODASH = "lodash-es@4.17.21"
VERSION = f"{LODASH} generator-v1"

MAIN_JS = """\
import { debounce } from 'lodash-es';

// Remember the search box's text at most every 250 ms while the user types.
const onSearchInput = debounce(
  (event) => {
    globalThis.lastQuery = event.target.value;
  },
  250,
  { maxWait: 1000 },
);

globalThis.onSearchInput = onSearchInput;
globalThis.document?.querySelector('#search')?.addEventListener('input', onSearchInput);
"""

INDEX_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Search</title>
<script type="module" src="main.js"></script>
</head>
<body>
<input id="search" type="search" placeholder="Search">
</body>
</html>
"""

PROBE = (
    "const f = globalThis.onSearchInput; f({ target: { value: 'three' } }); f.flush();"
    " console.log(typeof f.cancel, globalThis.lastQuery)"
)
EXPECTED = "function three"


def generate(dest: Path) -> None:
    """``node_modules/lodash-es/`` (copied) and ``site/{index.html,main.js}``."""
    shutil.copytree(NODE_DIR / "node_modules" / "lodash-es", dest / "node_modules" / "lodash-es")
    (dest / "site").mkdir()
    (dest / "site" / "main.js").write_text(MAIN_JS)
    (dest / "site" / "index.html").write_text(INDEX_HTML)


@workload("lodash1", "tree shaking: one function of lodash-es, assetpipe vs esbuild")
def lodash1(ctx: Context) -> list[Contender]:
    ensure_npm(LODASH)
    project = ctx.work / "project"
    cached(project, VERSION, generate)
    site = project / "site"
    ctx.info.update(lodash_es=npm_version("lodash-es"), goal="js_gzip <= 1.2 x esbuild")
    checks = BundleChecks(ctx, "esbuild", PROBE, EXPECTED)

    def assetpipe(dirs: RunDirs) -> Command:
        return assetpipe_command(ctx, site, dirs.out, dirs.scratch, "--minify", "--no-sourcemap")

    return [
        Contender(
            "assetpipe",
            assetpipe,
            check=checks.check("assetpipe", lambda out: assetpipe_entry(out, "main.js")),
        ),
        esbuild_contender(
            ctx,
            site,
            "main.js",
            checks.check("esbuild", lambda out: out / "main.js"),
            sourcemap=False,
        ),
    ]
