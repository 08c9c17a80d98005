"""Pages: rewrite a page's references, in place, keeping every other byte as written.

Each reference span becomes a placeholder plus the query and fragment the author wrote. Module
scripts point at their chunks; an inline module script's text is replaced by its bundled code;
and before the first module script (or modulepreload) of the page go, in this order, the import
map (chunks by stable name, when on), `<link rel="modulepreload">` for every chunk the page's
entries import statically, and `<link rel="stylesheet">` for the CSS those chunks import.
Inserted lines take the indentation of the tag they precede.
"""

from __future__ import annotations

import json
import re

from .hashing import placeholder
from .js.bundle import PageBundle
from .model import Link, Parsed, Rendered

_PLACEHOLDER = re.compile(r"__asp_ref(\d+)__")


class _Edits:
    def __init__(self) -> None:
        self.edits: list[tuple[int, int, str, tuple[Link, ...]]] = []  # start, end, text, links

    def add(self, start: int, end: int, text: str, links: tuple[Link, ...] = ()) -> None:
        self.edits.append((start, end, text, links))

    def apply(self, text: str) -> tuple[str, tuple[Link, ...]]:
        pieces: list[str] = []
        links: list[Link] = []
        pos = 0
        for start, end, new, local in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                continue
            pieces.append(text[pos:start])
            pieces.append(_renumber(new, len(links)) if local else new)
            links.extend(local)
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces), tuple(links)


def _renumber(text: str, offset: int) -> str:
    return _PLACEHOLDER.sub(lambda m: placeholder(int(m[1]) + offset), text)


def render_page(
    parsed: Parsed,
    scripts,
    bundle: PageBundle | None,
    chunk_of: dict[str, str],
    stable_path,
    *,
    import_map: bool,
) -> Rendered:
    text = parsed.text or ""
    edits = _Edits()
    for ref in parsed.refs:
        raw = ref.raw
        target = ref.target
        if raw.module and not ref.public and target in chunk_of:
            target = chunk_of[target]
        elif raw.module and not ref.public and target not in chunk_of:
            continue  # a module no entry runs: left as written
        style = "module" if raw.kind in ("import", "dynamic-import") else "url"
        edits.add(
            raw.start, raw.end, placeholder(0) + ref.suffix, (Link(target, style, ref.public),)
        )
    if bundle is not None and scripts is not None:
        for key, start, end in scripts.inline:
            code = bundle.inline.get(key)
            if code is not None:
                edits.add(start, end, code.text or "", code.links)
        if scripts.module_tags:
            at = scripts.module_tags[0]
            indent = _indentation(text, at)
            preloaded = {
                chunk_of.get(r.target) for r in parsed.refs if r.raw.kind == "link" and r.raw.module
            }
            head, links = _head(bundle, stable_path, preloaded, import_map=import_map)
            if head:
                edits.add(at, at, "".join(line + "\n" + indent for line in head), links)
    new, links = edits.apply(text)
    return Rendered(parsed.path, parsed.path, new, None, links)


def _head(
    bundle: PageBundle, stable_path, preloaded: set, *, import_map: bool
) -> tuple[list[str], tuple[Link, ...]]:
    lines: list[str] = []
    links: list[Link] = []

    def link(target: str, public: bool = False) -> str:
        links.append(Link(target, "url", public))
        return placeholder(len(links) - 1)

    if import_map and bundle.import_map:
        imports = {link(stable_path(c), public=True): link(c) for c in bundle.import_map}
        lines.append('<script type="importmap">' + json.dumps({"imports": imports}) + "</script>")
    for chunk in bundle.preload:
        if chunk in preloaded:
            continue  # the author preloads it already
        lines.append(f'<link rel="modulepreload" href="{link(chunk)}">')
    for css in bundle.css:
        lines.append(f'<link rel="stylesheet" href="{link(css)}">')
    return lines, tuple(links)


def _indentation(text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    prefix = text[line_start:at]
    return prefix if prefix.strip() == "" else ""
