"""The cache folder: content-addressed results of expensive steps, safe to delete at any time.

Entries live in one SQLite database, ``<cache>/cache.sqlite3``, keyed by a namespace and the
SHA-256 of everything the result depends on (the input bytes, the options, the tool's version),
so a stale entry can never be returned: a changed input simply misses. One database file rather
than a file per entry because creating files is the slow part of a build on many disks (measured
here: 0.3 to 0.8 ms per new file, against 0.01 ms to read one); new entries are buffered and
written in one transaction by `flush()`. Deleting the folder changes no output byte, it only
makes the next build slower.

A cache that cannot be opened or written (read-only disk, no space, a damaged file) is switched
off for the rest of the build, with a warning, rather than failing it; a damaged database file is
moved aside and rebuilt on the next run.

Behind it may be a shared remote cache (`remote_cache.py`, `[cache] remote`): the stages that
know a batch of keys at once `prefetch` what the local cache lacks, `get` finds it, and what
was computed here goes up when the cache closes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from . import __version__
from .remote_cache import GROUPED, PACKED, SETS, RemoteCache

DB_NAME = "cache.sqlite3"
# Bytes of new entries held in memory before they are written (to the folder, or to the
# remote): a build of 100,000 images makes far more encodes than memory holds.
HELD_BYTES = 64 * 1024 * 1024
FETCH_BATCH = 256  # remote entries fetched at a time (outside packs)


class Cache:
    def __init__(
        self, root: str | os.PathLike[str] | None, remote: RemoteCache | None = None
    ) -> None:
        self.root = Path(root) if root else None
        self.hits = 0
        self.misses = 0
        self.disabled_reason: str | None = None
        self.remote = remote
        self._db: sqlite3.Connection | None = None
        self._pending: dict[tuple[str, str], bytes] = {}
        self._pending_bytes = 0
        self._fetched: dict[tuple[str, str], bytes] = {}  # from the remote, without a folder
        self._new: dict[tuple[str, str], bytes] = {}  # computed here: for the remote
        self._new_bytes = 0
        self.puts: dict[str, int] = {}  # entries computed in this build, per namespace
        # prefetched batches (namespace, keys, what the remote had): packed when the cache closes
        self._batches: list[tuple[str, list[str], dict[str, bytes], str]] = []
        # the open group (`open_group`): its name, what its pack held, and the entries of its
        # namespaces this build used (their data kept here only without a folder)
        self._group: tuple[str, str, frozenset] | None = None
        self._group_used: dict[tuple[str, str], bytes | None] = {}
        self._sets_held: dict[tuple[str, str], frozenset[str]] = {}  # what the remote had
        self._new_sets: dict[tuple[str, str], dict[str, bytes]] = {}  # to send

    def prefetch(self, namespace: str, keys: list[str], pack: str = "") -> None:
        """Fetch from the remote cache, in one parallel batch, the entries of `keys` the local
        cache lacks; `get` then finds them. Without a remote, nothing. `pack` names the
        batch's pack (a namespace of small entries) by what stays when a few inputs change,
        the files it is made from: then a changed file misses its entry only."""
        if self.remote is None or namespace not in PACKED:
            return
        keys = list(dict.fromkeys(keys))
        here = self._local_keys(namespace, keys)
        missing = [k for k in keys if k not in here]
        if not missing:
            return
        found = self.remote.fetch(namespace, missing, pack)
        if len(missing) == len(keys):  # (a pack of part of the batch would replace it)
            self._batches.append((namespace, missing, found, pack))
        self._fetched.update(((namespace, k), data) for k, data in found.items())

    def prefetch_sets(self, namespace: str, sets: dict[str, list[str]]) -> None:
        """Fetch from the remote cache the sets (an image's variants: one object each, named by
        what they share, the source's bytes) whose entries the local cache lacks, a few at a
        time, in parallel; `get` then finds their entries. Without a remote, nothing."""
        if self.remote is None or namespace not in SETS:
            return
        here = self._local_keys(namespace, [k for keys in sets.values() for k in keys])
        wanted = [name for name, keys in sets.items() if not set(keys) <= here]
        for start in range(0, len(wanted), FETCH_BATCH):
            found = self.remote.fetch_sets(namespace, wanted[start : start + FETCH_BATCH])
            for name, entries in found.items():
                self._sets_held[(namespace, name)] = frozenset(entries)
                for key, data in entries.items():
                    self._keep_fetched(namespace, key, data)

    def put_set(
        self, namespace: str, name: str, keys: list[str], made: dict[str, bytes] | None = None
    ) -> None:
        """The set `name` of the entries of `keys` (those `made` here, the others from the
        cache) for the remote, with what it held (other settings' variants), unless it had
        every one already."""
        if self.remote is None or not self.remote.writable or namespace not in SETS:
            return
        held = self._sets_held.get((namespace, name), frozenset())
        if set(keys) <= held:
            return
        made = made or {}
        entries = {}
        for key in dict.fromkeys([*keys, *sorted(held)]):
            data = made.get(key)
            if data is None:
                data = (
                    self._pending.get((namespace, key))
                    or self._stored(namespace, key)
                    or self._fetched.get((namespace, key))
                )
            if data is not None:
                entries[key] = data
        self._new_sets[(namespace, name)] = entries
        self._new_bytes += sum(len(v) for v in entries.values())
        if self._new_bytes > HELD_BYTES:
            self._upload_sets()

    def open_group(self, group: str, name: str) -> None:
        """Entries of the small namespaces (`GROUPED`: CSS, critical CSS, fonts) travel to and
        from the remote as one pack per build, `name`: the digest of what decides most of
        them (for the render stage, the stylesheets and the options), so a runner with the
        same stylesheets gets them all in one request. Fetch it; without a remote, nothing."""
        if self.remote is None:
            return
        found = self.remote.fetch_group(group, name)
        self._group = (group, name, frozenset(found))
        for (namespace, key), data in found.items():
            self._keep_fetched(namespace, key, data)

    def _keep_fetched(self, namespace: str, key: str, data: bytes) -> None:
        """An entry from the remote: into the folder (buffered), or kept for `get`."""
        if self.root is not None:
            self._hold(namespace, key, data)
        else:
            self._fetched[(namespace, key)] = data

    def _use(self, namespace: str, key: str, data: bytes) -> None:
        if self._group is not None and namespace in GROUPED:
            self._group_used[(namespace, key)] = data if self.root is None else None

    def _local_keys(self, namespace: str, keys: list[str]) -> set[str]:
        """Which of `keys` the local cache has (one query per 500 keys)."""
        found = {k for k in keys if (namespace, k) in self._pending}
        db = self._connect()
        if db is None:
            return found
        try:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key FROM entries WHERE ns = ? AND key IN ({marks})",
                    (namespace, *chunk),
                )
                found.update(row[0] for row in rows)
        except sqlite3.Error as exc:
            self._disable(exc)
        return found

    @staticmethod
    def key(*parts: str | bytes) -> str:
        h = hashlib.sha256(__version__.encode())
        for part in parts:
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
        return h.hexdigest()

    def get(self, namespace: str, key: str) -> bytes | None:
        """The entry, from this build's new entries, the cache folder, or what `prefetch`
        brought from the remote (then kept locally too); None when none has it."""
        found = self._pending.get((namespace, key))
        if found is None:
            found = self._stored(namespace, key)
        if found is None:
            found = self._fetched.pop((namespace, key), None)
            if found is not None and self.root is not None:
                self._hold(namespace, key, found)
        if found is None:
            self.misses += 1
        else:
            self.hits += 1
            self._use(namespace, key, found)
        return found

    def _stored(self, namespace: str, key: str) -> bytes | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute(
                "SELECT data FROM entries WHERE ns = ? AND key = ?", (namespace, key)
            ).fetchone()
        except sqlite3.Error as exc:
            self._disable(exc)
            return None
        return bytes(row[0]) if row is not None else None

    def put(self, namespace: str, key: str, data: bytes) -> None:
        self.puts[namespace] = self.puts.get(namespace, 0) + 1
        self._use(namespace, key, data)
        if self.root is not None:
            self._hold(namespace, key, data)
        if self.remote is not None and namespace in PACKED:  # (small: sent at the end)
            self._new[(namespace, key)] = data

    def _hold(self, namespace: str, key: str, data: bytes) -> None:
        """Buffer an entry for the folder; written once the buffer is large."""
        self._pending[(namespace, key)] = data
        self._pending_bytes += len(data)
        if self._pending_bytes > HELD_BYTES:
            self.flush()

    def _upload_sets(self) -> None:
        """Send the sets held for the remote."""
        assert self.remote is not None
        by_namespace: dict[str, dict[str, dict[str, bytes]]] = {}
        for (namespace, name), entries in self._new_sets.items():
            by_namespace.setdefault(namespace, {})[name] = entries
        for namespace, sets in by_namespace.items():
            self.remote.upload_sets(namespace, sets)
        self._new_sets.clear()
        self._new_bytes = 0

    def flush(self) -> None:
        """Write the buffered entries in one transaction."""
        self._pending_bytes = 0
        if not self._pending:
            return
        db = self._connect()
        if db is not None:
            try:
                db.execute("BEGIN")
                db.executemany(
                    "INSERT OR REPLACE INTO entries (ns, key, data) VALUES (?, ?, ?)",
                    [(ns, k, v) for (ns, k), v in self._pending.items()],
                )
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                self._disable(exc)
        self._pending.clear()

    def close(self) -> None:
        self.flush()
        if self.remote is not None and self._group is not None:
            group, name, held = self._group
            if set(self._group_used) - held:  # new entries: what this build used is the pack
                entries = {
                    k: data if data is not None else self._stored(*k)
                    for k, data in self._group_used.items()
                }
                self.remote.upload_group(group, name, {k: v for k, v in entries.items() if v})
            self._group = None
            self._group_used.clear()
        if self.remote is not None:
            computed: dict[str, dict[str, bytes]] = {}
            for (namespace, key), data in self._new.items():
                computed.setdefault(namespace, {})[key] = data
            for namespace, keys, had, pack in self._batches:  # (but those found as a pack)
                entries = {**had, **computed.get(namespace, {})}
                self.remote.upload_pack(namespace, keys, entries, pack)
            self._upload_sets()
            self.remote.upload(self._new)
            self._new.clear()
            self._batches.clear()
        if self._db is not None:
            self._db.close()
            self._db = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self.root is None:
            return self._db
        path = self.root / DB_NAME
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            self._db = self._open(path)
        except sqlite3.DatabaseError:
            try:  # a damaged file: keep it aside for a post-mortem and start afresh
                os.replace(path, path.with_suffix(".damaged"))
                self._db = self._open(path)
            except (OSError, sqlite3.Error) as exc:
                self._disable(exc)
        except OSError as exc:
            self._disable(exc)
        return self._db

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries (ns TEXT NOT NULL, key TEXT NOT NULL, "
            "data BLOB NOT NULL, PRIMARY KEY (ns, key)) WITHOUT ROWID"
        )
        return db

    def _disable(self, exc: BaseException) -> None:
        self.disabled_reason = f"cache disabled: {exc}"
        self.root = None
        self._pending.clear()
        if self._db is not None:
            self._db.close()
            self._db = None


# -- the memo: what a watch session keeps in memory ---------------------------------------------


class FileScan(NamedTuple):
    """discover: a file's references as scanned, reused while its text is the same."""

    role: str
    source: str  # the text as read: the entry is stale when the file's text differs
    text: str  # the text references are offsets into (a stylesheet: preprocessed)
    found: Any  # a page's or SVG's `html.refs.PageRefs`, else None
    raws: tuple  # the `RawRef`s
    problems: tuple  # syntax problems of a classic script


class ModuleReuse(NamedTuple):
    """discover: a JavaScript module as loaded, reused while its stamp is the same."""

    stamp: tuple  # file size and time, and the resolution state (`discover._stamp`)
    module: Any  # the `JsModule`
    targets: list  # what it imports, to queue
    diagnostics: list  # what loading it reported


class CriticalReuse(NamedTuple):
    """css/inline: what a page inlines, reused while the page, its stylesheets and the
    options are the same."""

    html: str
    texts: tuple[str, ...]
    options: tuple
    found: Any  # the `PageCritical`


class MapRun(NamedTuple):
    """js/sourcemap: the encoded mappings of a run of one source's points in a chunk."""

    content: bytes  # the source's text
    region: bytes  # the output bytes the run covers
    run: Any


class Sizes(NamedTuple):
    """report: an output's (bytes, gzip, brotli), reused while its bytes are the same."""

    data: bytes
    figures: tuple[int, int, int]


@dataclass(eq=False, slots=True)
class Memo:
    """What one `assetpipe watch` session keeps in memory from one build to the next: results
    a rebuild would otherwise read back from the cache folder and unpickle, or compute again.
    One table per use, each written and read by one stage; every entry holds what it was made
    from, so a stale entry is recognised (and replaced) rather than trusted. A build without a
    memo (`assetpipe build`) keeps nothing between builds: the cache folder is what persists.
    """

    files: dict[str, FileScan] = field(default_factory=dict)  # discover, by source path
    modules: dict[str, ModuleReuse] = field(default_factory=dict)  # discover, by module key
    # discover: every file resolution read (package.json, tsconfig.json, folders), which
    # decides whether a module's resolution can be reused (`discover._resolution_state`)
    resolver_inputs: list[str] = field(default_factory=list)
    analyses: dict[str, Any] = field(default_factory=dict)  # js/graph: `Analysis` by cache key
    critical: dict[tuple, CriticalReuse] = field(default_factory=dict)  # css/inline, by page
    map_runs: dict[tuple[str, int], MapRun] = field(default_factory=dict)  # js/sourcemap
    sizes: dict[str, Sizes] = field(default_factory=dict)  # report, by output path
