"""Save-to-reload latency of ``assetpipe watch`` for a ``.ts`` module against a ``.js`` one: the
``vanilla`` and ``vanilla-ts`` starters of create-vite (issue #14: "watch recompiles changed
.ts/.tsx files as it does .js, with the same latency").

    python bench/scripts/watch_ts_latency.py CREATE_VITE_DIR [--edits N] [--rounds R]

CREATE_VITE_DIR is an installed ``create-vite`` package (``npm install create-vite@9.3.0``; the
tests install it under ``tests/.node-ts/node_modules/create-vite``). Each round copies both
starters to a scratch folder, starts ``assetpipe watch --port 0`` on each in turn, rewrites
``src/counter.js`` / ``src/counter.ts`` N times (its text plus a statement, in place) and takes
the time from just before the write to the ``reload`` event on the dev server's event stream.
Prints the median and 90th percentile per starter and round.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import urlsplit


def listen(url, timeout: float) -> tuple[list[tuple[str, float]], threading.Condition]:
    """Follow the dev server's event stream at `url` (its events and when each came, and a
    condition notified on each) once its `hello` has come."""
    events: list[tuple[str, float]] = []
    ready = threading.Condition()

    def read() -> None:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
        connection.request("GET", "/__assetpipe/events")
        for raw in connection.getresponse():
            line = raw.decode().strip()
            if line.startswith("event: "):
                with ready:
                    events.append((line[7:], time.perf_counter()))
                    ready.notify_all()

    threading.Thread(target=read, daemon=True).start()
    with ready:
        ready.wait_for(lambda: any(e[0] == "hello" for e in events), timeout=timeout)
    return events, ready


def wait_answer(events, ready, mark: int, timeout: float) -> tuple[str, float] | None:
    """The first `reload` or `build-error` event after the first `mark` ones."""

    def answers() -> list:
        return [e for e in events[mark:] if e[0] in ("reload", "build-error")]

    with ready:
        ready.wait_for(lambda: bool(answers()), timeout)
    found = answers()
    return found[0] if found else None


def measure(create_vite: str, template: str, edit_file: str, edits: int, scratch: str):
    root = os.path.join(scratch, template)
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(os.path.join(create_vite, f"template-{template}"), root)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assetpipe",
            "watch",
            "--src",
            ".",
            "--port",
            "0",
            "--out",
            os.path.join(scratch, "out-" + template),
            "--cache-dir",
            os.path.join(scratch, "cache-" + template),
        ],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = urlsplit(process.stdout.readline().strip())
    events, ready = listen(url, 30)
    path = os.path.join(root, edit_file)
    with open(path) as f:
        original = f.read()
    latencies = []
    for n in range(edits):
        mark = len(events)
        start = time.perf_counter()
        with open(path, "r+") as f:
            f.write(original + f"\nglobalThis.__benchEdit = {n};\n")
            f.truncate()
        answer = wait_answer(events, ready, mark, 10)
        if answer is not None and answer[0] == "reload":
            latencies.append((answer[1] - start) * 1000)
        time.sleep(0.3)
    process.terminate()
    process.wait()
    latencies.sort()
    return statistics.median(latencies), latencies[max(0, int(len(latencies) * 0.9) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("create_vite")
    parser.add_argument("--edits", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.rounds):
            for template, edit in (("vanilla", "src/counter.js"), ("vanilla-ts", "src/counter.ts")):
                median, p90 = measure(args.create_vite, template, edit, args.edits, scratch)
                print(f"{template:<11} {edit:<15} median {median:6.1f} ms   p90 {p90:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
