"""The data handed from one build stage to the next. Every type is frozen: a stage returns new
values instead of changing what it was given, so a later rebuild can share what did not change.

Stages, in order (see `pipeline/build.py`): scan gives a `SourceTree`; discover parses files and
resolves their `RawRef`s into `Ref`s; render gives each file a `Rendered` text with placeholders
where references go; hash turns those into `OutputFile`s; emit writes them with the manifest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass, field
from typing import BinaryIO, Literal

# How a file is processed; decided by its extension and by how it is referenced.
Role = Literal[
    "page",
    "css",
    "js-module",
    "js-classic",
    "svg",
    "manifest",
    "copy",
    "public",
    "image",
    "download",
]
# How the text of a reference is escaped in the file that holds it.
Escape = Literal["html", "css-url", "css-string", "js", "json"]


@dataclass(frozen=True, slots=True)
class SourceTree:
    """What `scan` found under the source folder. Paths are POSIX, relative to the source root."""

    root: str  # absolute path of the source folder
    display_root: str  # the same, as shown to the user (relative to the working folder)
    files: frozenset[str]  # every file that may be a page or an asset (public/ excluded)
    pages: tuple[str, ...]  # sorted
    public_set: frozenset[str]  # files of the public folder, relative to it
    public_dir: str  # "public"
    # symlinks left out: path (public/ ones with their prefix) -> why ("a symlink to /etc/x,
    # outside the source folder", "a broken symlink"); a reference to one is an error
    links: dict[str, str] = field(default_factory=dict)

    @property
    def public(self) -> tuple[str, ...]:
        return tuple(sorted(self.public_set))


@dataclass(frozen=True, slots=True)
class RawRef:
    """A reference as found in a file, before resolution.

    `start:end` is the span of the URL text as written (escapes and entities not decoded);
    `url` is its decoded value, what a browser would request.
    """

    url: str
    start: int
    end: int
    kind: str  # "src", "href", "srcset", "css-url", "css-import", "import", "dynamic-import", ...
    escape: Escape
    module: bool = False  # the target is loaded as an ES module


@dataclass(frozen=True, slots=True)
class Ref:
    """A local reference resolved to a file: a source path, or a public output path."""

    raw: RawRef
    target: str  # source path relative to the source root, or output path for public files
    public: bool
    suffix: str  # "?query#fragment" as written, kept on the rewritten reference


@dataclass(frozen=True, slots=True)
class Parsed:
    """A file after discovery: its text and the local references to rewrite in it."""

    path: str
    role: Role
    # None for files copied as bytes; a page's may be its file (`on_disk`), read again to render
    text: str | Blob | None
    refs: tuple[Ref, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """Placeholder number i of a rendered text stands for `links[i]`."""

    target: str  # source path (or public output path) of the referenced file
    # "module": a JavaScript specifier, which needs a "./"; "absolute": under `build.site_url`;
    # "build": not a URL but the page's version (`hashing.page_version`; target "", public)
    style: Literal["url", "module", "absolute", "build"]
    public: bool = False


@dataclass(frozen=True, slots=True)
class Blob:
    """A file's bytes kept on disk instead of in memory: an image variant, a page, a file
    copied as it is (a site of 10,000 pages and 100,000 images does not fit them in memory).
    Equal blobs have the same bytes."""

    path: str = field(compare=False)  # where the bytes are (the build's blob folder, then
    # the output folder once the build is in place)
    size: int
    sha256: str  # hex

    def __len__(self) -> int:
        return self.size

    def read(self) -> bytes:
        with open(self.path, "rb") as f:
            return f.read()


@dataclass(frozen=True, slots=True)
class Spooled:
    """Bytes appended to the build's spool file: a rendered page's text, read back once to
    substitute its URLs. One file for all pages (creating a file per page cost 1.7 ms each
    while pages render, four times what it costs after)."""

    path: str
    offset: int
    size: int

    def read(self) -> bytes:
        with open(self.path, "rb") as f:
            f.seek(self.offset)
            return f.read(self.size)


def data_bytes(data: bytes | Blob) -> bytes:
    """The bytes of a file's data, read from disk for a `Blob`."""
    return data.read() if isinstance(data, Blob) else data


def on_disk(path: str, text: str) -> Blob:
    """The text discovery read from the file at `path`, as a `Blob` of that file."""
    raw = text.encode("utf-8", "surrogateescape")
    return Blob(path, len(raw), hashlib.sha256(raw).hexdigest())


def read_again(blob: Blob) -> str | None:
    """The text of `on_disk`'s file, read again; None when the file no longer holds it."""
    try:
        with open(blob.path, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    if len(raw) != blob.size or hashlib.sha256(raw).hexdigest() != blob.sha256:
        return None
    return raw.decode("utf-8", "surrogateescape")


def data_sha256(data: bytes | Blob) -> str:
    return data.sha256 if isinstance(data, Blob) else hashlib.sha256(data).hexdigest()


class BlobError(Exception):
    """A blob could not be written (a full disk): the build fails with an `output` error."""


class BlobStore:
    """A folder of blobs, one file per distinct content (named by its SHA-256), for the
    length of a build; the output is hard-linked from it (`emit.write_tree`)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        os.makedirs(folder, exist_ok=True)
        self._spool: BinaryIO | None = None
        self._spooled = 0

    def spool(self, data: bytes) -> Spooled:
        """`data` appended to the folder's spool file (`Spooled`), to be read back later."""
        path = os.path.join(self.folder, "spool")
        try:
            if self._spool is None:
                self._spool = open(path, "wb")  # noqa: SIM115 (closed by `close`)
            self._spool.write(data)
            self._spool.flush()
        except OSError as exc:
            raise BlobError(f"could not write {self.folder}: {exc.strerror or exc}") from exc
        self._spooled += len(data)
        return Spooled(path, self._spooled - len(data), len(data))

    def close(self) -> None:
        if self._spool is not None:
            with contextlib.suppress(OSError):
                self._spool.close()

    def put(self, data: bytes, same_as: str | None = None) -> Blob:
        """`data` as a blob; `same_as`: a file (the output of the previous build) that, if it
        holds these bytes, is the blob instead, so that emit links it rather than write anew."""
        digest = hashlib.sha256(data).hexdigest()
        if same_as is not None and holds(same_as, data):
            return Blob(same_as, len(data), digest)
        path = os.path.join(self.folder, digest)
        if not os.path.exists(path):
            partial = f"{path}.part"
            try:
                with open(partial, "wb") as f:
                    f.write(data)
                os.replace(partial, path)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    os.remove(partial)
                raise BlobError(f"could not write {self.folder}: {exc.strerror or exc}") from exc
        return Blob(path, len(data), digest)


class Held:
    """Bytes kept in memory up to `limit`, the rest handed to `blobs` (a `BlobStore`): a small
    site's pages never touch the disk, a large site holds no more than `limit` of them."""

    def __init__(self, limit: int, blobs: BlobStore) -> None:
        self.left = limit
        self.blobs = blobs

    def __call__(self, data: bytes, same_as: str | None = None) -> bytes | Blob:
        """A file's bytes (an output: a whole file in the folder, if not held)."""
        if len(data) <= self.left:
            self.left -= len(data)
            return data
        return self.blobs.put(data, same_as=same_as)

    def text(self, text: str) -> str | Spooled:
        """Text to read back once (a rendered page's: its UTF-8 in the spool file, if not
        held; counted in characters, so only what goes to disk is encoded)."""
        if len(text) <= self.left:
            self.left -= len(text)
            return text
        return self.blobs.spool(text.encode("utf-8", "surrogateescape"))


def holds(path: str | os.PathLike, data: bytes) -> bool:
    """Whether `path` is a regular file (not a link to one elsewhere) holding `data`."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except OSError:
        return False


@dataclass(frozen=True, slots=True)
class Rendered:
    """A file ready for hashing: contents with placeholders where other outputs' URLs go."""

    source: str
    output: str  # output path; contains "[hash]" for content-hashed files
    # text with placeholders (a page's: its UTF-8 bytes in the build's spool file, past
    # `build.PAGES_HELD`), or None for a byte copy
    text: str | Spooled | None
    data: bytes | Blob | None
    links: tuple[Link, ...] = ()
    imports: tuple[str, ...] = ()  # JavaScript chunks imported statically (source keys)
    dynamic_imports: tuple[str, ...] = ()
    css: tuple[str, ...] = ()  # stylesheets a chunk's modules import (source paths)
    sourcemap: object | None = None  # js.sourcemap.SourceMapData of a chunk
    # a page: (inlined CSS bytes, its stylesheets', critical CSS bytes the cap left out)
    critical: tuple[int, int, int] | None = None

    @property
    def hashed(self) -> bool:
        return "[hash]" in self.output


@dataclass(frozen=True, slots=True)
class OutputFile:
    path: str  # relative to the output folder, POSIX
    data: bytes | Blob  # an image variant's stays on disk
    source: str | None  # source path it came from (for public files: "public/...")
    immutable: bool  # content-hashed: safe to cache forever


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What `build()` returns: the outputs, the manifest, and the figures of the summary."""

    out_dir: str
    outputs: tuple[OutputFile, ...]
    manifest: dict[str, object]
    pages: tuple[str, ...]
    timings: tuple[tuple[str, float], ...]  # (stage, seconds), in pipeline order
    summary: dict[str, object] = field(default_factory=dict)  # see summary.summarize
    warnings: tuple[object, ...] = ()
    inputs: tuple[str, ...] = ()  # absolute paths of every file the build read (for watch)
    report: dict[str, object] = field(default_factory=dict)  # see report.make_report
