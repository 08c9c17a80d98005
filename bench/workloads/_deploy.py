"""Helpers of the ``deploy`` workload; not a workload.

- :class:`SiteSpec`, :func:`generate_site`: a folder that looks like a build output (hashed
  assets under ``assets/``, HTML pages, a few root files) with its
  ``.assetpipe/manifest.json``, deterministic (seeded), of the sizes the issue measured
  (1,000 files, 41 MB). Content types come from ``assetpipe.media_types``, as a build's do.
- :func:`expected_objects`: what a bucket holds after a deploy of it: key -> (size, MD5), the
  MD5 being the ETag S3 gives an object sent in one PUT (every file here is under the
  multipart thresholds: 8 MB for the AWS CLI, 16 MB for assetpipe).
- :class:`MotoServer`: ``python -m moto.server`` in its own process on 127.0.0.1 (its own GIL
  and memory: a server inside the bench process would share neither core time nor peak RSS
  fairly), its request log (werkzeug's, one line per request) in a file. :meth:`mark` and
  :meth:`requests_since` count the requests of one timed run from that log: werkzeug writes a
  request's line before it sends the answer, so once a client has exited every request it
  made is in the file. :meth:`cpu_seconds` is the server's own CPU time (``/proc``).
- :func:`count_requests`: the log lines of a window, by method; ``writes`` are PUT, POST and
  DELETE, ``uploads`` the distinct object keys PUT (outside ``.assetpipe/``).
- :func:`s3_tool`: bucket chores in a child process (``python -m bench.workloads._deploy``),
  with boto3: ``create`` a bucket, ``inspect`` one against the expected objects (and a sample of
  headers), ``drop`` it. A child, so that boto3 is never imported into the bench process, whose
  peak RSS a tool forked from it would report as its own.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import json
import math
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import REPO_DIR, CheckFailed

MANIFEST = ".assetpipe/manifest.json"  # assetpipe.pipeline.emit.MANIFEST_PATH
RECORD = ".assetpipe/deploy.json"  # assetpipe.deployment.record.RECORD_PATH
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIABENCHDEPLOY00001",
    "AWS_SECRET_ACCESS_KEY": "bench-deploy-dummy-secret-key",
    "AWS_DEFAULT_REGION": "us-east-1",
}


# --- the site ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SiteSpec:
    files: int = 1000
    pages: int = 50  # index.html and docs/page-NN.html
    total_bytes: int = 41_000_000
    max_file: int = 1_500_000  # every file one PUT for both tools
    seed: str = "deploy-site-v1"


ROOT_FILES = ("robots.txt", "favicon.ico", "sitemap.xml", "site.webmanifest")
# hashed assets: (extension, weight, median size in bytes before scaling to the total)
ASSET_KINDS = (
    ("js", 30, 18_000),
    ("css", 8, 9_000),
    ("png", 20, 30_000),
    ("jpg", 15, 60_000),
    ("webp", 10, 35_000),
    ("avif", 5, 25_000),
    ("woff2", 4, 40_000),
    ("svg", 8, 3_000),
)
TEXT = {"js", "css", "svg", "html", "txt", "xml", "webmanifest"}
_PRINTABLE = b"etaoinshrdlucmfwypvbgkqjxz ETAOINSHRDLU{}();=.,:<>/\"'\n  etaoin shrdlu 0123456789"
_TEXT_TABLE = bytes(_PRINTABLE[i % len(_PRINTABLE)] for i in range(256))


def _sizes(rng: random.Random, medians: Sequence[int], spec: SiteSpec) -> list[int]:
    """A lognormal size around each median, scaled until the sum is ``spec.total_bytes``
    (within a few bytes), each between 64 bytes and ``spec.max_file``."""
    raw = [rng.lognormvariate(math.log(m), 1.0) for m in medians]
    sizes = raw
    for _ in range(20):
        scale = spec.total_bytes / sum(sizes)
        sizes = [min(spec.max_file, max(64.0, s * scale)) for s in sizes]
        if abs(sum(sizes) - spec.total_bytes) < len(sizes):
            break
    return [int(s) for s in sizes]


def _content(rng: random.Random, size: int, ext: str) -> bytes:
    data = rng.randbytes(size)
    return data.translate(_TEXT_TABLE) if ext in TEXT else data


def site_plan(spec: SiteSpec) -> list[tuple[str, str, bool]]:
    """(name before hashing, extension, immutable) of every file, in a fixed order."""
    rng = random.Random(f"{spec.seed} names")
    plan: list[tuple[str, str, bool]] = [("index", "html", False)]
    plan += [(f"docs/page-{i:02d}", "html", False) for i in range(1, spec.pages)]
    plan += [(name.rsplit(".", 1)[0], name.rsplit(".", 1)[1], False) for name in ROOT_FILES]
    kinds = [k[0] for k in ASSET_KINDS]
    weights = [k[1] for k in ASSET_KINDS]
    for i in range(spec.files - len(plan)):
        ext = rng.choices(kinds, weights)[0]
        plan.append((f"assets/{ext}-{i:04d}", ext, True))
    return plan


def generate_site(dest: Path, spec: SiteSpec) -> None:
    """Write the files and ``.assetpipe/manifest.json`` (the format of
    assetpipe/pipeline/manifest.py: ``outputs`` with size, SHA-256, content type,
    ``immutable`` and a null ``source``)."""
    from assetpipe.media_types import content_type

    plan = site_plan(spec)
    median = {k[0]: k[2] for k in ASSET_KINDS} | {"html": 25_000, "ico": 15_000}
    rng = random.Random(f"{spec.seed} bytes")
    sizes = _sizes(rng, [median.get(ext, 1_000) for _, ext, _ in plan], spec)
    outputs: dict[str, dict[str, object]] = {}
    for (stem, ext, immutable), size in zip(plan, sizes, strict=True):
        data = _content(rng, size, ext)
        digest = hashlib.sha256(data).hexdigest()
        path = f"{stem}-{digest[:8]}.{ext}" if immutable else f"{stem}.{ext}"
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        outputs[path] = {
            "size": len(data),
            "sha256": digest,
            "content_type": content_type(path),
            "immutable": immutable,
            "source": None,
        }
    manifest = {"version": 1, "entries": {}, "outputs": dict(sorted(outputs.items()))}
    (dest / MANIFEST).parent.mkdir(parents=True, exist_ok=True)
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n")


def expected_objects(site: Path) -> dict[str, dict[str, object]]:
    """Key -> {size, md5, content_type, immutable} of every output the manifest lists,
    checked against the files (a changed file would make every deploy's check fail)."""
    outputs = json.loads((site / MANIFEST).read_text())["outputs"]
    expected: dict[str, dict[str, object]] = {}
    for path, entry in outputs.items():
        data = (site / path).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise ValueError(f"{site / path} differs from its manifest entry: delete {site}")
        expected[path] = {
            "size": len(data),
            "md5": hashlib.md5(data).hexdigest(),
            "content_type": entry["content_type"],
            "immutable": entry["immutable"],
        }
    on_disk = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.relative_to(site).as_posix().startswith(".assetpipe/")
    }
    if on_disk != set(expected):
        raise ValueError(f"{site} does not match its manifest: delete it to regenerate")
    return expected


# --- counting requests ------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_REQUEST = re.compile(r'"(?P<method>[A-Z]+) (?P<target>\S+) HTTP/[0-9.]+" (?P<status>\d{3}) ')
WRITES = ("PUT", "POST", "DELETE")


@dataclass(slots=True)
class Requests:
    """The requests of one window of the server's log."""

    methods: Counter[str] = field(default_factory=Counter)
    uploaded: set[str] = field(default_factory=set)  # object keys PUT, without the bucket
    server_errors: int = 0

    @property
    def total(self) -> int:
        return sum(self.methods.values())

    @property
    def writes(self) -> int:
        return sum(self.methods[m] for m in WRITES)

    def figures(self) -> dict[str, float]:
        return {
            "requests": self.total,
            "writes": self.writes,
            "uploads": len([k for k in self.uploaded if not k.startswith(".assetpipe/")]),
            "gets": self.methods["GET"],
            "heads": self.methods["HEAD"],
        }


def count_requests(log_text: str, bucket: str) -> Requests:
    """Count the request lines of werkzeug's log (``... "PUT /bucket/key HTTP/1.1" 200 -``);
    PUTs of ``/<bucket>/<key>`` (path-style, no query: not a multipart part) are uploads."""
    from urllib.parse import unquote

    found = Requests()
    for line in _ANSI.sub("", log_text).splitlines():
        match = _REQUEST.search(line + " ")
        if match is None:
            continue
        method = match["method"]
        found.methods[method] += 1
        if match["status"].startswith("5"):
            found.server_errors += 1
        path, _, query = match["target"].partition("?")
        if method == "PUT" and not query and path.startswith(f"/{bucket}/"):
            found.uploaded.add(unquote(path[len(bucket) + 2 :]))
    return found


def _die_with_parent() -> None:  # pragma: no cover (runs in the child before exec)
    """Linux: SIGTERM the server when the bench dies, even by SIGKILL (no orphan server)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class MotoServer:
    """``python -m moto.server`` on 127.0.0.1 in its own process, logging to ``log``."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> None:
        self.port = free_port()
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
                env={**os.environ, **CREDENTIALS},
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ValueError(f"moto server exited: {self.log.read_text()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise ValueError(f"moto server did not listen on port {self.port} in {timeout:g} s")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server process so far (Linux ``/proc``)."""
        assert self.proc is not None
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def mark(self) -> int:
        """Where the log is now: the start of a window."""
        return self.log.stat().st_size

    def requests_since(self, offset: int, bucket: str, settle: float = 0.05) -> Requests:
        """The requests logged since ``offset`` (waits until the log stops growing)."""
        size, deadline = self.log.stat().st_size, time.monotonic() + 2
        while time.monotonic() < deadline:
            time.sleep(settle)
            now = self.log.stat().st_size
            if now == size:
                break
            size = now
        with open(self.log, "rb") as log:
            log.seek(offset)
            text = log.read(size - offset).decode(errors="replace")
        return count_requests(text, bucket)


# --- bucket chores, in a child process --------------------------------------------------------


def s3_tool(url: str, *args: str, timeout: float = 300) -> dict:
    """Run ``python -m bench.workloads._deploy URL ARGS`` and return its JSON answer; raise
    :class:`CheckFailed` when it fails."""
    result = subprocess.run(
        [sys.executable, "-m", "bench.workloads._deploy", url, *args],
        cwd=REPO_DIR,
        env={**os.environ, **CREDENTIALS, "PYTHONPATH": str(REPO_DIR)},
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise CheckFailed(f"bucket tool {' '.join(args)}: {result.stderr.strip()[-1500:]}")
    return json.loads(result.stdout)


def compare_listing(
    listing: Mapping[str, tuple[int, str]],
    expected: Mapping[str, Mapping[str, object]],
    extra_allowed: Sequence[str] = (),
) -> list[str]:
    """Problems (empty: none) of a bucket's listing (key -> (size, ETag)) against the expected
    objects (key -> {size, md5}); keys in ``extra_allowed`` may be there too."""
    problems = []
    missing = sorted(set(expected) - set(listing))
    if missing:
        problems.append(f"{len(missing)} files missing: {', '.join(missing[:3])}")
    extra = sorted(set(listing) - set(expected) - set(extra_allowed))
    if extra:
        problems.append(f"{len(extra)} unexpected objects: {', '.join(extra[:3])}")
    wrong = sorted(
        key
        for key, (size, etag) in listing.items()
        if key in expected
        and (size != expected[key]["size"] or etag.strip('"') != expected[key]["md5"])
    )
    if wrong:
        problems.append(f"{len(wrong)} objects with other bytes (size or MD5): {wrong[:3]}")
    return problems


def header_problems(key: str, headers: Mapping[str, str], want: Mapping[str, object]) -> list[str]:
    """assetpipe's headers: the manifest's Content-Type, and a Cache-Control that says
    ``immutable`` exactly for the hashed files."""
    problems = []
    if headers.get("content_type") != want["content_type"]:
        problems.append(f"{key}: Content-Type {headers.get('content_type')!r}")
    cache = headers.get("cache_control") or ""
    if ("immutable" in cache) != bool(want["immutable"]):
        problems.append(f"{key}: Cache-Control {cache!r}")
    return problems


def _main(argv: list[str]) -> int:
    """``URL create BUCKET`` | ``URL drop BUCKET`` | ``URL inspect BUCKET EXPECTED.json
    [--extra KEY]... [--headers N] [--drop]``: prints JSON."""
    import boto3
    from botocore.config import Config

    url, verb, bucket, *rest = argv
    client = boto3.client(
        "s3",
        endpoint_url=url,
        config=Config(s3={"addressing_style": "path"}, max_pool_connections=16),
    )
    answer: dict[str, object] = {}
    if verb == "create":
        client.create_bucket(Bucket=bucket)
    elif verb in ("inspect", "drop"):
        listing: dict[str, tuple[int, str]] = {}
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for item in page.get("Contents", ()):
                listing[item["Key"]] = (int(item["Size"]), str(item["ETag"]))
        if verb == "inspect":
            expected = json.loads(Path(rest[0]).read_text())
            extra = [rest[i + 1] for i, a in enumerate(rest) if a == "--extra"]
            problems = compare_listing(listing, expected, extra)
            sample = int(rest[rest.index("--headers") + 1]) if "--headers" in rest else 0
            keys = sorted(set(expected) & set(listing))
            step = max(1, len(keys) // sample) if sample else 0
            for key in keys[::step][:sample] if sample else ():
                head = client.head_object(Bucket=bucket, Key=key)
                seen = {
                    "content_type": head.get("ContentType"),
                    "cache_control": head.get("CacheControl"),
                }
                problems += header_problems(key, seen, expected[key])
            answer = {"objects": len(listing), "problems": problems}
        if verb == "drop" or "--drop" in rest:
            keys = list(listing)
            for start in range(0, len(keys), 1000):
                batch = [{"Key": k} for k in keys[start : start + 1000]]
                client.delete_objects(Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            client.delete_bucket(Bucket=bucket)
    else:
        raise SystemExit(f"unknown verb {verb!r}")
    print(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
