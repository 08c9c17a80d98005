"""Upload a built site with plain boto3 ``put_object`` calls in 16 threads, for the ``deploy``
workload's reference contender ``boto3-16threads``.

    python bench/scripts/deploy_boto3.py SITE BUCKET ENDPOINT_URL [THREADS]

Every output that ``SITE/.assetpipe/manifest.json`` lists is read and sent with one
``put_object(Bucket, Key, Body, ContentType)`` (the manifest's content type; no Cache-Control,
no metadata), from a pool of THREADS (default 16) threads sharing one client (path-style
addressing, a connection pool as large as the pool, botocore's default retries and checksums).
No listing, no comparison: what a minimal hand-written deploy script does, cold or not.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import boto3
from botocore.config import Config


def main(site: Path, bucket: str, endpoint: str, threads: int) -> int:
    outputs = json.loads((site / ".assetpipe" / "manifest.json").read_text())["outputs"]
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        config=Config(s3={"addressing_style": "path"}, max_pool_connections=threads),
    )

    def put(item: tuple[str, dict]) -> None:
        path, entry = item
        body = (site / path).read_bytes()
        client.put_object(Bucket=bucket, Key=path, Body=body, ContentType=entry["content_type"])

    with ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in pool.map(put, sorted(outputs.items())):
            pass
    print(f"{len(outputs)} uploaded")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(Path(args[0]), args[1], args[2], int(args[3]) if len(args) > 3 else 16))
