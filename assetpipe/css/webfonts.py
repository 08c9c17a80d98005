"""The web-font step of rendering: fallbacks for every web font, and optional subsets.

Runs on the rendered stylesheets (minified, `@import`s inlined, placeholders for URLs) before
critical CSS is taken from them, so inlined CSS carries the fallback families and the
fallback `@font-face` rules too (`fonts.py` says what is made). With `subset` on, every local
font file an `@font-face` loads is cut down to the code points the site's pages show
(`site_codepoints`), and gets the `unicode-range` of what it kept; the subset replaces the
file's bytes, so its name takes the subset's content hash.

Input and output are plain: stylesheets by source path, font bytes by source path. Nothing
here reads the disk.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from ..cache import Cache
from ..html.tokenize import tokenize
from ..pipeline.values import Rendered, data_bytes
from . import fontfiles, fonts
from .fonts import FontOptions

# Characters a browser may draw without the page's text holding them: the space and no-break
# space, hyphens (hyphenation), the ellipsis (text-overflow), quotation marks (`<q>`); and the
# digits, which scripts most often write (dates, counts, prices) and which cost ten glyphs.
_ALWAYS = frozenset(map(ord, " \u00a0-\u2010\u2026\u201c\u201d\u2018\u2019\"'0123456789"))
_SKIP = frozenset({"script", "style", "template", "title"})  # (a title is not in the page)
_SHOWN_ATTRIBUTES = ("alt", "placeholder", "value")


@dataclasses.dataclass(frozen=True, slots=True)
class WebFonts:
    sheets: dict[str, Rendered]  # the stylesheets, rewritten
    files: dict[str, Rendered]  # font files replaced by their subsets
    problems: tuple[tuple[str, str], ...]  # (font source path, message)
    fallbacks: dict[str, fonts.Fallback] = dataclasses.field(default_factory=dict)
    ranges: dict[str, str] = dataclasses.field(default_factory=dict)  # by font source path


def apply(
    sheets: dict[str, Rendered],
    font_files: dict[str, Rendered],
    pages: Iterable[str],
    options: FontOptions,
    cache: Cache | None = None,
) -> WebFonts:
    """`sheets` with fallbacks and subset ranges; `font_files` (rendered files by source path)
    give the font bytes; `pages` are the site's pages' HTML (for subsetting; read once)."""
    if not options.fallbacks and not options.subset:
        return WebFonts(sheets, {}, ())
    order = sorted(sheets)
    listed = [(sheets[p].text or "", sheets[p].links) for p in order]

    def read(source: str) -> bytes | None:
        r = font_files.get(source)
        return data_bytes(r.data) if r is not None and r.data is not None else None

    fallbacks: dict[str, fonts.Fallback] = {}
    problems: list[tuple[str, str]] = []
    if options.fallbacks:
        fallbacks, problems = fonts.plan(listed, read, cache)
    replaced: dict[str, Rendered] = {}
    ranges: dict[str, str] = {}
    if options.subset:
        wanted = site_codepoints(pages, [text for text, _ in listed])
        for source, allowed in _font_sources(listed).items():
            r = font_files.get(source)
            if r is None or r.data is None:
                continue
            original = data_bytes(r.data)
            try:
                kept = wanted & fontfiles.codepoints_of(original)
                if allowed is not None:  # what the author's unicode-range lets it draw
                    kept = frozenset(c for c in kept if any(a <= c <= b for a, b in allowed))
                if not kept:
                    continue
                data = fontfiles.subset(original, kept, cache)
            except fontfiles.FontError as exc:
                problems.append((source, str(exc)))
                continue
            if len(data) < len(r.data):
                replaced[source] = dataclasses.replace(r, data=data)
                ranges[source] = fonts.unicode_range(kept)
    if not fallbacks and not ranges:
        return WebFonts(sheets, replaced, tuple(problems))
    rewritten = {}
    for path, (text, links) in zip(order, listed, strict=True):
        new = fonts.rewrite(text, links, fallbacks, ranges)
        rewritten[path] = (
            sheets[path] if new == text else dataclasses.replace(sheets[path], text=new)
        )
    return WebFonts(rewritten, replaced, tuple(problems), fallbacks, ranges)


def rewrite_page(page: Rendered, found: WebFonts) -> Rendered:
    """The page with its `<style>` blocks and `style` attributes rewritten as stylesheets are:
    the fallback family after the web font in their font lists (the critical CSS in them has
    it already). An attribute is rewritten where it is quoted and has no character reference
    (`&quot;`), so that every other byte stays as written."""
    text = page.text or ""
    lower = text.lower()
    if not found.fallbacks and not found.ranges:
        return page
    if "<style" not in lower and not any(key in lower for key in found.fallbacks):
        return page
    pieces: list[str] = []
    pos = 0
    for tag in tokenize(text):
        if tag.name == "style" and tag.content is not None:
            start, end = tag.content
            css = text[start:end]
            new = fonts.rewrite(css, page.links, found.fallbacks, found.ranges)
        elif found.fallbacks and tag.mentions(_STYLE_ATTRIBUTE):
            style = tag.attr("style")
            if style is None or not style.quote or not style.value or "&" in style.value:
                continue
            start, end = style.value_start, style.value_end
            css = text[start:end]
            quote = "'" if style.quote == '"' else '"'
            block = fonts.rewrite(f"x{{{css}}}", (), found.fallbacks, quote=quote)
            new = block[2:-1]
        else:
            continue
        if new != css:
            pieces += [text[pos:start], new]
            pos = end
    if not pieces:
        return page
    pieces.append(text[pos:])
    return dataclasses.replace(page, text="".join(pieces))


_STYLE_ATTRIBUTE = re.compile(r"\bstyle\s*=", re.I)


def _font_sources(listed) -> dict[str, tuple[tuple[int, int], ...] | None]:
    """The font files `@font-face` rules load, each with the code points its rules'
    `unicode-range`s allow (None: a rule without one, which allows every code point)."""
    found: dict[str, tuple[tuple[int, int], ...] | None] = {}
    for text, links in listed:
        if "@font-face" not in text.lower():
            continue
        for face in fonts.faces(text, links):
            if not face.source:
                continue
            spans = face.unicode_range or None
            if face.source not in found:
                found[face.source] = spans
            elif found[face.source] is not None:
                found[face.source] = None if spans is None else found[face.source] + spans
    return found


def site_codepoints(pages: Iterable[str], stylesheets: list[str]) -> frozenset[int]:
    """The code points the pages show: their text (outside scripts, styles, templates and
    the title),
    `alt`, `placeholder` and `value` attributes, the strings of `content` and `quotes` in
    the stylesheets, both cases of every letter (`text-transform`), and `_ALWAYS`."""
    chars: set[str] = set()
    for html in pages:
        tree = LexborHTMLParser(html)
        root = tree.root
        if root is None:
            continue
        for node in root.traverse(include_text=True):
            if node.tag == "-text":
                parent = node.parent
                if parent is not None and parent.tag in _SKIP:
                    continue
                chars.update(node.text_content)
            elif node.is_element_node:
                attrs = node.attributes
                for name in _SHOWN_ATTRIBUTES:
                    if attrs.get(name):
                        chars.update(attrs[name])
    for text in stylesheets:
        if "content" in text or "quotes" in text:
            chars.update(_css_strings(text))
    more = set()
    for c in chars:
        more.update(c.upper(), c.lower())
    chars |= more
    points = {ord(c) for c in chars if len(c) == 1 and (ord(c) >= 0x20 or c == "\t")}
    return frozenset(points - {0x09}) | _ALWAYS


def _css_strings(text: str) -> set[str]:
    found: set[str] = set()

    def visit(nodes) -> None:
        for node in nodes:
            if node.type == "declaration" and node.lower_name in ("content", "quotes"):
                for t in node.value:
                    if t.type == "string":
                        found.update(t.value)
            content = getattr(node, "content", None)
            if content is not None and node.type in ("qualified-rule", "at-rule"):
                visit(tinycss2.parse_blocks_contents(content, skip_comments=True))

    visit(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    return found
