"""`build --compare` on hand-made reports: reading OLD (a report, an output folder, a manifest,
or something else with the reason), matching files across builds without their hash, and the
Markdown a pull request comment shows (old → new, +/−, percent, new and removed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assetpipe.report.compare import (
    CompareError,
    compare,
    format_markdown,
    load_baseline,
    load_old,
)


def _page(page, total, js=1_000, css=500, requests=3, initial=None):
    return {
        "page": page,
        "total": {"gzip": total, "requests": requests},
        "initial": {"gzip": total if initial is None else initial},
        "js": {"gzip": js},
        "css": {"gzip": css},
    }


OLD = {
    "pages": [_page("index.html", 10_000), _page("old.html", 2_000)],
    "files": {
        "index.html": {"gzip": 2_000, "bytes": 6_000},
        "assets/home-3fA9c1Qz.js": {"gzip": 5_000, "bytes": 15_000},
        "assets/home-3fA9c1Qz.js.map": {"gzip": 50_000, "bytes": 90_000},
        "assets/site-Ab12Cd34.css": {"gzip": 3_000, "bytes": 9_000},
        "assets/gone-Zz99Yy88.png": {"gzip": 700, "bytes": 700},
    },
}
NEW = {
    "pages": [_page("index.html", 12_500, js=1_500, requests=4), _page("new.html", 400)],
    "files": {
        "index.html": {"gzip": 2_000, "bytes": 6_000},
        "assets/home-9xY8w7V6.js": {"gzip": 7_500, "bytes": 20_000},  # hash changed: same file
        "assets/home-9xY8w7V6.js.map": {"gzip": 60_000, "bytes": 99_000},
        "assets/site-Ab12Cd34.css": {"gzip": 3_000, "bytes": 9_000},
        "assets/added-Qq11Ww22.woff2": {"gzip": 100, "bytes": 100},
    },
}


def test_files_are_matched_without_their_hash_and_unchanged_ones_left_out():
    result = compare(OLD, NEW)
    assert result["figure"] == "gzip"
    assert result["files"] == [  # largest change first; source maps not counted
        {"file": "assets/home.js", "old": 5_000, "new": 7_500},
        {"file": "assets/gone.png", "old": 700, "new": None},
        {"file": "assets/added.woff2", "old": None, "new": 100},
    ]
    assert result["total"] == {"old": 10_700, "new": 12_600}
    assert compare(OLD, NEW, figure="bytes")["files"][0] == {
        "file": "assets/home.js",
        "old": 15_000,
        "new": 20_000,
    }


def test_pages_old_and_new_largest_change_first():
    result = compare(OLD, NEW)
    assert [(r["page"], r["old"] and r["old"]["total"]) for r in result["pages"]] == [
        ("index.html", 10_000),
        ("new.html", None),
    ]
    assert result["pages"][0]["new"] == {
        "total": 12_500,
        "initial": 12_500,
        "js": 1_500,
        "css": 500,
        "requests": 4,
    }
    assert result["removed_pages"] == ["old.html"]


def test_markdown_for_a_pull_request():
    text = format_markdown(compare(OLD, NEW), "dist/")
    lines = text.splitlines()
    assert lines[0] == "Compared with dist/:"
    assert (
        "| index.html | 10.0 kB → 12.5 kB (+2.5 kB, +25.0%) | 10.0 kB → 12.5 kB (+2.5 kB, +25.0%)"
        " | 1.0 kB → 1.5 kB (+500 B, +50.0%) | 500 B | 3 → 4 (+1, +33.3%) |"
    ) in lines
    assert (
        "| new.html | 400 B (new) | 400 B (new) | 1.0 kB (new) | 500 B (new) | 3 (new) |" in lines
    )
    assert "| ~~old.html~~ | removed | | | | |" in lines
    assert "| assets/home.js | 5.0 kB → 7.5 kB (+2.5 kB, +50.0%) |" in lines
    assert "| assets/gone.png | ~~700 B~~ (removed) |" in lines
    assert "| assets/added.woff2 | 100 B (new) |" in lines
    assert lines[-1] == "All files (gzip): 10.7 kB → 12.6 kB (+1.9 kB, +17.8%)"


def test_markdown_shrinking_files_only_and_the_cut_off():
    old = {"pages": [], "files": {f"f{i}.txt": {"gzip": 1_000} for i in range(5)}}
    new = {"pages": [], "files": {f"f{i}.txt": {"gzip": 900} for i in range(5)}}
    text = format_markdown(compare(old, new), "main", max_files=2)
    assert "(no page figures in the old build: comparing files only)" in text
    assert "| f0.txt | 1.0 kB → 900 B (−100 B, −10.0%) |" in text
    assert "| f2.txt |" not in text and "| … 3 more | |" in text
    same = format_markdown(compare(old, old), "main")
    assert "No file changed size." in same and same.endswith("All files (gzip): 5.0 kB")


def test_load_old_from_a_report_an_output_folder_or_a_manifest(tmp_path: Path):
    meta = tmp_path / "dist" / ".assetpipe"
    meta.mkdir(parents=True)
    (meta / "report.json").write_text(json.dumps(OLD))
    assert load_old(str(tmp_path / "dist")) == (OLD, "report")
    (meta / "manifest.json").write_text("{}")
    assert load_old(str(meta / "manifest.json")) == (OLD, "report")  # the report beside it

    alone = tmp_path / "manifest.json"
    alone.write_text(json.dumps({"outputs": {"a-12345678.js": {"size": 42}, "b.txt": {}}}))
    report, what = load_old(str(alone))
    assert what == "manifest"
    assert report == {
        "pages": [],
        "files": {"a-12345678.js": {"bytes": 42, "gzip": 42}, "b.txt": {"bytes": 0, "gzip": 0}},
    }


def test_load_old_says_why_it_cannot(tmp_path: Path):
    with pytest.raises(CompareError, match=r"^cannot read .*nowhere.json: No such file"):
        load_old(str(tmp_path / "nowhere.json"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(CompareError, match=r"bad.json is not JSON: "):
        load_old(str(bad))
    other = tmp_path / "package.json"
    other.write_text('{"name": "x"}')
    with pytest.raises(CompareError, match="is neither an assetpipe report.json nor a manifest"):
        load_old(str(other))


def test_the_baseline_keeps_the_old_manifest_for_the_cache_hit_figure(tmp_path: Path):
    meta = tmp_path / "dist" / ".assetpipe"
    meta.mkdir(parents=True)
    (meta / "report.json").write_text(json.dumps(OLD))
    alone = load_baseline(str(meta / "report.json"))
    assert (alone.report, alone.what, alone.outputs) == (OLD, "report", None)  # no figure
    outputs = {"index.html": {"size": 5, "sha256": "ab", "immutable": False}}
    (meta / "manifest.json").write_text(json.dumps({"outputs": outputs}))
    for path in (tmp_path / "dist", meta / "report.json", meta / "manifest.json"):
        found = load_baseline(str(path))
        assert (found.report, found.what, found.outputs) == (OLD, "report", outputs)
    assert "cache_hits" in compare(OLD, NEW) and compare(OLD, NEW)["cache_hits"] is None
