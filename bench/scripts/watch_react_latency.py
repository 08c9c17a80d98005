"""Save-to-reload latency of ``assetpipe watch`` on a large React app, side by side with
esbuild's cold build of the same app (issue #15: "a warm rebuild after a one-file change at
most esbuild's cold time").

    python bench/scripts/watch_react_latency.py APP_DIR EDIT_FILE [--edits N] [--esbuild PATH]

APP_DIR is an app with its dependencies installed, such as the ``react-mui`` workload's
``bench/.work/react-mui/warm-app`` (made by ``python -m bench react-mui``); EDIT_FILE one of its
modules, relative to it (``src/components/Widget150.tsx``). ``assetpipe watch --port 0`` runs
in the app; after its first build, EDIT_FILE is rewritten N times (its text plus a statement,
in place; restored at the end) and each time the time from just before the write to the
``reload`` event on the dev server's event stream is taken. Between edits, esbuild builds the
app cold (``--bundle --minify``, production define, with the app's tsconfig.app.json when it
has one). Prints the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

from watch_ts_latency import listen, wait_answer  # (this folder is on the path when run)


def esbuild_cold(esbuild: str, app: str, out: str) -> float:
    entry = "src/main.tsx" if os.path.exists(os.path.join(app, "src/main.tsx")) else "src/main.jsx"
    command = [
        esbuild,
        entry,
        "--bundle",
        "--minify",
        "--format=esm",
        '--define:process.env.NODE_ENV="production"',
        "--loader:.svg=file",
        "--loader:.png=file",
        f"--outdir={out}",
        "--log-level=error",
    ]
    if os.path.exists(os.path.join(app, "tsconfig.app.json")):
        command.append("--tsconfig=tsconfig.app.json")
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(command, cwd=app, check=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("app")
    parser.add_argument("edit_file")
    parser.add_argument("--edits", type=int, default=9)
    parser.add_argument("--esbuild", default="bench/.node/node_modules/.bin/esbuild")
    args = parser.parse_args()
    app = os.path.abspath(args.app)
    esbuild = os.path.abspath(args.esbuild)
    path = os.path.join(app, args.edit_file)
    with open(path) as f:
        original = f.read()
    scratch = tempfile.mkdtemp()
    process = subprocess.Popen(
        [sys.executable, "-m", "assetpipe", "watch", "--src", ".", "--port", "0"]
        + ["--out", os.path.join(scratch, "out"), "--cache-dir", os.path.join(scratch, "c")],
        cwd=app,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    latencies: list[float] = []
    cold: list[float] = []
    try:
        events, ready = listen(urlsplit(process.stdout.readline().strip()), 300)
        for n in range(args.edits):
            cold.append(esbuild_cold(esbuild, app, os.path.join(scratch, "esbuild")))
            time.sleep(0.5)
            mark = len(events)
            start = time.perf_counter()
            with open(path, "w") as f:
                f.write(original + f"\nexport const __benchEdit{n} = {n};\n")
            answer = wait_answer(events, ready, mark, 120)
            if answer is None or answer[0] != "reload":
                print(f"edit {n}: no reload ({answer})", file=sys.stderr)
                continue
            latencies.append(answer[1] - start)
            time.sleep(0.5)
    finally:
        with open(path, "w") as f:
            f.write(original)
        process.terminate()
        process.wait()
        shutil.rmtree(scratch, ignore_errors=True)
    watch, esb = statistics.median(latencies), statistics.median(cold)
    print(f"assetpipe watch, one-file edit to reload: median {watch:.2f} s over {len(latencies)}")
    print(f"esbuild cold build:                       median {esb:.2f} s over {len(cold)}")
    print(f"ratio: {watch / esb:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
