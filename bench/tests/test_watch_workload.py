"""Tests of the ``watch`` workloads' helpers: the session script's parsing (event streams,
stderr lines, ``/proc`` stat) and the figures and checks (no watcher is started here)."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path

import pytest

from bench.harness import CheckFailed, Context
from bench.workloads.watch import (
    DEMO_GOALS,
    RESULT,
    LatencyChecks,
    latency_figures,
    p90,
    read_result,
    summarize,
)

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "watch_latency.py"
_spec = importlib.util.spec_from_file_location("watch_latency", SCRIPT)
assert _spec and _spec.loader
session = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("watch_latency", session)  # its dataclasses look their module up
_spec.loader.exec_module(session)


def edits(ms: list[float], answer: str = "reload", **extra: float) -> list[dict]:
    return [{"ms": m, "answer": answer, "extra_events": 0, **extra} for m in ms]


def result(js: list[float], css: list[float] | None = None, idle: float = 0.5) -> dict:
    found = {"js": edits(js, tool_ms=30.0)}
    if css is not None:
        found["css"] = edits(css, "css")
    return {"tool": "assetpipe", "edits": found, "idle_cpu_pct": idle, "ready_s": 0.3}


def write(out: Path, data: dict) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    (out / RESULT).write_text(json.dumps(data))
    return out


def test_summarize_gives_median_p90_min_max_rounded() -> None:
    samples = [float(n) for n in range(1, 21)]  # 1..20
    assert summarize(samples) == {"median": 10.5, "p90": 18.1, "min": 1.0, "max": 20.0}
    assert p90([7.0]) == 7.0
    assert summarize([6042.12, 6044.3, 6271.1]) == {
        "median": 6044.0,
        "p90": 6226.0,
        "min": 6042.0,
        "max": 6271.0,
    }
    with pytest.raises(ValueError):
        summarize([])


def test_figures_pool_the_edits_of_every_round() -> None:
    first = result([70.0, 72.0, 80.0], [60.0, 61.0], idle=0.4)
    second = result([74.0, 90.0, 71.0], [62.0, 63.0], idle=0.2)
    second["edits"]["css"][1]["answer"] = "reload"
    figures = latency_figures([first, second])
    assert figures["edits"] == 10
    assert figures["js_median_ms"] == 73.0 and figures["js_max_ms"] == 90.0
    assert figures["js_first_ms"] == 72.0  # the first edit of each round: 70 and 74
    assert figures["css_median_ms"] == 61.5 and figures["css_min_ms"] == 60.0
    assert figures["css_as_reload"] == 1
    assert figures["js_build_ms"] == 30.0 and "js_detect_ms" not in figures
    assert "css_build_ms" not in figures  # no tool_ms in these CSS edits
    assert figures["idle_cpu_pct"] == 0.3 and figures["ready_s"] == 0.3
    assert "extra_events" not in figures


def test_check_fails_on_an_edit_without_answer_or_with_a_build_error(tmp_path: Path) -> None:
    data = result([70.0, 71.0], [60.0])
    data["edits"]["js"][1] = {"ms": None, "answer": "timeout", "extra_events": 0}
    data["stderr_tail"] = ["rebuilt (reload) in 31 ms"]
    with pytest.raises(CheckFailed, match=r"js edit 2: no answer[\s\S]*rebuilt \(reload\)"):
        read_result(write(tmp_path / "a", data) / RESULT)
    data["edits"]["js"][1] = {"ms": 80.0, "answer": "error", "extra_events": 0}
    with pytest.raises(CheckFailed, match="js edit 2: build error"):
        read_result(write(tmp_path / "b", data) / RESULT)
    with pytest.raises(CheckFailed, match="no result"):
        read_result(tmp_path / "missing" / RESULT)
    with pytest.raises(CheckFailed, match="no edit"):
        read_result(write(tmp_path / "c", {"edits": {"js": []}}) / RESULT)


def test_checks_give_ratios_to_the_anchor_and_the_goals(tmp_path: Path) -> None:
    ctx = Context("watch", tmp_path)
    checks = LatencyChecks(ctx, DEMO_GOALS)
    anchor = result([5.0, 6.0, 7.0], [4.0, 5.0])
    checks.check("esbuild")(write(tmp_path / "e", anchor))
    figures = checks.check("assetpipe")(write(tmp_path / "a", result([72.0] * 3, [200.0] * 2)))
    assert figures["js_ratio"] == 12.0 and figures["css_ratio"] == 44.44
    assert ctx.info["js_median/esbuild"] == "assetpipe 12"
    assert ctx.info["goals"] == "js < 150 ms: met; css < 100 ms: NOT met; idle < 1 %: met"


def test_parse_sse_reads_events_of_both_servers() -> None:
    lines = [
        "retry: 500",
        "event: hello",
        "data: {}",
        "",
        ": a comment",
        "event: change",
        'data: {"added":[],"removed":[],"updated":["/css/main.css"]}',
        "",
        "event: reload",
        "data: null",
        "",
    ]
    events = list(session.parse_sse(lines))
    assert events == [
        ("hello", {}),
        ("change", {"added": [], "removed": [], "updated": ["/css/main.css"]}),
        ("reload", None),
    ]


def test_answers_of_events_and_stderr_lines() -> None:
    css_only = {"added": [], "removed": [], "updated": ["/css/main.css"]}
    js_too = {"added": [], "removed": [], "updated": ["/css/main.css", "/js/pages/home.js"]}
    assert session.sse_answer("esbuild", "change", css_only) == "css"
    assert session.sse_answer("esbuild", "change", js_too) == "reload"
    assert session.sse_answer("esbuild", "change", {**css_only, "added": ["/x.css"]}) == "reload"
    assert session.sse_answer("assetpipe", "css", None) == "css"
    assert session.sse_answer("assetpipe", "build-error", {"diagnostics": []}) == "error"
    assert session.sse_answer("assetpipe", "hello", {}) is None
    assert session.sse_answer("assetpipe", "ok", None) is None
    assert session.assetpipe_line("rebuilt (css) in 29 ms") == ("css", 29.0)
    assert session.assetpipe_line("rebuilt (reload) in 6001 ms") == ("reload", 6001.0)
    assert session.assetpipe_line("build failed in 12 ms; serving the last good build") == (
        "error",
        None,
    )
    assert session.assetpipe_line("built in 52 ms") is None


def test_proc_stat_parsing_and_this_process_tree() -> None:
    text = "4242 (a (weird) name) S 17 4242 4242 0 -1 4194304 1 0 0 0 250 50 7 3 20 0 1 0"
    assert session.parse_stat(text) == (17, 310.0)
    if not Path("/proc/self/stat").exists():
        pytest.skip("no /proc")
    assert session.tree_cpu_seconds(os.getpid()) > 0


def test_edits_rewrite_the_file_in_place(tmp_path: Path) -> None:
    path = tmp_path / "ui.js"
    path.write_text("export const a = 1;\n")
    inode = path.stat().st_ino
    session.write_in_place(path, session.edit_text("js", "export const a = 1;\n", 12))
    assert path.read_text() == "export const a = 1;\nglobalThis.__benchEdit = 12;\n"
    assert path.stat().st_ino == inode
    css = session.edit_text("css", ".a { color: red; }\n", 255)
    assert css == ".a { color: red; }\n.bench-edit { color: #0000ff; }\n"


def test_pauses_are_jittered_the_same_way_for_every_tool() -> None:
    first = session.pauses(0.3, 0.1)
    again = session.pauses(0.3, 0.1)
    gaps = [next(first) for _ in range(200)]
    assert gaps == [next(again) for _ in range(200)]
    assert all(0.3 <= g < 0.4 for g in gaps)
    phases = {int((g - 0.3) * 100) for g in gaps}  # 10 ms bins over esbuild's 100 ms poll
    assert phases == set(range(10))
