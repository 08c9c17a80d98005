"""``python -m bench [WORKLOAD ...] [--repeat N] [--json] [--list] [--only NAMES]``.

Runs the named workloads (all of them when none is named) and prints a table per workload, or one
JSON document with ``--json``. Progress goes to stderr. Exit status: 0 when every contender ran
and passed its checks, 1 when one failed (it is still reported), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from bench import harness
from bench.workloads import load_all


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[1])
    parser.add_argument("workloads", nargs="*", metavar="WORKLOAD", help="names (default: all)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed rounds per contender (default 3)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--list", action="store_true", help="list the workloads and exit")
    parser.add_argument("--only", metavar="NAMES", help="comma-separated contenders to run")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds per run (default 1800)"
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    unknown = [name for name in args.workloads if name not in harness.REGISTRY]
    if unknown:
        parser.error(
            f"unknown workload {', '.join(unknown)}; known: {', '.join(sorted(harness.REGISTRY))}"
        )
    return args


def list_workloads() -> str:
    width = max((len(name) for name in harness.REGISTRY), default=0)
    return "\n".join(
        f"{name.ljust(width)}  {w.description}" for name, w in sorted(harness.REGISTRY.items())
    )


def only(work: harness.Workload, names: set[str]) -> harness.Workload:
    """``work`` keeping just the contenders in ``names``."""

    def prepare(ctx: harness.Context) -> list[harness.Contender]:
        contenders = work.prepare(ctx)
        kept = [c for c in contenders if c.name in names]
        if not kept:
            known = ", ".join(c.name for c in contenders)
            raise ValueError(f"--only matched no contender of {work.name} (it has: {known})")
        return kept

    return replace(work, prepare=prepare)


def main(argv: list[str]) -> int:
    load_all()
    args = parse_args(argv)
    if args.list:
        print(list_workloads())
        return 0
    works = [harness.REGISTRY[name] for name in args.workloads or sorted(harness.REGISTRY)]
    if args.only:
        works = [only(work, set(args.only.split(","))) for work in works]
    reports = [harness.run_workload(work, args.repeat, args.timeout) for work in works]
    if args.json:
        print(harness.to_json(reports))
    else:
        print("\n\n".join(harness.render_table(report) for report in reports))
    return 0 if all(report.ok for report in reports) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
