"""CommonJS interop (issue #15): each case is a small app whose packages are CommonJS, built by
assetpipe and by esbuild (from npm) and run in Node; the two must print the same. The cases
are written here as files rather than folders, since `node_modules/` folders are not kept in
git."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assetpipe.pipeline.build import BuildFailed

from .test_bundle import bundle_case, run_node
from .test_typescript import esbuild, esbuild_prints, ts_tools  # noqa: F401 (fixtures)

CASES: dict[str, dict[str, str]] = {
    # every export shape an ES module can import from
    "export-shapes": {
        "main.js": """
import fn, { named as n } from "fn-export";
import obj, { a, b } from "object-export";
import * as props from "exports-props";
import { version } from "defined";
import babel, { helper } from "babel-esm";
import ts, { fromStar } from "ts-star";
import * as tsNs from "ts-star";
console.log(typeof fn, fn(2), n, obj.a, a, b);
console.log(props.x, props.y, props.default.x, Object.keys(props).sort().join());
console.log(version, babel, helper(), typeof ts, fromStar, tsNs.own);
""",
        "node_modules/fn-export/index.js": "module.exports = function (x) { return x * 3 };\n"
        "module.exports.named = 'named';\n",
        "node_modules/object-export/index.js": "module.exports = { a: 1, b: [2] };\n",
        "node_modules/exports-props/index.js": "exports.x = 'x'; module.exports.y = 'y';\n",
        "node_modules/defined/index.js": "Object.defineProperty(exports, 'version', "
        "{ enumerable: true, get: function () { return '1.2.3' } });\n",
        "node_modules/babel-esm/index.js": "'use strict';\n"
        "Object.defineProperty(exports, '__esModule', { value: true });\n"
        "exports.default = 'the default';\nexports.helper = () => 'helped';\n",
        "node_modules/ts-star/index.js": "'use strict';\n"
        "var __exportStar = function (m, e) { for (var p in m) if (p !== 'default' && "
        "!Object.prototype.hasOwnProperty.call(e, p)) e[p] = m[p]; };\n"
        "Object.defineProperty(exports, '__esModule', { value: true });\n"
        "__exportStar(require('./star'), exports);\nexports.own = 'own';\n",
        "node_modules/ts-star/star.js": "exports.fromStar = 'from star';\n",
    },
    # `export *` of CommonJS passes on the names its code visibly exports
    "export-star": {
        "main.js": """
import { x, y, local } from "./barrel.js";
import * as barrel from "./barrel.js";
console.log(x, y, local, Object.keys(barrel).sort().join());
""",
        "barrel.js": 'export * from "./cjs.js";\nexport const local = "local";\n',
        "cjs.js": "exports.x = 1;\nexports.y = 2;\n",
    },
    # a cycle sees the exports so far, as in Node; each module runs once, when first required
    "cycles-and-order": {
        "main.js": """
console.log("main starts");
import { fromA } from "./a.cjs";
const lazy = () => require("./lazy.cjs");
console.log(fromA, lazy().value, lazy() === lazy());
""",
        "a.cjs": "console.log('a runs');\nexports.early = 'early';\n"
        "const b = require('./b.cjs');\nexports.fromA = 'a sees ' + b.seen;\n",
        "b.cjs": "console.log('b runs');\nconst a = require('./a.cjs');\n"
        "exports.seen = Object.keys(a).join() + ':' + typeof a.fromA;\n",
        "lazy.cjs": "console.log('lazy runs');\nexports.value = 'lazy';\n",
    },
    # require() of an ES module gives its namespace, and of JSON the value
    "require-esm-and-json": {
        "main.js": """
const esm = require("./esm.js");
const data = require("./data.json");
console.log(Object.keys(esm).sort().join(), esm.default, esm.named, esm.__esModule);
console.log(data.name, data.list.length);
const viaCjs = require("./uses-esm.cjs");
console.log(viaCjs.twice(4));
""",
        "esm.js": 'export default "esm default";\nexport const named = "esm named";\n',
        "data.json": '{"name": "data", "list": [1, 2, 3]}',
        "uses-esm.cjs": "const { double } = require('./math.mjs');\n"
        "exports.twice = (x) => double(x);\n",
        "math.mjs": "export const double = (x) => x * 2;\n",
    },
    # `this`, `module`, `exports` and a top-level return, as in Node
    "module-scope": {
        "main.js": """
import scope from "./scope.cjs";
import early from "./early.cjs";
console.log(scope.thisIsExports, scope.kinds, early.before, early.after);
""",
        "scope.cjs": "exports.thisIsExports = this === module.exports;\n"
        "exports.kinds = [typeof module, typeof exports, typeof module.exports].join();\n",
        "early.cjs": "exports.before = 1;\nif (true) return;\nexports.after = 2;\n",
    },
    # UMD wrappers take their CommonJS branch
    "umd": {
        "main.js": 'import lib from "./umd.js";\nconsole.log(lib.name, typeof globalThis.Umd);\n',
        "umd.js": "(function (root, factory) {\n"
        "  if (typeof define === 'function' && define.amd) define([], factory);\n"
        "  else if (typeof module === 'object' && module.exports) module.exports = factory();\n"
        "  else root.Umd = factory();\n"
        "}(this, function () { return { name: 'umd' }; }));\n",
    },
    # `typeof require` is "function", as esbuild makes it: moment's locales (UMD) check it
    # before `factory(require('../moment'))` (the corpus found this)
    "typeof-require": {
        "main.js": 'import "./locale.js";\nimport lib from "./lib.js";\n'
        "console.log(lib.locales.join(), typeof require);\n",
        "lib.js": "exports.locales = [];\nexports.define = (n) => exports.locales.push(n);\n",
        "locale.js": "(function (global, factory) {\n"
        "  typeof exports === 'object' && typeof module !== 'undefined'\n"
        "    && typeof require === 'function' ? factory(require('./lib.js')) :\n"
        "  factory(global.lib);\n"
        "}(this, function (lib) { lib.define('fr'); }));\n",
    },
    # React's own entry: only the file NODE_ENV selects is bundled
    "node-env-dispatch": {
        "main.js": 'import lib from "dispatch";\nconsole.log(lib.mode);\n',
        "node_modules/dispatch/index.js": "'use strict';\n"
        "if (process.env.NODE_ENV === 'production') {\n"
        "  module.exports = require('./cjs/dispatch.production.js');\n"
        "} else {\n  module.exports = require('./cjs/dispatch.development.js');\n}\n",
        "node_modules/dispatch/cjs/dispatch.production.js": "exports.mode = 'production';\n",
        "node_modules/dispatch/cjs/dispatch.development.js": "exports.mode = 'development';\n",
    },
    # import() of a CommonJS module resolves to what `import * as` gives
    "dynamic-import": {
        "main.js": """
const ns = await import("./lazy.cjs");
console.log(ns.default.value, ns.value, typeof ns.default);
""",
        "lazy.cjs": "module.exports = { value: 'lazy value' };\n",
    },
    # an import()ed ES module passing on CommonJS exports (its chunk exports variables)
    "dynamic-barrel": {
        "main.js": """
const m = await import("./barrel.js");
console.log(m.x, m.y, m.local, Object.keys(m).sort().join());
""",
        "barrel.js": 'export { x } from "./cjs.js";\nexport * from "./cjs2.js";\n'
        'export const local = "local";\n',
        "cjs.js": "exports.x = 'x';\n",
        "cjs2.js": "exports.y = 'y';\n",
    },
    # a package's browser map may replace a Node built-in by nothing
    "browser-false": {
        "main.js": 'import lib from "uses-fs";\nconsole.log(lib.where, lib.fs);\n',
        "node_modules/uses-fs/package.json": '{"browser": {"fs": false}}',
        "node_modules/uses-fs/index.js": "const fs = require('fs');\n"
        "exports.fs = JSON.stringify(fs);\nexports.where = 'browser';\n",
    },
}


def write_case(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.lstrip("\n"))
    return root


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_commonjs_runs_as_esbuild_bundles_it(
    case: str,
    minify: bool,
    esbuild: Path,  # noqa: F811
    tmp_path: Path,
):
    site = write_case(tmp_path / "site", CASES[case])
    expected = esbuild_prints(
        esbuild, site, tmp_path, "--platform=browser", '--define:process.env.NODE_ENV="production"'
    )
    assert expected.strip()
    out, manifest = bundle_case(site, tmp_path, minify=minify, in_place=True)
    entry = out / manifest["entries"]["main.js"]["file"]
    assert run_node(entry) == expected
    text = entry.read_text()
    assert "development" not in text or case != "node-env-dispatch"


def test_a_commonjs_module_runs_once_across_chunks(tmp_path: Path):
    """Two pages share a CommonJS module: one copy, in the shared chunk, run once."""
    site = write_case(
        tmp_path / "site",
        {
            "a.js": 'import s from "./shared.cjs";\nconsole.log("a", s.count());\n',
            "b.js": 'import s from "./shared.cjs";\nconsole.log("b", s.count());\n',
            "shared.cjs": "let n = 0;\nconsole.log('shared runs');\nexports.count = () => ++n;\n",
        },
    )
    (site / "a.html").write_text('<script type="module" src="a.js"></script>\n')
    (site / "b.html").write_text('<script type="module" src="b.js"></script>\n')
    (site / "main.js").write_text('import "./a.js";\nimport "./b.js";\n')
    out, manifest = bundle_case(site, tmp_path, minify=True, in_place=True)
    texts = [p.read_text() for p in (out / "assets").glob("*.js")]
    assert sum("shared runs" in t for t in texts) == 1
    assert run_node(out / manifest["entries"]["main.js"]["file"]) == ("shared runs\na 1\nb 2\n")


@pytest.mark.parametrize(
    ("code", "error", "words"),
    [
        ('const m = require("f" + "s");\n', "require-computed", "only known at run time"),
        ('const fs = require("fs");\n', "node-builtin", "Node.js built-in"),
    ],
    ids=["computed", "node-builtin"],
)
def test_what_cannot_be_required_is_a_located_error_with_the_chain(
    code: str, error: str, words: str, tmp_path: Path
):
    site = write_case(
        tmp_path / "site",
        {
            "main.js": 'import lib from "lib";\nconsole.log(lib);\n',
            "node_modules/lib/index.js": "exports.x = require('./inner');\n",
            "node_modules/lib/inner.js": code,
        },
    )
    with pytest.raises(BuildFailed) as info:
        bundle_case(site, tmp_path, minify=True, in_place=True)
    (d,) = [d for d in info.value.diagnostics if d.code == error]
    assert words in d.message
    assert d.location.path.endswith("inner.js") and d.location.line == 1
    chain = " ".join(d.notes)
    assert "node_modules/lib/index.js" in chain and "main.js" in chain and "index.html" in chain


def test_a_called_commonjs_export_gets_no_this(tmp_path: Path):
    """`import { f } from "cjs"; f()` calls f with `this` undefined, as in an ES module
    (esbuild prints `(0, import_x.f)()`), not with the exports object."""
    site = write_case(
        tmp_path / "site",
        {
            "main.js": 'import { whoAmI } from "./cjs.js";\nconsole.log(whoAmI(), whoAmI`t`);\n',
            "cjs.js": "exports.whoAmI = function () { return this === exports ? 'exports' :"
            " typeof this; };\n",
        },
    )
    out, manifest = bundle_case(site, tmp_path, minify=True, in_place=True)
    assert run_node(out / manifest["entries"]["main.js"]["file"]) == "undefined undefined\n"


def test_a_change_to_the_app_leaves_the_packages_chunk_as_it_was(tmp_path: Path):
    """The packages go to a `vendor` chunk: editing the app renames only the app's chunk, so
    returning visitors keep the (large) library cached."""
    site = write_case(
        tmp_path / "site",
        {
            "main.js": 'import lib from "big-lib";\nimport { app } from "./app.js";\n'
            "console.log(lib.hello(app));\n",
            "app.js": 'export const app = "app v1";\n',
            "node_modules/big-lib/index.js": "exports.hello = (x) => 'hello ' + x;\n"
            + "".join(f"exports.f{i} = (x) => x * {i} + {i * 7};\n" for i in range(1000)),
        },
    )
    out, manifest = bundle_case(site, tmp_path, minify=True, in_place=True, import_map=True)
    before = sorted(p.name for p in (out / "assets").glob("*.js"))
    (site / "app.js").write_text('export const app = "app v2";\n')
    out, manifest = bundle_case(site, tmp_path, minify=True, in_place=True, import_map=True)
    after = sorted(p.name for p in (out / "assets").glob("*.js"))
    vendor = [n for n in before if n.startswith("vendor-")]
    assert len(vendor) == 1 and vendor[0] in after
    assert [n for n in before if n.startswith("main-")] != [
        n for n in after if n.startswith("main-")
    ]
    html = (out / "index.html").read_text()
    assert vendor[0] in html  # preloaded and mapped by the page


def test_a_small_package_stays_in_the_app_chunk(tmp_path: Path):
    """Under 20 KB of packages a second file costs more than its caching saves (webpack's
    splitChunks.minSize): one chunk."""
    site = write_case(
        tmp_path / "site",
        {
            "main.js": 'import lib from "small-lib";\nconsole.log(lib.hello("app"));\n',
            "node_modules/small-lib/index.js": "exports.hello = (x) => 'hello ' + x;\n",
        },
    )
    out, manifest = bundle_case(site, tmp_path, minify=True, in_place=True)
    assert [p.name.split("-")[0] for p in (out / "assets").glob("*.js")] == ["main"]
    assert run_node(out / manifest["entries"]["main.js"]["file"]) == "hello app\n"


def test_watch_reuses_unchanged_modules_and_sees_every_change(tmp_path: Path):
    """Watch rebuilds reuse the modules whose files did not change (not read, analysed and
    resolved again), but an edited module, a file that now exists, and a package.json (in
    node_modules, where the scan does not look) edited are all seen."""
    from assetpipe.cache import Memo
    from assetpipe.config import load_config
    from assetpipe.pipeline.build import build

    site = write_case(
        tmp_path / "site",
        {
            "index.html": '<script type="module" src="main.js"></script>\n',
            "main.js": 'import { a } from "./a.js";\nimport lib from "lib";\n'
            "console.log(a, lib.v);\n",
            "a.js": 'export const a = "a1";\n',
            "node_modules/lib/package.json": '{"main": "one.js"}',
            "node_modules/lib/one.js": "exports.v = 'one';\n",
            "node_modules/lib/two.js": "exports.v = 'two';\n",
        },
    )
    for path in site.rglob("*"):  # written a while ago: trusted by size and time
        os.utime(path, (time.time() - 10, time.time() - 10))
    (tmp_path / "assetpipe.toml").write_text(
        f'[build]\nsrc = "{site}"\nout = "{tmp_path / "out"}"\n[js]\nimport_map = false\n'
    )
    config, _ = load_config(cwd=tmp_path)
    memo = Memo()  # as watch keeps it

    def printed() -> str:
        result = build(config, memo=memo)
        entry = next(o for o in result.outputs if o.path.startswith("assets/main-"))
        return run_node(tmp_path / "out" / entry.path)

    assert printed() == "a1 one\n"
    assert printed() == "a1 one\n"  # everything reused
    assert memo.modules
    (site / "a.js").write_text('export const a = "a2";\n')
    assert printed() == "a2 one\n"
    (site / "node_modules/lib/package.json").write_text('{"main": "two.js", "x": 1}')
    assert printed() == "a2 two\n"
    (site / "main.js").write_text(
        'import { a } from "./a.js";\nimport lib from "lib";\nimport { b } from "./b.js";\n'
        "console.log(a, lib.v, b);\n"
    )
    with pytest.raises(BuildFailed):
        build(config, memo=memo)
    (site / "b.js").write_text('export const b = "b";\n')
    assert printed() == "a2 two b\n"
