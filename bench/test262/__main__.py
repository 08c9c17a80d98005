"""``python -m bench.test262 [--filter S] [--limit N] [--jobs 2] [--json] [--idempotence]``.

Runs test262's language tests in Node as written and after bundling + minifying by assetpipe
and esbuild, and reports every test whose outcome changed: a table on stdout (or the summary
as JSON with ``--json``), and the full result in ``bench/.work/test262/results.json``. Progress
goes to stderr. Exit status: 0 when assetpipe changed no test, 1 when it changed some, 2 for a
usage error or a missing tarball. ``--report-only`` reports the last run again, running nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.test262 import report
from bench.test262.corpus import WORK
from bench.test262.run import Options, load_last, run


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.test262", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="SUBSTRING",
        help="only tests whose path contains SUBSTRING (repeatable: any of them)",
    )
    parser.add_argument("--limit", type=int, help="at most N tests (after --filter)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--batch-size", type=int, default=300, help="tests per build (300)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument(
        "--idempotence",
        action="store_true",
        help="also build assetpipe's output again with assetpipe and run that",
    )
    parser.add_argument("--no-esbuild", action="store_true", help="skip esbuild")
    parser.add_argument(
        "--no-cache", action="store_true", help="ignore cached as-written and esbuild runs"
    )
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per test run (10)")
    parser.add_argument("--keep", action="store_true", help="keep the batch folders")
    parser.add_argument(
        "--report-only",
        action="store_true",
        help="run nothing: report the last run again (bench/.work/test262/last-run.json)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=WORK / "results.json",
        help="where to write the JSON result (default bench/.work/test262/results.json)",
    )
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.batch_size < 1 or (args.limit is not None and args.limit < 1):
        parser.error("--jobs, --batch-size and --limit must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    options = Options(
        filters=tuple(args.filter),
        limit=args.limit,
        jobs=args.jobs,
        batch_size=args.batch_size,
        esbuild=not args.no_esbuild,
        idempotence=args.idempotence,
        timeout=args.timeout,
        use_cache=not args.no_cache,
        keep=args.keep,
    )
    try:
        outcome = load_last() if args.report_only else run(options)
    except (RuntimeError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    summary = report.summarize(outcome)
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(summary, indent=1) + "\n")
    if args.json:
        print(json.dumps({k: v for k, v in summary.items() if k != "changed"}, indent=1))
    else:
        print(report.table(summary))
        print(f"\nfull result: {args.results}", file=sys.stderr)
    return 1 if summary["counts"].get("changed_assetpipe") else 0


if __name__ == "__main__":
    sys.exit(main())
