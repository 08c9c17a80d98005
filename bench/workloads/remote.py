"""Workloads ``remote`` and ``remote-memory``: the remote cache in S3 and sharded builds
(issue #19), against moto's S3 on loopback.

The issue's measurement: a generated site of 2,000 pages and 10,000 images; a second runner
with an empty local cache and a warm remote encodes no image and takes at most 15 % of the cold
build's time; four shards then an assembling build, which encodes nothing, the shards' CPU
adding up to at most 1.10x one cold build's; a cold build of the 10,000-image site in at most
1 GB, extrapolated to 100,000 images from measured points.

Input (``bench/sitegen/photos.py``): 400 x 300 photo-like JPEGs (20-30 KB, seeded), drawn once
into ``bench/.work/remote/photos/`` and hard-linked into each site; ``PAGES`` pages, each
showing 5 of them (``<img width=400 height=300 alt>``; with ``PAGES = IMAGES / 5`` each photo
is shown once), one shared stylesheet (~7 KB) and one shared module script. Sizes:
``BENCH_REMOTE_PAGES`` and ``BENCH_REMOTE_IMAGES`` (default 2,000 and 10,000; one of them
alone sets the other at 5 images a page), ``BENCH_REMOTE_SHARDS`` (default 4).

``remote``: every contender is one ``python -m assetpipe build --src SITE --out OUT
--cache-dir EMPTY --cache-remote s3://BUCKET/c/ --config remote.toml`` in a fresh process with
an empty local cache (``remote.toml``: ``[cache] mode = "read-write"``, defaults otherwise:
AVIF and WebP, a JPEG fallback, so 3 variants of each 400 px photo), the endpoint in
``AWS_ENDPOINT_URL_S3``; a round runs them in this order:

- ``cold`` (anchor): an empty bucket ``cold-R``, which it fills. The anchor because what a user
  has without this feature is a build without a shared cache.
- ``warm-remote``: a second runner on the same bucket. Must encode nothing.
- ``shard-IofN``: ``--shard I/N`` on a new, empty bucket ``shard-R``.
- ``assemble``: the final build on ``shard-R``. Must encode nothing.

The table's ``ratio`` is each run's wall time over the cold build's. Each build runs under a
small Python wrapper (``python -S -c``) that times assetpipe's process tree alone with
``os.wait4`` and samples its total PSS every 0.5 s (all processes: the image workers too,
which ``ru_maxrss``, the largest single process, leaves out). The notes after the table use
those figures (the table's ``cpu s`` and ``rss MB`` also hold the wrapper's ~0.03 s and ~10
MB), per round: every run, the ratios (warm / cold wall, the sum of the shards' CPU / cold
CPU, assemble / cold wall, slowest shard / cold wall) with their goals, and the checks.

Counting encodes: ``assetpipe build`` prints no count of the images it encoded (``build
--shard`` does: ``encoded N variants``), so ``encoded`` is the number of distinct objects PUT
under ``c/images/`` during the run, from moto's request log (``python -m moto.server`` in its
own process, as for ``deploy``): the remote gets one object per image (all its variants) whose
variants were encoded, and an image found whole in the remote is not PUT again. After cold,
warm and assemble, ``remote_images`` is the number of objects under ``c/images/``
(``list_objects_v2``): the warm runner and the assembling build must leave it as it was.

Checks (a failed one fails that contender, with its figures in the message and the notes):
``warm-remote`` and ``assemble`` PUT no image variant; their output folders hold the same files
with the same bytes as the cold build's of the same round (SHA-256 of every file, the
``.assetpipe/`` records included); a shard's printed ``N of M images`` equals its PUTs under
``c/images/`` and it writes no output folder; after the last shard, the shards' encodes add up
to the cold build's.

``remote-memory``: only cold builds (empty bucket each, the same remote set-up), one contender
per point of ``BENCH_REMOTE_MEMORY_POINTS`` (images, default ``1000,3000,10000``; pages =
images / 5), with ``[images] formats = ["webp"]`` unless ``BENCH_REMOTE_MEMORY_FORMATS`` says
otherwise (``avif,webp``: the defaults), so that the points are cheap: the notes say which.
The anchor is the largest point. Notes: peak RSS (largest process) and peak PSS (whole tree)
per point, a least-squares line through them, MB per 1,000 images and the line at 100,000.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import (
    REPO_DIR,
    WORK_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    cached,
    log,
    run_untimed,
    workload,
)
from bench.sitegen.photos import PHOTOS_VERSION, ensure_photos, shown_photos, write_photo_site
from bench.tools import assetpipe_argv
from bench.workloads._deploy import CREDENTIALS, MotoServer, s3_tool

SITE_VERSION = f"remote-site-v1 {PHOTOS_VERSION}"
PREFIX = "c/"  # the remote cache's prefix in each bucket
IMAGES_PREFIX = PREFIX + "images/"
DEFAULT_PAGES, DEFAULT_IMAGES, DEFAULT_SHARDS = 2000, 10000, 4
DEFAULT_POINTS = (1000, 3000, 10000)
WARM_GOAL = 0.15  # warm runner / cold, wall
SHARD_CPU_GOAL = 1.10  # sum of the shards' CPU / cold CPU
MEMORY_GOAL_MB = 1024  # a cold build of the 10,000-image site
GOAL_IMAGES = 10_000
EXTRAPOLATE_TO = 100_000
SAMPLE_S = 0.5

# Runs argv with stdout to RECORD.stdout; writes RECORD (JSON): wall, CPU (user + system) and
# ru_maxrss of argv's process tree alone (os.wait4), and the peak of its summed PSS (sampled).
WRAPPER = r"""
import json, os, subprocess, sys, threading, time
record, argv = sys.argv[1], sys.argv[2:]
def tree(root):
    kids = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/stat" % name, "rb") as f:
                    ppid = int(f.read().rsplit(b")", 1)[1].split()[1])
                kids.setdefault(ppid, []).append(int(name))
            except (OSError, ValueError, IndexError):
                pass
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo += kids.get(pid, [])
    return found
def pss_kb(pid):
    try:
        with open("/proc/%d/smaps_rollup" % pid, "rb") as f:
            for line in f:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0
peak, done = [0], threading.Event()
def sample(pid):
    while not done.wait(%(interval)s):
        peak[0] = max(peak[0], sum(pss_kb(p) for p in tree(pid)))
start = time.perf_counter()
with open(record + ".stdout", "wb") as out:
    proc = subprocess.Popen(argv, stdout=out)
sampler = threading.Thread(target=sample, args=(proc.pid,), daemon=True)
sampler.start()
_, status, usage = os.wait4(proc.pid, 0)
wall = time.perf_counter() - start
done.set()
sampler.join()
with open(record, "w") as f:
    json.dump({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
               "rss_mb": usage.ru_maxrss / 1024, "pss_mb": peak[0] / 1024}, f)
sys.exit(os.waitstatus_to_exitcode(status))
""".replace("%(interval)s", str(SAMPLE_S))

COUNT_OBJECTS = """
import sys, boto3
url, bucket, prefix = sys.argv[1:]
pages = boto3.client("s3", endpoint_url=url).get_paginator("list_objects_v2")
print(sum(p.get("KeyCount", 0) for p in pages.paginate(Bucket=bucket, Prefix=prefix)))
"""


# --- sizes and inputs -------------------------------------------------------------------------


def _int_env(name: str) -> int | None:
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    try:
        number = int(value.replace("_", "").replace(",", ""))
    except ValueError:
        raise ValueError(f"{name}={value!r}: expected a whole number") from None
    if number < 1:
        raise ValueError(f"{name}={value!r}: expected at least 1")
    return number


def sizes() -> tuple[int, int]:
    """(pages, images) from ``BENCH_REMOTE_PAGES`` / ``BENCH_REMOTE_IMAGES``: both default to
    the issue's 2,000 and 10,000; one alone sets the other at 5 images a page."""
    pages, images = _int_env("BENCH_REMOTE_PAGES"), _int_env("BENCH_REMOTE_IMAGES")
    if pages is None and images is None:
        return DEFAULT_PAGES, DEFAULT_IMAGES
    if pages is None:
        pages = max(1, images // 5)  # type: ignore[operator]
    if images is None:
        images = pages * 5
    return pages, images


def env_points(name: str, default: tuple[int, ...], least: int, unit: str) -> list[int]:
    """Sizes from the environment variable ``name`` (``1000,3000,...``), sorted, each at least
    ``least`` (``unit``s); ``default`` without it."""
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default)
    try:
        points = sorted({int(p.strip().replace("_", "")) for p in value.split(",") if p.strip()})
    except ValueError:
        example = ",".join(str(p) for p in default[:2])
        raise ValueError(f"{name}={value!r}: expected {example},...") from None
    if not points or points[0] < least:
        raise ValueError(f"{name}={value!r}: each point at least {least} {unit}")
    return points


def memory_points() -> list[int]:
    return env_points("BENCH_REMOTE_MEMORY_POINTS", DEFAULT_POINTS, 5, "images")


def memory_formats() -> list[str]:
    value = os.environ.get("BENCH_REMOTE_MEMORY_FORMATS", "webp")
    formats = [f.strip().lower() for f in value.split(",") if f.strip()]
    if not formats or not set(formats) <= {"avif", "webp"}:
        raise ValueError(f"BENCH_REMOTE_MEMORY_FORMATS={value!r}: avif, webp or both")
    return formats


def photo_site(pages: int, images: int) -> tuple[Path, float | None]:
    """The site of ``pages`` pages over ``images`` photos, under ``bench/.work/remote/``
    (shared by both workloads), and the seconds it took to make (None: cached)."""
    root = WORK_DIR / "remote"
    pool = root / "photos"
    shown = shown_photos(pages, images)
    needed = shown[-1] + 1 if shown else 0
    site = root / f"site-{pages}p-{images}i"

    def generate(dest: Path) -> None:
        drawn = ensure_photos(pool, needed)
        if drawn:
            log(f"remote: drew {drawn} photos into {pool}")
        write_photo_site(dest, pages, images, pool)

    return site, cached(site, f"{SITE_VERSION} {pages} {images}", generate)


def site_info(ctx: Context, site: Path, pages: int, images: int, seconds: float | None) -> None:
    img = sorted((site / "img").glob("*.jpg"))
    ctx.info.update(
        pages=pages,
        images=len(img),
        image_mb=round(sum(p.stat().st_size for p in img) / 1e6, 1),
        generated_s=round(seconds, 1) if seconds is not None else "cached",
    )


# --- the remote and the runs ------------------------------------------------------------------


@dataclass(slots=True)
class Measured:
    """One build, as the wrapper and the server saw it."""

    name: str
    wall: float
    cpu: float
    rss_mb: float
    pss_mb: float
    encoded: int  # distinct objects PUT under c/images/
    puts: int
    gets: int
    server_cpu: float  # moto's own CPU seconds during the run (its process, not counted above)
    reported: int | None = None  # a shard's own "encoded N"
    remote_images: int | None = None  # objects under c/images/ after the run
    digest: dict[str, str] | None = None  # output path -> SHA-256

    def figures(self) -> Figures:
        figures: Figures = {
            "encoded": self.encoded,
            "puts": self.puts,
            "gets": self.gets,
            "tree_pss_mb": round(self.pss_mb),
            "server_cpu_s": round(self.server_cpu, 2),
        }
        if self.remote_images is not None:
            figures["remote_images"] = self.remote_images
        if self.digest is not None:
            figures["files"] = len(self.digest)
            figures["html_files"] = sum(p.endswith(".html") for p in self.digest)
        return figures


@dataclass(frozen=True, slots=True)
class Pending:
    """A run started: where its wrapper writes, and where the server's log and CPU were."""

    name: str
    round: int
    bucket: str
    record: Path
    offset: int
    server_cpu: float


@dataclass(slots=True)
class Remote:
    """moto's S3 in its own process, and the environment every build runs with."""

    ctx: Context
    server: MotoServer
    env: dict[str, str | None] = field(default_factory=dict)

    @classmethod
    def start(cls, ctx: Context) -> Remote:
        server = MotoServer(ctx.work / "moto.log")
        server.start()
        ctx.cleanups.append(server.stop)
        aws_config = ctx.work / "aws-config"  # no profile of the user's
        aws_config.write_text("[default]\n")
        env: dict[str, str | None] = {
            **CREDENTIALS,
            "AWS_ENDPOINT_URL_S3": server.url,
            "AWS_ENDPOINT_URL": None,
            "AWS_CONFIG_FILE": str(aws_config),
            "AWS_SHARED_CREDENTIALS_FILE": str(ctx.work / "no-credentials-file"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PROFILE": None,
            "PYTHONPATH": str(REPO_DIR),
            "ASSETPIPE_CONFIG": None,
            "ASSETPIPE_ENV": None,
            "ASSETPIPE_CACHE_REMOTE": None,
            "ASSETPIPE_CACHE_MODE": None,
            # an installed assetpipe has its bytecode: compiled once (primed at setup), kept here
            "PYTHONDONTWRITEBYTECODE": None,
            "PYTHONPYCACHEPREFIX": str(ctx.work / "pycache"),
        }
        ctx.info["server"] = f"moto {importlib.metadata.version('moto')} (own process, loopback)"
        return cls(ctx, server, env)

    @property
    def url(self) -> str:
        return self.server.url

    def create(self, bucket: str) -> None:
        s3_tool(self.url, "create", bucket)

    def drop(self, bucket: str) -> None:
        try:
            s3_tool(self.url, "drop", bucket)
        except CheckFailed as exc:  # a bucket left behind costs memory, not correctness
            log(f"remote: could not drop {bucket}: {exc}")

    def count_images(self, bucket: str) -> int:
        result = subprocess.run(
            [sys.executable, "-c", COUNT_OBJECTS, self.url, bucket, IMAGES_PREFIX],
            env={**os.environ, **CREDENTIALS},
            capture_output=True,
            text=True,
            timeout=600,
            stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0:
            raise CheckFailed(f"listing s3://{bucket}/{IMAGES_PREFIX}: {result.stderr[-800:]}")
        return int(result.stdout)

    def build(
        self, name: str, dirs: RunDirs, site: Path, config: Path, bucket: str, *extra: str
    ) -> tuple[Command, Pending]:
        """The wrapped build of one run, and what :meth:`measured` needs after it."""
        record = dirs.scratch / "run.json"
        argv = assetpipe_argv(
            "build",
            "--src",
            str(site),
            "--out",
            str(dirs.out),
            "--cache-dir",
            str(dirs.scratch / "cache"),
            "--cache-remote",
            f"s3://{bucket}/{PREFIX}",
            "--config",
            str(config),
            *extra,
        )
        wrapped = [sys.executable, "-S", "-c", WRAPPER, str(record), *argv]
        pending = Pending(
            name, dirs.round, bucket, record, self.server.mark(), self.server.cpu_seconds()
        )
        return Command(wrapped, cwd=self.ctx.work, env=self.env), pending

    def measured(self, pending: Pending) -> tuple[Measured, str]:
        """What the wrapper wrote and the requests of the run; and the build's stdout."""
        record = pending.record
        server_cpu = self.server.cpu_seconds() - pending.server_cpu
        data = json.loads(record.read_text())
        stdout_file = record.with_name(record.name + ".stdout")
        stdout = stdout_file.read_text(errors="replace") if stdout_file.is_file() else ""
        requests = self.server.requests_since(pending.offset, pending.bucket)
        run = Measured(
            pending.name,
            wall=data["wall"],
            cpu=data["cpu"],
            rss_mb=data["rss_mb"],
            pss_mb=data["pss_mb"],
            encoded=sum(k.startswith(IMAGES_PREFIX) for k in requests.uploaded),
            puts=requests.methods["PUT"],
            gets=requests.methods["GET"],
            server_cpu=server_cpu,
        )
        return run, stdout

    def prime(self, site: Path, config: Path) -> None:
        """An untimed build of a tiny site through the remote: compiles the bytecode."""
        self.create("primer")
        out = self.ctx.work / "primer-out"
        argv = assetpipe_argv(
            "build",
            "--src",
            str(site),
            "--out",
            str(out),
            "--cache-dir",
            str(self.ctx.work / "primer-cache"),
            "--cache-remote",
            f"s3://primer/{PREFIX}",
            "--config",
            str(config),
        )
        try:
            run_untimed(Command(argv, cwd=self.ctx.work, env=self.env))
        finally:
            for folder in (out, self.ctx.work / "primer-cache"):
                subprocess.run(["rm", "-rf", str(folder)], check=False)
            self.drop("primer")


def digest_tree(root: Path) -> dict[str, str]:
    import hashlib

    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file():
            found[path.relative_to(root).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def digest_difference(a: dict[str, str], b: dict[str, str]) -> str:
    only_a, only_b = sorted(set(a) - set(b)), sorted(set(b) - set(a))
    changed = sorted(p for p in set(a) & set(b) if a[p] != b[p])
    parts = []
    if only_a:
        parts.append(f"{len(only_a)} only in the cold build's ({', '.join(only_a[:3])})")
    if only_b:
        parts.append(f"{len(only_b)} only in this one's ({', '.join(only_b[:3])})")
    if changed:
        parts.append(f"{len(changed)} with other bytes ({', '.join(changed[:5])})")
    return "; ".join(parts)


def primer_site() -> Path:
    site, _ = photo_site(2, 10)
    return site


def write_config(path: Path, formats: list[str] | None = None) -> Path:
    text = '[cache]\nmode = "read-write"\n'
    if formats is not None:
        text += "\n[images]\nformats = [" + ", ".join(f'"{f}"' for f in formats) + "]\n"
    path.write_text(text)
    return path


def _row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(
        [
            cells[0].ljust(widths[0]),
            *(c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)),
        ]
    ).rstrip()


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [_row(header, widths), *(_row(r, widths) for r in rows)]


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"


# --- remote -----------------------------------------------------------------------------------


def _shards() -> int:
    return _int_env("BENCH_REMOTE_SHARDS") or DEFAULT_SHARDS


def _describe() -> str:
    try:
        pages, images = sizes()
    except ValueError:
        pages, images = DEFAULT_PAGES, DEFAULT_IMAGES
    return (
        f"{pages:,} pages, {images:,} photos, remote cache in S3 (moto): cold, a second runner "
        f"with the remote warm, {_shards()} shards + assembling build"
    )


class RemoteRounds:
    """The runs of every round (round -> name -> Measured) and the notes made from them."""

    def __init__(self, ctx: Context, shards: int, images: int) -> None:
        self.ctx, self.shards, self.images = ctx, shards, images
        self.rounds: dict[int, dict[str, Measured]] = {}
        self.problems: dict[int, list[str]] = {}

    def add(self, round_: int, run: Measured) -> None:
        self.rounds.setdefault(round_, {})[run.name] = run
        self.render()

    def problem(self, round_: int, text: str) -> None:
        self.problems.setdefault(round_, []).append(text)
        self.render()

    def shard_names(self) -> list[str]:
        return [f"shard-{i}of{self.shards}" for i in range(1, self.shards + 1)]

    def render(self) -> None:
        notes = self.ctx.notes
        header = ["run", "round", "wall s", "cpu s", "rss MB", "tree pss MB", "encoded", "GETs",
                  "PUTs", "moto cpu s"]  # fmt: skip
        rows = []
        for round_, runs in sorted(self.rounds.items()):
            for run in runs.values():
                encoded = str(run.encoded)
                if run.reported is not None:
                    encoded += f" (says {run.reported})"
                rows.append([run.name, str(round_), f"{run.wall:.2f}", f"{run.cpu:.2f}",
                             f"{run.rss_mb:.0f}", f"{run.pss_mb:.0f}", encoded, str(run.gets),
                             str(run.puts), f"{run.server_cpu:.2f}"])  # fmt: skip
        notes["runs (assetpipe's process tree alone, measured by the wrapper)"] = "\n".join(
            [
                *table(header, rows),
                "rss MB: largest single process (ru_maxrss); tree pss MB: peak of the summed PSS "
                f"of all its processes, sampled every {SAMPLE_S:g} s;",
                "encoded: distinct objects PUT under c/images/ during the run (moto's log; one "
                "per image whose variants were encoded): `build --shard` says its images (says N);",
                "moto cpu s: the S3 server's own CPU during the run (not in cpu s)",
            ]
        )
        lines = []
        for round_, runs in sorted(self.rounds.items()):
            lines.extend(self._ratios(round_, runs))
        notes["ratios and goals"] = "\n".join(lines) or "(no complete run yet)"
        checks = []
        for round_, runs in sorted(self.rounds.items()):
            checks.extend(self._checks(round_, runs))
        notes["checks"] = "\n".join(checks) or "(none yet)"

    def _ratios(self, round_: int, runs: dict[str, Measured]) -> list[str]:
        cold = runs.get("cold")
        if cold is None:
            return []
        lines = [f"round {round_}:"]
        warm = runs.get("warm-remote")
        if warm is not None:
            ratio = warm.wall / cold.wall
            lines.append(
                f"  warm-remote / cold, wall: {ratio:.3f} (goal <= {WARM_GOAL:g}: "
                f"{_met(ratio <= WARM_GOAL)}); cpu: {warm.cpu / cold.cpu:.3f}"
            )
        shards = [runs[n] for n in self.shard_names() if n in runs]
        if len(shards) == self.shards:
            cpu = sum(s.cpu for s in shards)
            ratio = cpu / cold.cpu
            lines.append(
                f"  sum of the {self.shards} shards' cpu / cold cpu: {cpu:.2f} / {cold.cpu:.2f} "
                f"= {ratio:.3f} (goal <= {SHARD_CPU_GOAL:.2f}: {_met(ratio <= SHARD_CPU_GOAL)})"
            )
            slowest = max(s.wall for s in shards)
            lines.append(f"  slowest shard / cold, wall: {slowest / cold.wall:.3f}")
        assemble = runs.get("assemble")
        if assemble is not None:
            lines.append(f"  assemble / cold, wall: {assemble.wall / cold.wall:.3f}")
            if len(shards) == self.shards:
                total = max(s.wall for s in shards) + assemble.wall
                lines.append(
                    f"  slowest shard + assemble / cold, wall (the shards side by side): "
                    f"{total / cold.wall:.3f}"
                )
        peak = max(cold.pss_mb, cold.rss_mb)
        if self.images == GOAL_IMAGES:
            lines.append(
                f"  cold build's memory: tree PSS {cold.pss_mb:.0f} MB, largest process "
                f"{cold.rss_mb:.0f} MB (goal <= {MEMORY_GOAL_MB} MB at {GOAL_IMAGES:,} images: "
                f"{_met(peak <= MEMORY_GOAL_MB)})"
            )
        else:
            lines.append(
                f"  cold build's memory: tree PSS {cold.pss_mb:.0f} MB, largest process "
                f"{cold.rss_mb:.0f} MB ({self.images:,} images; the 1 GB goal is for "
                f"{GOAL_IMAGES:,}: see remote-memory)"
            )
        return lines

    def _checks(self, round_: int, runs: dict[str, Measured]) -> list[str]:
        lines = [f"round {round_}:"]
        for name in ("warm-remote", "assemble"):
            run = runs.get(name)
            if run is not None:
                lines.append(
                    f"  {name} encoded 0: {'yes' if run.encoded == 0 else f'NO ({run.encoded})'}"
                )
        cold = runs.get("cold")
        for name in ("warm-remote", "assemble"):
            run = runs.get(name)
            if cold is not None and run is not None and cold.digest and run.digest is not None:
                same = run.digest == cold.digest
                what = "yes" if same else "NO: " + digest_difference(cold.digest, run.digest)
                lines.append(
                    f"  {name}'s output byte-identical to cold's ({len(cold.digest)} files): {what}"
                )
        shards = [runs[n] for n in self.shard_names() if n in runs]
        if cold is not None and len(shards) == self.shards:
            total = sum(s.encoded for s in shards)
            lines.append(
                f"  shards' encodes add up to cold's: {total} vs {cold.encoded}: "
                + ("yes" if total == cold.encoded else "NO")
            )
        lines.extend(f"  {p}" for p in self.problems.get(round_, []))
        return lines if len(lines) > 1 else []


@workload("remote", _describe())
def remote(ctx: Context) -> list[Contender]:
    pages, images = sizes()
    shards = _shards()
    site, seconds = photo_site(pages, images)
    site_info(ctx, site, pages, images, seconds)
    ctx.info["variants"] = "AVIF + WebP + JPEG fallback at 400 px (3 a photo: defaults)"
    config = write_config(ctx.work / "remote.toml")
    remote_ = Remote.start(ctx)
    rounds = RemoteRounds(ctx, shards, images)
    rounds.render()
    ctx.info["goals"] = (
        f"warm-remote ratio <= {WARM_GOAL:g} and 0 encoded; assemble 0 encoded; shards' cpu "
        f"<= {SHARD_CPU_GOAL:.2f}x cold's (notes)"
    )

    def contender(
        name: str,
        bucket_kind: str,
        *extra: str,
        anchor: bool = False,
        create: bool = False,
        after: Callable[[int, str, Measured, Path, str], None] | None = None,
    ) -> Contender:
        started: list[Pending] = []

        def command(dirs: RunDirs) -> Command:
            bucket = f"{bucket_kind}-{dirs.round}"
            if create:
                remote_.create(bucket)
            built, pending = remote_.build(name, dirs, site, config, bucket, *extra)
            started[:] = [pending]
            return built

        def check(out: Path) -> Figures:
            pending = started[0]
            run, stdout = remote_.measured(pending)
            try:
                if after is not None:
                    after(pending.round, pending.bucket, run, out, stdout)
            finally:
                rounds.add(pending.round, run)
            return run.figures()

        setup = (lambda: remote_.prime(primer_site(), config)) if anchor else None
        return Contender(name, command, anchor=anchor, setup=setup, check=check)

    def output_of(bucket: str, run: Measured, out: Path) -> None:
        if not out.is_dir():
            raise CheckFailed(f"no output folder {out}")
        run.digest = digest_tree(out)
        run.remote_images = remote_.count_images(bucket)

    def after_cold(round_: int, bucket: str, run: Measured, out: Path, stdout: str) -> None:
        output_of(bucket, run, out)
        if run.encoded == 0:
            raise CheckFailed("the cold build PUT no image variant to the remote")

    def after_warm(round_: int, bucket: str, run: Measured, out: Path, stdout: str) -> None:
        output_of(bucket, run, out)
        same_as_cold(round_, run)

    def same_as_cold(round_: int, run: Measured) -> None:
        cold = rounds.rounds.get(round_, {}).get("cold")
        problems = []
        if run.encoded:
            problems.append(f"{run.encoded} image variants encoded (PUT to the remote)")
        if cold is None or cold.digest is None:
            problems.append("no cold build of this round to compare with")
        elif run.digest != cold.digest:
            problems.append(
                "output differs from the cold build's: "
                + digest_difference(cold.digest, run.digest or {})
            )
        if problems:
            raise CheckFailed(
                "; ".join(problems) + f" (wall {run.wall:.2f} s, cpu {run.cpu:.2f} s)"
            )

    def after_shard(round_: int, bucket: str, run: Measured, out: Path, stdout: str) -> None:
        # (one object per image in the remote: its share of images is what it PUTs)
        match = re.search(r": (\d+) of \d+ images; encoded (\d+) variants", stdout)
        if match is None:
            raise CheckFailed(f"build --shard printed no 'N of M images': {stdout[-300:]!r}")
        run.reported = int(match[1])
        if out.exists():
            raise CheckFailed(f"build --shard wrote an output folder {out}")
        if run.reported != run.encoded:
            rounds.problem(
                round_,
                f"{run.name} says it has {run.reported} images, PUT {run.encoded} under images/",
            )

    def after_assemble(round_: int, bucket: str, run: Measured, out: Path, stdout: str) -> None:
        try:
            output_of(bucket, run, out)
            same_as_cold(round_, run)
        finally:  # the round is over: free moto's memory
            remote_.drop(f"cold-{round_}")
            remote_.drop(f"shard-{round_}")

    names = rounds.shard_names()
    return [
        contender("cold", "cold", anchor=True, create=True, after=after_cold),
        contender("warm-remote", "cold", after=after_warm),
        *(
            contender(name, "shard", "--shard", f"{i}/{shards}", create=i == 1, after=after_shard)
            for i, name in enumerate(names, 1)
        ),
        contender("assemble", "shard", after=after_assemble),
    ]


# --- remote-memory ----------------------------------------------------------------------------


def fit_line(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """Least squares ``y = a + b x`` through ``points``: (a, b), or None under two x values."""
    xs = [x for x, _ in points]
    if len(set(xs)) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(y for _, y in points)
    b = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x in xs)
    return my - b * mx, b


def memory_notes(by_point: dict[int, list[Measured]], formats: list[str]) -> str:
    header = ["images", "pages", "wall s", "cpu s", "rss MB", "tree pss MB", "encoded"]
    rows, rss, pss = [], [], []
    for images, runs in sorted(by_point.items()):
        peak_rss = max(r.rss_mb for r in runs)
        peak_pss = max(r.pss_mb for r in runs)
        rss.append((images, peak_rss))
        pss.append((images, peak_pss))
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        rows.append([f"{images:,}", f"{images // 5:,}", f"{wall:.2f}", f"{cpu:.2f}",
                     f"{peak_rss:.0f}", f"{peak_pss:.0f}", str(runs[-1].encoded)])  # fmt: skip
    cheap = "" if formats == ["avif", "webp"] else ": not the defaults, to keep the points cheap"
    lines = [
        f"cold builds, empty local cache and empty remote, [images] formats = {formats} "
        f"(+ the JPEG fallback){cheap}",
        *table(header, rows),
    ]
    for label, points in (("largest process (ru_maxrss)", rss), ("whole tree (PSS)", pss)):
        line = fit_line(points)
        if line is None:
            lines.append(f"{label}: one point only, no fit")
            continue
        a, b = line
        at_goal = a + b * GOAL_IMAGES
        lines.append(
            f"{label}: {a:.0f} MB + {b * 1000:.1f} MB per 1,000 images; at {GOAL_IMAGES:,}: "
            f"{at_goal:.0f} MB; at {EXTRAPOLATE_TO:,}: {a + b * EXTRAPOLATE_TO:.0f} MB"
        )
    measured = by_point.get(GOAL_IMAGES)
    if measured:
        peak = max(max(r.rss_mb, r.pss_mb) for r in measured)
        lines.append(
            f"goal (cold build of {GOAL_IMAGES:,} images <= {MEMORY_GOAL_MB} MB): measured "
            f"{peak:.0f} MB: {_met(peak <= MEMORY_GOAL_MB)}"
            + ("" if formats == ["avif", "webp"] else f" (with {formats} only)")
        )
    return "\n".join(lines)


@workload(
    "remote-memory",
    "peak memory of cold builds through the remote cache at several sizes "
    "(BENCH_REMOTE_MEMORY_POINTS, default 1000,3000,10000 images), fitted and extrapolated",
)
def remote_memory(ctx: Context) -> list[Contender]:
    points = memory_points()
    formats = memory_formats()
    made = {}
    for images in points:
        site, seconds = photo_site(max(1, images // 5), images)
        made[images] = site
        if seconds is not None:
            ctx.info[f"generated_s_{images}"] = round(seconds, 1)
    ctx.info["points"] = ",".join(str(p) for p in points)
    ctx.info["formats"] = "+".join(formats) + " (+ JPEG fallback)"
    config = write_config(ctx.work / "memory.toml", formats)
    remote_ = Remote.start(ctx)
    by_point: dict[int, list[Measured]] = {}

    def contender(images: int) -> Contender:
        started: list[Pending] = []
        name = f"cold-{images}"

        def command(dirs: RunDirs) -> Command:
            bucket = f"mem-{images}-{dirs.round}"
            remote_.create(bucket)
            built, pending = remote_.build(name, dirs, made[images], config, bucket)
            started[:] = [pending]
            return built

        def check(out: Path) -> Figures:
            try:
                run, _ = remote_.measured(started[0])
            finally:
                remote_.drop(started[0].bucket)
            by_point.setdefault(images, []).append(run)
            ctx.notes["memory"] = memory_notes(by_point, formats)
            if not out.is_dir():
                raise CheckFailed(f"no output folder {out}")
            return run.figures()

        largest = images == points[-1]
        setup = (lambda: remote_.prime(primer_site(), config)) if largest else None
        return Contender(name, command, anchor=largest, setup=setup, check=check)

    return [contender(images) for images in points]
