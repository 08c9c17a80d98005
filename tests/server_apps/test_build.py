"""`assetpipe build` of a server-rendered app's frontend (entries, no pages): Vite's manifest,
chunks that import each other by hashed names, the same bytes every time, and the errors a
user sees for entries that name nothing."""

from __future__ import annotations

import json
import re
import shutil

from ..conftest import run_cli, tree_bytes
from .apps import FRONTEND


def _copy(tmp_path):
    src = tmp_path / "frontend"
    shutil.copytree(FRONTEND, src)
    return src


def _build(src, out):
    return run_cli("build", "--out", str(out), "--cache-dir", str(out) + "-cache", cwd=src)


def test_the_vite_manifest_lists_entries_chunks_and_assets_as_vite_does(tmp_path):
    src = _copy(tmp_path)
    result = _build(src, tmp_path / "dist")
    assert result.returncode == 0, result.stderr
    out = tmp_path / "dist"
    manifest = json.loads((out / ".vite/manifest.json").read_text())
    (shared,) = [k for k in manifest if k.startswith("_")]
    assert re.fullmatch(r"_shared-[A-Za-z0-9_-]{8}\.js", shared)
    assert manifest[shared] == {"file": "assets/" + shared[1:], "name": "shared"}
    main, chart = manifest["src/main.ts"], manifest["src/chart.ts"]
    assert main["isEntry"] and main["src"] == "src/main.ts" and main["name"] == "main"
    assert main["imports"] == [shared] and main["dynamicImports"] == ["src/chart.ts"]
    assert chart.get("isDynamicEntry") and not chart.get("isEntry")
    assert [c.rsplit("-", 1)[0] for c in main["css"]] == ["assets/main"]
    assert [c.rsplit("-", 1)[0] for c in chart["css"]] == ["assets/chart"]
    assert main["assets"] == [manifest["src/logo.svg"]["file"]]
    assert manifest["css/print.css"]["isEntry"] and manifest["src/admin.ts"]["imports"] == [shared]
    assert "src/main.css" not in manifest  # a stylesheet a script imports is under its css
    assert list(manifest) == sorted(manifest)
    for entry in manifest.values():
        for file in [entry["file"], *entry.get("css", ()), *entry.get("assets", ())]:
            assert (out / file).is_file(), file
    # chunks import each other by their hashed names, relative: no import map needed
    code = (out / main["file"]).read_text()
    assert f'from"./{shared[1:]}"' in code and "./chart-" in code
    # the build's own manifest says which are entries; it is deterministic
    own = json.loads((out / ".assetpipe/manifest.json").read_text())
    assert [k for k, e in own["entries"].items() if e.get("isEntry")] == [
        "css/print.css",
        "src/admin.ts",
        "src/main.ts",
    ]
    assert _build(src, tmp_path / "again").returncode == 0
    assert tree_bytes(tmp_path / "again") == tree_bytes(out)


def test_an_entry_that_names_nothing_fails_at_its_line_and_keeps_the_last_build(tmp_path):
    src = _copy(tmp_path)
    out = tmp_path / "dist"
    assert _build(src, out).returncode == 0
    before = tree_bytes(out)
    config = src / "assetpipe.toml"
    config.write_text(config.read_text().replace('"src/admin.ts"', '"src/admn.ts"'))
    result = _build(src, out)
    assert result.returncode == 1
    line = next(i for i, t in enumerate(config.read_text().splitlines(), 1) if "admn" in t)
    column = config.read_text().splitlines()[line - 1].index('"src/admn.ts"') + 2
    assert (
        f"assetpipe.toml:{line}:{column}: error[entry]: build.entries: 'src/admn.ts' is not a file"
        in result.stderr
    )
    assert "Traceback" not in result.stderr
    assert tree_bytes(out) == before


def test_no_pages_and_no_entries_says_where_entries_go(tmp_path):
    src = _copy(tmp_path)
    (src / "assetpipe.toml").write_text("[build]\nsrc = '.'\n")
    result = _build(src, tmp_path / "dist")
    assert result.returncode == 1
    assert "error[no-pages]" in result.stderr and "[build] entries" in result.stderr


def test_entries_and_pages_share_chunks_and_the_page_scripts_are_entries_too(tmp_path):
    import assetpipe

    from ..conftest import write_files

    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><title>x</title><script type="module" '
            'src="js/app.js"></script>',
            "js/app.js": 'import {greet} from "./shared.js";\ngreet("app");\n',
            "js/admin.js": 'import {greet} from "./shared.js";\ngreet("admin");\n',
            "js/shared.js": "export function greet(n) { document.title = n; }\n",
        },
    )
    config, _ = assetpipe.load_config(
        cwd=tmp_path,
        overrides={
            "build.src": str(src),
            "build.out": str(tmp_path / "dist"),
            "build.cache_dir": str(tmp_path / "cache"),
            "build.entries": ["js/admin.js"],
            "build.vite_manifest": True,
        },
    )
    result = assetpipe.build(config)
    manifest = json.loads((tmp_path / "dist/.vite/manifest.json").read_text())
    (shared,) = [k for k in manifest if k.startswith("_shared-")]
    assert manifest["js/app.js"]["isEntry"] and manifest["js/admin.js"]["isEntry"]
    assert manifest["js/app.js"]["imports"] == manifest["js/admin.js"]["imports"] == [shared]
    page = (tmp_path / "dist/index.html").read_text()
    assert "importmap" not in page and manifest["js/app.js"]["file"] in page
    assert [e["entry"] for e in result.summary["entries"]] == ["js/admin.js"]
