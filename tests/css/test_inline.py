"""What a page inlines, built end to end: the per-page cap and the whole-stylesheet threshold."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from assetpipe.report.summary import format_summary

from ..conftest import run_cli, write_files

pytestmark = pytest.mark.slow  # builds with the CLI in a subprocess


def build(root: Path, files: dict[str, str], config: str) -> dict:
    write_files(root / "site", files)
    (root / "assetpipe.toml").write_text(config)
    result = run_cli("build", "--src", "site", "--out", "out", "--json", cwd=root)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_cap_keeps_rules_for_the_first_elements_and_the_summary_says_what_stayed_out(
    tmp_path: Path,
):
    # 400 rules that compress badly (a colour each), one element each, in document order
    rules = "".join(
        f".c{i}{{color:#{hashlib.sha256(str(i).encode()).hexdigest()[:6]};margin:{i}px}}"
        for i in range(400)
    )
    body = "".join(f'<p class="c{i}">{i}</p>' for i in range(400))
    page = f'<!doctype html><html><head><link rel="stylesheet" href="s.css"></head><body>{body}'
    data = build(tmp_path, {"s.css": rules, "index.html": page}, "[css]\ncritical_max_kb = 2\n")
    (style,) = re.findall(r"<style>(.*?)</style>", (tmp_path / "out/index.html").read_text())
    assert len(gzip.compress(style.encode(), 9)) <= 2048
    kept = [int(n) for n in re.findall(r"\.c(\d+)\{", style)]
    assert kept == list(range(len(kept))) and 20 < len(kept) < 400  # the first, in order
    (row,) = data["summary"]["pages"]
    assert row["critical_css"]["inlined"] == len(style)
    assert row["critical_css"]["left_out"] > 5000
    text = format_summary(data["summary"], [], "out")
    assert re.search(r"index\.html .* over the cap left out", text)
    # 0: no cap, all of it inlined
    data = build(tmp_path, {}, "[css]\ncritical_max_kb = 0\n")
    (style,) = re.findall(r"<style>(.*?)</style>", (tmp_path / "out/index.html").read_text())
    assert len(re.findall(r"\.c\d+\{", style)) == 400
    assert data["summary"]["pages"][0]["critical_css"]["left_out"] == 0


def test_a_stylesheet_is_inlined_whole_by_its_minified_size(tmp_path: Path):
    comment = "/* " + "a licence, long and readable. " * 100 + "*/\n"  # 3 KB that minify away
    page = '<!doctype html><html><head><link rel="stylesheet" href="s.css"></head><body><p>x'
    build(
        tmp_path,
        {"s.css": comment + "p {\n  color: rgb(1 2 3);\n}\n", "index.html": page},
        "[build]\nminify = false\n",
    )
    html = (tmp_path / "out/index.html").read_text()
    assert "<style>" in html and 'rel="stylesheet"' not in html  # whole: the link is gone
