"""A shared cache in S3 behind the local one (`[cache] remote`), for CI runners that start empty.

The keys are the local cache's: the SHA-256 of everything a result depends on (input bytes,
options, tool and library versions), so an entry fetched from the remote is exactly what this
build would have computed. An object is `<prefix><namespace>/<key>`, holding a 4-byte marker,
the SHA-256 of its payload and the payload; the digest is checked on download, and an object
that does not match (truncated, corrupted, written by something else) counts as a miss and is
reported once.

Three shapes of object, each fetched in parallel (`concurrency` at a time):
- an image's variants, one object per image (`fetch_sets`), named by its bytes and the
  encoders' versions, so a changed setting still finds the variants it does not change;
- module analyses, small and many: each entry, and each batch as one pack named by the batch's
  files (`fetch`: the pack first, then the entries it lacks, one by one);
- CSS minification, critical CSS and font subsets: one pack per build (`fetch_group`), named
  by the stylesheets and options.
New objects go up as they add up and at the end of the build; `read-only` makes none.

A remote that cannot be reached, or that denies access, is switched off for the rest of the
build with one warning; the build goes on with the local cache. Requests go through deploy's
S3 storage (`deployment/s3.py`): the same SDK set-up and credential chain, and its messages,
which name the bucket, the key and the error, never a credential.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from .deployment.storage import StorageError

if TYPE_CHECKING:
    from .deployment.storage import Storage

MAGIC = b"APC1"
DIGEST = 32
PACKED = frozenset({"js-analysis"})  # sent entry by entry, and as one pack per batch
SETS = frozenset({"images"})  # one object per set of entries (an image's variants)
GROUPED = frozenset({"css", "critical", "fonts"})  # sent only as one pack per build (`group`)


class RemoteCache:
    """The remote cache at `url` (`s3://bucket/prefix/`), over deploy's S3 storage (`storage`:
    anything with its `get` and `put`, for tests)."""

    def __init__(
        self,
        url: str,
        mode: str = "read-write",
        *,
        endpoint_url: str = "",
        region: str = "",
        concurrency: int = 16,
        storage: Storage | None = None,
    ) -> None:
        parts = urlsplit(url)
        self.url = url
        prefix = parts.path.lstrip("/")
        self.prefix = prefix if not prefix or prefix.endswith("/") else prefix + "/"
        self.writable = mode == "read-write"
        self.concurrency = concurrency
        self.uploaded = 0
        self.corrupt: list[str] = []  # keys of objects that failed their check
        self.pack_hits: set[str] = set()  # packs found whole (and checked) in this build
        self.disabled_reason: str | None = None
        self._storage = storage
        self._options = (parts.netloc, endpoint_url, region)

    def _store(self) -> Storage:
        if self._storage is None:
            from .deployment.s3 import S3Storage

            bucket, endpoint_url, region = self._options
            self._storage = S3Storage(
                bucket,
                region=region or os.environ.get("AWS_REGION", ""),
                endpoint_url=endpoint_url,  # (else the SDK's own variables)
                concurrency=self.concurrency,
                max_attempts=3,  # a cache: better a local build than a long wait
            )
        return self._storage

    def _key(self, namespace: str, key: str) -> str:
        return f"{self.prefix}{namespace}/{key}"

    def fetch(self, namespace: str, keys: list[str], pack: str = "") -> dict[str, bytes]:
        """The entries the remote has of `keys` (checked): for a namespace of small entries,
        first what the pack of this batch holds (one request; `pack` names the batch, by
        default its keys), then each entry it lacks, fetched in parallel."""
        if self.disabled_reason is not None or not keys:
            return {}
        found: dict[str, bytes] = {}
        if namespace in PACKED:
            name = pack or pack_key(keys)
            packed = self._get("packs/" + namespace, name)
            held = _unpack_entries(packed) if packed is not None else None
            found = {k: held[k] for k in keys if k in held} if held is not None else {}
            if len(found) == len(set(keys)):
                self.pack_hits.add(name)
                return found
        rest = [k for k in keys if k not in found]
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            fetched = list(pool.map(lambda k: self._get(namespace, k), rest))
        found.update((k, v) for k, v in zip(rest, fetched, strict=True) if v is not None)
        return found

    def upload_pack(
        self, namespace: str, keys: list[str], entries: dict[str, bytes], pack: str = ""
    ) -> None:
        """The batch `keys` as one object, `pack` (by default named by its keys), for the
        next runner with the same inputs (unless this build found it whole)."""
        name = pack or pack_key(keys)
        if name in self.pack_hits:
            return
        if namespace in PACKED and keys and set(keys) <= set(entries):
            self.upload(
                {("packs/" + namespace, name): _pack_entries({k: entries[k] for k in keys})}
            )

    def fetch_sets(self, namespace: str, names: list[str]) -> dict[str, dict[str, bytes]]:
        """The sets the remote has of `names` (each one object, checked), in parallel."""
        if self.disabled_reason is not None or not names:
            return {}
        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            bodies = list(pool.map(lambda n: self._get(namespace, n), names))
        found = {}
        for name, body in zip(names, bodies, strict=True):
            entries = _unpack_entries(body) if body is not None else None
            if body is not None and entries is None:
                self.corrupt.append(self._key(namespace, name))
            if entries:
                found[name] = entries
        return found

    def upload_sets(self, namespace: str, sets: dict[str, dict[str, bytes]]) -> None:
        self.upload({(namespace, name): _pack_entries(e) for name, e in sets.items()})

    def fetch_group(self, group: str, name: str) -> dict[tuple[str, str], bytes]:
        """The entries of the pack `name` of `group` (one request; nothing if it is missing or
        fails its check)."""
        body = self._get("packs/" + group, name)
        held = _unpack_entries(body) if body is not None else None
        found = (
            {tuple(entry.split("/", 1)): data for entry, data in held.items() if "/" in entry}
            if held is not None
            else None
        )
        if body is not None and found is None:
            self.corrupt.append(self._key("packs/" + group, name))
        return found or {}

    def upload_group(self, group: str, name: str, entries: dict[tuple[str, str], bytes]) -> None:
        if entries:
            packed = _pack_entries({f"{ns}/{key}": data for (ns, key), data in entries.items()})
            self.upload({("packs/" + group, name): packed})

    def _get(self, namespace: str, key: str) -> bytes | None:
        if self.disabled_reason is not None:
            return None
        name = self._key(namespace, key)
        try:
            body = self._store().get(name)
        except StorageError as exc:
            self._disable(exc)
            return None
        if body is None:
            return None
        payload = _unpack(body)
        if payload is None:
            self.corrupt.append(name)
        return payload

    def upload(self, entries: dict[tuple[str, str], bytes]) -> None:
        """Write new entries (read-write mode only), in parallel."""
        if not self.writable or self.disabled_reason is not None or not entries:
            return

        def put(item: tuple[tuple[str, str], bytes]) -> None:
            (namespace, key), data = item
            if self.disabled_reason is not None:
                return
            try:
                self._store().put(
                    self._key(namespace, key),
                    _pack(data),
                    content_type="application/octet-stream",
                    cache_control="",
                    encoding=None,
                    acl="",
                    metadata={},
                )
                self.uploaded += 1
            except StorageError as exc:
                self._disable(exc)

        with ThreadPoolExecutor(max_workers=self.concurrency) as pool:
            list(pool.map(put, sorted(entries.items())))

    def _disable(self, exc: StorageError) -> None:
        if self.disabled_reason is None:
            self.disabled_reason = (
                f"remote cache {self.url} unavailable ({exc}): building with the local cache only"
            )

    def warnings(self) -> list[str]:
        found = []
        if self.disabled_reason:
            found.append(self.disabled_reason)
        if self.corrupt:
            shown = ", ".join(self.corrupt[:3]) + (" ..." if len(self.corrupt) > 3 else "")
            found.append(
                f"remote cache: {len(self.corrupt)} objects did not match their SHA-256 "
                f"and were not used: {shown}"
            )
        return found


def pack_key(keys: list[str]) -> str:
    """The name of the pack of a batch: the SHA-256 of its sorted keys."""
    return hashlib.sha256("\n".join(sorted(set(keys))).encode()).hexdigest()


def _pack_entries(entries: dict[str, bytes]) -> bytes:
    """Several entries as one object: for each (sorted), its name's length and name, then its
    size and bytes."""
    out = bytearray()
    for key, data in sorted(entries.items()):
        name = key.encode()
        out += len(name).to_bytes(2, "big") + name + len(data).to_bytes(8, "big") + data
    return bytes(out)


def _unpack_entries(body: bytes) -> dict[str, bytes] | None:
    found, at = {}, 0
    while at < len(body):
        size = int.from_bytes(body[at : at + 2], "big")
        name = body[at + 2 : at + 2 + size].decode("utf-8", "replace")
        at += 2 + size
        length = int.from_bytes(body[at : at + 8], "big")
        at += 8
        if at + length > len(body):
            return None
        found[name] = body[at : at + length]
        at += length
    return found


def _pack(data: bytes) -> bytes:
    return MAGIC + hashlib.sha256(data).digest() + data


def _unpack(body: bytes) -> bytes | None:
    if len(body) < len(MAGIC) + DIGEST or not body.startswith(MAGIC):
        return None
    digest, payload = body[len(MAGIC) : len(MAGIC) + DIGEST], body[len(MAGIC) + DIGEST :]
    return payload if hashlib.sha256(payload).digest() == digest else None


def from_config(cache_config) -> RemoteCache | None:
    """The remote cache `[cache]` describes (`--cache-remote` and `$ASSETPIPE_CACHE_REMOTE`
    set `remote` on the command line), if any."""
    url = cache_config.remote
    if not url or cache_config.mode == "off":
        return None
    return RemoteCache(
        url,
        cache_config.mode,
        endpoint_url=cache_config.endpoint_url,
        region=cache_config.region,
    )
