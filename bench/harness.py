"""The benchmark harness: named workloads, contenders run side by side, a report.

A *workload* is a function registered with :func:`workload`. Given a :class:`Context`, it prepares
its input (cached under ``bench/.work/<name>/``) and returns the :class:`Contender` s to compare:
assetpipe and one *anchor* (the tool it is measured against). :func:`run_workload` then runs every
contender once per round, interleaved (A, B, A, B, ...) in the same process tree and time window,
so drift on a shared machine hits them alike, and reports medians and the ratio of each
contender's median to the anchor's (below 1: faster than the anchor).

Invariants:
- Every timed run gets a fresh, empty scratch folder and a fresh output path, both deleted after
  the run was checked; nothing a run leaves behind is seen by the next one unless the contender
  says so itself (e.g. a warm cache it keeps in the workload folder).
- A contender that fails (setup raised, non-zero exit, failed check, timeout) is reported with
  the reason and the tail of its stderr and is not run again; the others go on.
- Only timed rounds count; ``setup`` and checks are untimed.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / ".work"

Figures = dict[str, float]
"""Extra numbers a run or a workload reports (file counts, bytes, ...), by name."""


class CheckFailed(Exception):
    """Raised by a contender's check or setup: the run is wrong, its timing meaningless."""


@dataclass(frozen=True, slots=True)
class RunDirs:
    """Where one timed run may write: ``out`` does not exist yet, ``scratch`` is empty."""

    out: Path
    scratch: Path
    round: int


@dataclass(frozen=True, slots=True)
class Command:
    """A process to time."""

    argv: Sequence[str]
    cwd: Path = REPO_DIR
    env: Mapping[str, str | None] | None = None  # over os.environ; None unsets a variable


@dataclass(frozen=True, slots=True)
class Contender:
    """One tool in a workload.

    ``command`` is called before every run with that run's folders; ``setup`` runs once before
    the first round (untimed: installs, priming a cache); ``check`` looks at a finished run's
    output, returns figures to report and raises :class:`CheckFailed` when the output is wrong.
    ``baseline`` names another contender whose median this one's ``ratio`` is taken against
    instead of the anchor's (e.g. a no-change run against the anchor tool's no-change run).
    ``rates`` are figures also reported per second of the median, as ``<figure>_per_s``.
    """

    name: str
    command: Callable[[RunDirs], Command]
    anchor: bool = False
    setup: Callable[[], None] | None = None
    check: Callable[[Path], Figures] | None = None
    baseline: str | None = None
    rates: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Workload:
    name: str
    description: str
    prepare: Callable[[Context], list[Contender]]


@dataclass(slots=True)
class Context:
    """What a workload's ``prepare`` gets: its own cached folder and a place to report facts.

    ``cleanups`` run (last added first) when the workload is over, whether it passed, failed or
    could not prepare: a server the workload started, for instance. ``notes`` are blocks of text
    (by title) printed after the table and kept in the JSON: what does not fit in a number, such
    as the tags a tool's output makes a server print.
    """

    name: str
    work: Path
    info: dict[str, object] = field(default_factory=dict)
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class RunRecord:
    round: int
    ok: bool
    seconds: float | None = None
    cpu_seconds: float | None = None
    max_rss_mb: float | None = None
    figures: Figures = field(default_factory=dict)
    error: str | None = None


@dataclass(slots=True)
class ContenderReport:
    name: str
    anchor: bool
    baseline: str | None = None  # the contender ``ratio`` is taken against; None: the anchor
    ok: bool = True
    error: str | None = None
    runs: list[RunRecord] = field(default_factory=list)
    median: float | None = None
    min: float | None = None
    cpu_median: float | None = None
    max_rss_mb: float | None = None
    ratio: float | None = None
    figures: Figures = field(default_factory=dict)


@dataclass(slots=True)
class WorkloadReport:
    name: str
    description: str
    repeat: int
    info: dict[str, object]
    contenders: list[ContenderReport]
    error: str | None = None  # preparing the input failed; no contender ran
    notes: dict[str, str] = field(default_factory=dict)  # Context.notes, printed after the table

    @property
    def ok(self) -> bool:
        return self.error is None and all(c.ok for c in self.contenders)


REGISTRY: dict[str, Workload] = {}


def workload(
    name: str, description: str
) -> Callable[[Callable[[Context], list[Contender]]], Callable[[Context], list[Contender]]]:
    """Register ``prepare`` as the workload ``name`` (used as a decorator)."""

    def register(
        prepare: Callable[[Context], list[Contender]],
    ) -> Callable[[Context], list[Contender]]:
        if name in REGISTRY:
            raise ValueError(f"workload {name!r} registered twice")
        REGISTRY[name] = Workload(name, description, prepare)
        return prepare

    return register


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the report."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- preparing inputs -------------------------------------------------------------------------


def cached(dest: Path, version: str, generate: Callable[[Path], None]) -> float | None:
    """Make ``dest`` with ``generate(tmp)`` unless a complete one of ``version`` is there.

    Generation happens in a sibling folder that is renamed into place when done, so an
    interrupted run never leaves a half-made input that looks finished. Returns the seconds
    generation took, or None when the cached copy was used.
    """
    stamp = dest.with_name(dest.name + ".stamp")
    if dest.is_dir() and stamp.is_file() and stamp.read_text() == version:
        return None
    tmp = dest.with_name(dest.name + ".tmp")
    for stale in (dest, tmp):
        shutil.rmtree(stale, ignore_errors=True)
    stamp.unlink(missing_ok=True)
    tmp.mkdir(parents=True)
    start = time.perf_counter()
    generate(tmp)
    elapsed = time.perf_counter() - start
    tmp.rename(dest)
    stamp.write_text(version)
    return elapsed


def tree_figures(root: Path, exclude: Sequence[str] = ()) -> Figures:
    """Count files and bytes under ``root``, and files per suffix; top-level ``exclude`` skipped."""
    files = size = 0
    by_suffix: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d not in exclude]
        for filename in filenames:
            files += 1
            size += os.path.getsize(os.path.join(dirpath, filename))
            suffix = os.path.splitext(filename)[1].lstrip(".").lower() or "other"
            by_suffix[suffix] = by_suffix.get(suffix, 0) + 1
    figures: Figures = {"files": files, "bytes": size}
    figures.update({f"{suffix}_files": n for suffix, n in sorted(by_suffix.items())})
    return figures


def expect(figures: Figures, key: str, wanted: float) -> None:
    """Raise :class:`CheckFailed` unless ``figures[key] == wanted``."""
    if figures.get(key, 0) != wanted:
        raise CheckFailed(f"expected {key} = {wanted:g}, got {figures.get(key, 0):g}")


def run_untimed(command: Command, timeout: float = 1800) -> None:
    """Run a setup command; raise :class:`CheckFailed` with its stderr tail if it fails."""
    result = subprocess.run(
        list(command.argv),
        cwd=command.cwd,
        env=_environ(command),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise CheckFailed(f"exit {result.returncode}\n{tail(result.stderr or result.stdout)}")


def tail(text: str, lines: int = 15) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


# --- timing -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Timed:
    returncode: int
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    stderr: str
    timed_out: bool


def _environ(command: Command) -> dict[str, str]:
    env = dict(os.environ)
    for key, value in (command.env or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def time_process(command: Command, timeout: float) -> _Timed:
    """Run ``command`` to its end; wall time, CPU time and peak RSS of it and its children.

    ``os.wait4`` gives the resource usage of exactly this process tree, which
    ``RUSAGE_CHILDREN`` cannot once several processes have run.
    """
    fired = threading.Event()

    def on_timeout() -> None:
        fired.set()
        _kill_group(proc.pid)

    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(command.argv),
            cwd=command.cwd,
            env=_environ(command),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, on_timeout)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        except BaseException:  # Ctrl-C: the tool runs in its own session and must not outlive us
            _kill_group(proc.pid)
            proc.wait()
            raise
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        _kill_group(proc.pid)  # leftovers the tool left running in its own process group
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    return _Timed(
        returncode=proc.returncode,
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        stderr=stderr,
        timed_out=fired.is_set(),
    )


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


# --- running a workload -----------------------------------------------------------------------


def run_workload(work: Workload, repeat: int, timeout: float) -> WorkloadReport:
    """Prepare ``work``, set its contenders up, run the rounds interleaved, summarise."""
    context = Context(work.name, WORK_DIR / work.name)
    context.work.mkdir(parents=True, exist_ok=True)
    try:
        return _run_prepared(work, context, repeat, timeout)
    finally:
        for cleanup in reversed(context.cleanups):
            try:
                cleanup()
            except Exception as exc:  # a cleanup that fails must not hide the report
                log(f"{work.name}: cleaning up failed: {exc}")


def _run_prepared(work: Workload, context: Context, repeat: int, timeout: float) -> WorkloadReport:
    log(f"{work.name}: preparing")
    try:
        contenders = work.prepare(context)
    except Exception as exc:  # a workload that cannot prepare must not stop the others
        log(f"{work.name}: preparing failed: {exc}")
        return WorkloadReport(
            work.name, work.description, repeat, context.info, [], f"{exc}", context.notes
        )
    reports = {c.name: ContenderReport(c.name, c.anchor, c.baseline) for c in contenders}
    for contender in contenders:
        _setup(contender, reports[contender.name])
    runs_dir = context.work / "runs"
    shutil.rmtree(runs_dir, ignore_errors=True)
    for round_ in range(1, repeat + 1):
        for contender in contenders:
            report = reports[contender.name]
            if report.ok:
                _record(report, _run_once(contender, runs_dir, round_, timeout), repeat)
    shutil.rmtree(runs_dir, ignore_errors=True)
    summary = [_summarise(reports[c.name], c.rates) for c in contenders]
    _add_ratios(summary)
    return WorkloadReport(
        work.name, work.description, repeat, context.info, summary, notes=context.notes
    )


def _setup(contender: Contender, report: ContenderReport) -> None:
    if contender.setup is None:
        return
    log(f"  setting up {contender.name}")
    try:
        contender.setup()
    except Exception as exc:  # any failure of a contender's setup is that contender's failure
        report.ok, report.error = False, f"setup failed: {exc}"
        log(f"  {contender.name}: {report.error}")


def _run_once(contender: Contender, runs_dir: Path, round_: int, timeout: float) -> RunRecord:
    base = runs_dir / f"{contender.name}-{round_}"
    dirs = RunDirs(out=base / "out", scratch=base / "scratch", round=round_)
    dirs.scratch.mkdir(parents=True)
    try:
        return _time_and_check(contender, dirs, timeout)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _time_and_check(contender: Contender, dirs: RunDirs, timeout: float) -> RunRecord:
    try:
        timed = time_process(contender.command(dirs), timeout)
    except OSError as exc:  # e.g. the executable does not exist
        return RunRecord(dirs.round, ok=False, error=f"could not run: {exc}")
    record = RunRecord(
        dirs.round,
        ok=True,
        seconds=timed.seconds,
        cpu_seconds=timed.cpu_seconds,
        max_rss_mb=timed.max_rss_mb,
    )
    if timed.timed_out:
        record.ok, record.error = False, f"timed out after {timeout:g} s\n{tail(timed.stderr)}"
    elif timed.returncode != 0:
        record.ok, record.error = False, f"exit {timed.returncode}\n{tail(timed.stderr)}"
    elif contender.check is not None:
        try:
            record.figures = contender.check(dirs.out)
        except CheckFailed as exc:
            record.ok, record.error = False, f"check failed: {exc}\n{tail(timed.stderr)}"
    return record


def _record(report: ContenderReport, run: RunRecord, repeat: int) -> None:
    report.runs.append(run)
    if run.ok:
        log(f"  round {run.round}/{repeat} {report.name}: {run.seconds:.2f} s")
    else:
        report.ok, report.error = False, run.error
        log(f"  round {run.round}/{repeat} {report.name}: FAILED {run.error}")


def _summarise(report: ContenderReport, rates: Sequence[str] = ()) -> ContenderReport:
    good = [r for r in report.runs if r.ok and r.seconds is not None]
    if not report.ok or not good:
        report.ok = False
        report.error = report.error or "no run"
        return report
    report.median = statistics.median(r.seconds for r in good)
    report.min = min(r.seconds for r in good)
    report.cpu_median = statistics.median(r.cpu_seconds or 0.0 for r in good)
    report.max_rss_mb = max(r.max_rss_mb or 0.0 for r in good)
    report.figures = dict(good[-1].figures)
    for key in rates:
        if key in report.figures and report.median > 0:
            report.figures[f"{key}_per_s"] = report.figures[key] / report.median
    return report


def _add_ratios(reports: list[ContenderReport]) -> None:
    anchor = next((r for r in reports if r.anchor and r.ok and r.median), None)
    by_name = {r.name: r for r in reports}
    for report in reports:
        against = by_name.get(report.baseline) if report.baseline else anchor
        if against is None or not against.ok or not against.median:
            continue
        if report.ok and report.median is not None:
            report.ratio = report.median / against.median


# --- reporting --------------------------------------------------------------------------------


def render_table(report: WorkloadReport) -> str:
    """A plain-text table of one workload's result, with its info line and any failures."""
    lines = [f"== {report.name}: {report.description} (rounds: {report.repeat})"]
    if report.error is not None:
        return "\n".join([*lines, f"-- preparing failed: {report.error}"])
    if report.info:
        lines.append("   " + ", ".join(f"{k}: {_fmt(v)}" for k, v in report.info.items()))
    extra = sorted({k for c in report.contenders for k in c.figures}, key=_figure_order)
    header = ["contender", "median s", "min s", "ratio", "cpu s", "rss MB", *extra]
    rows = [header]
    for c in report.contenders:
        name = c.name + (" (anchor)" if c.anchor else "")
        if not c.ok:
            rows.append([name, "FAILED", *[""] * (len(header) - 2)])
            continue
        rows.append(
            [
                name,
                f"{c.median:.3f}",
                f"{c.min:.3f}",
                _fmt(c.ratio, "{:.2f}"),
                f"{c.cpu_median:.2f}",
                f"{c.max_rss_mb:.0f}",
                *[_fmt(c.figures.get(k)) for k in extra],
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            cell.rjust(w) for cell, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    lines.append("   ratio: median / the anchor's median (below 1: faster than the anchor)")
    for c in report.contenders:
        if c.baseline:
            lines.append(f"   ratio of {c.name}: median / {c.baseline}'s median")
    for c in report.contenders:
        if not c.ok:
            lines.append(f"-- {c.name} failed: " + (c.error or "").rstrip().replace("\n", "\n   "))
    for title, text in report.notes.items():
        lines.append(f"-- {title}:")
        lines.extend(f"   {line}".rstrip() for line in text.rstrip().splitlines())
    return "\n".join(lines)


def _figure_order(key: str) -> tuple[int, str]:
    return ({"files": 0, "bytes": 1}.get(key, 2), key)


def _fmt(value: object, spec: str = "{}") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        if spec != "{}":
            return spec.format(value)
        return f"{value:.0f}" if value.is_integer() else f"{value:.3g}"
    return spec.format(value)


def to_json(reports: list[WorkloadReport]) -> str:
    """One JSON document: the machine, then every workload with every run."""
    document = {
        "version": 1,
        "machine": machine_info(),
        "workloads": [asdict(r) | {"ok": r.ok} for r in reports],
    }
    return json.dumps(document, indent=2)


def machine_info() -> dict[str, object]:
    return {
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "node": _version_of(["node", "--version"]),
        "platform": sys.platform,
        "commit": _version_of(["git", "-C", str(REPO_DIR), "describe", "--always", "--dirty"]),
    }


def _version_of(argv: list[str]) -> str | None:
    try:
        result = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None
