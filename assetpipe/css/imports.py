"""`@import` inlining: a stylesheet and everything it imports become one file, in order.

Each `@import` of a local stylesheet is replaced by that stylesheet's own (already inlined)
text, wrapped so that its conditions still hold: `@media <query>{@supports (<cond>){@layer
<name>{...}}}` (an anonymous `layer` gives `@layer{...}`). Imports of other sites' stylesheets
cannot be inlined and must stay before every other rule, so they move to the top, in order.
A cycle of imports is broken where it closes (that `@import` is dropped: browsers ignore it too).

Works on rendered text, where each URL is a placeholder for a link, so the imported text's
`url()`s keep pointing at the right files after the move (the links are merged and renumbered).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import tinycss2

from ..diagnostics import line_starts
from ..pipeline.hashing import PLACEHOLDER, placeholder, shift_placeholders
from ..pipeline.values import Link, Rendered
from .refs import node_offset


@dataclass(frozen=True, slots=True)
class ImportRule:
    start: int  # the whole rule, up to the next one
    end: int
    url: str  # as written (a placeholder, in rendered text)
    layer: str | None  # None: no layer; "": an anonymous one
    supports: str | None
    media: str


def find_import_rules(text: str) -> list[ImportRule]:
    if "@import" not in text:
        return []
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    starts = line_starts(text)

    def offset(node) -> int:
        return node_offset(node, starts)

    found = []
    for index, rule in enumerate(rules):
        if rule.type != "at-rule" or rule.lower_at_keyword != "import":
            if rule.type != "at-rule" or rule.lower_at_keyword not in ("charset", "layer"):
                break  # @import rules come first; anything after is not one
            continue
        end = offset(rules[index + 1]) if index + 1 < len(rules) else len(text)
        parts = [t for t in rule.prelude if t.type not in ("whitespace", "comment")]
        if not parts:
            continue
        first = parts[0]
        if first.type == "url" or first.type == "string":
            url = first.value
        elif first.type == "function" and first.lower_name == "url" and first.arguments:
            url = next((a.value for a in first.arguments if a.type == "string"), "")
        else:
            continue
        layer = supports = None
        rest = parts[1:]
        if rest and rest[0].type == "ident" and rest[0].lower_value == "layer":
            layer, rest = "", rest[1:]
        elif rest and rest[0].type == "function" and rest[0].lower_name == "layer":
            layer, rest = tinycss2.serialize(rest[0].arguments).strip(), rest[1:]
        if rest and rest[0].type == "function" and rest[0].lower_name == "supports":
            inner = tinycss2.serialize(rest[0].arguments).strip()
            supports = f"({inner})" if _is_declaration(rest[0]) else inner
            rest = rest[1:]
        media_start = offset(rest[0]) if rest else end
        media = text[media_start:end].strip().rstrip(";").strip() if rest else ""
        found.append(ImportRule(offset(rule), end, url, layer, supports, media))
    return found


def _is_declaration(function) -> bool:
    """`supports(display: grid)` holds a declaration, which a condition writes in parentheses."""
    return any(t.type == "literal" and t.value == ":" for t in function.arguments)


def inline_imports(stylesheets: dict[str, Rendered]) -> dict[str, Rendered]:
    """Every stylesheet with its local `@import`s inlined (by source path)."""
    done: dict[str, Rendered] = {}  # only results that no cycle cut: those depend on the root

    def compose(source: str, stack: tuple[str, ...]) -> tuple[Rendered, bool]:
        if source in done:
            return done[source], False
        r = stylesheets[source]
        text = r.text or ""
        rules = find_import_rules(text)
        if not rules:
            done[source] = r
            return r, False
        cut = False
        links: list[Link] = list(r.links)
        pieces: list[str] = []
        hoisted: list[str] = []
        pos = 0
        for rule in rules:
            pieces.append(text[pos : rule.start])
            pos = rule.end
            m = PLACEHOLDER.fullmatch(rule.url)
            link = r.links[int(m[1])] if m else None
            if link is None or link.public or link.target not in stylesheets:
                hoisted.append(text[rule.start : rule.end].strip())  # another site's: kept
                continue
            if link.target in stack or link.target == source:
                cut = True
                continue  # an import cycle: browsers ignore the import that closes it
            inner, inner_cut = compose(link.target, (*stack, source))
            cut = cut or inner_cut
            body = shift_placeholders(inner.text or "", len(links))
            links.extend(inner.links)
            pieces.append(_wrap(_strip_charset(body), rule))
        pieces.append(text[pos:])
        composed = "".join(pieces)
        if hoisted:
            composed = "\n".join(hoisted) + "\n" + composed
        composed, kept = _compact(composed, links)
        result = replace(r, text=composed, links=kept)
        if not cut:
            done[source] = result
        return result, cut

    return {source: compose(source, ())[0] for source in sorted(stylesheets)}


def _wrap(body: str, rule: ImportRule) -> str:
    if rule.layer is not None:
        body = f"@layer {rule.layer}{{{body}}}" if rule.layer else f"@layer{{{body}}}"
    if rule.supports:
        body = f"@supports {rule.supports}{{{body}}}"
    if rule.media:
        body = f"@media {rule.media}{{{body}}}"
    return body


def _strip_charset(text: str) -> str:
    return re.sub(r'^\s*@charset\s+"[^"]*"\s*;', "", text, count=1)


def _compact(text: str, links: list[Link]) -> tuple[str, tuple[Link, ...]]:
    """Drop the links no placeholder uses any more (the inlined imports'), renumbering."""
    used: dict[int, int] = {}
    kept: list[Link] = []

    def renumber(m: re.Match[str]) -> str:
        old = int(m[1])
        if old not in used:
            used[old] = len(kept)
            kept.append(links[old])
        return placeholder(used[old])

    return PLACEHOLDER.sub(renumber, text), tuple(kept)
