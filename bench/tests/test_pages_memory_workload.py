"""Tests of the ``pages-memory`` workload's helpers: its points from the environment, the
wrapper's record read back and the notes with the fitted line (no assetpipe build)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.harness import REGISTRY
from bench.workloads import load_all
from bench.workloads.pages_memory import PagesRun, notes, points, read_record


def test_points_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BENCH_PAGES_MEMORY_POINTS", raising=False)
    assert points() == [1000, 4000, 10000]
    monkeypatch.setenv("BENCH_PAGES_MEMORY_POINTS", "4000, 1000,10_000,1000")
    assert points() == [1000, 4000, 10000]
    monkeypatch.setenv("BENCH_PAGES_MEMORY_POINTS", "many")
    with pytest.raises(ValueError, match="BENCH_PAGES_MEMORY_POINTS"):
        points()
    monkeypatch.setenv("BENCH_PAGES_MEMORY_POINTS", "0,10")
    with pytest.raises(ValueError, match="at least 1 page"):
        points()


def test_the_workload_is_registered() -> None:
    load_all()
    assert "pages-memory" in REGISTRY


def test_the_record_is_read_back(tmp_path: Path) -> None:
    record = tmp_path / "run.json"
    record.write_text(json.dumps({"wall": 2.5, "cpu": 3.0, "rss_mb": 120.0, "pss_mb": 130.0}))
    assert read_record(400, record) == PagesRun(400, 2.5, 3.0, 120.0, 130.0)


def test_the_notes_fit_a_line_per_1000_pages() -> None:
    one = notes({1000: [PagesRun(1000, 10.0, 12.0, 110.0, 120.0)]})
    assert "largest process (ru_maxrss): one point only, no fit" in one
    by_point = {
        n: [PagesRun(n, n / 100, n / 80, 100 + n / 200, 110 + n / 100)] for n in (1000, 4000, 10000)
    }
    text = notes(by_point)
    assert re.search(r"^10,000 +100\.00 +125\.00 +150 +210$", text, re.MULTILINE)
    assert (
        "largest process (ru_maxrss): 100 MB + 5.0 MB per 1,000 pages; at 10,000 pages: 150 MB"
        in text
    )
    assert "whole tree (PSS): 110 MB + 10.0 MB per 1,000 pages; at 10,000 pages: 210 MB" in text
