"""Monorepos: workspace packages linked into node_modules (npm and yarn workspaces, `npm link`,
pnpm's store) resolve through their real paths, with their own package.json and their own
dependencies, and a package reached through two links is bundled once. Real folders and
symlinks made here; the bundles run in Node."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

from assetpipe.pipeline.build import build

from ..conftest import tree_bytes, write_files
from ..test_pipeline import config_for
from .test_bundle import run_node

PAGE = '<!doctype html><script type="module" src="main.js"></script>\n'
UI = {
    "package.json": json.dumps(
        {
            "name": "@acme/ui",
            "type": "module",
            "exports": {".": {"browser": "./src/browser.js", "default": "./src/node.js"}},
            "sideEffects": ["*.css"],
        }
    ),
    "src/node.js": "export const where = 'node build';\n",
    "src/browser.js": "import { dep } from 'dep';\n"  # its own dependency, in its own folder
    "import { hoisted } from 'hoisted';\n"  # ... and one hoisted to the repository's root
    "import './ui.css';\n"
    "export const registry = new Set();\n"
    "export const where = 'browser build';\n"
    "export const icon = new URL('./icon.svg', import.meta.url).pathname.split('/').pop();\n"
    "export const label = `${dep} ${hoisted}`;\n"
    "export { extra } from './extra.js';\n",
    "src/extra.js": "console.log('EXTRA SIDE EFFECT');\nexport const extra = 1;\n",
    "src/ui.css": ".ui { background: url(./icon.svg); font: 1em url(../fonts/ui.woff2) }\n",
    "src/icon.svg": '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
    "fonts/ui.woff2": b"wOF2 not really",
    "node_modules/dep/package.json": '{"name": "dep", "type": "module", "module": "index.js"}',
    "node_modules/dep/index.js": "export const dep = 'dep of ui';\n",
}
MAIN = (
    "import { registry, where, icon, label } from '@acme/ui';\n"
    "import { register } from 'plugin';\n"
    "register('from the plugin');\n"
    "registry.add('from the app');\n"
    "console.log(JSON.stringify({ where, icon: icon.split('-')[0], label,"
    " registry: [...registry] }));\n"
)
HOISTED = "export const hoisted = 'hoisted';\n"
EXPECTED = {
    "where": "browser build",
    "icon": "icon",
    "label": "dep of ui hoisted",
    "registry": ["from the plugin", "from the app"],  # one module, one Set
}


def _link(path: Path, target: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target, path)


def npm_workspaces(root: Path) -> Path:
    """repo/{packages/ui, apps/web}, as `npm install` links a workspace: the root's
    node_modules/@acme/ui -> ../../packages/ui, and (as a nested install may) the app's own
    node_modules/@acme/ui -> ../../../../packages/ui too. `plugin`, an installed package,
    imports @acme/ui through the root's link, the app through its own. Returns the app."""
    write_files(root, {"package.json": '{"workspaces": ["packages/*", "apps/*"]}'})
    write_files(root / "packages" / "ui", UI)
    write_files(
        root / "node_modules",
        {
            "hoisted/package.json": '{"name": "hoisted", "main": "i.mjs"}',
            "hoisted/i.mjs": HOISTED,
            "plugin/package.json": '{"name": "plugin", "type": "module", "main": "i.js"}',
            "plugin/i.js": "import { registry } from '@acme/ui';\n"
            "export const register = (x) => registry.add(x);\n",
        },
    )
    _link(root / "node_modules" / "@acme" / "ui", "../../packages/ui")
    app = write_files(root / "apps" / "web", {"index.html": PAGE, "main.js": MAIN})
    _link(app / "node_modules" / "@acme" / "ui", "../../../../packages/ui")
    return app


def _build(src: Path, out: Path, cache: Path) -> dict:
    config = config_for(src, out, cache, minify=False)
    build(dataclasses.replace(config, js=dataclasses.replace(config.js, import_map=False)))
    return json.loads((out / ".assetpipe" / "manifest.json").read_text())


def test_a_workspace_package_is_bundled_once_from_its_real_folder(tmp_path: Path):
    app = npm_workspaces(tmp_path / "repo")
    out = tmp_path / "out"
    manifest = _build(app, out, tmp_path / "cache")
    chunk = out / manifest["entries"]["main.js"]["file"]
    assert json.loads(run_node(chunk)) == EXPECTED
    text = chunk.read_text()
    assert text.count("new Set()") == 1
    assert "// ../../packages/ui/src/browser.js" in text  # keyed by its real path
    assert "EXTRA SIDE EFFECT" not in text  # its package.json's sideEffects read
    # its stylesheet, published with the files it names from its own folder
    css = manifest["entries"]["main.js"]["css"]
    assert len(css) == 1 and "icon-" in (out / css[0]).read_text()
    assert "ui-" in (out / css[0]).read_text()  # (the font)


def test_the_output_does_not_depend_on_where_the_repository_lies(tmp_path: Path):
    first = npm_workspaces(tmp_path / "a" / "repo")
    shutil.copytree(tmp_path / "a", tmp_path / "elsewhere" / "deeper", symlinks=True)
    second = tmp_path / "elsewhere" / "deeper" / "repo" / "apps" / "web"
    _build(first, tmp_path / "out1", tmp_path / "cache1")
    _build(second, tmp_path / "out2", tmp_path / "cache2")
    assert tree_bytes(tmp_path / "out1") == tree_bytes(tmp_path / "out2")


def test_pnpm_and_npm_link_packages_find_their_dependencies_beside_them(tmp_path: Path):
    """pnpm's layout: node_modules/pkg -> .pnpm/pkg@1.0.0/node_modules/pkg, whose dependency
    is only linked beside it (node_modules/.pnpm/pkg@1.0.0/node_modules/dep), not at the top;
    a workspace package is linked from the app's node_modules (`workspace:*`); and a package
    `npm link`ed from elsewhere on the disk, through npm's global folder."""
    store = tmp_path / "repo" / "node_modules" / ".pnpm"
    write_files(
        store,
        {
            "pkg@1.0.0/node_modules/pkg/package.json": json.dumps(
                {"name": "pkg", "type": "module", "exports": "./index.js"}
            ),
            "pkg@1.0.0/node_modules/pkg/index.js": "import { dep } from 'dep';\n"
            "export const pkg = `pkg with ${dep}`;\n",
            "dep@2.0.0/node_modules/dep/package.json": '{"name": "dep", "module": "esm.js"}',
            "dep@2.0.0/node_modules/dep/esm.js": "export const dep = 'dep 2';\n",
        },
    )
    _link(store / "pkg@1.0.0" / "node_modules" / "dep", "../../dep@2.0.0/node_modules/dep")
    _link(tmp_path / "repo" / "node_modules" / "pkg", ".pnpm/pkg@1.0.0/node_modules/pkg")
    write_files(tmp_path / "repo" / "packages" / "ui", UI)
    app = write_files(
        tmp_path / "repo" / "apps" / "web",
        {
            "index.html": PAGE,
            "main.js": "import { pkg } from 'pkg';\nimport { label } from '@acme/ui';\n"
            "import { linked } from 'linked';\nconsole.log(pkg, '|', label, '|', linked);\n",
        },
    )
    _link(app / "node_modules" / "@acme" / "ui", "../../../../packages/ui")
    # `npm link` (through npm's global folder): a package elsewhere on the disk
    linked = write_files(
        tmp_path / "home" / "code" / "linked",
        {
            "package.json": '{"name": "linked", "type": "module", "exports": "./i.js"}',
            "i.js": "import { own } from 'own';\nexport const linked = `linked ${own}`;\n",
            "node_modules/own/package.json": '{"name": "own", "module": "o.js"}',
            "node_modules/own/o.js": "export const own = 'with its own';\n",
        },
    )
    _link(tmp_path / "global" / "lib" / "node_modules" / "linked", str(linked))
    _link(app / "node_modules" / "linked", str(tmp_path / "global/lib/node_modules/linked"))
    write_files(
        tmp_path / "repo" / "node_modules" / "hoisted",  # (pnpm's public-hoist-pattern)
        {"package.json": '{"name": "hoisted", "main": "i.mjs"}', "i.mjs": HOISTED},
    )
    out = tmp_path / "out"
    manifest = _build(app, out, tmp_path / "cache")
    printed = run_node(out / manifest["entries"]["main.js"]["file"])
    assert printed == "pkg with dep 2 | dep of ui hoisted | linked with its own\n"
