"""The compiler's output: a cursor in the source, the JavaScript written so far, and the
segments that map each output byte back to the source.

The walk moves `pos` through the source. Source between `pos` and a node that needs nothing is
copied as it is (`copy_to`); a node that is only a type is skipped (`drop`); generated text is
written with `put`, attributed to one source offset. A node compiled for another place (a field
value moved into the constructor, a decorator expression moved after the class) is `capture`d
into a fragment and placed with `put_fragment`.

`segments` is a flat list of (output offset, source offset, copied) triples, in output order:
a copied run maps byte for byte, a generated run maps wholly to its source offset
(`source_offset` reads it back, for diagnostics and source maps)."""

from __future__ import annotations

import bisect
import functools
import json

import tree_sitter


def source_offset(segments: tuple[int, ...], offset: int) -> int:
    """Where in the source the output byte `offset` came from."""
    if not segments:
        return offset
    i = bisect.bisect_right(_starts(segments), offset) - 1
    if i < 0:
        return 0
    out, src, copied = segments[3 * i : 3 * i + 3]
    return src + (offset - out) if copied else src


@functools.lru_cache(maxsize=64)
def _starts(segments: tuple[int, ...]) -> list[int]:
    return list(segments[::3])


def js_string(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")


class Output:
    """The cursor and the output; `walk` (the compiler's) compiles a node at the cursor."""

    src: bytes  # the source
    out: bytearray  # the JavaScript
    segments: list[int]  # (output offset, source offset, copied) triples
    pos: int  # the cursor: source before it is dealt with
    problems: list[tuple[int, int, str]]  # (start, end, message), source byte offsets

    def walk(self, node: tree_sitter.Node) -> None:
        raise NotImplementedError

    def copy_to(self, at: int) -> None:
        if at > self.pos:
            self.segments += (len(self.out), self.pos, 1)
            self.out += self.src[self.pos : at]
            self.pos = at

    def put(self, text: bytes | str, at: int) -> None:
        if isinstance(text, str):
            text = text.encode()
        if text:
            self.segments += (len(self.out), at, 0)
            self.out += text

    def drop(self, start: int, end: int) -> None:
        self.copy_to(start)
        self.pos = max(self.pos, end)

    def emit(self, node: tree_sitter.Node) -> None:
        """The node's text, compiled."""
        self.pos = node.start_byte
        self.walk(node)
        self.copy_to(node.end_byte)

    def capture(self, node: tree_sitter.Node) -> tuple[bytes, list[int]]:
        """The node compiled into a fragment, to be put elsewhere with `put_fragment`."""
        saved = self.out, self.segments, self.pos
        self.out, self.segments = bytearray(), []
        self.emit(node)
        fragment = bytes(self.out), self.segments
        self.out, self.segments, self.pos = saved
        return fragment

    def put_fragment(self, fragment: tuple[bytes, list[int]]) -> None:
        text, segments = fragment
        base = len(self.out)
        for i in range(0, len(segments), 3):
            self.segments += (segments[i] + base, segments[i + 1], segments[i + 2])
        self.out += text

    def text(self, node: tree_sitter.Node) -> bytes:
        return self.src[node.start_byte : node.end_byte]

    def error(self, node: tree_sitter.Node, message: str) -> None:
        self.problems.append((node.start_byte, node.end_byte, message))

    def put_list(self, fragments, at: int) -> None:
        for i, fragment in enumerate(fragments):
            if i:
                self.put(", ", at)
            self.put_fragment(fragment)

    def copy_list(self, nodes: list[tree_sitter.Node]) -> None:
        """Nodes copied as written, comma-separated (the specifiers kept of an import or
        export list)."""
        for i, node in enumerate(nodes):
            if i:
                self.put(", ", node.start_byte)
            self.pos = node.start_byte
            self.copy_to(node.end_byte)

    def skip_space(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in b" \t\r\n":
            self.pos += 1
