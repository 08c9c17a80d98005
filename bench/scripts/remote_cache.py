"""The remote cache and sharded builds, measured: a generated site of PAGES pages showing IMAGES
photos-like PNGs, built through a moto S3 server on loopback (`[cache] remote`).

    python bench/scripts/remote_cache.py --pages 200 --images 120

Runs, each `python -m assetpipe build` in its own process with an empty local cache:
1. `cold`: nothing in the remote either (read-write: it fills it);
2. `warm-remote`: a second runner, the remote warm: no image should be encoded;
3. `shard I/N` for each shard, on an empty remote, then `assemble` (a final build).
Prints wall and CPU seconds (user + system of the process and its children) per run, peak RSS,
and the ratios the issue asks for: the warm runner's time against the cold one, the shards' CPU
against the cold build's.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_site(root: Path, pages: int, images: int) -> None:
    from PIL import Image

    rng = random.Random(1)
    (root / "img").mkdir(parents=True)
    for i in range(images):
        image = Image.new("RGB", (1200, 800), (rng.randrange(256), rng.randrange(256), 90))
        for _ in range(400):  # blocks of detail, so encodes do real work
            x, y = rng.randrange(1150), rng.randrange(750)
            image.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)), (x, y, x + 50, y + 50))
        out = io.BytesIO()
        image.save(out, "PNG")
        (root / "img" / f"p{i}.png").write_bytes(out.getvalue())
    for p in range(pages):
        shown = "".join(
            f'<img src="img/p{(p * 3 + k) % images}.png" alt="" width="1200" height="800">'
            for k in range(3)
        )
        (root / f"page{p}.html").write_text(f"<!doctype html><title>{p}</title><h1>{p}</h1>{shown}")


def run(args: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "assetpipe", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    out = process.stdout.read() + process.stderr.read()
    if status != 0:
        raise SystemExit(f"assetpipe {' '.join(args)} failed:\n{out}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--images", type=int, default=120)
    parser.add_argument("--shards", type=int, default=4)
    options = parser.parse_args()

    import logging

    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # (moto logs every request)

    env = {
        **os.environ,
        "AWS_ACCESS_KEY_ID": "bench",
        "AWS_SECRET_ACCESS_KEY": "bench",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    os.environ.update({k: env[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")})
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    env["AWS_ENDPOINT_URL_S3"] = endpoint
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        t = time.perf_counter()
        make_site(work / "src", options.pages, options.images)
        print(f"site: {options.pages} pages, {options.images} images ({time.perf_counter() - t:.1f} s to make)")
        rows = []

        def build(name: str, bucket: str, *extra: str) -> None:
            args = [
                "build", "--src", str(work / "src"), "--out", str(work / f"out-{name}"),
                "--cache-dir", str(work / f"cache-{name}"),
                "--cache-remote", f"s3://{bucket}/c/", *extra,
            ]
            wall, cpu, rss, text = run(args, env)
            rows.append((name, wall, cpu, rss, text.splitlines()[-1][:90]))
            print(f"{name:<14} {wall:7.2f} s wall {cpu:7.2f} s cpu {rss:5d} MB  {rows[-1][4]}", flush=True)

        s3.create_bucket(Bucket="one")
        build("cold", "one")
        build("warm-remote", "one")
        s3.create_bucket(Bucket="sharded")
        for i in range(1, options.shards + 1):
            build(f"shard {i}/{options.shards}", "sharded", "--shard", f"{i}/{options.shards}")
        build("assemble", "sharded")
    server.stop()
    by = {r[0]: r for r in rows}
    shards = [r for r in rows if r[0].startswith("shard")]
    print()
    print(f"warm remote / cold, wall: {by['warm-remote'][1] / by['cold'][1]:.3f}")
    print(f"sum of shards' cpu / cold cpu: {sum(r[2] for r in shards) / by['cold'][2]:.3f}")
    print(f"assemble / cold, wall: {by['assemble'][1] / by['cold'][1]:.3f}")
    print(f"slowest shard / cold, wall: {max(r[1] for r in shards) / by['cold'][1]:.3f}")


if __name__ == "__main__":
    main()
