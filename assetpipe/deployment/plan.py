"""The deploy plan: a pure function from the build's manifest and what is live to what to do.

    plan(manifest, record, remote, options, now) -> DeployPlan

Nothing here talks to the network or reads the clock; `execute.py` does, in the plan's order:

1. uploads, in three phases that each finish before the next starts: content-hashed assets
   (nothing live refers to them yet), then other non-HTML files, then HTML pages (which switch
   visitors to the new assets); between the assets and the rest, the deploy's intent (a record
   naming its assets live and what it replaces unknown: see `record.py`), so that a deploy
   killed in the middle is redone by the next one, whatever it deploys;
2. the new deploy record;
3. the CDN purge of every non-hashed path that changed or went away;
4. pruning: non-hashed files the build no longer has, and hashed files no longer used, once
   they are older than `retain_days` and unused by the last `retain_deploys` deploys (open tabs
   and cached pages still load them until then), at most `max_deletes` unless forced; the
   record lists them until they are gone (it is written again after pruning), so a deploy
   stopped before that prunes them the next time.

A file is uploaded when it is new, its bytes changed (by SHA-256) or the headers it would get
changed. With no record (a first deploy, or a bucket filled by other means) `remote` holds the
digests read from the objects' metadata; files found that way are never deleted by pruning.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import json
from dataclasses import dataclass, field, replace
from urllib.parse import quote

from ..media_types import compressible
from .record import DeployEntry, LiveFile, Record

IMMUTABLE_CACHE = "public, max-age=31536000, immutable"
REVALIDATE_CACHE = "public, max-age=0, must-revalidate"
PHASES = ("assets", "files", "pages")  # uploads' phases, in order


@dataclass(frozen=True, slots=True)
class Headers:
    content_type: str
    cache_control: str
    encoding: str | None = None  # "gzip" when precompressed
    acl: str = ""
    surrogate_key: str | None = None  # Fastly surrogate-key purging

    def digest(self) -> str:
        return _digest(self)


@functools.lru_cache(maxsize=1024)  # a build has a few distinct headers (unless surrogate keys)
def _digest(headers: Headers) -> str:
    fields = [
        headers.content_type,
        headers.cache_control,
        headers.encoding,
        headers.acl,
        headers.surrogate_key,
    ]
    return hashlib.sha256(json.dumps(fields).encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class PlanOptions:
    prefix: str = ""
    cache_control: tuple[tuple[str, str], ...] = ()
    content_type: tuple[tuple[str, str], ...] = ()
    precompress: bool = False
    acl: str = ""
    surrogate_keys: bool = False
    retain_days: int = 7
    retain_deploys: int = 3
    max_deletes: int = 256
    force: bool = False
    base_path: str = "/"  # where the site is served, for CDN paths
    cdn: bool = False  # a CDN is configured: paths not purged yet stay pending in the record


@dataclass(frozen=True, slots=True)
class Upload:
    path: str  # output path
    key: str  # object key (prefix + path)
    sha256: str
    size: int
    headers: Headers
    immutable: bool
    phase: str  # one of PHASES
    reason: str  # "new", "changed", "headers"


@dataclass(frozen=True, slots=True)
class Deletion:
    path: str
    key: str
    immutable: bool
    reason: str  # "removed" (no longer built) or "retired" (an old hashed file)


@dataclass(frozen=True, slots=True)
class DeployPlan:
    uploads: tuple[Upload, ...]
    unchanged: int
    deletions: tuple[Deletion, ...]
    deferred: tuple[str, ...]  # deletions held back by max_deletes
    purge: tuple[str, ...]  # CDN paths
    record: Record  # the record to write
    write_record: bool  # False when nothing at all changes
    deploy_id: str
    seq: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    intent: Record | None = None  # written before non-hashed objects change (None: none do)

    @property
    def settled(self) -> Record:
        """The record once every deletion is done (what a whole deploy leaves)."""
        gone = {d.path for d in self.deletions}
        return replace(
            self.record, files={p: f for p, f in self.record.files.items() if p not in gone}
        )

    @property
    def upload_bytes(self) -> int:
        return sum(u.size for u in self.uploads)


def headers_for(path: str, content_type: str, immutable: bool, options: PlanOptions) -> Headers:
    cache = IMMUTABLE_CACHE if immutable else REVALIDATE_CACHE
    cache = _first_match(path, options.cache_control) or cache
    kind = _first_match(path, options.content_type) or content_type
    gzip = options.precompress and compressible(kind)
    return Headers(
        kind,
        cache,
        "gzip" if gzip else None,
        options.acl,
        cdn_paths(path, options.base_path)[0] if options.surrogate_keys else None,
    )


def _first_match(path: str, globs: tuple[tuple[str, str], ...]) -> str | None:
    if not globs:
        return None
    name = path.rsplit("/", 1)[-1]
    for glob, value in globs:
        if fnmatch.fnmatchcase(path, glob) or ("/" not in glob and fnmatch.fnmatchcase(name, glob)):
            return value
    return None


def cdn_paths(path: str, base_path: str = "/") -> list[str]:
    """The URL paths a CDN may cache `path` under: `blog/index.html` is also `/blog/` and
    `/blog`; the root `index.html` is also `/`."""
    base = base_path if base_path.endswith("/") else base_path + "/"
    paths = [base + quote(path)]
    if path == "index.html" or path.endswith("/index.html"):
        folder = base + quote(path[: -len("index.html")])
        paths.append(folder)
        if folder != "/":
            paths.append(folder.rstrip("/"))
    return paths


def plan(
    manifest: dict,
    record: Record | None,
    remote: dict[str, tuple[str, str]] | None,
    options: PlanOptions,
    now: int,
) -> DeployPlan:
    """What to upload, purge and delete to make `manifest` live over `record` (or, with no
    record, over the digests `remote` found in the bucket: path -> (sha256, headers digest))."""
    old = record or Record()
    outputs: dict = manifest["outputs"]
    built = sorted(outputs.items())
    seq = old.seq + 1
    recorded = old.files if record is not None else None
    found = remote or {}
    # headers by (content type, immutable), unless a setting makes them depend on the path:
    # 100,000 files share a few Headers objects and digests
    per_path = bool(options.cache_control or options.content_type or options.surrogate_keys)
    shared: dict[tuple[str, bool], tuple[Headers, str]] = {}
    uploads: list[Upload] = []
    files: dict[str, LiveFile] = {}
    for path, entry in built:
        immutable = bool(entry["immutable"])
        sha256 = entry["sha256"]
        kind = (entry["content_type"], immutable)
        cached = None if per_path else shared.get(kind)
        if cached is None:
            headers = headers_for(path, kind[0], immutable, options)
            cached = shared[kind] = (headers, headers.digest())
        headers, digest = cached
        files[path] = LiveFile(sha256, digest, immutable, seq)
        if recorded is not None:
            had = recorded.get(path)
            live = None if had is None else (had.sha256, had.headers)
        else:
            live = found.get(path)
        if live is not None and live[0] == sha256 and live[1] == digest:
            continue
        reason = "new" if live is None else "changed" if live[0] != sha256 else "headers"
        phase = "assets" if immutable else "pages" if path.endswith((".html", ".htm")) else "files"
        uploads.append(
            Upload(
                path,
                options.prefix + path,
                sha256,
                int(entry["size"]),
                headers,
                immutable,
                phase,
                reason,
            )
        )
    uploads.sort(key=lambda u: (PHASES.index(u.phase), u.path))
    deploy_id = _deploy_id(built, old)
    del built

    deletions: list[Deletion] = []
    for path, live in sorted(old.files.items()):
        if path in outputs:
            continue
        if not live.immutable:
            deletions.append(Deletion(path, options.prefix + path, False, "removed"))
        elif _retired(live, old, seq, now, options):
            deletions.append(Deletion(path, options.prefix + path, True, "retired"))
    deferred: list[str] = []
    if not options.force and len(deletions) > options.max_deletes:
        deferred = [d.path for d in deletions[options.max_deletes :]]
        deletions = deletions[: options.max_deletes]
    # what is no longer built stays listed until it is deleted (the deploy writes the record
    # again after pruning); what is about to be deleted may be gone: its digest is unknown
    deleted = {d.path for d in deletions}
    for path, live in old.files.items():
        if path in deleted:
            files[path] = LiveFile("", live.headers, live.immutable, live.used)
        elif path not in outputs:
            files[path] = live

    purge: list[str] = list(old.pending_purge)
    for changed in [
        *(u.path for u in uploads if not u.immutable),
        *(d.path for d in deletions if not d.immutable),
    ]:
        purge.extend(cdn_paths(changed, options.base_path))
    purge = sorted(set(purge)) if options.cdn else []  # (no CDN: nothing to purge)

    changes = bool(uploads or deletions or purge or record is None)
    new_record = Record(
        dict(sorted(files.items())),
        (*old.deploys, DeployEntry(seq, deploy_id, now)) if changes else old.deploys,
        tuple(purge) if options.cdn else (),
    )
    counts = {phase: sum(1 for u in uploads if u.phase == phase) for phase in PHASES}
    intent = None
    if any(not u.immutable for u in uploads):
        unsure = dict(old.files)
        for u in uploads:
            unsure[u.path] = files[u.path] if u.immutable else LiveFile("", "", False, seq)
        intent = Record(
            dict(sorted(unsure.items())),
            (*old.deploys, DeployEntry(seq, deploy_id, now)),
            old.pending_purge,
            seq,
        )
    return DeployPlan(
        tuple(uploads),
        len(outputs) - len(uploads),
        tuple(deletions),
        tuple(deferred),
        tuple(purge),
        new_record,
        changes,
        deploy_id,
        seq,
        counts,
        intent,
    )


def _retired(live: LiveFile, old: Record, seq: int, now: int, options: PlanOptions) -> bool:
    """A hashed file no longer built: unused by the last `retain_deploys` deploys (this one
    included) and unused for `retain_days`."""
    if live.used > seq - options.retain_deploys:
        return False
    since = old.time_of(live.used + 1)  # the first deploy without it
    if since is None:
        since = now if live.used + 1 >= seq else 0
    return now - since >= options.retain_days * 86400


def _deploy_id(built: list[tuple[str, dict]], old: Record) -> str:
    """Derived from the build (its outputs, sorted) and the record it replaces: a retried
    deploy has the same id (so a CDN purge it repeats is recognised as the same one)."""
    h = hashlib.sha256(str(old.seq).encode())
    for path, entry in built:
        h.update(f"{path}\0{entry['sha256']}\n".encode())
    return h.hexdigest()[:20]
