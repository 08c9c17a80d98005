"""Bundles run exactly as their sources do: each case under tests/js/cases/ is a set of modules
with a `main.js` that prints what it observes; Node runs the sources and the bundle (minified
and readable) and the two must print the same."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.pipeline.build import build

from ..conftest import require_tool

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "main.js").exists())


def bundle_case(
    src: Path,
    tmp_path: Path,
    *,
    minify: bool,
    import_map: bool = False,
    extra: str = "",
    in_place: bool = False,
    entry: str = "main.js",
) -> tuple[Path, dict]:
    """Build `src` (a folder with `entry`) as a one-page site; returns (output, manifest).
    The site is a copy, unless `in_place` (to find a node_modules folder above `src`)."""
    site = src if in_place else tmp_path / "site"
    if not in_place:
        if site.exists():
            shutil.rmtree(site)
        shutil.copytree(src, site)
    (site / "index.html").write_text(
        f'<!doctype html><script type="module" src="{entry}"></script>\n'
    )
    (tmp_path / "assetpipe.toml").write_text(
        f'[build]\nsrc = "{site}"\nout = "{tmp_path / "out"}"\ncache_dir = "{tmp_path / "c"}"\n'
        f"minify = {str(minify).lower()}\n[js]\nimport_map = {str(import_map).lower()}\n{extra}"
    )
    config, _ = load_config(cwd=tmp_path)
    build(config)
    out = tmp_path / "out"
    return out, json.loads((out / ".assetpipe/manifest.json").read_text())


def run_node(path: Path) -> str:
    """What `path` prints, run as an ES module (as a browser runs a module script, strict),
    whether or not it has an import or export."""
    node = require_tool("node", "nodejs")
    result = subprocess.run(
        [node, "--experimental-default-type=module", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=path.parent,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
@pytest.mark.parametrize("case", CASES)
def test_bundle_prints_what_the_sources_print(case: str, minify: bool, tmp_path: Path):
    expected = run_node(CASES_DIR / case / "main.js")
    assert expected.strip()
    out, manifest = bundle_case(CASES_DIR / case, tmp_path, minify=minify)
    entry = out / manifest["entries"]["main.js"]["file"]
    assert run_node(entry) == expected


def test_one_instance_of_every_module(tmp_path: Path):
    out, manifest = bundle_case(CASES_DIR / "splitting", tmp_path, minify=False)
    chunks = {p.name: p.read_text() for p in (out / "assets").glob("*.js")}
    # shared.js is statically imported by main and by both lazy modules: it lives in one chunk
    holders = [name for name, text in chunks.items() if "shared evaluates once" in text]
    assert len(holders) == 1
    # lazy-util.js is shared by the two lazy chunks only: a chunk of its own
    util = [name for name, text in chunks.items() if '"util"' in text]
    assert len(util) == 1 and util != holders
    main = manifest["entries"]["main.js"]
    assert sorted(main["dynamicImports"]) == ["lazy.js", "other.js"]


def test_unused_exports_are_dropped(tmp_path: Path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.js").write_text('import { used } from "./lib.js";\nconsole.log(used());\n')
    (src / "lib.js").write_text(
        "export function used() { return helper(); }\n"
        "function helper() { return 'used'; }\n"
        "export function unusedFunction() { return 'UNUSED_MARKER_1'; }\n"
        "export const unusedConst = 'UNUSED_MARKER_2';\n"
        "export class UnusedClass { m() { return 'UNUSED_MARKER_3'; } }\n"
        "console.log('side effect kept');\n"
    )
    out, _ = bundle_case(src, tmp_path / "b", minify=False)
    text = "".join(p.read_text() for p in (out / "assets").glob("*.js"))
    assert "UNUSED_MARKER" not in text
    assert "side effect kept" in text and "helper" in text


def test_minified_names_are_short_and_locals_shortened(tmp_path: Path):
    out, manifest = bundle_case(CASES_DIR / "collisions", tmp_path, minify=True)
    text = (out / manifest["entries"]["main.js"]["file"]).read_text()
    assert "function helper" not in text and "const local" not in text  # renamed
    code, comment = text.rstrip("\n").rsplit("\n", 1)
    assert "\n" not in code and comment.startswith("//# sourceMappingURL=")


def test_import_map_keeps_importers_names_when_a_dependency_changes(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(CASES_DIR / "splitting", src)
    _, first = bundle_case(src, tmp_path / "one", minify=True, import_map=True)
    (src / "lazy-util.js").write_text('export const util = () => "util, changed";\n')
    _, second = bundle_case(src, tmp_path / "two", minify=True, import_map=True)
    changed = {
        k
        for k in first["entries"]
        if k in second["entries"] and first["entries"][k]["file"] != second["entries"][k]["file"]
    }
    assert changed == {"_lazy-util.js"}
    _, third = bundle_case(src, tmp_path / "three", minify=True, import_map=False)
    (src / "lazy-util.js").write_text('export const util = () => "util, changed again";\n')
    _, fourth = bundle_case(src, tmp_path / "four", minify=True, import_map=False)
    cascade = {
        k for k in third["entries"] if third["entries"][k]["file"] != fourth["entries"][k]["file"]
    }
    assert cascade > {"_lazy-util.js"}  # without an import map, importers are renamed too


def test_a_syntax_error_is_reported_once_not_again_by_every_import_of_the_module(tmp_path):
    from assetpipe.diagnostics import BuildFailed

    src = tmp_path / "case"
    src.mkdir()
    (src / "main.js").write_text('import { a, b } from "./lib.js";\nexport * from "./re.js";\n')
    (src / "re.js").write_text('export { a as c } from "./lib.js";\n')
    (src / "lib.js").write_text("export const a = 1;\nexport functio b() {}\n")
    with pytest.raises(BuildFailed) as failed:
        bundle_case(src, tmp_path, minify=True)
    codes = [(d.code, d.location.path.rsplit("/", 1)[-1]) for d in failed.value.diagnostics]
    assert codes == [("js-syntax", "lib.js")]


def _package(root: Path, name: str, files: dict[str, str], **manifest: object) -> None:
    folder = root / "node_modules" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "package.json").write_text(json.dumps({"name": name, **manifest}))
    for rel, text in files.items():
        (folder / rel).write_text(text)


def test_side_effects_false_keeps_what_a_used_module_runs(tmp_path: Path):
    """`"sideEffects": false` lets a module none of whose exports are used be dropped whole;
    a module that is used runs all its statements, as webpack, Rollup and esbuild read the flag
    (three.js's `Object3D.DEFAULT_UP = ...`, d3's and gsap's registrations; issue #12)."""
    src = tmp_path / "src"
    src.mkdir()
    _package(
        src,
        "fx",
        {
            "index.js": 'export { Obj } from "./obj.js";\nexport { answer } from "./init.js";\n'
            'export { unused } from "./unused.js";\n',
            "obj.js": "export class Obj { constructor() { this.up = Obj.DEFAULT_UP } }\n"
            "Obj.DEFAULT_UP = [0, 1, 0];\n",
            "init.js": "const registry = {};\nfunction init(n) { registry.value = n * 2 }\n"
            "init(21);\nexport const answer = () => registry.value;\n",
            "unused.js": 'globalThis.UNUSED_RAN = "UNUSED_MARKER";\nexport const unused = 1;\n',
        },
        sideEffects=False,
        module="index.js",
    )
    (src / "main.js").write_text(
        'import { Obj, answer } from "fx";\n'
        "console.log(JSON.stringify(new Obj().up), answer(), globalThis.UNUSED_RAN);\n"
    )
    for minify in (True, False):
        (tmp_path / str(minify)).mkdir()
        out, manifest = bundle_case(src, tmp_path / str(minify), minify=minify, in_place=True)
        entry = out / manifest["entries"]["main.js"]["file"]
        assert run_node(entry) == "[0,1,0] 42 undefined\n"
        assert "UNUSED_MARKER" not in entry.read_text()  # an unused module still goes


def test_an_invalid_escape_in_an_untagged_template_is_a_located_error(tmp_path: Path):
    from assetpipe.diagnostics import BuildFailed

    src = tmp_path / "case"
    src.mkdir()
    (src / "main.js").write_text("const ok = String.raw`\\u`;\nconst bad = `a\\unicode`;\n")
    with pytest.raises(BuildFailed) as failed:
        bundle_case(src, tmp_path, minify=True)
    (d,) = failed.value.diagnostics
    assert (d.code, d.location.line, d.location.column) == ("js-syntax", 2, 15)
    assert "only a tagged template" in d.message


def test_process_env_node_env_is_production_and_dead_branches_go(tmp_path: Path):
    """`process.env.NODE_ENV` is "production" in a build, as esbuild, Vite and webpack make it
    (immer, Redux Toolkit, echarts, nanostores, TanStack Query read it: a browser has no
    `process`, issue #12), and the development-only code it guards is left out."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.js").write_text(
        "import { check } from './dev.js'\n"
        "if (process.env.NODE_ENV !== 'production') check('DEV_ONLY_MARKER')\n"
        "function f(x) {\n"
        "  if (process.env.NODE_ENV === 'development') { check(x) } else { x++ }\n"
        "  if ('production' === process.env.NODE_ENV) return x\n"
        "  process.env.NODE_ENV !== 'production' && check('DEV_ONLY_MARKER'); x++\n"
        "  process.env.NODE_ENV === 'production' || check('DEV_ONLY_MARKER')\n"
        "  return -1\n"
        "}\n"
        "const mode = process.env.NODE_ENV, o = process.env.NODE_ENV != 'production' ? {dev: 1}"
        " : {prod: 1}\n"
        "const w = process.env.NODE_ENV !== 'production' && check(), k = 'production'"
        "===process.env.NODE_ENV&&'yes'\n"
        "let own = (process) => process.env.NODE_ENV\n"
        "console.log(f(1), mode, JSON.stringify(o), w, k, own({env: {NODE_ENV: 'given'}}))\n"
    )
    (src / "dev.js").write_text("export function check(x) { throw new Error(x) }\n")
    for minify in (True, False):
        (tmp_path / str(minify)).mkdir()
        out, manifest = bundle_case(src, tmp_path / str(minify), minify=minify)
        entry = out / manifest["entries"]["main.js"]["file"]
        assert run_node(entry) == '2 production {"prod":1} false yes given\n'
        text = entry.read_text()
        assert "DEV_ONLY_MARKER" not in text and "Error" not in text  # check() is dead too
        if minify:  # the statements that only call check() in development are gone whole
            assert re.search(r"(\w)\+\+;return-1", text), text


def test_pure_annotations_before_parentheses_are_honoured(tmp_path: Path):
    """fflate writes `var A = /*#__PURE__*/ (function () {...}())`: unused, it goes, as with
    esbuild (it stayed, and fflate's bundle was 1.44x esbuild's; issue #12)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.js").write_text(
        "var A = /*#__PURE__*/ (function () { function A() { this.m = 'UNUSED_A' }"
        " return A; }());\n"
        "var B = /*#__PURE__*/ (function () { return 'UNUSED_B' })();\n"
        "var C = /*#__PURE__*/ ((function () { return 'used' }()));\n"
        "var D = (function () { return 'KEPT_D' }());\n"
        "console.log(C);\n"
    )
    out, manifest = bundle_case(src, tmp_path, minify=True)
    entry = out / manifest["entries"]["main.js"]["file"]
    assert run_node(entry) == "used\n"
    text = entry.read_text()
    assert "UNUSED" not in text and "KEPT_D" in text  # not annotated: it may have effects


def test_statements_join_as_esbuild_writes_them(tmp_path: Path):
    out, manifest = bundle_case(CASES_DIR / "joined-statements", tmp_path, minify=True)
    text = (out / manifest["entries"]["main.js"]["file"]).read_text()
    assert "=e*10,t=t*10;else" in text  # a block of two assignments: one, without braces
    assert '"use strict";e+=1' in text  # a directive never joins
    assert "case 1:e++,t++;break" in text
    assert "for(let s of[1])" in text and "for(const e of[1])e=2" in text
    assert not re.search(r"[^,\[],[\])}]", text)  # no trailing comma
    assert "[1,,]" in text and "[,]" in text  # holes are elements
    assert re.search(r"if\(\w===1\|\|\w>2\|\|\w\)return!1;if\(\w===5\|\|\w===5\)return;", text)
    assert re.search(r"if\(\w\?\?\w\)return 7;if\(\w\)return 7;", text)
    assert re.search(r'return Number.isNaN\(\w\)\?"<NaN>":!Number.isFinite', text)
    assert re.search(r"return \w\?\{x:1\}:\{y:2\}", text)
    assert re.search(r"if\(\w\)return;return 1", text)  # `return` alone has no value


def test_an_import_whose_failure_the_code_handles_may_name_a_missing_module(tmp_path: Path):
    """As esbuild: an `import()` inside `try`, or with `.catch()` / `.then(ok, failed)`, of a
    module that is not there is a warning and stays as written; the page handles it at run
    time. Anywhere else it is an error."""
    from assetpipe.diagnostics import BuildFailed

    src = tmp_path / "case"
    src.mkdir()
    (src / "main.js").write_text(
        "try {\n  await import('./optional.js');\n} catch {\n  console.log('no optional');\n}\n"
        "await import('./gone.js').catch(() => console.log('caught'));\n"
        "await import('./gone-too.js').then(() => {}, () => console.log('then, failed'));\n"
        "const got = await import('./here.js');\nconsole.log(got.x);\n"
        "const empty = import('');\nawait empty.catch(() => console.log('empty'));\n"
    )
    (src / "here.js").write_text("export const x = 'here';\n")
    out, _ = bundle_case(src, tmp_path, minify=True)
    entry = next((out / "assets").glob("main-*.js"))
    assert run_node(entry).splitlines() == [
        "no optional",
        "caught",
        "then, failed",
        "here",
        "empty",
    ]
    config, _ = load_config(cwd=tmp_path)
    warned = [(d.code, d.location.line) for d in build(config).warnings]
    assert warned == [
        ("missing-file", 2),
        ("missing-file", 6),
        ("missing-file", 7),
        ("missing-package", 10),
    ]

    (src / "main.js").write_text(
        "function later() {\n  return import('./gone.js').then(() => {});\n}\n"
        "try {\n  (() => import('./gone-too.js'))();\n} catch {}\nlater();\n"
    )
    with pytest.raises(BuildFailed) as failed:
        bundle_case(src, tmp_path, minify=True)
    found = [(d.code, d.location.line) for d in failed.value.diagnostics]
    assert found == [("missing-file", 2), ("missing-file", 5)]


def test_a_json_module_imported_with_options_known_only_at_run_time_is_an_error(tmp_path):
    from assetpipe.diagnostics import BuildFailed

    src = tmp_path / "case"
    src.mkdir()
    (src / "main.js").write_text(
        "const options = { with: { type: 'json' } };\n"
        "const data = await import('./data.json', options);\n"
    )
    (src / "data.json").write_text('{"x": 1}\n')
    with pytest.raises(BuildFailed) as failed:
        bundle_case(src, tmp_path, minify=True)
    [found] = failed.value.diagnostics
    assert (found.code, found.location.line, found.location.column) == ("import-options", 2, 28)
    assert "with: { type: 'json' }" in found.notes[0]
