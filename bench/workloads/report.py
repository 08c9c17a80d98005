"""Workload ``report``: what the page report (compressing every text output with gzip and
brotli, reading every page, writing ``report.json``, checking budgets) adds to a cold build.

Input: the ``site1000`` site (1,000 pages, built with ``[images] optimize = false``).
- ``assetpipe``: ``assetpipe build`` as users run it.
- ``without-report`` (anchor): the same build with ``pipeline.build._report`` replaced by a stub
  (``bench/scripts/build_without_report.py``): no compression, no page reading.
The issue's goal: the report adds under 5 % to a build's time, i.e. ``assetpipe``'s ratio at
most 1.05. Figures: the build's own ``report`` stage (the wait after writing the output) and
``emit`` stage, from ``--json``.
"""

from __future__ import annotations

import json
import sys

from bench import sitegen
from bench.contenders import _output_check
from bench.harness import (
    REPO_DIR,
    WORK_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    cached,
    workload,
)
from bench.tools import assetpipe_argv
from bench.workloads.site1000 import SPEC, VERSION

STDOUT_TO_FILE = 'mkdir -p "$0" && exec "$@" > "$0/stdout"'


@workload("report", "what the page report adds to a cold 1,000-page build (goal: under 5 %)")
def report(ctx: Context) -> list[Contender]:
    site = WORK_DIR / "site1000" / "site"  # shared with the site1000 workload
    cached(site, VERSION, lambda dest: sitegen.generate(dest, SPEC))
    config = ctx.work / "no-images.toml"
    config.write_text("[images]\noptimize = false\n")
    env = {"PYTHONPATH": str(REPO_DIR), "ASSETPIPE_CONFIG": None, "ASSETPIPE_ENV": None}
    ctx.info["goal"] = "assetpipe ratio <= 1.05"

    def command(with_report: bool):
        def make(dirs) -> Command:
            args = [
                "build",
                "--src",
                str(site),
                "--out",
                str(dirs.out / "site"),
                "--cache-dir",
                str(dirs.scratch),
                "--config",
                str(config),
                "--json",
            ]
            if with_report:
                argv = assetpipe_argv(*args)
            else:
                script = REPO_DIR / "bench" / "scripts" / "build_without_report.py"
                argv = [sys.executable, str(script), *args]
            return Command(["sh", "-c", STDOUT_TO_FILE, str(dirs.out), *argv], ctx.work, env)

        return make

    pages_check = _output_check(SPEC.pages, exclude=(".assetpipe",))

    def check(out):
        figures = pages_check(out / "site")
        try:
            timings = json.loads((out / "stdout").read_text())["timings"]
        except (OSError, ValueError, KeyError) as exc:
            raise CheckFailed(f"no --json result: {exc}") from None
        figures["report_stage_s"] = timings["report"]
        figures["emit_stage_s"] = timings["emit"]
        return figures

    return [
        Contender("assetpipe", command(True), check=check),
        Contender("without-report", command(False), anchor=True, check=check),
    ]
