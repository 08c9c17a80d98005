"""Workloads ``ts-three10`` and ``ts-real``: cold builds of TypeScript sources of real size.

Inputs (under ``bench/.work/<name>/site/``), each with a ``tsconfig.json`` at the site root, an
``entry.ts`` importing every copy and an ``index.html`` loading it as a module script:

- ``ts-three10``: ``three@0.180.0``'s ``src/`` copied ten times as ``copy1/`` .. ``copy10/``
  (as ``three10``), every ``.js`` file renamed to ``.ts`` while the imports keep their ``.js``
  specifiers (``./math/Vector3.js`` must find ``math/Vector3.ts`` beside it, as TypeScript's
  ``moduleResolution: "bundler"`` does). three.js is plain JavaScript, which parses as
  TypeScript but for one line: ``set image( value = null )`` in ``textures/Texture.js`` (an
  initializer on a set accessor's parameter, TypeScript's error TS1052, which Vite's Oxc
  rejects and esbuild and assetpipe accept) is rewritten to the same behaviour without it.
  ``tsconfig.json``: target ES2022, module ESNext, moduleResolution bundler, allowJs.
- ``ts-real``: ``rxjs@7.8.2``'s TypeScript sources (its npm package ships ``src/``: 251
  ``.ts`` files, 0.8 MB, 61 % of it comments; typed, with extensionless imports, an ``enum``,
  ``declare global``, interfaces re-exported with plain ``export { Name }``, and field
  declarations without initializer that must not become own properties) copied five times
  (only the ``.ts`` files). Each copy's six public entry points (``index``, ``operators``,
  ``ajax``, ``fetch``, ``webSocket``, ``testing``) are imported into ``globalThis.copies``.
  ``tsconfig.json``: target ES2022, module ESNext, moduleResolution bundler, strict, and
  ``useDefineForClassFields: false``, as rxjs's own build has it (its target is ES2015): with
  define semantics ``ColdObservable``'s ``logSubscribedFrame: () => number;`` shadows the
  method mixed into its prototype and the ``TestScheduler`` breaks, whatever the bundler. No
  ``tslib`` is needed: ``importHelpers`` is only rxjs's ``tsc`` build; bundlers write no helpers.

Contenders, all minifying into one ESM chunk with a source map:

- ``assetpipe``: a cold build (a new empty cache folder each round), ``--minify --sourcemap``.
- ``esbuild`` (anchor): ``esbuild entry.ts --bundle --minify --sourcemap --format=esm``.
- ``vite``: ``vite build`` of ``index.html`` with ``build.sourcemap: true``, default minify;
  for ``ts-real`` also ``build.rolldownOptions.shimMissingExports: true``, without which
  Rolldown stops at the re-exported interfaces (``"Operator" is not exported by
  "internal/Operator.ts"``, 19 per copy) where esbuild and assetpipe know them for types.

Figures: ``js_bytes`` and ``js_gzip`` of the JavaScript written (``.map`` files excluded). The
checks run the entry chunk in Node: ``ts-three10`` wants ten namespaces with a ``Vector3`` class
that computes a length; ``ts-real`` wants five distinct namespaces, and from them an ``of``/
``map`` pipeline, an ``interval`` on the async scheduler, a ``BehaviorSubject``, a marble test
run by the ``TestScheduler`` and the ``NotificationKind`` enum to give the expected values.
Goals (the info line): assetpipe's cold ``ratio`` at most 3, ``rss MB`` under 1,536 (three10's
bound), ``js_gzip`` at most 1.05 x esbuild's (``js_gzip/esbuild``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bench.contenders import vite_build
from bench.harness import Command, Contender, Context, RunDirs, cached, tree_figures, workload
from bench.tools import NODE_DIR, ensure_npm, npm_version
from bench.workloads._js import (
    BundleChecks,
    assetpipe_command,
    assetpipe_entry,
    esbuild_contender,
    html_entry,
)

GOALS = "cold ratio <= 3, rss < 1536 MB, js_gzip <= 1.05 x esbuild"

THREE = "three@0.180.0"
THREE_COPIES = 10
THREE_VERSION = f"{THREE} x{THREE_COPIES} as .ts generator-v1"
THREE_TSCONFIG = (
    '{"compilerOptions": {"target": "ES2022", "module": "ESNext", '
    '"moduleResolution": "bundler", "allowJs": true}}\n'
)
# (file, what, replacement): three.js lines that are JavaScript but not TypeScript.
THREE_PATCHES = (
    (
        "textures/Texture.ts",
        "set image( value = null ) {",
        "set image( value ) {\n\n\t\tif ( value === undefined ) value = null;",
    ),
)
THREE_PROBE = (
    "const c = globalThis.copies;"
    " console.log(c.length, typeof c[9].Vector3, new c[9].Vector3(3, 4, 0).length())"
)
THREE_EXPECTED = f"{THREE_COPIES} function 5"

RXJS = "rxjs@7.8.2"
RXJS_COPIES = 5
RXJS_VERSION = f"{RXJS} x{RXJS_COPIES} generator-v1"
RXJS_TSCONFIG = (
    '{"compilerOptions": {"target": "ES2022", "module": "ESNext", '
    '"moduleResolution": "bundler", "strict": true, "useDefineForClassFields": false}}\n'
)
# name in each copy's record: the module it is (extensionless, as rxjs's own imports are)
RXJS_ENTRIES = {
    "index": "index",
    "operators": "operators/index",
    "ajax": "ajax/index",
    "fetch": "fetch/index",
    "webSocket": "webSocket/index",
    "testing": "testing/index",
}
RXJS_PROBE = """\
const c = globalThis.copies;
const { of, map, toArray, interval, take, firstValueFrom, BehaviorSubject } = c.at(-1).index;
const out = [];
of(1, 2, 3).pipe(map((x) => x * 2), toArray()).subscribe((v) => out.push(v));
out.push(await firstValueFrom(interval(1).pipe(take(3), toArray())));
const subject = new BehaviorSubject(1);
subject.next(2);
out.push(subject.value);
const scheduler = new c[0].testing.TestScheduler((got, want) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) throw new Error(JSON.stringify(got));
});
scheduler.run(({ cold, expectObservable }) => {
  const tens = cold('-a-b|', { a: 1, b: 2 }).pipe(c[0].index.map((x) => x * 10));
  expectObservable(tens).toBe('-a-b|', { a: 10, b: 20 });
});
out.push('marbles', c[0].index.NotificationKind.NEXT);
console.log(c.length, new Set(c.map((copy) => copy.index.Observable)).size, JSON.stringify(out));
"""
RXJS_EXPECTED = f'{RXJS_COPIES} {RXJS_COPIES} [[2,4,6],[0,1,2],2,"marbles","N"]'

INDEX_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<script type="module" src="entry.ts"></script>
</head>
<body></body>
</html>
"""


def make_three_site(dest: Path, three_src: Path, copies: int = THREE_COPIES) -> None:
    """``copy1/`` .. ``copyN/`` (three's ``src/``, ``.js`` renamed ``.ts``), ``entry.ts``,
    ``tsconfig.json`` and ``index.html``."""
    names = [f"copy{n}" for n in range(1, copies + 1)]
    for name in names:
        shutil.copytree(three_src, dest / name)
        for dirpath, _, filenames in os.walk(dest / name):
            for filename in filenames:
                if filename.endswith(".js"):
                    path = Path(dirpath, filename)
                    path.rename(path.with_suffix(".ts"))
        for file, old, new in THREE_PATCHES:
            path = dest / name / file
            text = path.read_text()
            if old not in text:
                raise RuntimeError(f"{path}: {old!r} not found (another three.js version?)")
            path.write_text(text.replace(old, new))
    lines = [f"import * as {name} from './{name}/Three.js';" for name in names]
    lines.append(f"(globalThis as {{ copies?: unknown[] }}).copies = [{', '.join(names)}];")
    (dest / "entry.ts").write_text("\n".join(lines) + "\n")
    (dest / "tsconfig.json").write_text(THREE_TSCONFIG)
    (dest / "index.html").write_text(INDEX_HTML.format(title=f"three.js x{copies}, TypeScript"))


def _not_typescript(folder: str, names: list[str]) -> list[str]:
    return [name for name in names if not name.endswith(".ts") and not Path(folder, name).is_dir()]


def make_rxjs_site(dest: Path, rxjs_src: Path, copies: int = RXJS_COPIES) -> None:
    """``copy1/`` .. ``copyN/`` (the ``.ts`` files of rxjs's ``src/``), a typed ``entry.ts``
    importing each copy's entry points, ``tsconfig.json`` and ``index.html``."""
    numbers = range(1, copies + 1)
    for n in numbers:
        shutil.copytree(rxjs_src, dest / f"copy{n}", ignore=_not_typescript)
    lines = [
        f"import * as {key}{n} from './copy{n}/{module}';"
        for n in numbers
        for key, module in RXJS_ENTRIES.items()
    ]
    lines += ["", "interface Copy {"]
    lines += [f"  {key}: typeof {key}1;" for key in RXJS_ENTRIES]
    lines += ["}", "", "const copies: Copy[] = ["]
    lines += [
        "  { " + ", ".join(f"{key}: {key}{n}" for key in RXJS_ENTRIES) + " }," for n in numbers
    ]
    lines += ["];", "(globalThis as { copies?: Copy[] }).copies = copies;"]
    (dest / "entry.ts").write_text("\n".join(lines) + "\n")
    (dest / "tsconfig.json").write_text(RXJS_TSCONFIG)
    (dest / "index.html").write_text(INDEX_HTML.format(title=f"rxjs x{copies}, TypeScript"))


def _contenders(
    ctx: Context,
    site: Path,
    checks: BundleChecks,
    vite_options: dict[str, object],
) -> list[Contender]:
    """assetpipe (cold), esbuild (anchor) and Vite, each bundling ``entry.ts`` with a map."""

    def assetpipe(dirs: RunDirs) -> Command:
        return assetpipe_command(ctx, site, dirs.out, dirs.scratch, "--minify", "--sourcemap")

    return [
        Contender(
            "assetpipe",
            assetpipe,
            check=checks.check("assetpipe", lambda out: assetpipe_entry(out, "entry.ts")),
        ),
        esbuild_contender(
            ctx,
            site,
            "entry.ts",
            checks.check("esbuild", lambda out: out / "entry.js"),
            sourcemap=True,
        ),
        vite_build(
            ctx,
            site,
            [site / "index.html"],
            build={"sourcemap": True, **vite_options},
            check=checks.check("vite", lambda out: html_entry(out, "index.html")),
            anchor=False,
        ),
    ]


def _site_info(ctx: Context, site: Path) -> None:
    figures = tree_figures(site)
    ctx.info.update(site_files=figures["files"], ts_files=figures.get("ts_files", 0))
    ctx.info.update(site_mb=round(figures["bytes"] / 1e6, 1), goals=GOALS)


@workload(
    "ts-three10", "three.js x10 as .ts files, one minified bundle + map: assetpipe vs esbuild, vite"
)
def ts_three10(ctx: Context) -> list[Contender]:
    ensure_npm(THREE)
    site = ctx.work / "site"
    three_src = NODE_DIR / "node_modules" / "three" / "src"
    cached(site, THREE_VERSION, lambda dest: make_three_site(dest, three_src))
    ctx.info["three"] = npm_version("three")
    _site_info(ctx, site)
    checks = BundleChecks(ctx, "esbuild", THREE_PROBE, THREE_EXPECTED)
    return _contenders(ctx, site, checks, {})


@workload(
    "ts-real", "rxjs's TypeScript sources x5, one minified bundle + map: assetpipe vs esbuild, vite"
)
def ts_real(ctx: Context) -> list[Contender]:
    ensure_npm(RXJS)
    site = ctx.work / "site"
    rxjs_src = NODE_DIR / "node_modules" / "rxjs" / "src"
    cached(site, RXJS_VERSION, lambda dest: make_rxjs_site(dest, rxjs_src))
    ctx.info["rxjs"] = npm_version("rxjs")
    _site_info(ctx, site)
    checks = BundleChecks(ctx, "esbuild", RXJS_PROBE, RXJS_EXPECTED)
    rolldown = {"input": [str(site / "index.html")], "shimMissingExports": True}
    return _contenders(ctx, site, checks, {"rolldownOptions": rolldown})
