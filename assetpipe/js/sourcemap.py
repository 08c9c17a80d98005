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
import itertools
import json
import posixpath
from dataclasses import dataclass

from ..cache import MapRun
from ..diagnostics import line_starts

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


@dataclass(frozen=True, slots=True)
class SourceMapData:
    sources: tuple[str, ...]  # module keys
    contents: tuple[bytes, ...]  # their source bytes
    points: tuple[int, ...]  # (output offset, source index, source offset) triples


def vlq(value: int) -> str:
    cached = _VLQ.get(value)
    return cached if cached is not None else _vlq(value)


def _vlq(value: int) -> str:
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


_VLQ = {v: _vlq(v) for v in range(-4096, 4096)}


def source_url(key: str, map_dir: str) -> str:
    """A module key as a URL relative to the map's folder ("assets")."""
    path = key.split("#")[0]
    url = posixpath.relpath(path, map_dir)
    if "#module-" in key:
        page, _, n = key.partition("#module-")
        url = posixpath.relpath(page, map_dir) + f"?inline-module-{int(n) + 1}"
    return url


def encode(
    output: bytes,
    shifts: list[tuple[int, int]],
    data: SourceMapData,
    map_dir: str,
    memo: dict[tuple[str, int], MapRun] | None = None,
) -> bytes:
    """The map of `output`; `shifts` are (offset before substitution, length change) pairs of
    the placeholders replaced in it, in order. `memo` (kept across the builds of `watch`) holds
    each module's encoded mappings: a module whose source and output text did not change is not
    encoded again, only joined (as esbuild does)."""
    result = {
        "version": 3,
        "sources": [source_url(k, map_dir) for k in data.sources],
        "sourcesContent": [c.decode("utf-8", "replace") for c in data.contents],
        "names": [],
        "mappings": _mappings(output, shifts, data, memo),
    }
    return json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class _Run:
    """The encoded segments of a run of points from one source, whose first segment is kept
    as absolute values: it is encoded when the run is joined, relative to what came before.
    Lines are relative to the run's first line."""

    first: tuple[int, int, int]  # generated column, source line, source column
    last: tuple[int, int, int]
    head: str  # the other segments on the first line, joined
    rest: tuple[str, ...]  # each following line's segments, joined


def _mappings(
    output: bytes,
    shifts: list[tuple[int, int]],
    data: SourceMapData,
    memo: dict[tuple[str, int], MapRun] | None,
) -> str:
    generated = _Lines(output)
    shift_at = [s for s, _ in shifts]
    deltas = [0]
    for _, d in shifts:
        deltas.append(deltas[-1] + d)
    bisect_right = bisect.bisect_right

    def out_of(before: int) -> int:
        return before + deltas[bisect_right(shift_at, before - 1)] if shift_at else before

    points = data.points
    sources: dict[int, _Lines] = {}
    lines: list[str] = []
    parts: list[str] = []
    current = 0
    p_source = p_line = p_col = 0  # carried across generated lines, as the format says
    p_gen = -1
    last = (-1, -1)
    seen: dict[str, int] = {}
    for a, b, source in _runs(points):
        first_out = out_of(points[3 * a])
        line, col = generated.position(first_out)
        if (line, col) < last:  # the printer emits points in output order
            raise ValueError("source map points out of order")
        run = None
        key = None
        if memo is not None:
            name = data.sources[source]
            seen[name] = seen.get(name, 0) + 1
            key = (name, seen[name])
            region = output[generated.starts[line] : out_of(points[3 * (b - 1)]) + 1]
            kept = memo.get(key)
            if kept is not None and kept.content == data.contents[source] and kept.region == region:
                run = kept.run
        if run is None:
            lines_of = sources.get(source)
            if lines_of is None:
                lines_of = sources[source] = _Lines(data.contents[source])
            run = _encode_run(points, a, b, out_of, generated, lines_of)
            if key is not None:
                memo[key] = MapRun(data.contents[source], region, run)
        col, src_line, src_col = run.first
        if line != current:
            lines.append(",".join(parts))
            lines.extend([""] * (line - current - 1))
            parts = []
            current = line
            p_gen = 0
        elif p_gen < 0:
            p_gen = 0
        d = (col - p_gen, source - p_source, src_line - p_line, src_col - p_col)
        parts.append("".join(vlq(x) for x in d))
        if run.head:
            parts.append(run.head)
        if run.rest:
            lines.append(",".join(parts))
            lines.extend(run.rest[:-1])
            parts = [run.rest[-1]] if run.rest[-1] else []
            current = line + len(run.rest)
        p_gen, p_line, p_col = run.last
        p_source = source
        last = (current, p_gen)
    lines.append(",".join(parts))
    return ";".join(lines)


def _runs(points: tuple[int, ...]):
    """(first, end, source) of each run of consecutive points from one source (by point)."""
    start = 0
    for source, group in itertools.groupby(points[1::3]):
        n = sum(1 for _ in group)
        yield start, start + n, source
        start += n


def _encode_run(points, a: int, b: int, out_of, generated: _Lines, source: _Lines) -> _Run:
    gen_position = generated.position
    src_position = source.position
    vlqs = _VLQ
    first_line, first_col = gen_position(out_of(points[3 * a]))
    src_line, src_col = src_position(points[3 * a + 2])
    first = (first_col, src_line, src_col)
    lines: list[str] = []
    parts: list[str] = []
    current = first_line
    p_gen, p_line, p_col = first
    last = (first_line, first_col)
    for i in range(a + 1, b):
        line, col = gen_position(out_of(points[3 * i]))
        if (line, col) < last:
            raise ValueError("source map points out of order")
        last = (line, col)
        src_line, src_col = src_position(points[3 * i + 2])
        if line != current:
            lines.append(",".join(parts))
            lines.extend([""] * (line - current - 1))
            parts = []
            current = line
            p_gen = 0
        d = (col - p_gen, 0, src_line - p_line, src_col - p_col)
        try:
            parts.append(vlqs[d[0]] + "A" + vlqs[d[2]] + vlqs[d[3]])
        except KeyError:
            parts.append("".join(vlq(x) for x in d))
        p_gen, p_line, p_col = col, src_line, src_col
    lines.append(",".join(parts))
    return _Run(first, (p_gen, p_line, p_col), lines[0], tuple(lines[1:]))


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
        self.starts = line_starts(data)
        self.ascii = data.isascii()
        self._last: tuple[int, int, int] = (-1, 0, 0)  # line, byte offset, column
        self._hint = 0  # the line asked last: points come mostly in order

    def position(self, offset: int) -> tuple[int, int]:
        starts = self.starts
        line = self._hint
        if not (starts[line] <= offset and (line + 1 == len(starts) or offset < starts[line + 1])):
            line = bisect.bisect_right(starts, offset) - 1
            self._hint = line
        start = starts[line]
        if self.ascii:
            return line, offset - start
        last_line, last_offset, last_col = self._last
        if last_line == line and last_offset <= offset:
            col = last_col + _utf16(self.data[last_offset:offset])
        else:
            col = _utf16(self.data[start:offset])
        self._last = (line, offset, col)
        return line, col
