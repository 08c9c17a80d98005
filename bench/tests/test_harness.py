"""Tests of the bench harness with tiny stand-in contenders (no npm, no assetpipe needed).

Run with ``python -m pytest bench/tests`` from the repo.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench import harness, sitegen
from bench.contenders import render_vite_config
from bench.harness import Command, Contender, Context, RunDirs, Workload


@pytest.fixture(autouse=True)
def work_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(harness, "WORK_DIR", tmp_path / "work")
    return tmp_path / "work"


def python(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


WRITE_PAGES = """
import pathlib, sys
out = pathlib.Path(sys.argv[1]); out.mkdir()
for i in range(int(sys.argv[2])):
    (out / f"p{i}.html").write_text("x" * 10)
with open(sys.argv[3], "a") as log:
    log.write(sys.argv[4] + "\\n")
"""


def page_writer(name: str, pages: int, log: Path, anchor: bool = False) -> Contender:
    def command(dirs: RunDirs) -> Command:
        return Command(python(WRITE_PAGES, str(dirs.out), str(pages), str(log), name))

    def check(out: Path) -> harness.Figures:
        figures = harness.tree_figures(out)
        harness.expect(figures, "html_files", 3)
        return figures

    return Contender(name, command, anchor=anchor, check=check)


def test_contenders_run_interleaved_and_get_ratios(tmp_path: Path) -> None:
    log = tmp_path / "order.log"
    work = Workload(
        "demo",
        "demo",
        lambda ctx: [page_writer("tool", 3, log), page_writer("anchor", 3, log, anchor=True)],
    )
    report = harness.run_workload(work, repeat=3, timeout=60)
    assert log.read_text().split() == ["tool", "anchor"] * 3
    assert report.ok
    tool, anchor = report.contenders
    assert anchor.ratio == 1.0
    assert tool.ratio == pytest.approx(tool.median / anchor.median)
    assert tool.figures == {"files": 3, "bytes": 30, "html_files": 3}
    assert len(tool.runs) == 3 and all(run.seconds > 0 for run in tool.runs)
    table = harness.render_table(report)
    assert "anchor (anchor)" in table and "html_files" in table


def test_a_failing_contender_is_reported_and_the_others_go_on(tmp_path: Path) -> None:
    log = tmp_path / "order.log"
    broken = Contender(
        "broken",
        lambda dirs: Command(python("import sys; sys.exit('no module named assetpipe')")),
    )
    work = Workload("demo", "demo", lambda ctx: [broken, page_writer("anchor", 3, log, True)])
    report = harness.run_workload(work, repeat=2, timeout=60)
    failed, anchor = report.contenders
    assert not report.ok and not failed.ok and anchor.ok
    assert len(failed.runs) == 1, "a failed contender is not run again"
    assert "exit 1" in failed.error and "no module named assetpipe" in failed.error
    assert failed.ratio is None and anchor.ratio == 1.0
    assert "FAILED" in harness.render_table(report)
    assert json.loads(harness.to_json([report]))["workloads"][0]["ok"] is False


def test_wrong_output_setup_errors_and_missing_programs_fail_the_contender(tmp_path: Path) -> None:
    log = tmp_path / "order.log"

    def refuse() -> None:
        raise harness.CheckFailed("npm not found")

    contenders = [
        page_writer("short", 2, log),
        Contender("needs-npm", lambda dirs: Command(["true"]), setup=refuse),
        Contender("missing", lambda dirs: Command(["/nonexistent/tool"])),
    ]
    report = harness.run_workload(Workload("demo", "demo", lambda ctx: contenders), 1, 60)
    short, needs_npm, missing = report.contenders
    assert "expected html_files = 3, got 2" in short.error
    assert needs_npm.error == "setup failed: npm not found" and needs_npm.runs == []
    assert missing.error.startswith("could not run")


def test_a_run_that_exceeds_the_timeout_is_killed() -> None:
    slow = Contender("slow", lambda dirs: Command(python("import time; time.sleep(30)")))
    report = harness.run_workload(Workload("demo", "demo", lambda ctx: [slow]), 1, timeout=0.5)
    assert report.contenders[0].error.startswith("timed out after 0.5 s")
    assert report.contenders[0].runs[0].seconds < 10


def test_each_run_gets_fresh_folders() -> None:
    seen: list[RunDirs] = []

    def command(dirs: RunDirs) -> Command:
        assert not dirs.out.exists() and list(dirs.scratch.iterdir()) == []
        seen.append(dirs)
        return Command(
            python("import pathlib, sys; pathlib.Path(sys.argv[1], 'x').touch()", str(dirs.scratch))
        )

    harness.run_workload(Workload("demo", "demo", lambda ctx: [Contender("t", command)]), 2, 60)
    assert len({d.scratch for d in seen}) == 2
    assert not any(d.scratch.exists() for d in seen), "run folders are deleted"


def test_cached_generates_once_per_version(tmp_path: Path) -> None:
    calls: list[Path] = []

    def generate(dest: Path) -> None:
        calls.append(dest)
        (dest / "f").write_text("x")

    site = tmp_path / "site"
    assert harness.cached(site, "v1", generate) is not None
    assert harness.cached(site, "v1", generate) is None
    assert harness.cached(site, "v2", generate) is not None
    assert len(calls) == 2 and (site / "f").is_file() and not (tmp_path / "site.tmp").exists()


def test_prepare_errors_are_reported_not_raised() -> None:
    def prepare(ctx: Context) -> list[Contender]:
        raise RuntimeError("Pillow is needed")

    report = harness.run_workload(Workload("demo", "demo", prepare), 1, 60)
    assert not report.ok and report.error == "Pillow is needed"
    assert "preparing failed: Pillow is needed" in harness.render_table(report)


def test_site_generation_is_deterministic_and_complete(tmp_path: Path) -> None:
    pytest.importorskip("PIL")
    spec = sitegen.SiteSpec(pages=12, sections=3, seed="test")
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        root.mkdir()
        sitegen.generate(root, spec)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
    figures = harness.tree_figures(first)
    assert figures["html_files"] == 12 and figures["jpg_files"] + figures["png_files"] == 13
    page = (first / sitegen.page_path(spec, 5)).read_text()
    assert 'src="../js/pages/page-0005.js"' in page and 'href="../css/section-01.css"' in page
    for image in sitegen.page_images(spec, 5):
        assert f'src="../img/{image}"' in page


def test_vite_config_lists_every_page_as_an_input(tmp_path: Path) -> None:
    pages = [tmp_path / "site" / "a" / "p1.html", tmp_path / "site" / "b" / "p2.html"]
    text = render_vite_config(tmp_path / "site", pages, tmp_path / "cache")
    config = json.loads(text.split("export default ", 1)[1].rstrip().rstrip(";"))
    assert config["build"]["rolldownOptions"]["input"] == [str(p) for p in pages]
    assert config["build"]["assetsInlineLimit"] == 0


def test_a_baseline_replaces_the_anchor_in_a_contenders_ratio(tmp_path: Path) -> None:
    log = tmp_path / "order.log"
    fast = Contender("fast", lambda dirs: Command(python("pass")), baseline="slow")
    slow = Contender("slow", lambda dirs: Command(python("import time; time.sleep(0.3)")))
    work = Workload("demo", "demo", lambda ctx: [page_writer("anchor", 3, log, True), fast, slow])
    report = harness.run_workload(work, repeat=1, timeout=60)
    anchor, fast_report, slow_report = report.contenders
    assert fast_report.baseline == "slow" and slow_report.baseline is None
    assert fast_report.ratio == pytest.approx(fast_report.median / slow_report.median)
    assert slow_report.ratio == pytest.approx(slow_report.median / anchor.median)
    assert "ratio of fast: median / slow's median" in harness.render_table(report)


def test_rates_are_figures_per_second_of_the_median(tmp_path: Path) -> None:
    def check(out: Path) -> harness.Figures:
        return {"uploads": 100, "writes": 1}

    counted = Contender(
        "counted", lambda dirs: Command(python("pass")), check=check, rates=("uploads", "nope")
    )
    report = harness.run_workload(Workload("demo", "demo", lambda ctx: [counted]), 2, 60)
    figures = report.contenders[0].figures
    assert figures["uploads_per_s"] == pytest.approx(100 / report.contenders[0].median)
    assert "writes_per_s" not in figures and "nope_per_s" not in figures
    assert all("uploads_per_s" not in run.figures for run in report.contenders[0].runs)


def test_cleanups_run_after_the_workload_even_when_preparing_fails() -> None:
    done: list[str] = []

    def prepare(ctx: Context) -> list[Contender]:
        ctx.cleanups.append(lambda: done.append("first"))
        ctx.cleanups.append(lambda: done.append("second"))
        return [Contender("t", lambda dirs: Command(python("pass")))]

    def broken(ctx: Context) -> list[Contender]:
        ctx.cleanups.append(lambda: done.append("server stopped"))
        raise RuntimeError("no moto")

    assert harness.run_workload(Workload("demo", "demo", prepare), 1, 60).ok
    assert done == ["second", "first"]
    assert not harness.run_workload(Workload("demo", "demo", broken), 1, 60).ok
    assert done[-1] == "server stopped"


def test_notes_are_printed_after_the_table_and_kept_in_the_json() -> None:
    def prepare(ctx: Context) -> list[Contender]:
        ctx.notes["t: tags"] = "<script src=a.js></script>\n<link href=a.css>\n"
        return [Contender("t", lambda dirs: Command(python("pass")))]

    report = harness.run_workload(Workload("demo", "demo", prepare), 1, 60)
    lines = harness.render_table(report).splitlines()
    at = lines.index("-- t: tags:")
    assert lines[at + 1 :] == ["   <script src=a.js></script>", "   <link href=a.css>"]
    assert at > next(i for i, line in enumerate(lines) if line.startswith("t "))
    document = json.loads(harness.to_json([report]))
    assert document["workloads"][0]["notes"] == report.notes
    assert "a.css" in report.notes["t: tags"]
