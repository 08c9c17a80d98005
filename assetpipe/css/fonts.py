"""Web fonts in stylesheets: metric-matched fallbacks, subset ranges, and the fonts a page's
first screen uses.

**Fallbacks** (as next/font and fontaine make them): for every family a stylesheet declares
with `@font-face` from a local font file with latin letters (an icon font gets none), `plan`
measures the file (`fontfiles.metrics`) and makes `"<family> fallback"`: `@font-face` rules
with `src: local(...)` of Arial, Times New Roman or Courier New (by the family's generic:
the generic keyword the site's font lists end with, else what the font's tables say, else
sans-serif), `size-adjust` (the web font's average latin advance over the local font's) and
`ascent-override`, `descent-override`, `line-gap-override` (the web font's metrics, divided
by `size-adjust` since the browser scales them by it). A family that has a face of weight
600 or more gets a second rule, `font-weight: 700`, over the local font's bold, measured at
weight 700 (a variable font at `wght` 700), so bold text keeps its width too. `rewrite` puts
the fallback rules before the family's first `@font-face` in each stylesheet, and the
fallback family right after the web font in every font list that names it: `font-family`,
the `font` shorthand, and custom properties whose value is a font list (`--font: Inter,
sans-serif`). While the web font loads, text is set in the local font scaled to the web
font's width and line height, so the swap moves (almost) nothing.

**Subset ranges**: when font files were subset (`[fonts] subset`), `rewrite` adds the
`unicode-range` of what each subset still covers to its `@font-face`.

**First-screen fonts**: `fold_fonts` picks, of a page's inlined CSS, the fonts the elements of
its first screen use (see `first_screen`), which are the only ones worth a preload.

Rewriting edits the stylesheet text in place (tinycss2 finds the spans); every other byte
stays as written, so a stylesheet without web fonts is returned unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import tinycss2
from selectolax.lexbor import SelectolaxError

from ..cache import Cache
from ..diagnostics import line_starts
from ..pipeline.hashing import PLACEHOLDER
from ..pipeline.values import Link
from . import fontfiles
from .critical import family_names
from .refs import node_offset
from .selectors import for_matching, split_list

_FONT_FILES = (".woff2", ".woff", ".ttf", ".otf")
_GENERICS = frozenset({"serif", "sans-serif", "monospace", "ui-serif", "ui-sans-serif",
                       "ui-monospace", "system-ui", "cursive", "fantasy"})  # fmt: skip
_AS_LOCAL = {"serif": "serif", "ui-serif": "serif", "monospace": "monospace",
             "ui-monospace": "monospace"}  # fmt: skip
_NO_TEXT = frozenset({"script", "style", "template", "noscript", "head", "title", "svg"})
FIRST_SCREEN = 12  # elements with text of their own, in document order


@dataclass(frozen=True, slots=True)
class FontOptions:
    fallbacks: bool = True
    subset: bool = False


@dataclass(frozen=True, slots=True)
class Face:
    """An `@font-face` rule: its family as written, weight range, style, and the source path
    of its first local font file (None: only `local()` or other sites' fonts)."""

    family: str
    weights: tuple[int, int]
    italic: bool
    source: str | None
    unicode_range: tuple[tuple[int, int], ...] = ()  # as the author wrote it; () for none


@dataclass(frozen=True, slots=True)
class Fallback:
    family: str  # the web font's, as written: "Inter"
    name: str  # "Inter fallback"
    css: str  # its @font-face rules, minified


# -- the plan: which families get which fallback ------------------------------------------


def faces(text: str, links: tuple[Link, ...]) -> list[Face]:
    """The `@font-face` rules of a stylesheet (placeholders resolved through `links`)."""
    found = []
    for kind, node, _ in _walk(text):
        if kind == "face":
            found.append(_face(node, links))
    return found


def plan(
    sheets: list[tuple[str, tuple[Link, ...]]],
    read: Callable[[str], bytes | None],
    cache: Cache | None = None,
) -> tuple[dict[str, Fallback], list[tuple[str, str]]]:
    """The fallback of every family declared with a local font file, by lowercased family
    name, and the fonts that could not be read as (source, message)."""
    by_family: dict[str, list[Face]] = {}
    for text, links in sheets:
        if "@font-face" in text.lower():
            for face in faces(text, links):
                if face.family and face.source:
                    by_family.setdefault(face.family.lower(), []).append(face)
    if not by_family:
        return {}, []
    generics: dict[str, str] = {}  # family: the generic its first list ends with
    for text, _ in sheets:
        lower = text.lower()
        if not any(family in lower for family in by_family):
            continue
        for kind, node, _ in _walk(text):
            if kind != "decl":
                continue
            names = [_name(item) for item in _font_lists(node)]
            generic = next((n for n in reversed(names) if n in _GENERICS), None)
            for n in names:
                if n and generic and n not in generics:
                    generics[n] = generic
    fallbacks: dict[str, Fallback] = {}
    problems: list[tuple[str, str]] = []
    for key in sorted(by_family):
        family_faces = by_family[key]
        try:
            fallback = _fallback(family_faces, generics.get(key), read, cache)
        except fontfiles.FontError as exc:
            problems.append((family_faces[0].source or "", str(exc)))
            continue
        if fallback is not None:
            fallbacks[key] = fallback
    return fallbacks, problems


def _fallback(
    family_faces: list[Face], generic: str | None, read, cache: Cache | None
) -> Fallback | None:
    regular = _closest(family_faces, 400)
    data = read(regular.source or "")
    if data is None:
        raise fontfiles.FontError("the font file cannot be read")
    web = fontfiles.metrics(data, 400, cache)
    if not web.latin:  # an icon font: no text to keep in place, no local font to match
        return None
    kind = _AS_LOCAL.get(generic or "", "") or (
        "sans-serif" if generic else (web.generic or "sans-serif")
    )
    if kind not in ("serif", "monospace"):
        kind = "sans-serif"
    family = family_faces[0].family
    name = f"{family} fallback"
    rules = [_rule(name, web, fontfiles.LOCAL_FONTS[(kind, False)], None)]
    if max(f.weights[1] for f in family_faces) >= 600:
        bold = _closest(family_faces, 700)
        bold_data = data if bold.source == regular.source else read(bold.source or "")
        if bold_data is not None:
            strong = fontfiles.metrics(bold_data, 700, cache)
            rules.append(_rule(name, strong, fontfiles.LOCAL_FONTS[(kind, True)], 700))
    return Fallback(family, name, "".join(rules))


def _closest(family_faces: list[Face], weight: int) -> Face:
    """The upright face whose weight range is nearest `weight` (an italic one if none)."""
    upright = [f for f in family_faces if not f.italic] or family_faces

    def distance(f: Face) -> int:
        low, high = f.weights
        return 0 if low <= weight <= high else min(abs(low - weight), abs(high - weight))

    return min(upright, key=distance)


def _rule(name: str, web: fontfiles.Metrics, local: fontfiles.LocalFont, weight: int | None):
    fallback = local.metrics
    size = (web.avg_width / web.units_per_em) / (fallback.avg_width / fallback.units_per_em)
    scale = web.units_per_em * size
    src = ",".join(f"local({_string(n)})" for n in local.names)
    weight_part = f"font-weight:{weight};" if weight else ""
    return (
        f"@font-face{{font-family:{_string(name)};{weight_part}src:{src};"
        f"size-adjust:{_percent(size)};ascent-override:{_percent(web.ascent / scale)};"
        f"descent-override:{_percent(web.descent / scale)};"
        f"line-gap-override:{_percent(web.line_gap / scale)}}}"
    )


def _percent(value: float) -> str:
    text = f"{value * 100:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


def _string(value: str, quote: str = '"') -> str:
    return quote + value.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


# -- rewriting a stylesheet -----------------------------------------------------------------


def rewrite(
    text: str,
    links: tuple[Link, ...],
    fallbacks: dict[str, Fallback],
    ranges: dict[str, str] | None = None,
    quote: str = '"',
) -> str:
    """`text` with the fallback rules before each family's first `@font-face`, the fallback
    family after the web font in every font list, and `unicode-range` of the subset font
    files (`ranges`, by source path) in their `@font-face` rules. `quote`: the quotation mark
    of the family names added (`'` inside a double-quoted `style` attribute)."""
    ranges = ranges or {}
    if not fallbacks and not ranges:
        return text
    lower = text.lower()
    if not any(key in lower for key in fallbacks) and not (ranges and "@font-face" in lower):
        return text
    text = _normalized(text)
    starts = line_starts(text)
    edits: list[tuple[int, int, str]] = []  # (start, end, new text)
    nodes = list(_walk(text))
    # fallback rules already there (a page's <style> holds critical CSS made from rewritten
    # stylesheets): not again
    placed = {
        key
        for key, fallback in fallbacks.items()
        if any(
            k == "face" and _face(n, ()).family.lower() == fallback.name.lower()
            for k, n, _ in nodes
        )
    }
    for kind, node, _ in nodes:
        if kind == "face":
            face = _face(node, links)
            key = face.family.lower()
            if key in fallbacks and key not in placed:
                placed.add(key)
                at = node_offset(node, starts)
                edits.append((at, at, fallbacks[key].css))
            if face.source in ranges and node.content:
                edits.append(_range_edit(node, text, starts, ranges[face.source]))
        elif kind == "decl":
            edits += [
                (at, at, new) for at, new in _list_edits(node, text, starts, fallbacks, quote)
            ]
    if not edits:
        return text
    pieces, pos = [], 0
    for start, end, new in sorted(edits, key=lambda e: e[0]):
        pieces += [text[pos:start], new]
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _range_edit(node, text: str, starts: list[int], declaration: str) -> tuple[int, int, str]:
    """The subset's `unicode-range` in place of the author's (its value has no strings or
    blocks, so it ends at the next `;` or `}`), or first in the rule."""
    for d in tinycss2.parse_blocks_contents(node.content, skip_comments=True):
        if d.type == "declaration" and d.lower_name == "unicode-range":
            start = node_offset(d, starts)
            ends = [i for i in (text.find(";", start), text.find("}", start)) if i >= 0]
            return start, min(ends) if ends else len(text), declaration
    at = node_offset(node.content[0], starts)
    return at, at, declaration + ";"


def _list_edits(
    declaration, text: str, starts: list[int], fallbacks: dict[str, Fallback], quote: str
):
    edits = []
    items = _font_lists(declaration)
    names = [_name(item) for item in items]
    for i, item in enumerate(items):
        fallback = fallbacks.get(names[i] or "")
        if fallback is None:
            continue
        if i + 1 < len(names) and names[i + 1] == fallback.name.lower():
            continue  # already there
        last = item[-1]
        end = _token_end(text, node_offset(last, starts), last)
        edits.append((end, "," + _string(fallback.name, quote)))
    return edits


def _font_lists(declaration) -> list[list]:
    """The items of a declaration's value that can be font family names, each a list of
    tokens (whitespace dropped): every comma-separated item of `font-family` and of custom
    properties, and of `font` the family part (the first item's tokens after the size)."""
    name = declaration.lower_name
    if name not in ("font-family", "font") and not declaration.name.startswith("--"):
        return []
    items: list[list] = [[]]
    for token in declaration.value:
        if token.type == "literal" and token.value == ",":
            items.append([])
        elif token.type not in ("whitespace", "comment"):
            items[-1].append(token)
    if name == "font" and items[0]:
        first = items[0]
        cut = max((i for i, t in enumerate(first) if t.type not in ("ident", "string")), default=-1)
        items[0] = first[cut + 1 :] if cut >= 0 else []
    return [i for i in items if i]


def _name(item: list) -> str | None:
    """The family an item names (lowercased): one string, or a run of identifiers."""
    if len(item) == 1 and item[0].type == "string":
        return item[0].value.lower()
    if item and all(t.type == "ident" for t in item):
        return " ".join(t.value for t in item).lower()
    return None


_IDENT_END = re.compile(r"(?:[-\w]|\\[0-9a-fA-F]{1,6}[ \t\n]?|\\[^\n0-9a-fA-F]|[^\x00-\x7f])+")


def _token_end(text: str, start: int, token) -> int:
    if token.type == "string":
        quote = text[start]
        i = start + 1
        while i < len(text) and text[i] != quote:
            i += 2 if text[i] == "\\" else 1
        return min(i + 1, len(text))
    m = _IDENT_END.match(text, start)
    return m.end() if m else start + len(token.value)


# -- walking a stylesheet ---------------------------------------------------------------------


_GROUPS = frozenset({"media", "supports", "layer", "container", "scope", "document",
                     "-moz-document", "starting-style"})  # fmt: skip


def _walk(text: str) -> Iterator[tuple[str, object, str]]:
    """("face", the @font-face at-rule, "") and ("decl", a declaration of a style rule, the
    rule's selector list as written, nested rules resolved with `:is()`), in source order."""
    rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
    yield from _walk_rules(rules, None)


def _walk_rules(nodes, parent: str | None):
    for node in nodes:
        if node.type == "qualified-rule":
            prelude = tinycss2.serialize(node.prelude).strip()
            selector = _nested(prelude, parent)
            items = tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True
            )
            for item in items:
                if item.type == "declaration":
                    yield "decl", item, selector
            yield from _walk_rules([i for i in items if i.type != "declaration"], selector)
        elif node.type == "at-rule" and node.content is not None:
            keyword = node.lower_at_keyword
            if keyword == "font-face":
                yield "face", node, ""
            elif keyword in _GROUPS:
                if parent is None:
                    items = tinycss2.parse_stylesheet(
                        node.content, skip_comments=True, skip_whitespace=True
                    )
                else:
                    items = tinycss2.parse_blocks_contents(
                        node.content, skip_comments=True, skip_whitespace=True
                    )
                    for item in items:
                        if item.type == "declaration":
                            yield "decl", item, parent
                yield from _walk_rules([i for i in items if i.type != "declaration"], parent)


def _nested(prelude: str, parent: str | None) -> str:
    if parent is None:
        return prelude
    context = f":is({parent})"
    parts = [p.strip() for p in _split_commas(prelude)]
    return ", ".join(p.replace("&", context) if "&" in p else f"{context} {p}" for p in parts)


def _split_commas(prelude: str) -> list[str]:
    tokens = tinycss2.parse_component_value_list(prelude)
    return [tinycss2.serialize(part) for part in split_list(tokens)]


def _face(node, links: tuple[Link, ...]) -> Face:
    family = ""
    weights = (400, 400)
    italic = False
    source = None
    spans: tuple[tuple[int, int], ...] = ()
    for d in tinycss2.parse_blocks_contents(node.content, skip_comments=True, skip_whitespace=True):
        if d.type != "declaration":
            continue
        values = [t for t in d.value if t.type not in ("whitespace", "comment")]
        if d.lower_name == "font-family" and values:
            family = (
                values[0].value
                if values[0].type == "string"
                else " ".join(t.value for t in values if t.type == "ident")
            )
        elif d.lower_name == "font-weight":
            numbers = [int(t.value) for t in values if t.type == "number"]
            idents = [t.lower_value for t in values if t.type == "ident"]
            if numbers:
                weights = (min(numbers), max(numbers))
            elif "bold" in idents:
                weights = (700, 700)
        elif d.lower_name == "font-style":
            italic = any(t.type == "ident" and t.lower_value != "normal" for t in values)
        elif d.lower_name == "src" and source is None:
            source = _first_local_file(d.value, links)
        elif d.lower_name == "unicode-range":
            spans = tuple((t.start, t.end) for t in values if t.type == "unicode-range")
    return Face(family, weights, italic, source, spans)


def _first_local_file(tokens, links: tuple[Link, ...]) -> str | None:
    for t in tokens:
        url = None
        if t.type == "url":
            url = t.value
        elif t.type == "function" and t.lower_name == "url":
            url = next((a.value for a in t.arguments if a.type == "string"), None)
        if url is None:
            continue
        m = PLACEHOLDER.match(url)
        if not m or int(m[1]) >= len(links):
            continue
        link = links[int(m[1])]
        if not link.public and link.target.lower().endswith(_FONT_FILES):
            return link.target
    return None


def _normalized(text: str) -> str:
    """Newlines as tinycss2 counts them, so its line and column numbers are offsets here."""
    if "\r" in text or "\f" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    return text


# -- unicode-range of a subset ----------------------------------------------------------------


def unicode_range(codepoints: frozenset[int]) -> str:
    """`unicode-range:U+20-7E,U+A0,...` for `codepoints` (ranges merged)."""
    spans: list[list[int]] = []
    for cp in sorted(codepoints):
        if spans and cp == spans[-1][1] + 1:
            spans[-1][1] = cp
        else:
            spans.append([cp, cp])
    parts = [f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans]
    return "unicode-range:" + ",".join(parts)


# -- the fonts of the first screen ------------------------------------------------------------


def first_screen(tree, limit: int = FIRST_SCREEN) -> list:
    """The elements a first screen most likely shows: the first `limit` elements of `<body>`,
    in document order, that hold text of their own (a header's links, the first heading, the
    first paragraphs), outside `hidden` elements, scripts, styles and templates."""
    body = tree.body
    found: list = []
    seen: set[int] = set()  # (nodes compare equal by their HTML)
    if body is None:
        return found
    # depth first, in document order, without recursion (pages can nest deeply): an element
    # counts at its first own text, so a heading before a link inside one parent comes first
    stack: list = [(body, body.child)]
    while stack and len(found) < limit:
        node, child = stack.pop()
        if child is None:
            continue
        stack.append((node, child.next))
        if child.tag == "-text":
            if child.text_content.strip() and node.mem_id not in seen:
                seen.add(node.mem_id)
                found.append(node)
        elif (
            child.is_element_node and child.tag not in _NO_TEXT and "hidden" not in child.attributes
        ):
            stack.append((child, child.child))
    return found


def fold_fonts(inlined: list[tuple[str, tuple[Link, ...]]], tree, limit: int = FIRST_SCREEN):
    """Of the fonts `@font-face` rules of the inlined CSS load, those of the families the
    first screen's elements are set in (`first_screen`), in the order of their rules.

    For each element, the font list is that of the nearest of it and its ancestors that a
    rule with `font-family` or `font` matches (every such rule there counts: no specificity);
    `var(--x)` is read from the custom properties the rules matching it or an ancestor set.
    """
    rules: list[tuple[str, object]] = []  # (selector, declaration)
    font_faces: list[tuple[str, Link]] = []
    if not any("@font-face" in text.lower() for text, _ in inlined):
        return []
    for text, links in inlined:
        for kind, node, selector in _walk(_normalized(text)):
            if kind == "face":
                face = _face(node, links)
                if face.source is not None:
                    link = next(li for li in links if li.target == face.source and not li.public)
                    font_faces.append((face.family.lower(), link))
            elif node.lower_name in ("font-family", "font") or node.name.startswith("--"):
                rules.append((_for_matching(selector), node))
    if not font_faces:
        return []
    wanted: set[str] = set()
    memo: dict[str, set[int]] = {}
    for element in first_screen(tree, limit):
        wanted |= _families_of(element, rules, memo)
    return list(dict.fromkeys(link for family, link in font_faces if family in wanted))


def _families_of(element, rules, memo) -> set[str]:
    chain = []
    node = element
    while node is not None and node.is_element_node:
        chain.append(node)
        node = node.parent
    variables: dict[str, list] = {}
    for node in reversed(chain):  # outermost first: inner definitions win
        for selector, d in rules:
            if d.name.startswith("--") and _matches(node, selector, memo):
                variables[d.name] = list(d.value)
    for node in chain:
        names: set[str] = set()
        for selector, d in rules:
            if d.name.startswith("--") or not _matches(node, selector, memo):
                continue
            names |= _names(d.value, variables, 0)
        if names:
            return names
    return set()


def _names(tokens, variables: dict[str, list], depth: int) -> set[str]:
    """Family names in a value, `var()` replaced by the custom property's value (8 deep)."""

    def expand(t) -> set[str]:
        if t.lower_name != "var" or depth >= 8:
            return set()
        ref = next((a.value for a in t.arguments if a.type == "ident"), "")
        return _names(variables.get(ref, t.arguments[1:]), variables, depth + 1)

    return family_names(tokens, expand)


def _for_matching(selector: str) -> str:
    if not selector:
        return "*"
    tokens = tinycss2.parse_component_value_list(selector)
    return ", ".join(for_matching(part) for part in split_list(tokens)) or "*"


def _matches(node, selector: str, memo) -> bool:
    """Whether `node` matches `selector`: the nodes the whole tree's query returns (Lexbor's
    `css_matches` answers for the node's subtree too), kept by selector in `memo`."""
    found = memo.get(selector)
    if found is None:
        root = node
        while root.parent is not None:
            root = root.parent
        try:
            found = {n.mem_id for n in root.css(selector)}
        except (SelectolaxError, ValueError):
            found = _ALL  # a selector the engine cannot read: counted, to be safe
        memo[selector] = found
    return found is _ALL or node.mem_id in found


class _All(frozenset):
    pass


_ALL = _All()
