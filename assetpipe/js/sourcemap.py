"""Source maps, version 3, for chunks: from the printer's points to `mappings`.

The printer records points (output byte offset, source index, source byte offset): one where
each statement starts and one per source line after that. Once hashing has replaced the
placeholders in a chunk (which moves every later byte), `encode` shifts the points, turns both
sides into lines and UTF-16 columns as the format wants, and writes the map with every source's
text in `sourcesContent`. `sources` are the modules' paths as if the source tree were served
from the site root, so a map is the same wherever the project lies on disk.
"""

from __future__ import annotations

import bisect
import json
import posixpath
from dataclasses import dataclass

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass(frozen=True, slots=True)
class SourceMapData:
    sources: tuple[str, ...]  # module keys
    contents: tuple[bytes, ...]  # their source bytes
    points: tuple[int, ...]  # (output offset, source index, source offset) triples


def vlq(value: int) -> str:
    value = (-value << 1) | 1 if value < 0 else value << 1
    out = []
    while True:
        digit = value & 31
        value >>= 5
        if value:
            digit |= 32
        out.append(_B64[digit])
        if not value:
            return "".join(out)


def source_url(key: str, map_dir: str) -> str:
    """A module key as a URL relative to the map's folder ("assets")."""
    path = key.split("#")[0]
    url = posixpath.relpath(path, map_dir)
    if "#module-" in key:
        page, _, n = key.partition("#module-")
        url = posixpath.relpath(page, map_dir) + f"?inline-module-{int(n) + 1}"
    return url


def encode(
    output: bytes, shifts: list[tuple[int, int]], data: SourceMapData, map_dir: str
) -> bytes:
    """The map of `output`; `shifts` are (offset before substitution, length change) pairs of
    the placeholders replaced in it, in order."""
    generated = _Lines(output)
    shift_at = [s for s, _ in shifts]
    deltas = [0]
    for _, d in shifts:
        deltas.append(deltas[-1] + d)
    sources = [_Lines(c) for c in data.contents]
    points = data.points
    segments: list[tuple[int, int, int, int, int]] = []  # gen line, gen col, src, line, col
    for i in range(0, len(points), 3):
        before, source, at = points[i], points[i + 1], points[i + 2]
        out = before + deltas[bisect.bisect_right(shift_at, before - 1)]
        line, col = generated.position(out)
        src_line, src_col = sources[source].position(at)
        segments.append((line, col, source, src_line, src_col))
    segments.sort()
    lines: list[str] = []
    prev = [0, 0, 0, 0]  # source, source line, source column (carry across lines); gen col
    current = 0
    parts: list[str] = []
    for line, col, source, src_line, src_col in segments:
        while current < line:
            lines.append(",".join(parts))
            parts = []
            prev[3] = 0
            current += 1
        parts.append(
            vlq(col - prev[3])
            + vlq(source - prev[0])
            + vlq(src_line - prev[1])
            + vlq(src_col - prev[2])
        )
        prev = [source, src_line, src_col, col]
    lines.append(",".join(parts))
    result = {
        "version": 3,
        "sources": [source_url(k, map_dir) for k in data.sources],
        "sourcesContent": [c.decode("utf-8", "replace") for c in data.contents],
        "names": [],
        "mappings": ";".join(lines),
    }
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()


def _line_starts(data: bytes) -> list[int]:
    starts = [0]
    i = data.find(b"\n")
    while i >= 0:
        starts.append(i + 1)
        i = data.find(b"\n", i + 1)
    return starts


def _utf16(data: bytes) -> int:
    if data.isascii():
        return len(data)
    text = data.decode("utf-8", "replace")
    return len(text) + sum(1 for c in text if ord(c) > 0xFFFF)


class _Lines:
    """Byte offsets to (line, UTF-16 column). Columns on a line with non-ASCII text are counted
    from the last position asked on that line, so asking in order costs one pass."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = _line_starts(data)
        self.ascii = data.isascii()
        self._last: tuple[int, int, int] = (-1, 0, 0)  # line, byte offset, column

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if self.ascii:
            return line, offset - start
        last_line, last_offset, last_col = self._last
        if last_line == line and last_offset <= offset:
            col = last_col + _utf16(self.data[last_offset:offset])
        else:
            col = _utf16(self.data[start:offset])
        self._last = (line, offset, col)
        return line, col
