"""Tests of the JavaScript workloads' helpers (no npm, no assetpipe build needed)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bench.harness import CheckFailed
from bench.workloads import _revisit_site as site_gen
from bench.workloads._js import html_entry, js_figures
from bench.workloads.revisit import generate, output_files, refetch_figures


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
