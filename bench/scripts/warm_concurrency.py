"""The CDN warm-up (`deploy --warm`) at several concurrencies: wall seconds to fetch N URLs
through the fake CDN of the tests (`tests/deploy/fake_cdn.py`, on 127.0.0.1), which answers
each request after `--latency` ms from an in-memory origin.

    python bench/scripts/warm_concurrency.py                    # 200 URLs, 50 ms, 1 and 6
    python bench/scripts/warm_concurrency.py --urls 500 --concurrency 1 6 16

Each run fetches the URLs through `warm.fetch`, the code `deploy --warm` runs, against a fresh
CDN (so every answer is a miss); the speed-up is against the first concurrency given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assetpipe.deployment import warm  # noqa: E402
from tests.deploy.fake_cdn import files_origin, start_cdn  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=200)
    parser.add_argument("--latency", type=float, default=50.0, help="ms per answer")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 6])
    args = parser.parse_args()
    files = {f"page-{i}.html": b"<!doctype html><p>" + b"x" * 2000 for i in range(args.urls)}
    first = None
    print(f"{args.urls} URLs, {args.latency:g} ms per answer")
    print(f"{'concurrency':>11}  {'seconds':>8}  {'max in flight':>13}  {'speed-up':>8}")
    for n in args.concurrency:
        cdn = start_cdn(files_origin(files), delay=args.latency / 1000)
        try:
            base = cdn.url + "/"
            result = warm.fetch(base, warm.urls(base, sorted(files)), n)
        finally:
            cdn.stop()
        assert not result.failed, result.failed[:3]
        first = first or result.seconds
        print(
            f"{n:>11}  {result.seconds:>8.2f}  {cdn.max_in_flight:>13}  "
            f"{first / result.seconds:>7.1f}×"
        )


if __name__ == "__main__":
    main()
