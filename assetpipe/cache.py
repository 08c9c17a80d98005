"""The cache folder: content-addressed results of expensive steps, safe to delete at any time.

An entry is stored under ``<cache>/<namespace>/<ab>/<key>`` where the key is the SHA-256 of
everything the result depends on (the input bytes, the options, the tool's version), so a stale
entry can never be returned: a changed input simply misses. Writes go to a temporary file and are
renamed into place, so a crash never leaves half an entry. Deleting the folder changes no output
byte, it only makes the next build slower.

A cache that cannot be written (read-only disk, no space) is switched off for the rest of the
build rather than failing it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

from . import __version__


class Cache:
    def __init__(self, root: str | os.PathLike[str] | None) -> None:
        self.root = Path(root) if root else None
        self.hits = 0
        self.misses = 0
        self.disabled_reason: str | None = None

    @staticmethod
    def key(*parts: str | bytes) -> str:
        h = hashlib.sha256(__version__.encode())
        for part in parts:
            data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
        return h.hexdigest()

    def get(self, namespace: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:
            data = (self.root / namespace / key[:2] / key).read_bytes()
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, namespace: str, key: str, data: bytes) -> None:
        if self.root is None:
            return
        folder = self.root / namespace / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, folder / key)
        except OSError as exc:
            self.disabled_reason = f"cache disabled: {exc}"
            self.root = None
