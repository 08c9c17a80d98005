"""Save-to-event latency and idle CPU of a watcher (``assetpipe watch`` or ``esbuild --watch``),
for the ``watch`` and ``watch-three10`` workloads.

    python bench/scripts/watch_latency.py TOOL SITE INPUT SCRATCH RESULT [options]

TOOL is ``assetpipe`` or ``esbuild``; SITE is ``demo`` or ``three10``. INPUT is copied to
``SCRATCH/site`` first (the demo's INPUT holds ``site/`` and ``assetpipe.toml``; three10's INPUT
is the site itself), then the watcher is started on the copy, in its own process, writing to
``SCRATCH/out``:

- ``demo``, ``assetpipe``: ``python -m assetpipe watch --src SITE --out OUT --cache-dir CACHE
  --config assetpipe.toml --port 0``; ready when it printed its URL on stdout and its event
  stream (``/__assetpipe/events``) said ``hello``. An edit is answered by ``reload``, ``css``
  or ``build-error``.
- ``demo``, ``esbuild``: ``esbuild js/pages/home.js js/pages/gallery.js css/main.css --bundle
  --format=esm --sourcemap=inline --loader:.woff2=file --loader:.svg=file --outdir=OUT
  --serve=127.0.0.1:0 --watch=forever`` (the demo's two page scripts and its stylesheet; esbuild
  cannot build the HTML); ready when it printed ``Local: URL`` and ``[watch] build finished``
  and its event stream (``/esbuild``, ``Accept: text/event-stream``) is open. An edit is
  answered by a ``change`` event; one whose ``updated`` files are all ``.css`` (nothing added
  or removed) is what esbuild's own client hot-swaps, counted here as a ``css`` answer.
- ``three10``, ``assetpipe``: ``... watch --src SITE --out OUT --cache-dir CACHE --no-serve``
  (defaults, no config file); ready at its ``watching`` line on stderr; an edit is answered by
  its ``rebuilt (KIND) in N ms`` line (``N``: the build's own time) or ``build failed``.
- ``three10``, ``esbuild``: ``esbuild entry.js --bundle --format=esm --sourcemap=inline
  --outdir=OUT --watch=forever``; ready at ``[watch] build finished, watching for changes``; an
  edit is answered by the next ``[watch] build finished`` line (an error if ``[ERROR]`` came
  between it and ``[watch] build started``, whose time is kept as ``detect_ms``).

Both tools are given inline source maps and no minification: what ``assetpipe watch`` builds.

Edits: ``--js-edits`` times, the JS module (``js/lib/ui.js``; three10: ``copy1/math/Vector3.js``)
is rewritten in place (``open(r+)``, write, truncate: one ``write``) as its original text plus
``globalThis.__benchEdit = N;`` (a statement, so no tool can drop it as it can a comment);
``time.perf_counter()`` is taken just before the write and when the answer arrived (the SSE
event fully read, or the stderr line read). Then ``--gap`` seconds of quiet plus a random
jitter of up to ``--jitter`` seconds (default 0.1; the same sequence for every tool, seeded:
see :func:`pauses`) before the next edit. Then ``--css-edits`` edits of ``css/components.css``
(original plus ``.bench-edit { color: #NNNNNN; }``). An edit with no answer within
``--timeout`` seconds is recorded as such and the next one goes on. Then ``--idle`` seconds
without edits (after one second to settle), over which the CPU time of the watcher's process
tree (``/proc/PID/stat``: utime + stime + cutime + cstime of it and every descendant; Linux
only) is taken, as percent of one core, the event stream still open. Then SIGTERM.

RESULT (JSON): ``{"tool", "site", "ready_s", "edits": {"js": [...], "css": [...]},
"idle_cpu_pct", "idle_s", "exit_code", "stderr_tail"}``; each edit ``{"ms", "answer"}`` with
``answer`` one of ``reload``, ``css``, ``error``, ``timeout`` (``ms`` null then), plus
``tool_ms`` (assetpipe's own ``rebuilt ... in N ms``) or ``detect_ms`` (esbuild's ``build
started``) when seen, and ``extra_events``: answers that came when no edit was waiting for one.
Exit status 1 when the watcher never got ready (its stderr tail on stderr).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class SiteSpec:
    js: str  # the module edited, relative to the site
    css: str | None  # the stylesheet edited
    esbuild_entries: tuple[str, ...]
    sse: bool  # answers from the event stream (else from stderr lines)


SITES = {
    "demo": SiteSpec(
        js="js/lib/ui.js",
        css="css/components.css",
        esbuild_entries=("js/pages/home.js", "js/pages/gallery.js", "css/main.css"),
        sse=True,
    ),
    "three10": SiteSpec(
        js="copy1/math/Vector3.js", css=None, esbuild_entries=("entry.js",), sse=False
    ),
}
ESBUILD_FLAGS = ("--bundle", "--format=esm", "--sourcemap=inline")
ESBUILD_LOADERS = ("--loader:.woff2=file", "--loader:.svg=file")  # the url()s of the CSS
READY_TIMEOUT = 600.0

# --- parsing (pure; unit-tested) ----------------------------------------------------------------


def parse_sse(lines: Iterable[str]) -> Iterator[tuple[str, object]]:
    """``(event, data)`` for each complete Server-Sent Event in ``lines`` (without newlines);
    ``data`` is parsed as JSON when it is JSON. ``retry:``, ``id:`` and comments are skipped."""
    event: str | None = None
    data: list[str] = []
    for line in lines:
        if line == "":
            if event is not None or data:
                text = "\n".join(data)
                try:
                    value: object = json.loads(text) if text else None
                except ValueError:
                    value = text
                yield event or "message", value
            event, data = None, []
        elif line.startswith(":"):
            continue
        else:
            name, _, value_text = line.partition(":")
            value_text = value_text.removeprefix(" ")
            if name == "event":
                event = value_text
            elif name == "data":
                data.append(value_text)


def sse_answer(tool: str, event: str, data: object) -> str | None:
    """What an event means for an edit: ``reload``, ``css``, ``error``, or None (not an answer:
    assetpipe's ``hello``/``ok``)."""
    if tool == "assetpipe":
        return {"reload": "reload", "css": "css", "build-error": "error"}.get(event)
    if event != "change":
        return None
    if isinstance(data, dict):
        updated = data.get("updated") or []
        only_changed = updated and not data.get("added") and not data.get("removed")
        if only_changed and all(str(path).endswith(".css") for path in updated):
            return "css"
    return "reload"


_ASSETPIPE_REBUILT = re.compile(r"^rebuilt \((\w+)\) in (\d+) ms")


def assetpipe_line(line: str) -> tuple[str, float | None] | None:
    """``(answer, tool_ms)`` for assetpipe's stderr line of a finished rebuild, else None."""
    m = _ASSETPIPE_REBUILT.match(line)
    if m:
        return ("css" if m[1] == "css" else "reload"), float(m[2])
    if line.startswith("build failed"):
        return "error", None
    return None


def parse_stat(text: str) -> tuple[int, float]:
    """``(ppid, cpu ticks)`` from the text of ``/proc/PID/stat``: utime + stime + cutime +
    cstime (the command name in parentheses may hold spaces and parentheses)."""
    fields = text[text.rindex(")") + 2 :].split()
    # fields[0] is the state (field 3 of proc(5)); utime is field 14
    return int(fields[1]), float(sum(int(f) for f in fields[11:15]))


def tree_cpu_seconds(pid: int) -> float:
    """CPU seconds used so far by ``pid`` and every process below it (from /proc)."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    stats[int(entry)] = parse_stat(f.read())
            except (OSError, ValueError):
                continue
    children: dict[int, list[int]] = {}
    for child, (ppid, _) in stats.items():
        children.setdefault(ppid, []).append(child)
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        if current in stats:
            total += stats[current][1]
        todo.extend(children.get(current, ()))
    return total / os.sysconf("SC_CLK_TCK")


# --- the running watcher --------------------------------------------------------------------------


@dataclass
class Answers:
    """Answers (``(answer, perf_counter, extra)``) and stderr lines, from reader threads."""

    answers: list[tuple[str, float, dict]] = field(default_factory=list)
    lines: list[tuple[str, float]] = field(default_factory=list)
    cond: threading.Condition = field(default_factory=threading.Condition)
    connected: bool = False

    def add(self, answer: str, extra: dict | None = None) -> None:
        now = time.perf_counter()
        with self.cond:
            self.answers.append((answer, now, extra or {}))
            self.cond.notify_all()

    def add_line(self, line: str) -> None:
        now = time.perf_counter()
        with self.cond:
            self.lines.append((line, now))
            self.cond.notify_all()

    def wait(self, predicate, timeout: float):
        """Wait until ``predicate()`` returns something true; return it (None on timeout)."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                value = predicate()
                if value:
                    return value
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cond.wait(min(left, 0.5))


class Watcher:
    def __init__(self, tool: str, site: str, scratch: Path, esbuild: str | None) -> None:
        self.tool, self.spec = tool, SITES[site]
        self.site_dir = scratch / "site"
        self.out = scratch / "out"
        self.got = Answers()
        argv, cwd = self._argv(site, scratch, esbuild)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSETPIPE_")}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,  # esbuild: --watch=forever, so a closed stdin is fine
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            errors="replace",
            bufsize=1,
        )
        self.url: str | None = None
        threading.Thread(target=self._read_stderr, daemon=True).start()
        threading.Thread(target=self._read_stdout, daemon=True).start()

    def _argv(self, site: str, scratch: Path, esbuild: str | None) -> tuple[list[str], Path]:
        if self.tool == "assetpipe":
            prefix = os.environ.get("BENCH_ASSETPIPE")
            argv = shlex.split(prefix) if prefix else [sys.executable, "-m", "assetpipe"]
            argv += ["watch", "--src", str(self.site_dir), "--out", str(self.out)]
            argv += ["--cache-dir", str(scratch / "cache")]
            if site == "demo":
                argv += ["--config", str(scratch / "assetpipe.toml"), "--port", "0"]
            else:
                argv += ["--no-serve"]
            return argv, scratch
        if not esbuild:
            raise SystemExit("--esbuild PATH is needed for the esbuild watcher")
        esbuild = str(Path(esbuild).resolve())
        argv = [esbuild, *self.spec.esbuild_entries, *ESBUILD_FLAGS, f"--outdir={self.out}"]
        if self.spec.sse:
            argv += [*ESBUILD_LOADERS, "--serve=127.0.0.1:0", "--watch=forever"]
        else:
            argv += ["--watch=forever"]
        return argv, self.site_dir

    # readers

    def _read_stdout(self) -> None:
        for raw in self.process.stdout:
            line = raw.rstrip("\n")
            if self.tool == "assetpipe" and self.url is None and line.startswith("http"):
                self.url = line.strip()
            self.got.add_line("stdout: " + line)

    def _read_stderr(self) -> None:
        started_at: float | None = None
        error = False
        for raw in self.process.stderr:
            line = raw.rstrip("\n")
            self.got.add_line(line)
            text = line.strip()
            if self.tool == "esbuild":
                m = re.search(r"Local:\s+(http://\S+)", text)
                if m and self.url is None:
                    self.url = m[1]
                if text.startswith("[watch] build started"):
                    started_at, error = time.perf_counter(), False
                elif "[ERROR]" in text:
                    error = True
                elif (
                    text.startswith("[watch] build finished")
                    and "watching for changes" not in text  # not the initial build
                    and not self.spec.sse
                ):
                    extra = {"started_at": started_at} if started_at else {}
                    self.got.add("error" if error else "reload", extra)
            elif not self.spec.sse:
                parsed = assetpipe_line(text)
                if parsed:
                    answer, tool_ms = parsed
                    self.got.add(answer, {"tool_ms": tool_ms} if tool_ms is not None else {})

    def _read_events(self) -> None:
        parts = urlsplit(self.url or "")
        path = "/__assetpipe/events" if self.tool == "assetpipe" else "/esbuild"
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=None)
        connection.request("GET", path, headers={"Accept": "text/event-stream"})
        response = connection.getresponse()
        if response.status != 200:
            self.got.add_line(f"event stream: HTTP {response.status}")
            return
        with self.got.cond:
            self.got.connected = True
            self.got.cond.notify_all()

        def lines() -> Iterator[str]:
            while True:
                raw = response.readline()
                if not raw:
                    return
                yield raw.decode("utf-8", "replace").rstrip("\r\n")

        try:
            for event, data in parse_sse(lines()):
                answer = sse_answer(self.tool, event, data)
                if event == "hello":
                    self.got.add_line("event: hello")
                elif answer is not None:
                    self.got.add(answer, {"event": event, "data": data})
        except OSError:
            return

    # life cycle

    def ready(self) -> float:
        """Wait until the watcher is ready for edits; seconds since it was started."""

        def line_seen(text: str):
            return lambda: any(text in line for line, _ in self.got.lines)

        def failed() -> bool:
            return self.process.poll() is not None

        if self.spec.sse:
            if not self.got.wait(lambda: self.url or failed(), READY_TIMEOUT) or failed():
                raise RuntimeError("the watcher did not print its URL")
            first_build = line_seen("[watch] build finished")
            if self.tool == "esbuild" and not self.got.wait(first_build, READY_TIMEOUT):
                raise RuntimeError("esbuild did not finish its first build")
            threading.Thread(target=self._read_events, daemon=True).start()
            wanted = line_seen("event: hello") if self.tool == "assetpipe" else None
            if not self.got.wait(
                lambda: (self.got.connected and (wanted is None or wanted())) or failed(), 30
            ):
                raise RuntimeError("could not open the event stream")
        else:
            text = "watching" if self.tool == "assetpipe" else "watching for changes"
            if not self.got.wait(lambda: line_seen(text)() or failed(), READY_TIMEOUT):
                raise RuntimeError(f"no {text!r} line from the watcher")
        if failed():
            raise RuntimeError(f"the watcher exited with {self.process.returncode}")
        return time.perf_counter() - self.started

    def stop(self) -> int | None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.process.returncode

    def stderr_tail(self, count: int = 20) -> list[str]:
        return [line for line, _ in self.got.lines[-count:]]


# --- edits ----------------------------------------------------------------------------------------


def pauses(gap: float, jitter: float, seed: int = 7) -> Iterator[float]:
    """The pauses after each answer: ``gap`` plus a seeded random jitter in ``[0, jitter)``.

    esbuild polls every 100 ms, counted from the end of its last build: with a fixed gap that
    is a multiple of that (300 ms), every save would land just before one of its polls and it
    would seem to notice changes in ~2 ms. The jitter puts saves at a random phase, as a
    person's are. The same seed gives every tool the same pauses."""
    rng = random.Random(seed)
    while True:
        yield gap + rng.uniform(0, jitter)


def write_in_place(path: Path, text: str) -> None:
    """An ordinary save: the same file opened for writing, one write, truncated."""
    with open(path, "r+", encoding="utf-8") as f:
        f.write(text)
        f.truncate()


def edit_text(kind: str, original: str, n: int) -> str:
    if kind == "js":
        return f"{original.rstrip()}\nglobalThis.__benchEdit = {n};\n"
    return f"{original.rstrip()}\n.bench-edit {{ color: #{n:06x}; }}\n"


def run_edits(
    watcher: Watcher,
    kind: str,
    rel: str,
    count: int,
    gaps: Iterator[float],
    timeout: float,
) -> list[dict]:
    path = watcher.site_dir / rel
    original = path.read_text(encoding="utf-8")
    got = watcher.got
    edits: list[dict] = []
    for n in range(1, count + 1):
        mark = len(got.answers)
        start = time.perf_counter()
        write_in_place(path, edit_text(kind, original, n))
        answer = got.wait(lambda mark=mark: got.answers[mark:] and got.answers[mark], timeout)
        if answer is None:
            edits.append({"ms": None, "answer": "timeout"})
        else:
            name, at, extra = answer
            record = {"ms": round((at - start) * 1000, 2), "answer": name}
            if extra.get("tool_ms") is not None:
                record["tool_ms"] = extra["tool_ms"]
            if extra.get("started_at"):
                record["detect_ms"] = round((extra["started_at"] - start) * 1000, 2)
            edits.append(record)
        time.sleep(next(gaps))
        record = edits[-1]
        record["extra_events"] = len(got.answers) - mark - (record["answer"] != "timeout")
        record["start"] = start
    return edits


def attach_lines(tool: str, edits: list[dict], lines: list[tuple[str, float]], end: float) -> None:
    """With the event stream, what stderr said in each edit's window: assetpipe's ``rebuilt
    ... in N ms`` (``tool_ms``), esbuild's ``[watch] build started`` (``detect_ms``)."""
    for i, edit in enumerate(edits):
        until = edits[i + 1]["start"] if i + 1 < len(edits) else end
        for line, at in lines:
            if not edit["start"] <= at < until:
                continue
            text = line.strip()
            if tool == "assetpipe":
                parsed = assetpipe_line(text)
                if parsed and parsed[1] is not None:
                    edit["tool_ms"] = parsed[1]
                    break
            elif text.startswith("[watch] build started"):
                edit["detect_ms"] = round((at - edit["start"]) * 1000, 2)
                break


def idle_cpu(pid: int, seconds: float) -> float:
    """Percent of one core the process tree of ``pid`` used over ``seconds`` of no edits."""
    before, start = tree_cpu_seconds(pid), time.perf_counter()
    time.sleep(seconds)
    after, elapsed = tree_cpu_seconds(pid), time.perf_counter() - start
    return round((after - before) / elapsed * 100, 3)


def copy_input(site: str, source: Path, scratch: Path) -> None:
    if site == "demo":
        shutil.copytree(source / "site", scratch / "site")
        shutil.copy2(source / "assetpipe.toml", scratch / "assetpipe.toml")
    else:
        shutil.copytree(source, scratch / "site")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tool", choices=("assetpipe", "esbuild"))
    parser.add_argument("site", choices=sorted(SITES))
    parser.add_argument("input", type=Path)
    parser.add_argument("scratch", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--esbuild", help="the esbuild executable")
    parser.add_argument("--js-edits", type=int, default=20)
    parser.add_argument("--css-edits", type=int, default=20)
    parser.add_argument("--gap", type=float, default=0.3, help="seconds between edits")
    parser.add_argument("--jitter", type=float, default=0.1, help="up to this much more")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds to wait an answer")
    parser.add_argument("--idle", type=float, default=10.0, help="seconds of idle CPU sampling")
    args = parser.parse_args(argv)

    copy_input(args.site, args.input, args.scratch)
    watcher = Watcher(args.tool, args.site, args.scratch, args.esbuild)
    result: dict = {"tool": args.tool, "site": args.site, "edits": {}}
    try:
        try:
            result["ready_s"] = round(watcher.ready(), 3)
        except RuntimeError as exc:
            print(f"watch_latency: {exc}", file=sys.stderr)
            print("\n".join(watcher.stderr_tail(40)), file=sys.stderr)
            return 1
        spec = SITES[args.site]
        plan = [("js", spec.js, args.js_edits)]
        if spec.css and args.css_edits:
            plan.append(("css", spec.css, args.css_edits))
        gaps = pauses(args.gap, args.jitter)
        for kind, rel, count in plan:
            time.sleep(next(gaps))
            result["edits"][kind] = run_edits(watcher, kind, rel, count, gaps, args.timeout)
        time.sleep(1.0)  # let the last rebuild's stragglers settle
        end = time.perf_counter()
        if spec.sse:
            for edits in result["edits"].values():
                attach_lines(args.tool, edits, watcher.got.lines, end)
        for edits in result["edits"].values():
            for edit in edits:
                edit.pop("start", None)
        if args.idle > 0:
            result["idle_cpu_pct"] = idle_cpu(watcher.process.pid, args.idle)
            result["idle_s"] = args.idle
    finally:
        result["exit_code"] = watcher.stop()
        result["stderr_tail"] = watcher.stderr_tail()
        args.result.parent.mkdir(parents=True, exist_ok=True)
        args.result.write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
