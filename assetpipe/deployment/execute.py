"""`deploy()`: read the build's manifest and what is live, plan (`plan.py`), then carry the plan
out in its order: uploads phase by phase, the record, the CDN purge, pruning; then, with a warm
URL, the CDN warm-up (`warm.py`), whose failures are warnings: the site is live by then.

A deploy that stops anywhere leaves the previous site whole: until the record is written, the
old pages are live (or, during the pages phase, a mix of old and new pages, each with all its
assets); the old assets stay until pruning, which comes last. Before it replaces any non-hashed
object it writes its intent (`record.py`), so the next deploy of any build (this one again, or
the previous one to roll back) uploads every object it may have replaced, and no prune removes
an asset a live page of either may use.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .. import compression
from ..config import Config
from ..diagnostics import BuildFailed, ConfigError, Diagnostic, Location, error, warning
from ..pipeline.emit import MANIFEST_PATH
from ..pipeline.vite_manifest import PATH as VITE_MANIFEST_PATH
from .cdn import Purger, PurgeResult, PurgeSetupError, make_purger, parse_target
from .plan import PHASES, DeployPlan, PlanOptions, Upload, plan
from .record import RECORD_PATH, Record, RecordError, dumps, loads
from .storage import Storage, StorageError
from .warm import WarmResult

Progress = Callable[[str, int, int], None]
T = TypeVar("T")


class DeployFailed(BuildFailed):
    """A deploy that stopped; `result` says what it did before."""

    def __init__(self, diagnostics: list[Diagnostic], result: DeployResult | None = None) -> None:
        super().__init__(diagnostics)
        self.result = result


@dataclass(slots=True)
class DeployResult:
    target: str
    plan: DeployPlan
    dry_run: bool = False
    uploaded: list[str] = field(default_factory=list)
    sent_bytes: int = 0
    record_written: bool = False
    purge: PurgeResult | None = None
    purger: str | None = None
    pruned: list[str] = field(default_factory=list)
    prune_failed: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    warnings: list[Diagnostic] = field(default_factory=list)
    warm: WarmResult | None = None  # with a warm URL: what was fetched (a dry run: would be)


def deploy(
    config: Config,
    *,
    dry_run: bool = False,
    force: bool = False,
    verify: bool = False,
    storage: Storage | None = None,
    purger: Purger | None = None,
    progress: Progress | None = None,
    now: int | None = None,
    warm: str | None = None,
) -> DeployResult:
    """Deploy the build in `config.out`: read what is live, plan, upload in phases (assets,
    other files, pages), then purge the CDN, prune old assets and write the record, then warm
    the CDN through `warm` (default `cdn.warm_url`; `""`: not). Raises `DeployFailed` (with what
    was done) when the uploads stop or the purge or the record fail."""
    started = time.monotonic()
    d = config.deploy
    out = config.out
    manifest = _read_manifest(out)
    if not d.upload_manifest:  # the server reads Vite's manifest from its own disk
        outputs = dict(manifest["outputs"])
        outputs.pop(VITE_MANIFEST_PATH, None)
        manifest = {**manifest, "outputs": outputs}
    prefix = _prefix(d.prefix)
    if purger is None and config.cdn.provider:
        purger = _purger(config)
    if storage is None:
        storage = _storage(config)
    target = f"{storage.name}/{prefix}"
    options = _plan_options(config, prefix, force, cdn=purger is not None)
    record, remote, repaired = _live_state(storage, prefix, manifest, d.concurrency, verify)
    the_plan = plan(manifest, record, remote, options, int(time.time()) if now is None else now)
    result = DeployResult(target, the_plan, dry_run, purger=purger.name if purger else None)
    result.warnings += _state_warnings(record, repaired, target)
    warm_url = config.cdn.warm_url if warm is None else warm
    warm_targets = _warm_targets(config, the_plan, warm_url)
    if dry_run:
        if warm_targets is not None:
            result.warm = WarmResult(
                warm_targets[0],
                config.cdn.warm_concurrency,
                planned=tuple(u for u, _ in warm_targets[1]),
                dry_run=True,
            )
        result.requests = storage.requests
        result.seconds = time.monotonic() - started
        return result
    try:
        _upload_phases(storage, prefix, out, the_plan, d.concurrency, result, progress)
    except (StorageError, _StaleOutput) as exc:
        result.requests = storage.requests
        result.seconds = time.monotonic() - started
        stopped = _stopped(exc, len(result.uploaded), len(the_plan.uploads))
        raise DeployFailed([stopped], result) from None
    problems = _settle(storage, prefix, the_plan, purger, result, d.max_deletes)
    result.requests = storage.requests + (result.purge.requests if result.purge else 0)
    result.seconds = time.monotonic() - started
    if problems:
        raise DeployFailed(problems, result)
    if warm_targets is not None:
        _warm(config, *warm_targets, result, progress)  # (its time is its own: result.warm)
    return result


def _warm_targets(
    config: Config, the_plan: DeployPlan, url: str
) -> tuple[str, list[tuple[str, str]]] | None:
    """The base URL and the (URL, output path) pairs to warm, or None without a warm URL."""
    if not url:
        return None
    from . import warm

    problem = warm.check_url(url)
    if problem:
        raise ConfigError([error("config-value", f"cdn.warm_url (--warm) {problem}")])
    base = warm.base_url(url, config.build.base)
    paths = warm.targets(the_plan, warm.read_initial(config.out))
    return base, warm.urls(base, paths)


def _warm(
    config: Config,
    base: str,
    targets: list[tuple[str, str]],
    result: DeployResult,
    progress: Progress | None,
) -> None:
    """Fetch `targets` through the CDN; failures become one warning."""
    from . import warm

    result.warm = warm.fetch(base, targets, config.cdn.warm_concurrency, progress)
    failed = result.warm.failed
    if failed:
        shown = ", ".join(f"{f.url} ({f.status if f.status else f.error})" for f in failed[:5]) + (
            " ..." if len(failed) > 5 else ""
        )
        result.warnings.append(
            warning(
                "deploy-warm",
                f"{len(failed)} of {len(targets)} URLs could not be warmed through {base}: {shown}",
                None,
                "the deploy is complete and live; visitors' first requests fill the cache instead",
            )
        )


def _storage(config: Config) -> Storage:
    """The S3 bucket of `config.deploy`."""
    from .s3 import S3Storage

    d = config.deploy
    try:
        return S3Storage(
            d.bucket,
            region=d.region,
            endpoint_url=d.endpoint_url,
            addressing_style=d.addressing_style,
            concurrency=d.concurrency,
            checksums=d.checksums,
            retry_mode=d.retry_mode,
            max_attempts=d.max_attempts,
            multipart_threshold_mb=d.multipart_threshold,
        )
    except StorageError as exc:
        raise DeployFailed([error("deploy-storage", str(exc))]) from None


def _plan_options(config: Config, prefix: str, force: bool, cdn: bool) -> PlanOptions:
    d = config.deploy
    base = config.build.base
    return PlanOptions(
        prefix=prefix,
        cache_control=d.cache_control,
        content_type=d.content_type,
        precompress=d.precompress,
        acl=d.acl,
        surrogate_keys=config.cdn.provider == "fastly"
        and config.cdn.fastly_purge == "surrogate-key",
        retain_days=d.retain_days,
        retain_deploys=d.retain_deploys,
        max_deletes=d.max_deletes,
        force=force,
        base_path=base if base.startswith("/") else "/",
        cdn=cdn,
    )


def _live_state(
    storage: Storage, prefix: str, manifest: dict, concurrency: int, verify: bool
) -> tuple[Record | None, dict[str, tuple[str, str]] | None, list[str]]:
    """What is live under `prefix`: the deploy record, or without one the objects' digests;
    with `verify`, the record checked against the objects (and the paths found wrong)."""
    repaired: list[str] = []
    try:
        record = _read_record(storage, prefix)
        remote = (
            None if record is not None else _remote_digests(storage, prefix, manifest, concurrency)
        )
        if record is not None and verify:
            found = _remote_digests(storage, prefix, manifest, concurrency)
            record, repaired = _verified(record, found, manifest["outputs"])
    except StorageError as exc:
        raise DeployFailed([error("deploy-storage", str(exc))]) from None
    return record, remote, repaired


def _state_warnings(record: Record | None, repaired: list[str], target: str) -> list[Diagnostic]:
    """Warnings about what was live: objects `--verify` found wrong, a deploy left unfinished."""
    warnings = []
    if repaired:
        warnings.append(
            warning(
                "deploy-verify",
                f"{len(repaired)} live objects were missing or not what the record says, "
                f"uploaded again: {', '.join(repaired[:5])}"
                + (" ..." if len(repaired) > 5 else ""),
            )
        )
    if record is not None and record.in_progress:
        unsure = sum(1 for f in record.files.values() if not f.sha256)
        warnings.append(
            warning(
                "deploy-interrupted",
                f"deploy {record.in_progress} to {target} did not finish: the {unsure} files "
                "it may have replaced are uploaded again",
            )
        )
    return warnings


def _upload_phases(
    storage: Storage,
    prefix: str,
    out: Path,
    the_plan: DeployPlan,
    concurrency: int,
    result: DeployResult,
    progress: Progress | None,
) -> None:
    """The uploads, phase by phase; the intent record before the first page can change, the
    new record once all are up."""
    for phase in PHASES:
        if phase == "files" and the_plan.intent is not None:
            _put_record(storage, prefix, the_plan.intent)
        uploads = [u for u in the_plan.uploads if u.phase == phase]
        _upload_all(storage, out, uploads, concurrency, result, progress)
    if the_plan.write_record:
        _put_record(storage, prefix, the_plan.record)
        result.record_written = True


def _stopped(exc: Exception, done: int, planned: int) -> Diagnostic:
    """The error of uploads that stopped: the bucket failed, or an output changed on disk."""
    return error(
        "deploy-storage" if isinstance(exc, StorageError) else "deploy-output",
        str(exc),
        None,
        f"{done} of {planned} uploads done; the deploy record was not "
        "written, so the previous site is still the live one (old assets stay), "
        "with any pages uploaded so far",
        "run the same deploy again to complete it (or deploy the previous build: "
        "either uploads again every page this one may have replaced)",
    )


def _settle(
    storage: Storage,
    prefix: str,
    the_plan: DeployPlan,
    purger: Purger | None,
    result: DeployResult,
    max_deletes: int,
) -> list[Diagnostic]:
    """After the uploads: purge the CDN, prune the old files (only once the purge worked), and
    write the record as that leaves things. The errors, if any (warnings go in `result`)."""
    problems: list[Diagnostic] = []
    purged_ok = True
    settled = the_plan.record  # what the record says once the purge and pruning are done
    if purger is not None and the_plan.purge:
        result.purge = purger.purge(list(the_plan.purge), the_plan.deploy_id)
        purged_ok = result.purge.ok
        settled = replace(settled, pending_purge=tuple(result.purge.failed))
        if not purged_ok:
            problems.append(_purge_failed(result.purge, len(the_plan.purge)))
    if the_plan.deletions and purged_ok:
        settled = _prune(storage, the_plan, settled, result)
    if settled != the_plan.record:
        try:
            _put_record(storage, prefix, settled)
        except StorageError as exc:
            problems.append(error("deploy-storage", str(exc)))
    if the_plan.deferred:
        result.warnings.append(
            warning(
                "deploy-max-deletes",
                f"{len(the_plan.deferred)} more old files are due for deletion than "
                f"deploy.max_deletes ({max_deletes}) allows at once; the next deploys delete "
                "them, or use --force",
            )
        )
    return problems


def _purge_failed(purge: PurgeResult, planned: int) -> Diagnostic:
    return error(
        "deploy-purge",
        f"the CDN purge failed: {purge.error}",
        None,
        f"purged {len(purge.purged)} of {planned} paths"
        + (f": {', '.join(purge.purged[:10])}" if purge.purged else ""),
        f"not purged: {', '.join(purge.failed[:10])}" + (" ..." if len(purge.failed) > 10 else ""),
        "the files are uploaded and live at the origin; the next deploy (or "
        "`assetpipe purge`) purges what is left",
    )


def _prune(storage: Storage, the_plan: DeployPlan, settled: Record, result: DeployResult) -> Record:
    """Delete the old files the plan prunes; the record without those deleted."""
    keys = [x.key for x in the_plan.deletions]
    try:
        failed = set(storage.delete(keys))
    except StorageError as exc:
        failed = set(keys)
        result.warnings.append(warning("deploy-prune", f"pruning failed: {exc}"))
    result.pruned = [x.path for x in the_plan.deletions if x.key not in failed]
    result.prune_failed = [x.path for x in the_plan.deletions if x.key in failed]
    gone = set(result.pruned)
    if result.prune_failed:
        result.warnings.append(
            warning(
                "deploy-prune",
                f"{len(result.prune_failed)} old files could not be "
                f"deleted: {', '.join(result.prune_failed[:5])}",
            )
        )
    return replace(settled, files={p: f for p, f in settled.files.items() if p not in gone})


def purge_paths(config: Config, target: str, paths: list[str]) -> PurgeResult:
    """`assetpipe purge`: purge `paths` on `target` (`PROVIDER:ID`)."""
    provider, ident = parse_target(target)
    try:
        purger = make_purger(provider, ident, config.cdn)
    except PurgeSetupError as exc:
        raise DeployFailed([error("deploy-purge", str(exc))]) from None
    normal = sorted({p if p.startswith("/") else "/" + p for p in paths})
    reference = hashlib.sha256("\n".join(normal).encode()).hexdigest()[:20]
    return purger.purge(normal, f"purge-{reference}-{int(time.time())}")


def _purger(config: Config) -> Purger:
    cdn = config.cdn
    if not cdn.id:
        raise DeployFailed(
            [error("config-missing", f"cdn.provider is {cdn.provider!r} but cdn.id is not set")]
        )
    try:
        return make_purger(cdn.provider, cdn.id, cdn)
    except PurgeSetupError as exc:
        raise DeployFailed([error("deploy-purge", str(exc))]) from None


def _prefix(prefix: str) -> str:
    prefix = prefix.strip("/")
    return prefix + "/" if prefix else ""


def _read_manifest(out: Path) -> dict:
    path = out / MANIFEST_PATH
    try:
        manifest = json.loads(path.read_bytes())
        manifest["outputs"]  # noqa: B018 (the check)
    except FileNotFoundError:
        raise DeployFailed(
            [
                error(
                    "deploy-no-build",
                    f"{out} has no build to deploy ({MANIFEST_PATH} is missing)",
                    Location(str(out)),
                    "run `assetpipe build` first",
                )
            ]
        ) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DeployFailed(
            [
                error(
                    "deploy-no-build", f"{path} is not a build manifest: {exc}", Location(str(path))
                )
            ]
        ) from None
    if manifest.get("development"):
        raise DeployFailed(
            [
                error(
                    "deploy-no-build",
                    f"{out} holds a development build (made by `assetpipe watch`: not minified, "
                    "inline source maps)",
                    Location(str(out)),
                    "run `assetpipe build` first",
                )
            ]
        )
    return manifest


class _StaleOutput(Exception):
    pass


def _read_output(out: Path, upload: Upload) -> bytes:
    try:
        data = (out / upload.path).read_bytes()
    except OSError as exc:
        raise _StaleOutput(f"cannot read {out / upload.path}: {exc.strerror}") from None
    if hashlib.sha256(data).hexdigest() != upload.sha256:
        raise _StaleOutput(
            f"{out / upload.path} changed since the build (its SHA-256 is not the manifest's); "
            "build again, then deploy"
        )
    return data


def _upload_all(
    storage: Storage,
    out: Path,
    uploads: list[Upload],
    concurrency: int,
    result: DeployResult,
    progress: Progress | None,
) -> None:
    if not uploads:
        return
    total = len(result.plan.uploads)
    lock = threading.Lock()

    def one(upload: Upload) -> None:
        data = _read_output(out, upload)
        h = upload.headers
        if h.encoding == "gzip":
            data = compression.gzip(data)
        metadata = {"sha256": upload.sha256, "assetpipe-headers": h.digest()}
        if h.surrogate_key:
            metadata["surrogate-key"] = h.surrogate_key
        storage.put(
            upload.key,
            data,
            content_type=h.content_type,
            cache_control=h.cache_control,
            encoding=h.encoding,
            acl=h.acl,
            metadata=metadata,
        )
        with lock:
            result.uploaded.append(upload.path)
            result.sent_bytes += len(data)
            if progress:
                progress("upload", len(result.uploaded), total)

    _each(one, uploads, concurrency)


def _each(fn: Callable[[T], None], items: Iterable[T], concurrency: int) -> None:
    """`fn(item)` for every item, `concurrency` at a time, with only a few times that many
    submitted at once (100,000 uploads are not 100,000 futures); after the first error no
    more start, and it is raised once those running have finished."""
    window = max(1, concurrency) * 4
    error: BaseException | None = None
    with ThreadPoolExecutor(max_workers=max(1, concurrency)) as pool:
        running: set[Future[None]] = set()
        for item in items:
            if len(running) >= window:
                done, running = wait(running, return_when=FIRST_COMPLETED)
                error = _first_error(done)
                if error is not None:
                    break
            running.add(pool.submit(fn, item))
        if error is None:
            done, running = wait(running, return_when=FIRST_EXCEPTION)
            error = _first_error(done)
        for future in running:
            future.cancel()
    if error is not None:
        raise error


def _first_error(done: set[Future[None]]) -> BaseException | None:
    return next((f.exception() for f in done if f.exception() is not None), None)


def _read_record(storage: Storage, prefix: str) -> Record | None:
    data = storage.get(prefix + RECORD_PATH)
    if data is None:
        return None
    try:
        return loads(data)
    except RecordError as exc:
        raise DeployFailed(
            [
                error(
                    "deploy-record",
                    f"{storage.name}/{prefix}{RECORD_PATH}: {exc}",
                    None,
                    "delete it to start over: the next deploy then compares the objects' "
                    "metadata instead",
                )
            ]
        ) from None


def _put_record(storage: Storage, prefix: str, record: Record) -> None:
    storage.put(
        prefix + RECORD_PATH,
        dumps(record),
        content_type="application/json",
        cache_control="no-store",
        encoding=None,
        acl="",
        metadata={},
    )


def _verified(
    record: Record, found: dict[str, tuple[str, str]], outputs: dict
) -> tuple[Record, list[str]]:
    """`--verify`: the record with every file of the build that the bucket does not hold as
    recorded (deleted or replaced by hand, other headers) made unknown, so the plan uploads it
    again. `found`: what a HEAD of each object said (path -> (sha256, headers digest))."""
    files = dict(record.files)
    wrong = []
    for path in sorted(outputs):
        live = record.files.get(path)
        if live is not None and live.sha256 and found.get(path) != (live.sha256, live.headers):
            wrong.append(path)
            files[path] = replace(live, sha256="")
    return replace(record, files=files), wrong


def _remote_digests(
    storage: Storage, prefix: str, manifest: dict, concurrency: int
) -> dict[str, tuple[str, str]]:
    """With no record: the digests of the objects already there, from their metadata (one
    HEAD each, in parallel); an object without them counts as different."""
    keys = set(storage.list(prefix))
    paths = [p for p in manifest["outputs"] if prefix + p in keys]
    found: dict[str, tuple[str, str]] = {}

    def one(path: str) -> None:
        info = storage.head(prefix + path)
        if info is not None and info.sha256 and info.headers:
            found[path] = (info.sha256, info.headers)

    _each(one, paths, concurrency)
    return found
