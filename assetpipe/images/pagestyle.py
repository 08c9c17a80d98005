"""The style rules a page's images are laid out with, read from the page's stylesheets and
`<style>` blocks, and the page's static HTML with each `<img>` marked, for matching them.

The images stage asks two things of them (`layout.py`: may an `<img>` be wrapped in a
`<picture>` without any rule matching differently; `lcp.py`: how large is each image and CSS
background rendered). Neither runs a layout engine: rules are matched with Lexbor (through
`css/selectors.for_matching`, which drops states a static page cannot answer), and sizes come
from declared lengths.

`PageStyle.complete` is False when the page uses a stylesheet assetpipe cannot read (an
external URL other than a web font service's, a file under `public/`): callers then assume
the worst.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import tinycss2
from selectolax.lexbor import LexborHTMLParser

from ..css.selectors import for_matching, split_list
from ..html.tokenize import tokenize
from ..pipeline.hashing import PLACEHOLDER

MARK = "data-asp-i"  # on each `<img>` of the marked tree: its index in the page's images
PICTURE_MARK = "data-asp-p"
# Stylesheets of web font services: `@font-face` rules only, so no selector to read
_FONT_CSS = tuple(
    f"{scheme}{host}"
    for scheme in ("https://", "http://", "//")
    for host in ("fonts.googleapis.com/", "fonts.bunny.net/", "use.typekit.net/")
)
_STRUCTURAL = re.compile(
    r"[>+~]|:(first-child|last-child|only-child|nth-|first-of-type|last-of-type|only-of-type"
    r"|empty|has)",
)


@dataclass(frozen=True, slots=True)
class Declaration:
    name: str  # lower case
    value: str
    important: bool
    images: tuple[str, ...]  # source paths of the `url()`s in it


@dataclass(frozen=True, slots=True)
class Selector:
    text: str  # as the static page can answer it (`for_matching`)
    specificity: tuple[int, int, int]
    structural: bool  # has a combinator other than descendant, or a structural pseudo-class
    pseudo_element: bool = False  # styles a `::before` and such, not the element itself


@dataclass(frozen=True, slots=True)
class Rule:
    selectors: tuple[Selector, ...]
    declarations: tuple[Declaration, ...]
    media: tuple[str, ...]  # the `@media` conditions it is inside, outermost first
    order: tuple[int, int]  # source order: (stylesheet or block in the page, rule in it)


@dataclass(frozen=True, slots=True)
class PageStyle:
    rules: tuple[Rule, ...]
    complete: bool  # every stylesheet the page uses was read


def page_style(text: str, parsed_refs, scripts, sheets: dict, bundle_css=()) -> PageStyle:
    """The rules of the page's stylesheets (linked, imported by its scripts) and `<style>`
    blocks, in the order the page applies them."""
    rules: list[Rule] = []
    complete = True
    refs_at = {ref.raw.start: ref for ref in parsed_refs}
    blocks: list[tuple[int, str, object]] = []  # (position, css, url -> source path)
    for link in scripts.stylesheets if scripts is not None else ():
        ref = refs_at.get(link.href_start)
        sheet = sheets.get(ref.target) if ref is not None and not ref.public else None
        if sheet is None or sheet.text is None:
            href = text[link.href_start : link.href_end].strip().lower()
            complete = complete and href.startswith(_FONT_CSS)
            continue
        blocks.append((link.start, sheet.text, sheet.links))
    for tag in tokenize(text):
        if tag.name == "style" and tag.content is not None:
            start, end = tag.content
            urls = {
                text[r.raw.start : r.raw.end]: r.target
                for r in parsed_refs
                if r.raw.kind == "css-url" and start <= r.raw.start < end and not r.public
            }
            blocks.append((start, text[start:end], urls))
    for source in bundle_css:
        sheet = sheets.get(source)
        if sheet is not None and sheet.text is not None:
            blocks.append((len(text), sheet.text, sheet.links))
    for index, (_, css, links) in enumerate(sorted(blocks, key=lambda b: b[0])):
        if isinstance(links, dict):  # a `<style>` block: URLs as written
            found: list[Rule] = []
            _collect(tinycss2.parse_stylesheet(css, True, True), (), links.get, found)
        else:
            found = list(_sheet_rules(css, tuple(links)))
        rules += [Rule(r.selectors, r.declarations, r.media, (index, r.order[1])) for r in found]
    return PageStyle(tuple(rules), complete)


@functools.lru_cache(maxsize=32)
def _sheet_rules(css: str, links: tuple) -> tuple[Rule, ...]:
    """A rendered stylesheet's rules (URLs are placeholders for `links`), parsed once per
    build however many pages use it."""

    def target_of(url: str) -> str | None:
        m = PLACEHOLDER.fullmatch(url.strip())
        if m is None or int(m[1]) >= len(links) or links[int(m[1])].public:
            return None
        return links[int(m[1])].target

    found: list[Rule] = []
    _collect(tinycss2.parse_stylesheet(css, True, True), (), target_of, found)
    return tuple(found)


def _collect(nodes, media: tuple[str, ...], target_of, rules: list[Rule]) -> None:
    for node in nodes:
        if node.type == "at-rule":
            if node.content is None:
                continue
            name = node.lower_at_keyword
            if name in ("media", "supports", "layer", "container", "scope", "document"):
                inner = media
                if name == "media":
                    inner = (*media, tinycss2.serialize(node.prelude).strip())
                inside = tinycss2.parse_rule_list(node.content, True, True)
                _collect(inside, inner, target_of, rules)
            continue
        if node.type != "qualified-rule":
            continue
        selectors = []
        for tokens in split_list(node.prelude):
            text = for_matching(tokens)
            selectors.append(
                Selector(
                    text,
                    _specificity(text),
                    bool(_STRUCTURAL.search(text)),
                    _has_pseudo_element(tokens),
                )
            )
        declarations = []
        for item in tinycss2.parse_blocks_contents(node.content, True, True):
            if item.type != "declaration":
                continue
            images = tuple(t for t in (target_of(u) for u in _urls(item.value)) if t is not None)
            value = tinycss2.serialize(item.value).strip()
            declarations.append(Declaration(item.lower_name, value, item.important, images))
        if selectors and declarations:
            rules.append(Rule(tuple(selectors), tuple(declarations), media, (0, len(rules))))


_LEGACY_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter"})


def _has_pseudo_element(tokens) -> bool:
    """Whether a complex selector's tokens name a pseudo-element (`::x`, or `:before` and
    the other three CSS 2 wrote with one colon)."""
    for i, t in enumerate(tokens):
        if t.type == "literal" and t.value == ":" and i + 1 < len(tokens):
            nxt = tokens[i + 1]
            if nxt.type == "literal" and nxt.value == ":":
                return True
            if nxt.type == "ident" and nxt.lower_value in _LEGACY_PSEUDO_ELEMENTS:
                return True
    return False


def _urls(tokens) -> list[str]:
    found = []
    for t in tokens:
        if t.type == "url":
            found.append(t.value)
        elif t.type == "function" and t.lower_name == "url":
            found += [a.value for a in t.arguments if a.type == "string"]
        elif t.type == "function":
            found += _urls(t.arguments)
    return found


_IDS = re.compile(r"#[\w-]+")
_CLASSES = re.compile(r"\.[\w-]+|\[[^\]]*\]|:(?!not\(|is\(|where\()[\w-]+")
_TYPES = re.compile(r"(?:^|[\s>+~(,])([a-zA-Z][\w-]*)")


def _specificity(selector: str) -> tuple[int, int, int]:
    """About the selector's specificity (`:is()`/`:not()` arguments counted as written)."""
    bare = re.sub(r"\[[^\]]*\]", "[]", selector)
    return (
        len(_IDS.findall(bare)),
        len(_CLASSES.findall(bare)),
        len([t for t in _TYPES.findall(bare) if t.lower() not in ("not", "is", "where", "has")]),
    )


def marked_html(
    text: str, starts: list[int], wrap: frozenset[int] = frozenset(), sources: int = 2
) -> str:
    """The page with `data-asp-i="k"` on the `<img>` at `starts[k]`, those in `wrap` (by
    start) inside `<picture style="display:contents">` after `sources` `<source>`s, as the
    build would write them."""
    pieces: list[str] = []
    pos = 0
    for k, start in sorted(enumerate(starts), key=lambda e: e[1]):
        end = _tag_end(text, start)
        pieces.append(text[pos:start])
        img = f'<img {MARK}="{k}" ' + text[start + 4 : end]
        if start in wrap:
            img = (
                f'<picture {PICTURE_MARK}="{k}" style="display:contents">'
                + "<source hidden>" * sources
                + f"{img}</picture>"
            )
        pieces.append(img)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


def _tag_end(text: str, start: int) -> int:
    """The end of the tag starting at `start` (quotes respected)."""
    quote = ""
    for i in range(start, len(text)):
        c = text[i]
        if quote:
            if c == quote:
                quote = ""
        elif c in "\"'":
            quote = c
        elif c == ">":
            return i + 1
    return len(text)


def matches(tree: LexborHTMLParser, rules):
    """(rule, selector, nodes) for each selector of `rules` that Lexbor reads, rules for
    pseudo-elements aside (they style no element of the tree)."""
    for rule in rules:
        for selector in rule.selectors:
            if selector.pseudo_element:
                continue
            try:
                nodes = tree.css(selector.text)
            except Exception:  # noqa: BLE001 (a selector Lexbor cannot read)
                continue
            yield rule, selector, nodes


def parse(html: str) -> LexborHTMLParser:
    return LexborHTMLParser(html)
