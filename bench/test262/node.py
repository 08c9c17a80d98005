"""Running test262 tests in Node, and deciding whether a run passed.

:class:`NodeRunner` keeps one ``node --expose-gc runner.mjs`` process (see that file) that
runs each test in a fresh worker thread, a new realm, with ``print`` and a ``$262`` shim and the
harness files evaluated as classic scripts in its global scope, then imports the test module.
A run is a dict: ``status`` (``ok``, ``threw``, ``uncaught``, ``unsettled``, ``timeout``,
``harness``, ``crash``; ``refused`` when a bundler refused the test at build time, with its
diagnostic), ``error`` (``name``, ``message``) and ``prints``. :func:`passed` judges it
against the test's metadata.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from bench.test262.frontmatter import Meta

HERE = Path(__file__).resolve().parent
RUNNER = HERE / "runner.mjs"
WORKER = HERE / "worker.mjs"
DEFAULT_TIMEOUT = 10.0


def node_path() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node not found on PATH: test262 runs need Node.js 20+")
    return node


def node_version() -> str:
    return subprocess.run(
        [node_path(), "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()


def driver_digest() -> bytes:
    """What a cached run depends on besides the test: the Node-side driver's code."""
    return RUNNER.read_bytes() + b"\0" + WORKER.read_bytes()


class NodeRunner:
    """One Node process running tests one at a time (each in its own worker thread)."""

    def __init__(self, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [node_path(), "--expose-gc", str(RUNNER)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                errors="replace",
                bufsize=1,
            )
        return self._proc

    def run(self, module: Path, harness: Sequence[Path]) -> dict:
        """Import ``module`` in a fresh realm prepared with the ``harness`` scripts."""
        job = {
            "id": 0,
            "url": module.resolve().as_uri(),
            "harness": [str(h) for h in harness],
            "timeout": int(self.timeout * 1000),
        }
        for _attempt in range(2):
            proc = self._start()
            assert proc.stdin is not None and proc.stdout is not None
            try:
                proc.stdin.write(json.dumps(job) + "\n")
                proc.stdin.flush()
                line = proc.stdout.readline()
            except (BrokenPipeError, OSError):
                line = ""
            if line:
                result = json.loads(line)
                result.pop("id", None)
                return result
            self.close()  # the runner itself died: start a new one and try once more
        return {
            "status": "crash",
            "error": {"name": "RunnerDied", "message": "the Node runner exited"},
            "prints": [],
        }

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()


SCRIPT_WRAPPER = """\
// Runs a classic script in the global scope of this realm, as test262 runs a non-module test.
import {{ readFileSync }} from 'node:fs';
import vm from 'node:vm';

const file = {file};
vm.runInThisContext(readFileSync(file, 'utf8'), {{ filename: file }});
"""


def script_wrapper(script: Path, dest: Path) -> Path:
    """Write ``dest`` (a ``.mjs`` module) that runs ``script`` as a classic script in the
    global scope (``vm.runInThisContext``: ``this`` is the global object, top-level ``var`` and
    functions become its properties), so that the runner can run scripts as it runs modules:
    what the script throws, the import throws."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(SCRIPT_WRAPPER.format(file=json.dumps(str(script.resolve()))))
    return dest


ASYNC_DONE = "Test262:AsyncTestComplete"
ASYNC_FAIL = "Test262:AsyncTestFailure"


def passed(meta: Meta, run: dict) -> bool:
    """Whether ``run`` is a pass for a test with ``meta`` (INTERPRETING.md's rules)."""
    status = run["status"]
    error = run.get("error") or {}
    if meta.negative:
        if status == "refused":  # a bundler's diagnostic: the build's "SyntaxError"
            return meta.negative_phase in ("parse", "resolution")
        if meta.negative_phase in ("parse", "resolution"):
            return status == "threw" and error.get("name") == meta.negative_type
        return status in ("threw", "uncaught") and error.get("name") == meta.negative_type
    if status != "ok":
        return False
    if meta.is_async:
        prints = run.get("prints") or []
        return ASYNC_DONE in prints and not any(p.startswith(ASYNC_FAIL) for p in prints)
    return True


def describe(meta: Meta, run: dict) -> str:
    """One line saying how a run went (for reports)."""
    status = run["status"]
    error = run.get("error") or {}
    text = f"{error.get('name', '')}: {error.get('message', '')}" if error else ""
    if status == "ok":
        if meta.negative:
            return f"no error (expected {meta.negative_type} at {meta.negative_phase})"
        if meta.is_async:
            prints = run.get("prints") or []
            failure = next((p for p in prints if p.startswith(ASYNC_FAIL)), None)
            return failure or f"async test never printed {ASYNC_DONE}"
        return "ok"
    return f"{status}: {text}".strip().rstrip(":")
