"""Object storage, as deploy needs it: a small protocol with one implementation per kind of
store (`s3.py` covers AWS and every S3-compatible one through an endpoint URL)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol


class StorageError(Exception):
    """A request the store refused or that could not reach it (after retries): the message
    says which, for a person, without credentials."""


@dataclass(frozen=True, slots=True)
class ObjectInfo:
    sha256: str | None  # from the object's metadata, when assetpipe uploaded it
    headers: str | None  # the digest of the headers assetpipe uploaded it with


class Storage(Protocol):
    name: str  # for messages: "s3://bucket/prefix"

    def get(self, key: str) -> bytes | None:
        """The object's bytes, or None when there is none."""

    def head(self, key: str) -> ObjectInfo | None: ...

    def list(self, prefix: str) -> Iterator[str]:
        """Every key under `prefix`."""

    def put(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        cache_control: str,
        encoding: str | None,
        acl: str,
        metadata: dict[str, str],
    ) -> None: ...

    def delete(self, keys: list[str]) -> list[str]:
        """Delete `keys`; returns those that could not be deleted."""

    @property
    def requests(self) -> int:
        """HTTP requests sent so far (retries included)."""
