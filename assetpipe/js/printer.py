"""Printing: a chunk's text, made of its modules' source bytes and the linker's edits.

Nothing is re-printed from a tree: each live top-level statement is copied from the source with
the recorded edits applied (renamed identifiers, `ns.x` bound directly, dynamic imports and
`new URL()`s pointed at outputs, `export` keywords dropped, and for minified output the
whitespace and comments between tokens collapsed and the semicolons automatic semicolon insertion
supplied made explicit). So output keeps the author's code byte for byte wherever nothing
needed changing, and every copied slice is a source-map segment (`Mapping`).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass

from .graph import JsModule
from .model import OP_GAP, OP_IDENT, OP_MEMBER, OP_SEMI, OP_SPEC, SHORTHAND


@dataclass(frozen=True, slots=True)
class Mapping:
    out: int  # byte offset in the chunk text being built
    source: int  # index of the module among the chunk's sources
    at: int  # byte offset in that module's source
    name: str | None = None  # the original name, for a renamed identifier


class Output:
    """Bytes being assembled, with the source-map segments that place them."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.mappings: list[Mapping] = []

    def text(self, data: bytes) -> None:
        if data:
            self.parts.append(data)
            self.size += len(data)

    def source(self, data: bytes, source: int, at: int, name: str | None = None) -> None:
        if data:
            self.mappings.append(Mapping(self.size, source, at, name))
            self.parts.append(data)
            self.size += len(data)

    def bytes(self) -> bytes:
        return b"".join(self.parts)


NameOf = Callable[[str, int], str]
MemberOf = Callable[[str, int, str], str | None]
SpecOf = Callable[[str, int], bytes]


def print_module(out: Output, module: JsModule, source: int, live: set[int], *,
                 name_of: NameOf, member_of: MemberOf, spec_of: SpecOf, default_name: str,
                 minify: bool) -> None:
    """Append the live statements of `module`."""
    analysis = module.analysis
    data = module.data
    ops = analysis.ops
    starts = analysis.op_starts
    symbols = analysis.symbols
    key = module.key
    newline = b"" if minify else b"\n"

    def emit(start: int, end: int) -> None:
        pos = start
        j = bisect.bisect_left(starts, start)
        n = len(ops)
        while j < n:
            s, e, code, a, b = ops[j]
            if s > end or (s == end and code != OP_SEMI):
                break
            j += 1
            if s < pos:
                continue  # inside a span already replaced
            if code == OP_GAP:
                if minify:
                    out.source(data[pos:s], source, pos)
                    out.text(a)
                    pos = e
            elif code == OP_IDENT:
                original = symbols[a].name
                name = name_of(key, a)
                if name != original:
                    out.source(data[pos:s], source, pos)
                    text = f"{original}:{name}" if b & SHORTHAND else name
                    out.source(text.encode(), source, s, original)
                    pos = e
            elif code == OP_MEMBER:
                name = member_of(key, a, b)
                if name is not None:
                    out.source(data[pos:s], source, pos)
                    out.source(name.encode(), source, s)
                    pos = e
            elif code == OP_SPEC:
                out.source(data[pos:s], source, pos)
                out.source(spec_of(key, a), source, s)
                pos = e
            elif code == OP_SEMI:
                out.source(data[pos:s], source, pos)
                out.text(b";")
                pos = s
        out.source(data[pos:end], source, pos)

    for i in sorted(live):
        st = analysis.statements[i]
        kind = st.kind
        if kind in ("import", "re-export", "export-clause"):
            continue
        if kind == "comment":
            out.source(data[st.start:st.end], source, st.start)
            out.text(b"\n")
            continue
        if kind == "default-expr":
            out.text(f"const {default_name}{'=' if minify else ' = '}".encode())
            emit(st.print_start, st.end)
        elif kind == "default-anon":
            emit(st.print_start, st.name_at)
            out.text(f" {default_name}".encode())
            emit(st.name_at, st.end)
        else:
            emit(st.print_start, st.end)
        out.text(newline)
