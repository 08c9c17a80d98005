"""`assetpipe deploy` at scale: time and peak memory of its steps for builds of 10,000 to
100,000 output files, and optionally a real deploy of a smaller build to a moto S3 server.

    python bench/scripts/deploy_scale.py                       # 10,000, 30,000, 100,000 keys
    python bench/scripts/deploy_scale.py --keys 100000 --profile "plan, 1% changed"
    python bench/scripts/deploy_scale.py --keys 0 --moto 20000  # only the moto deploy

Each size runs in its own process (`--child N`), on a generated build output in
`bench/.work/deploy_scale/N/` (kept between runs): N files, 94 % small content-hashed images
under `assets/` (200 to 1,200 bytes), 5 % pages (`section-K/page-J/index.html`), 1 % other
non-hashed files, with its `.assetpipe/manifest.json` in the format of
`assetpipe/pipeline/manifest.py`. The steps, each through the code `assetpipe deploy` runs:

- `read manifest`: `execute._read_manifest` of the output folder;
- `plan, no record`: `plan.plan()` of a first deploy (every file new);
- `record dumps` / `record loads`: the deploy record of that plan (`record.py`), with its size;
- `plan, 1% changed`: the next build (1 % of the files changed: pages in place, images under new
  hashed names) against that record of N keys;
- `cdn paths`: every non-hashed output's CDN paths (`plan.cdn_paths`, as if every page
  changed) and the CloudFront requests they become (`cloudfront.invalidation_batches`);
- `deploy, first` / `deploy, 1% changed`: `execute.deploy()` whole, to an in-memory store that
  keeps no object's bytes (only the record's) and a CloudFront purger that records the
  requests instead of sending them: the executor's own cost (reading, hashing and handing each
  file to the store, the futures, the record) without a network.

Each step is timed once without tracing and run again under `tracemalloc` for its peak
(Python allocations above what was allocated before it, MB); the child's peak RSS is printed
too. The table ends with each step's growth per key between the smallest and the largest N.

`--moto N` deploys a generated build of N files with `python -m assetpipe deploy` (its own
process) to a moto server (another process, `bench.workloads._deploy.MotoServer`): a cold
deploy, a deploy with 1 % changed, then one after deleting the deploy record (the bucket is
listed, 1,000 keys a page, and each object's digest read with a HEAD: nothing is uploaded when
the listing is complete). Wall seconds, peak RSS of the deploy process, requests, uploads.

`--profile STEP` runs that step under pyinstrument and prints its profile.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "bench" / ".work" / "deploy_scale"
sys.path.insert(0, str(ROOT))

MANIFEST = ".assetpipe/manifest.json"
NOW = 1_800_000_000


# --- the build outputs ------------------------------------------------------------------------


def _files(n: int, version: int) -> Iterator[tuple[str, bytes, bool]]:
    """(path, bytes, immutable) of build `version` (1 or 2: 1 % of the files changed)."""
    pages = max(1, n // 20)
    others = max(1, n // 100)
    images = n - pages - others
    for i in range(images):
        changed = version == 2 and i % 100 == 0
        data = f"img {i} {'v2' if changed else 'v1'} ".encode() * (20 + i % 100)
        digest = hashlib.sha256(data).hexdigest()
        yield f"assets/img/{i % 100:02d}/photo-{i}-{digest[:8]}.webp", data, True
    for i in range(pages):
        changed = version == 2 and i % 100 == 1
        body = f"<!doctype html><title>{i}</title><p>page {i}{' v2' if changed else ''}</p>"
        path = "index.html" if i == 0 else f"section-{i % 50}/page-{i}/index.html"
        yield path, body.encode() * 8, False
    for i in range(others):
        changed = version == 2 and i % 100 == 2
        yield f"data/feed-{i}.json", f'{{"n": {i}, "v": {2 if changed else 1}}}'.encode(), False


def make_output(n: int, version: int) -> Path:
    """The build output folder of `n` files (version 1 or 2), generated once."""
    from assetpipe.media_types import content_type
    from assetpipe.pipeline.manifest import dumps

    out = WORK / str(n) / f"v{version}"
    if (out / MANIFEST).is_file():
        return out
    outputs: dict[str, dict[str, Any]] = {}
    made: set[Path] = set()
    for path, data, immutable in _files(n, version):
        target = out / path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        outputs[path] = {
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "content_type": content_type(path),
            "immutable": immutable,
            "source": None,
        }
    manifest = {"version": 1, "entries": {}, "outputs": dict(sorted(outputs.items()))}
    (out / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).write_bytes(dumps(manifest))
    return out


# --- an in-memory store and a recording CloudFront ------------------------------------------


class NullStore:
    """The `Storage` protocol in memory, keeping only the deploy record's bytes (an object is
    its metadata), so that what is measured is the executor's memory, not the store's."""

    name = "mem://bench"

    def __init__(self) -> None:
        self.objects: dict[str, tuple[str, str] | bytes] = {}
        self.requests = 0

    def get(self, key: str) -> bytes | None:
        self.requests += 1
        value = self.objects.get(key)
        return value if isinstance(value, bytes) else None

    def head(self, key: str):
        from assetpipe.deployment.storage import ObjectInfo

        self.requests += 1
        value = self.objects.get(key)
        if value is None:
            return None
        return ObjectInfo(*value) if isinstance(value, tuple) else ObjectInfo(None, None)

    def list(self, prefix: str) -> Iterator[str]:
        self.requests += 1
        yield from [k for k in self.objects if k.startswith(prefix)]

    def put(self, key: str, data: bytes, *, metadata: dict[str, str], **_: object) -> None:
        self.requests += 1
        if key.endswith(".assetpipe/deploy.json"):
            self.objects[key] = bytes(data)
        else:
            self.objects[key] = (metadata["sha256"], metadata["assetpipe-headers"])

    def delete(self, keys: list[str]) -> list[str]:
        self.requests += 1
        for key in keys:
            self.objects.pop(key, None)
        return []


class RecordingCloudFront:
    """`cloudfront.CloudFront` with `create_invalidation` recorded instead of sent."""

    def __init__(self, threshold: int = 500) -> None:
        from assetpipe.deployment.cdn.cloudfront import CloudFront

        self.inner = CloudFront("EBENCH", threshold)
        self.name = self.inner.name
        self.sent: list[list[str]] = []

    def purge(self, paths: list[str], reference: str):
        from assetpipe.deployment.cdn import PurgeResult
        from assetpipe.deployment.cdn.cloudfront import invalidation_batches

        result = PurgeResult()
        for batch in invalidation_batches(paths, self.inner.wildcard_threshold):
            self.sent.append(batch)
            result.purged.extend(batch)
        return result


# --- the steps --------------------------------------------------------------------------------


def steps(n: int) -> list[tuple[str, Callable[[dict], object]]]:
    """The measured steps, in order; each takes and fills the shared `state`."""
    from assetpipe.config import load_config
    from assetpipe.deployment import execute
    from assetpipe.deployment.cdn.cloudfront import invalidation_batches
    from assetpipe.deployment.plan import PlanOptions, cdn_paths, plan
    from assetpipe.deployment.record import dumps, loads

    options = PlanOptions(cdn=True)

    def read_manifest(state: dict) -> object:
        state["manifest"] = execute._read_manifest(state["v1"])
        return state["manifest"]

    def plan_first(state: dict) -> object:
        state["plan1"] = plan(state["manifest"], None, None, options, NOW)
        return state["plan1"]

    def record_dumps(state: dict) -> object:
        state["record_bytes"] = dumps(state["plan1"].record)
        return state["record_bytes"]

    def record_loads(state: dict) -> object:
        state["record"] = loads(state["record_bytes"])
        return state["record"]

    def plan_changed(state: dict) -> object:
        # the record as the first deploy leaves it once its purge is done
        live = replace(state["record"], pending_purge=())
        p = plan(state["manifest2"], live, None, options, NOW + 60)
        state["plan2"] = p
        return p

    def cdn(state: dict) -> object:
        paths = sorted(
            {
                c
                for path, entry in state["manifest"]["outputs"].items()
                if not entry["immutable"]
                for c in cdn_paths(path)
            }
        )
        return paths, invalidation_batches(paths, 500), invalidation_batches(paths, 3000)

    def deploy_with(out_key: str, fresh: bool) -> Callable[[dict], object]:
        def run(state: dict) -> object:
            if fresh or "store" not in state:
                state["store"] = NullStore()
            config = load_config(
                cwd=WORK,
                overrides={
                    "build.out": str(state[out_key]),
                    "deploy.bucket": "bench",
                    "cdn.provider": "cloudfront",
                    "cdn.id": "EBENCH",
                },
            )[0]
            purger = RecordingCloudFront(config.cdn.wildcard_threshold)
            result = execute.deploy(config, storage=state["store"], purger=purger, now=NOW)
            state["sent"] = purger.sent
            return result

        return run

    return [
        ("read manifest", read_manifest),
        ("plan, no record", plan_first),
        ("record dumps", record_dumps),
        ("record loads", record_loads),
        ("plan, 1% changed", plan_changed),
        ("cdn paths", cdn),
        ("deploy, first", deploy_with("v1", fresh=True)),
        ("deploy, 1% changed", deploy_with("v2", fresh=False)),
    ]


def child(n: int, profile: str | None) -> None:
    from assetpipe.deployment.execute import _read_manifest

    state: dict[str, Any] = {"v1": make_output(n, 1), "v2": make_output(n, 2)}
    state["manifest2"] = _read_manifest(state["v2"])  # the next build's, read before measuring
    for name, step in steps(n):
        # the deploys change the store: run each on a copy of the state, then keep the timed run's
        snapshot = dict(state)
        if name == profile:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.001)
            profiler.start()
            step(dict(snapshot))
            profiler.stop()
            print(profiler.output_text(unicode=False, color=False, show_all=False), file=sys.stderr)
        traced = dict(snapshot)
        if "store" in traced:  # the same store contents, not the same object
            store = NullStore()
            store.objects = dict(traced["store"].objects)
            traced["store"] = store
        gc.collect()
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        step(traced)
        peak = tracemalloc.get_traced_memory()[1] - base
        tracemalloc.stop()
        del traced
        gc.collect()
        started, cpu = time.perf_counter(), time.process_time()
        step(state)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        extra: dict[str, Any] = {}
        if name == "record dumps":
            extra["record_mb"] = round(len(state["record_bytes"]) / 1e6, 2)
        if name == "plan, 1% changed":
            p = state["plan2"]
            extra["uploads"] = len(p.uploads)
            extra["purge"] = len(p.purge)
        if name.startswith("deploy"):
            extra["cloudfront_requests"] = [len(b) if len(b) > 1 else b[0] for b in state["sent"]]
        print(
            json.dumps(
                {"n": n, "step": name, "s": seconds, "cpu": cpu, "peak_mb": peak / 1e6, **extra}
            ),
            flush=True,
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"n": n, "step": "process peak RSS", "rss_mb": rss}), flush=True)


# --- the moto deploy ---------------------------------------------------------------------------


def moto_deploy(n: int) -> None:
    from bench.workloads._deploy import CREDENTIALS, MotoServer, s3_tool

    v1, v2 = make_output(n, 1), make_output(n, 2)
    server = MotoServer(WORK / "moto.log")
    server.start()
    try:
        bucket = f"scale-{n}-{int(time.time())}"
        s3_tool(server.url, "create", bucket)
        config = WORK / "deploy.toml"
        config.write_text('[deploy]\naddressing_style = "path"\n')
        env = {**os.environ, **CREDENTIALS}

        def deploy(out: Path, label: str) -> None:
            mark = server.mark()
            started = time.perf_counter()
            proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "assetpipe", "deploy", "--json"),
                    *("--out", str(out), "--bucket", bucket, "--endpoint-url", server.url),
                    *("--config", str(config)),
                ],
                cwd=WORK,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            stdout, stderr = proc.communicate()
            seconds = time.perf_counter() - started
            rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            if proc.returncode != 0:
                raise SystemExit(f"{label}: exit {proc.returncode}\n{stderr.decode()[-3000:]}")
            data = json.loads(stdout)
            seen = server.requests_since(mark, bucket)
            print(
                f"moto {n:>7,} {label:<22} {seconds:7.2f} s  "
                f"children's peak RSS {rss:6.1f} MB  "
                f"uploaded {data['uploaded']:>6}  unchanged {data['unchanged']:>6}  "
                f"requests {seen.total:>6} ({dict(seen.methods)})",
                flush=True,
            )

        deploy(v1, "cold")
        deploy(v2, "1% changed")
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import boto3, sys; boto3.client('s3', endpoint_url=sys.argv[1]).delete_object("
                "Bucket=sys.argv[2], Key='.assetpipe/deploy.json')",
                server.url,
                bucket,
            ],
            env=env,
            check=True,
        )
        deploy(v2, "no record (list+HEAD)")
        s3_tool(server.url, "drop", bucket)
    finally:
        server.stop()


# --- the table ---------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keys", default="10000,30000,100000", help="sizes, comma-separated")
    parser.add_argument("--moto", type=int, default=0, help="also deploy N files to moto")
    parser.add_argument("--profile", metavar="STEP", help="profile this step (pyinstrument)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.profile)
        return 0
    sizes = [int(k) for k in args.keys.split(",") if int(k) > 0]
    rows: dict[str, dict[int, dict]] = {}
    for n in sizes:
        command = [sys.executable, __file__, "--child", str(n)]
        if args.profile:
            command += ["--profile", args.profile]
        proc = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)
        for line in proc.stdout.splitlines():
            row = json.loads(line)
            rows.setdefault(row["step"], {})[n] = row
    if sizes:
        head = "".join(f"{n:>8,} keys: s, CPU s, MB " for n in sizes)
        print(f"{'step':<22}{head}  growth per key (KB)")
        for step, by_n in rows.items():
            cells = ""
            for n in sizes:
                r = by_n.get(n, {})
                if "rss_mb" in r:
                    cells += f"{r['rss_mb']:>24.1f} MB "
                else:
                    s, cpu, mb = r.get("s", 0), r.get("cpu", 0), r.get("peak_mb", 0)
                    cells += f"{s:>9.2f} {cpu:7.2f} {mb:7.1f}    "
            lo, hi = sizes[0], sizes[-1]
            key = "rss_mb" if "rss_mb" in by_n[hi] else "peak_mb"
            growth = (by_n[hi][key] - by_n[lo][key]) * 1000 / (hi - lo) if hi > lo else float("nan")
            notes = {
                k: v for k, v in by_n[hi].items() if k not in ("n", "step", "s", "cpu", "peak_mb")
            }
            notes.pop("rss_mb", None)
            print(f"{step:<22}{cells}  {growth:6.2f}  {json.dumps(notes) if notes else ''}")
    if args.moto:
        moto_deploy(args.moto)
    return 0


if __name__ == "__main__":
    sys.exit(main())
