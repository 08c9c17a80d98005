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

    def text(self, data: bytes) -> None:
        if data:
            self.parts.append(data)
            self.size += len(data)

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
