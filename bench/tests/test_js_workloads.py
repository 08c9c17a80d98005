"""Tests of the JavaScript workloads' helpers (no npm, no assetpipe build needed)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bench.harness import CheckFailed
from bench.workloads import _revisit_site as site_gen
from bench.workloads._js import html_entry, js_figures
from bench.workloads.revisit import generate, output_files, refetch_figures
from bench.workloads.ts10 import RXJS_ENTRIES, make_rxjs_site, make_three_site


def write(root: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)


def test_js_figures_count_scripts_not_maps_nor_the_record(tmp_path: Path) -> None:
    write(tmp_path, {"a.js": "x" * 100, "a.js.map": "{}", "p.html": "", ".assetpipe/m.js": "y"})
    figures = js_figures(tmp_path)
    packed = len(gzip.compress(b"x" * 100, compresslevel=9, mtime=0))
    assert figures == {"js_files": 1, "js_bytes": 100, "js_gzip": packed, "map_files": 1}
    with pytest.raises(CheckFailed):
        js_figures(tmp_path / "missing")


def test_html_entry_finds_the_module_script(tmp_path: Path) -> None:
    page = '<script src="/x.js"></script><script type="module" crossorigin src="/assets/e-1.js">'
    write(tmp_path, {"index.html": page, "sub/p.html": "<script type=module src=../a/b.js>"})
    assert html_entry(tmp_path, "index.html") == tmp_path / "assets" / "e-1.js"
    assert html_entry(tmp_path, "sub/p.html") == tmp_path / "sub" / "../a/b.js"


def test_refetch_counts_new_and_changed_files_of_b() -> None:
    before = {"p.html": b"<a>", "assets/x-1.js": b"x", "assets/c.css": b"c"}
    after = {"p.html": b"<b>", "assets/x-2.js": b"x", "assets/c.css": b"c"}
    figures = refetch_figures(before, after)
    assert figures["files"] == 3 and figures["bytes"] == 5
    assert figures["refetch_files"] == 2 and figures["refetch_bytes"] == 4
    assert figures["refetch_html_files"] == 1 and figures["refetch_js_files"] == 1


def test_revisit_input_is_deterministic_and_changes_one_line(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        generate(tmp_path / name)
    one, two = output_files(tmp_path / "one"), output_files(tmp_path / "two")
    assert one == two
    assert sum(path.endswith(".html") for path in one) == site_gen.PAGES
    old = one[f"site/{site_gen.CHANGED}"].decode().splitlines()
    new = one[f"change/{site_gen.CHANGED}"].decode().splitlines()
    assert [(a, b) for a, b in zip(old, new, strict=True) if a != b] == [
        (f"  greeting: '{site_gen.OLD_TEXT}',", f"  greeting: '{site_gen.NEW_TEXT}',")
    ]
    page = one["site/js/pages/page-07.js"].decode()
    assert "from '../shared/i18n.js'" in page and "import('../lazy/dialog.js')" in page


def test_ts_three10_renames_js_to_ts_and_patches_the_setter(tmp_path: Path) -> None:
    texture = "class Texture {\n\tset image( value = null ) {\n\t\tthis.data = value;\n\t}\n}\n"
    write(
        tmp_path / "three",
        {
            "Three.js": "export * from './textures/Texture.js';\n",
            "textures/Texture.js": texture,
            "nodes/DISCLAIMER.md": "text",
        },
    )
    site = tmp_path / "site"
    site.mkdir()
    make_three_site(site, tmp_path / "three", copies=2)
    files = sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file())
    assert files == [
        "copy1/Three.ts",
        "copy1/nodes/DISCLAIMER.md",
        "copy1/textures/Texture.ts",
        "copy2/Three.ts",
        "copy2/nodes/DISCLAIMER.md",
        "copy2/textures/Texture.ts",
        "entry.ts",
        "index.html",
        "tsconfig.json",
    ]
    assert (site / "copy2/Three.ts").read_text() == "export * from './textures/Texture.js';\n"
    patched = (site / "copy1/textures/Texture.ts").read_text()
    assert "set image( value ) {" in patched and "value = null;" in patched
    entry = (site / "entry.ts").read_text()
    assert "import * as copy2 from './copy2/Three.js';" in entry
    assert "copies = [copy1, copy2];" in entry
    assert json.loads((site / "tsconfig.json").read_text())["compilerOptions"]["allowJs"] is True
    assert 'src="entry.ts"' in (site / "index.html").read_text()


def test_ts_real_copies_only_typescript_and_imports_every_entry_point(tmp_path: Path) -> None:
    sources = {f"{module}.ts": "export const x = 1;\n" for module in RXJS_ENTRIES.values()}
    sources |= {"internal/types.ts": "export interface T {}\n", "Rx.global.js": "", "a.json": ""}
    write(tmp_path / "rxjs", sources)
    site = tmp_path / "site"
    site.mkdir()
    make_rxjs_site(site, tmp_path / "rxjs", copies=2)
    copy2 = site / "copy2"
    copied = sorted(str(p.relative_to(copy2)) for p in copy2.rglob("*") if p.is_file())
    assert copied == sorted(path for path in sources if path.endswith(".ts"))
    entry = (site / "entry.ts").read_text()
    for n in (1, 2):
        for key, module in RXJS_ENTRIES.items():
            assert f"import * as {key}{n} from './copy{n}/{module}';" in entry
    assert "  { index: index2, operators: operators2," in entry
    options = json.loads((site / "tsconfig.json").read_text())["compilerOptions"]
    assert options["useDefineForClassFields"] is False
