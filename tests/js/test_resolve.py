"""Specifier resolution as packages and browsers define it, on a node_modules tree made here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assetpipe.js.resolve import Resolver, _exports_target
from assetpipe.pipeline.locate import Resolved, Unresolved
from assetpipe.pipeline.scan import scan

from .test_bundle import bundle_case, run_node

CONDITIONS = ("browser", "import", "module", "default", "production")


def test_exports_forms():
    assert _exports_target("./main.js", ".", CONDITIONS) == "./main.js"
    assert (
        _exports_target({"import": "./esm.js", "require": "./cjs.js"}, ".", CONDITIONS)
        == "./esm.js"
    )
    exports = {
        ".": {
            "node": "./node.js",
            "browser": {"development": "./dev.js", "default": "./browser.js"},
        },
        "./hooks": {"types": "./hooks.d.ts", "import": "./hooks/index.mjs"},
        "./features/*.js": "./src/features/*.js",
        "./features/private/*": None,
        "./package.json": "./package.json",
    }
    assert _exports_target(exports, ".", CONDITIONS) == "./browser.js"
    assert _exports_target(exports, "./hooks", CONDITIONS) == "./hooks/index.mjs"
    assert _exports_target(exports, "./features/a/b.js", CONDITIONS) == "./src/features/a/b.js"
    assert _exports_target(exports, "./features/private/x", CONDITIONS) is None
    assert _exports_target(exports, "./missing", CONDITIONS) is None
    assert _exports_target(["./first.js", "./second.js"], ".", CONDITIONS) == "./first.js"


def package(root: Path, name: str, manifest: dict, files: dict[str, str]) -> Path:
    folder = root / "node_modules" / name
    folder.mkdir(parents=True)
    (folder / "package.json").write_text(json.dumps({"name": name, **manifest}))
    for rel, text in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text)
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "site" / "js").mkdir(parents=True)
    (tmp_path / "site" / "js" / "app.js").write_text("")
    package(
        tmp_path,
        "exp",
        {"exports": {".": {"browser": "./b.js", "default": "./d.js"}, "./sub": "./lib/sub.js"}},
        {"b.js": "", "d.js": "", "lib/sub.js": ""},
    )
    package(
        tmp_path,
        "legacy",
        {"module": "es/index.js", "main": "cjs/index.js"},
        {"es/index.js": "", "cjs/index.js": "", "extra/util.js": ""},
    )
    package(tmp_path, "@scope/pkg", {"main": "main.js"}, {"main.js": ""})
    package(tmp_path, "cjs", {"main": "index.js"}, {"index.js": "module.exports = { x: 1 };\n"})
    return tmp_path


def test_bare_specifiers_from_node_modules_above_the_site(project: Path):
    r = Resolver(scan(str(project / "site")))
    assert r.resolve("exp", "js/app.js") == Resolved("../node_modules/exp/b.js", False, 3)
    assert r.resolve("exp/sub", "js/app.js").target == "../node_modules/exp/lib/sub.js"
    assert r.resolve("legacy", "js/app.js").target == "../node_modules/legacy/es/index.js"
    assert (
        r.resolve("legacy/extra/util", "js/app.js").target == "../node_modules/legacy/extra/util.js"
    )
    assert r.resolve("@scope/pkg", "js/app.js").target == "../node_modules/@scope/pkg/main.js"
    assert r.resolve("https://esm.sh/x", "js/app.js") is None  # stays a URL
    missing = r.resolve("nope", "js/app.js")
    assert isinstance(missing, Unresolved) and missing.code == "missing-package"
    hidden = r.resolve("exp/lib/sub.js", "js/app.js")
    assert isinstance(hidden, Unresolved) and hidden.code == "package-export"


def test_subpath_imports_and_the_browser_map(project: Path):
    """package.json `imports` (`#internal/x`: svelte) and the object form of `browser`
    (`"./node.js": "./browser.js"`, `"fs": false`: axios), as esbuild and webpack read them for
    the browser (issue #12: svelte and axios did not build)."""
    package(
        project,
        "subpaths",
        {
            "type": "module",
            "exports": "./index.js",
            "imports": {"#internal/*": "./src/*.js", "#env": {"browser": "./env-browser.js"}},
            "browser": {"./node.js": "./browser.js", "os": False, "./lib/http.js": False},
        },
        {
            "index.js": 'export { helper } from "#internal/helper";\n'
            'export { where } from "./node.js";\nexport { env } from "#env";\n'
            'import os, { hostname } from "os";\n'
            "export const platform = [typeof os, typeof hostname].join();\n",
            "src/helper.js": 'export const helper = () => "helper";\n',
            "env-browser.js": 'export const env = "browser";\n',
            "node.js": 'import os from "os";\nexport const where = "node";\n',
            "browser.js": 'export const where = "browser";\n',
        },
    )
    src = project / "site"
    (src / "main.js").write_text(
        'import { helper, where, env, platform } from "subpaths";\n'
        "console.log(helper(), where, env, platform);\n"
    )
    (project / "b").mkdir()
    out, manifest = bundle_case(src, project / "b", minify=True, in_place=True)
    entry = out / manifest["entries"]["main.js"]["file"]
    assert run_node(entry) == "helper browser browser object,undefined\n"  # as esbuild
    r = Resolver(scan(str(src)))
    missing = r.resolve("#nope", "../node_modules/subpaths/index.js")
    assert isinstance(missing, Unresolved) and missing.code == "package-import"


def test_an_entry_with_neither_import_nor_export_is_not_commonjs(project: Path):
    """A bundle's chunk built again (lodash-es's `typeof exports == 'object' && exports`) is a
    module script's entry: an ES module (issue #12, idempotence)."""
    src = project / "site"
    (src / "main.js").write_text(
        "var freeExports = typeof exports == 'object' && exports;\nconsole.log(freeExports);\n"
    )
    (project / "b").mkdir()
    out, manifest = bundle_case(src, project / "b", minify=True, in_place=True)
    assert run_node(out / manifest["entries"]["main.js"]["file"]) == run_node(src / "main.js")
