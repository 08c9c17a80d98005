"""Printing: a chunk's text, made of its modules' statement templates with the holes filled.

Nothing is re-printed from a tree: each live top-level statement's template (`template.py`: the
source bytes with the module's own edits applied) is copied, and its holes get the chunk's names
for top-level bindings, the declarations namespace members resolve to, and the URLs of other
chunks and assets. Source-map points come with the templates, one per source line.
"""

from __future__ import annotations

from collections.abc import Callable

from .graph import JsModule
from .model import HOLE_DEFAULT


class Output:
    """Bytes being assembled, with source-map points: a flat list of (output byte offset,
    source index, source byte offset) triples."""

    def __init__(self, mappings: bool = True) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.mappings: list[int] | None = [] if mappings else None
        self.declaration = b""  # the keyword, when the text ends with a declaration's `;`

    def text(self, data: bytes) -> None:
        if data:
            self.parts.append(data)
            self.size += len(data)
            self.declaration = b""

    def unsemicolon(self) -> None:
        """Take back the `;` the text ends with (a declaration that another continues)."""
        last = self.parts[-1]
        self.parts[-1] = last[:-1]
        self.size -= 1
        points = self.mappings
        j = len(points) - 3 if points else -1
        while j >= 0 and points[j] > self.size:  # a point after the `;`
            points[j] = self.size
            j -= 3

    def bytes(self) -> bytes:
        return b"".join(self.parts)


Hole = Callable[[str, tuple], str]


def print_module(
    out: Output,
    module: JsModule,
    source: int,
    live: set[int],
    *,
    hole: Hole,
    default_name: str,
    minify: bool,
) -> None:
    """Append the live statements of `module`, filling the holes of their templates."""
    analysis = module.analysis
    statements = analysis.statements
    templates = analysis.templates
    key = module.key
    newline = b"" if minify else b"\n"
    mappings = out.mappings
    for i in sorted(live):
        items, maps = templates[i]
        if not items:
            continue
        if statements[i].kind == "default-expr":
            out.text(f"const {default_name}{'=' if minify else ' = '}".encode())
        keyword = _declaration(items) if minify else b""
        if keyword and keyword == out.declaration:
            # `const a=1;` then `const b=2;`: `const a=1,b=2;`, as esbuild prints them
            out.unsemicolon()
            cut = len(keyword) - 1
            items = (b"," + items[0][len(keyword) :], *items[1:])
            maps = tuple(
                max(0, v - cut) if k % 3 == 1 and maps[k - 1] == 0 else v
                for k, v in enumerate(maps)
            )
        starts = []
        for item in items:
            starts.append(out.size)
            if item.__class__ is bytes:
                out.text(item)
            elif item[0] == HOLE_DEFAULT:
                out.text(f" {default_name}".encode())
            else:
                out.text(hole(key, item).encode())
        if mappings is not None:
            for j in range(0, len(maps), 3):
                mappings.extend((starts[maps[j]] + maps[j + 1], source, maps[j + 2]))
        out.text(newline)
        last = items[-1]
        if keyword and last.__class__ is bytes and last.endswith(b";"):
            out.declaration = keyword


def _declaration(items: tuple) -> bytes:
    """`let `, `const ` or `var ` when a minified statement is a plain declaration."""
    first = items[0]
    if first.__class__ is bytes and len(items) > 1:
        for keyword in (b"const ", b"let ", b"var "):
            if first == keyword:
                return keyword
    return b""
