"""``python -m bench.corpus [--only NAMES] [--fast] [--json] [--no-idempotence] ...``.

Installs the corpus (once), builds every package's page with assetpipe and with esbuild, loads
both in headless Chromium and prints a Markdown table (``--json``: one JSON document) with, per
package, whether esbuild's page works, whether assetpipe's writes the same, whether assetpipe's
output rebuilt by assetpipe still does, the gzip bytes of both and their ratio, both build times,
and the totals. Progress goes to stderr. Exit status: 0 when every package whose esbuild page
works passes with assetpipe, rebuilt output included (known-broken ones count), 1 otherwise, 2
for a usage error.
"""

from __future__ import annotations

import argparse
import sys

from bench.corpus import runner
from bench.corpus.packages import KNOWN_BROKEN, PACKAGES
from bench.harness import CheckFailed


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.corpus", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument("--only", metavar="NAMES", help="comma-separated packages (npm names)")
    parser.add_argument("--fast", action="store_true", help="only the CI subset")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--list", action="store_true", help="list the packages and exit")
    parser.add_argument(
        "--no-idempotence", action="store_true", help="skip rebuilding assetpipe's output"
    )
    parser.add_argument("--jobs", type=int, default=2, help="Chromiums at a time (default 2)")
    parser.add_argument(
        "--update-lock",
        action="store_true",
        help="npm install without the locks, and copy the new locks into bench/corpus/",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if args.list:
        for p in PACKAGES:
            flags = ["fast"] * p.fast + ["known-broken"] * (p.name in KNOWN_BROKEN)
            print(f"{p.name}@{p.version}  {p.area}  {' '.join(flags)}".rstrip())
        return 0
    try:
        packages = runner.select(args.only.split(",") if args.only else None)
    except ValueError as exc:
        print(f"python -m bench.corpus: {exc}", file=sys.stderr)
        return 2
    if args.fast:
        packages = [p for p in packages if p.fast]
    try:
        if args.update_lock:
            runner.install(runner.FAST_ROOT, subset="fast", update_lock=True)
            runner.install(update_lock=True)
        root = runner.install_for(packages)
        results = runner.run(packages, root, idempotence=not args.no_idempotence, jobs=args.jobs)
    except CheckFailed as exc:
        print(f"python -m bench.corpus: {exc}", file=sys.stderr)
        return 1
    print(runner.to_json(results) if args.json else runner.table(results))
    failed = [r for r in results if (r.esbuild_ok and not r.same) or r.idem_same is False]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
