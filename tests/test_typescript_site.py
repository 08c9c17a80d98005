"""TypeScript and JSX as a user meets them through `assetpipe build` and `watch`: errors at the
`.ts` file's line and column (syntax, tsconfig, constructs the tool refuses), files the tool does
not compile refused by name, source maps that show the `.ts` text, and watch recompiling."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from .conftest import require_tool, run_cli, write_files
from .test_watch import Watch, _mark, watch  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow  # the CLI, Node

PAGE = '<!doctype html><title>t</title><script type="module" src="/src/main.ts"></script>\n'


def build(tmp_path: Path, files: dict[str, str]):
    src = write_files(tmp_path / "site", files)
    out = tmp_path / "out"
    result = run_cli(
        "build",
        "--src",
        str(src),
        "--out",
        str(out),
        "--cache-dir",
        str(tmp_path / "c"),
        cwd=tmp_path,
    )
    return result, out


def test_a_typescript_entry_is_bundled_and_the_page_points_at_the_bundle(tmp_path: Path):
    result, out = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "import { n } from './n'\nconst x: number = n * 2\n"
            "document.title = String(x as number)\n",
            "src/n.ts": "export const n: number = 21\n",
        },
    )
    assert result.returncode == 0, result.stderr
    html = (out / "index.html").read_text()
    (src,) = re.findall(r'<script type="module" src="([^"]+)"', html)
    assert src.startswith("/assets/main-") and src.endswith(".js")
    code = (out / src.lstrip("/")).read_text()
    assert code.startswith("let t=21,e=t*2;document.title=String(e);"), code
    assert not list(out.rglob("*.ts"))


def test_a_syntax_error_is_located_in_the_ts_file_and_the_output_is_kept(tmp_path: Path):
    files = {"index.html": PAGE, "src/main.ts": "interface A { a: number }\nconst a: A = {a: 1}\n"}
    result, out = build(tmp_path, files)
    assert result.returncode == 0, result.stderr
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    files["src/main.ts"] += "enum E { A,\nlet x = (1 +;\n"
    result, _ = build(tmp_path, files)
    assert result.returncode == 1
    assert re.search(r"src/main\.ts:4:\d+: error\[js-syntax\]", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_an_error_after_erased_types_points_at_the_ts_text(tmp_path: Path):
    # the analyser works on the compiled JavaScript; the location is mapped back
    result, _ = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "type T = { a: string; b: number }\nconst v: T = { a: 'x', b: 1 }\n"
            "import { missing } from './other'\nconsole.log(v, missing)\n",
            "src/other.js": "export const present = 1\n",
        },
    )
    assert result.returncode == 1
    assert "src/main.ts:3:10: error[missing-export]" in result.stderr, result.stderr


def test_a_malformed_tsconfig_is_a_located_error(tmp_path: Path):
    result, _ = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "export {}\n",
            # comments and trailing commas are fine; the missing comma is not
            "tsconfig.json": '{\n  // settings\n  "compilerOptions": { "jsx": "react-jsx", },\n'
            '  "include": ["src"]\n  "exclude": []\n}\n',
        },
    )
    assert result.returncode == 1
    assert re.search(r"tsconfig\.json:5:3: error\[tsconfig\]", result.stderr), result.stderr


def test_constructs_the_tool_refuses_name_themselves(tmp_path: Path):
    result, _ = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "import fs = require('fs')\nexport = fs\n",
        },
    )
    assert result.returncode == 1
    assert "src/main.ts:1:1: error[js-syntax]: import x = require() is CommonJS" in result.stderr
    # a standard decorator on a #private member (esbuild lowers those with WeakMaps; we do not)
    result, _ = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "function d(v: any, c: any) { return v }\n"
            "class A {\n  @d #secret() {}\n}\n",
        },
    )
    assert result.returncode == 1
    assert "src/main.ts:3:3: error[js-syntax]: this decorator is not supported" in result.stderr


def test_files_the_tool_does_not_compile_are_refused_by_name(tmp_path: Path):
    result, out = build(
        tmp_path,
        {
            "index.html": '<!doctype html><link rel="stylesheet" href="styles/app.scss">\n'
            '<script type="module" src="/src/widget.vue"></script>\n'
            '<script type="module" src="/src/main.ts"></script>\n',
            "styles/app.scss": "$c: red; body { color: $c }\n",
            "src/widget.vue": "<template><p>hi</p></template>\n",
            "src/main.ts": "import App from './App.svelte'\nconsole.log(App)\n",
            "src/App.svelte": "<p>hi</p>\n",
        },
    )
    assert result.returncode == 1
    err = result.stderr
    assert (
        "index.html:1:45: error[unsupported-language]: cannot load 'styles/app.scss': Sass stylesheets"
        in err
    )
    assert "cannot load '/src/widget.vue': Vue single-file components" in err
    assert "src/main.ts:1:18: error[unsupported-language]: cannot import './App.svelte'" in err
    assert not out.exists()


def test_source_maps_show_the_typescript_and_node_reports_its_lines(tmp_path: Path):
    node = require_tool("node", "nodejs")
    result, out = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/main.ts": "interface Options {\n  loud: boolean\n}\nenum Level { Low, High }\n"
            "function fail(o: Options): never {\n  throw new Error('at line 6 ' + Level.High)\n}\n"
            "try { fail({ loud: true }) } catch (e) { console.log((e as Error).stack) }\n",
        },
    )
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())
    chunk = out / manifest["entries"]["src/main.ts"]["file"]
    data = json.loads((chunk.parent / (chunk.name + ".map")).read_text())
    assert data["sources"] == ["../src/main.ts"]
    assert data["sourcesContent"][0].startswith("interface Options {")
    run = subprocess.run(
        [node, "--enable-source-maps", str(chunk)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert re.search(r"src/main\.ts:6:\d+", run.stdout), run.stdout


def test_watch_recompiles_a_changed_ts_file(watch):  # noqa: F811
    def edit(src: Path) -> None:
        (src / "js" / "greet.ts").write_text(
            "export const greet = (n: string): string => 'hi ' + n\n"
        )
        main = src / "js" / "main.js"
        main.write_text(
            "import { greet } from './greet'\nconsole.log(greet('x'))\n" + main.read_text()
        )

    w = watch(edit=edit)
    (w.src / "js" / "greet.ts").write_text(
        "export const greet = (n: string): string => 'hello ' + (n satisfies string)\n"
    )
    assert w.next_build()[0] == "reload"
    _mark(w, "main", "'hello '")
    (w.src / "js" / "greet.ts").write_text("export const greet = (n: string =>\n")
    event, data, _ = w.next_build()
    assert event == "build-error"
    assert "greet.ts:1:" in data["diagnostics"][0]
    assert w.stop() == 0


def test_tsconfig_extends_a_package_and_a_relative_file(tmp_path: Path):
    result, out = build(
        tmp_path,
        {
            "index.html": PAGE.replace("main.ts", "main.tsx"),
            "node_modules/@acme/tsconfig/tsconfig.json": '{ "compilerOptions": '
            '{ "jsx": "react", "jsxFactory": "h", "experimentalDecorators": true } }',
            "config/base.json": '{ "extends": "@acme/tsconfig", '
            '"compilerOptions": { "jsxFragmentFactory": "Frag" } }',
            "tsconfig.json": '{ "extends": "./config/base", "include": ["src"] }',
            "src/main.tsx": "declare function h(...a: unknown[]): unknown\ndeclare const Frag: unknown\n"
            "function seal(c: Function) { Object.seal(c) }\n@seal class A {}\n"
            "document.title = String([<p>x</p>, <></>, A])\n",
        },
    )
    assert result.returncode == 0, result.stderr
    code = next((out / "assets").glob("main-*.js")).read_text()
    assert 'h("p",null,"x")' in code and "h(Frag,null)" in code and "__decorate" not in code
    assert "Object.defineProperty" in code  # the helper's body, renamed


def test_emit_decorator_metadata_is_refused_where_a_decorator_is_used(tmp_path: Path):
    result, _ = build(
        tmp_path,
        {
            "index.html": PAGE,
            "tsconfig.json": '{ "compilerOptions": { "experimentalDecorators": true, '
            '"emitDecoratorMetadata": true } }',
            "src/main.ts": "function d(c: any) {}\n\n@d class A {}\n",
        },
    )
    assert result.returncode == 1
    assert "src/main.ts:3:1: error[js-syntax]: emitDecoratorMetadata needs the types" in (
        result.stderr
    )


def test_a_missing_name_the_code_uses_is_an_error_and_one_only_passed_on_is_not(
    tmp_path: Path,
):
    # `import { z } from` a module without `z`, then `z.object()`: esbuild's error too (it was
    # taken for a type and became undefined at run time); `export { User }` of an interface is
    # left out, as esbuild and tsc with isolatedModules do
    files = {
        "index.html": PAGE,
        "src/types.ts": "export interface User { name: string }\nexport const n = 1\n",
        "src/main.ts": "import { n, User } from './types'\nexport { User }\n"
        "export { User as Person } from './types'\nconsole.log(n)\n",
    }
    result, _ = build(tmp_path, files)
    assert result.returncode == 0, result.stderr
    files["src/main.ts"] += "import { z } from './types'\nconsole.log(z.object)\n"
    result, _ = build(tmp_path, files)
    assert result.returncode == 1
    assert "src/main.ts:5:10: error[missing-export]: './types' does not export 'z'" in (
        result.stderr
    )


def test_type_errors_are_not_build_errors_and_types_conditions_are_not_code(tmp_path: Path):
    result, out = build(
        tmp_path,
        {
            "index.html": PAGE,
            # a type error (tsc would refuse it) builds, as with esbuild and Vite
            "src/main.ts": "import { v } from 'typed'\nconst n: number = 'not a number' as any"
            " as string\ndocument.title = String(n) + v\n",
            # a package whose `types` condition comes first: the code is the `import` one
            "node_modules/typed/package.json": '{ "name": "typed", "exports": { ".": '
            '{ "types": "./index.d.ts", "import": "./index.js" } } }',
            "node_modules/typed/index.d.ts": "export declare const v: string;\n",
            "node_modules/typed/index.js": "export const v = '-from-code';\n",
        },
    )
    assert result.returncode == 0, result.stderr
    code = next((out / "assets").glob("main-*.js")).read_text()
    assert "-from-code" in code and "declare" not in code


def test_a_const_enum_from_another_file_is_inlined_where_it_is_read(tmp_path: Path):
    result, out = build(
        tmp_path,
        {
            "index.html": PAGE,
            "src/flags.ts": "export const enum Flags { None = 0, Bold = 1 << 0, Italic = 1 << 1,"
            " Both = Bold | Italic }\nexport const enum Name { Title = 'title' }\n",
            "src/main.ts": "import { Flags, Name } from './flags'\n"
            "document.title = Name.Title + (Flags.Both | Flags.None) + Flags['Bold']\n",
        },
    )
    assert result.returncode == 0, result.stderr
    code = next((out / "assets").glob("main-*.js")).read_text()
    assert code.startswith('document.title="title"+(3|0)+1;'), code  # no enum object shipped
