"""Critical CSS: of a stylesheet, the rules a page's HTML needs to paint, in cascade order.

A stylesheet is parsed once per build into a tree (`Sheet`): style rules with their selectors
prepared for matching (`selectors.py`) and their nested rules, at-rule groups (`@media`,
`@supports`, `@layer`, `@container`, ...), and the rest (`@font-face`, `@keyframes`, `@layer`
statements, `@property`, ...). For a page (`Page`: its HTML parsed by Lexbor, with the sets of
classes, ids and tags it holds), `extract` keeps:

- every style rule one of whose selectors matches an element of the page, with state and
  pseudo-element parts ignored; nested rules the same way, against their resolved selectors;
- the at-rule groups that hold a kept rule, and `@layer` statements (they fix layer order);
- the `@font-face` rules of the font families kept rules use and the `@keyframes` they animate
  with (custom properties count too, so `font-family: var(--font)` keeps the font);
- rules whose selector contains an `include` pattern; never one containing an `exclude` one.

Kept rules are printed from the parsed tree in their original order, so the cascade is that
of the full stylesheet. A selector the engine cannot read is kept, to be safe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import tinycss2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from .selectors import for_matching, requirements, split_list

_GROUPS = frozenset(
    {
        "media",
        "supports",
        "layer",
        "container",
        "scope",
        "document",
        "-moz-document",
        "starting-style",
    }
)
_FONT_PROPERTIES = frozenset({"font-family", "font"})
_ANIMATION_PROPERTIES = frozenset({"animation", "animation-name"})


@dataclass(slots=True)
class _Rule:
    prelude: str
    selectors: list[tuple[str, tuple[frozenset, frozenset, frozenset]]]
    declarations: str
    families: set[str]
    animations: set[str]
    children: list = field(default_factory=list)
    match_list: str = ""  # its selectors, resolved, joined: what nested rules nest in


@dataclass(slots=True)
class _Group:
    head: str  # "@media (min-width: 40em)"
    children: list = field(default_factory=list)
    declarations: str = ""  # nested at-rules inside a style rule can hold declarations


@dataclass(slots=True)
class _Other:
    text: str
    kind: str  # "font-face", "keyframes", "always"
    names: set[str] = field(default_factory=set)  # font families, or the keyframes' name
    fonts: list[str] = field(default_factory=list)  # src URLs of a @font-face, first first


class Sheet:
    """A stylesheet parsed for critical CSS; built once per build and stylesheet."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        self.nodes = [n for n in (_node(r, None) for r in rules) if n is not None]


class Page:
    """A page's static HTML, ready for selector matching."""

    def __init__(self, html: str) -> None:
        self.tree = LexborHTMLParser(html)
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        for node in self.tree.root.traverse() if self.tree.root else ():
            self.tags.add(node.tag)
            attrs = node.attributes
            if "class" in attrs and attrs["class"]:
                self.classes.update(attrs["class"].split())
            if "id" in attrs and attrs["id"]:
                self.ids.add(attrs["id"])
        self._cache: dict[str, bool] = {}

    def matches(self, selector: str, needs) -> bool:
        classes, ids, tags = needs
        if not (classes <= self.classes and ids <= self.ids and tags <= self.tags):
            return False
        found = self._cache.get(selector)
        if found is None:
            try:
                found = self.tree.css_first(selector) is not None
            except SelectolaxError:
                found = True  # a selector the engine cannot read: keep its rule, to be safe
            self._cache[selector] = found
        return found


@dataclass(frozen=True, slots=True)
class Critical:
    text: str  # CSS, in the stylesheet's placeholder numbering
    fonts: tuple[str, ...]  # URLs (placeholders) of the fonts the kept rules use


def extract(
    sheet: Sheet, page: Page, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Critical:
    families: set[str] = set()
    animations: set[str] = set()
    deferred: list[_Other] = []

    def keep_rule(rule: _Rule) -> bool:
        if any(p in rule.prelude for p in exclude):
            return False
        if any(p in rule.prelude for p in include):
            return True
        return any(page.matches(s, needs) for s, needs in rule.selectors)

    def select(nodes: list, parent_kept: bool) -> list[str]:
        out: list[str] = []
        for node in nodes:
            if isinstance(node, _Rule):
                kept = keep_rule(node)
                inner = select(node.children, kept)
                if kept:
                    families.update(node.families)
                    animations.update(node.animations)
                    out.append(f"{node.prelude}{{{node.declarations}{''.join(inner)}}}")
                elif inner:
                    out.append(f"{node.prelude}{{{''.join(inner)}}}")
            elif isinstance(node, _Group):
                # a group inside a style rule may hold declarations for that rule's elements
                declarations = node.declarations if parent_kept else ""
                inner = select(node.children, parent_kept)
                if inner or declarations:
                    out.append(f"{node.head}{{{declarations}{''.join(inner)}}}")
            elif node.kind == "always":
                out.append(node.text)
            else:  # decided once every rule is: a marker holds its place
                out.append(f"\0{len(deferred)}\0")
                deferred.append(node)
        return out

    text = "".join(select(sheet.nodes, False))
    fonts: list[str] = []
    pieces = text.split("\0")
    for i in range(1, len(pieces), 2):
        node = deferred[int(pieces[i])]
        wanted = families if node.kind == "font-face" else animations
        if node.names & wanted:
            pieces[i] = node.text
            if node.kind == "font-face" and node.fonts:
                fonts.append(node.fonts[0])
        else:
            pieces[i] = ""
    return Critical("".join(pieces), tuple(dict.fromkeys(fonts)))


def _node(rule, parent: _Rule | None):
    if rule.type == "qualified-rule":
        return _style_rule(rule, parent)
    if rule.type != "at-rule":
        return None
    keyword = rule.lower_at_keyword
    if keyword in ("charset", "import"):
        return _Other(rule.serialize(), "always") if keyword == "import" else None
    if keyword == "font-face":
        declarations = _declarations(rule.content or [])
        names = set()
        fonts = []
        for d in declarations:
            if d.lower_name == "font-family":
                names |= _words(d.value)
            elif d.lower_name == "src":
                fonts += _urls(d.value)
        woff2 = [u for u in fonts if u]
        return _Other(rule.serialize(), "font-face", names, woff2)
    if keyword.endswith("keyframes"):
        name = tinycss2.serialize(rule.prelude).strip().strip("\"'")
        return _Other(rule.serialize(), "keyframes", {name})
    if keyword in _GROUPS and rule.content is not None:
        head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}".rstrip()
        group = _Group(head)
        if parent is None:
            items = tinycss2.parse_stylesheet(
                rule.content, skip_comments=True, skip_whitespace=True
            )
        else:  # inside a style rule: declarations and nested rules for the same element
            items = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            group.declarations = "".join(
                i.serialize() + ";" for i in items if i.type == "declaration"
            )
            if group.declarations and parent is not None:
                parent.families |= _families(items)
        for item in items:
            child = _node(item, parent) if item.type != "declaration" else None
            if child is not None:
                group.children.append(child)
        return group
    return _Other(rule.serialize(), "always")  # @layer a, b; @property; @namespace; ...


def _style_rule(rule, parent: _Rule | None) -> _Rule:
    prelude = tinycss2.serialize(rule.prelude).strip()
    items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    declarations = [i for i in items if i.type == "declaration"]
    selectors = []
    resolved_all = []
    for tokens in split_list(rule.prelude):
        simple = for_matching(tokens)
        if parent is not None:
            context = f"*:is({parent.match_list})"
            simple = (
                simple.replace("&", context)
                if "&" in simple
                else (
                    f"{context} {simple}"
                    if not simple.startswith((">", "+", "~"))
                    else f"{context} {simple}"
                )
            )
        resolved_all.append(simple)
        selectors.append((simple, requirements(tokens)))
    node = _Rule(
        prelude,
        selectors,
        "".join(d.serialize() + ";" for d in declarations),
        _families(declarations),
        _animations(declarations),
    )
    node.match_list = ", ".join(resolved_all) or "*"
    for item in items:
        if item.type != "declaration":
            child = _node(item, node)
            if child is not None:
                node.children.append(child)
    return node


def _declarations(content: list) -> list:
    return [
        d
        for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]


def _families(declarations) -> set[str]:
    names: set[str] = set()
    for d in declarations:
        if d.type != "declaration":
            continue
        if d.lower_name in _FONT_PROPERTIES or d.name.startswith("--"):
            names |= _words(d.value)
    return names


def _animations(declarations) -> set[str]:
    names: set[str] = set()
    for d in declarations:
        if d.lower_name in _ANIMATION_PROPERTIES or d.name.startswith("--"):
            names |= {t.value for t in d.value if t.type == "ident"}
    return names


def _words(tokens) -> set[str]:
    """Family names in a value: strings, and runs of identifiers ("Open Sans" unquoted)."""
    names: set[str] = set()
    run: list[str] = []
    for t in tokens:
        if t.type == "ident":
            run.append(t.value)
            continue
        if t.type in ("whitespace", "comment"):
            continue
        if run:
            names.add(" ".join(run).lower())
            run = []
        if t.type == "string":
            names.add(t.value.lower())
        elif t.type == "function":
            names |= _words(t.arguments)
    if run:
        names.add(" ".join(run).lower())
    return names


def _urls(tokens) -> list[str]:
    found = []
    for t in tokens:
        if t.type == "url":
            found.append(t.value)
        elif t.type == "function" and t.lower_name in ("url", "src"):
            found += [a.value for a in t.arguments if a.type == "string"]
    return found


class Styles:
    """Critical CSS for the pages of one build: each stylesheet is parsed once, each page once.

    `sheets` are the rendered stylesheets (text with placeholders and their links), their
    `@import`s already inlined. Results come back as text with placeholders numbered for the
    stylesheet's links, which the page renumbers into its own.
    """

    def __init__(
        self,
        sheets: dict,
        *,
        threshold: int,
        include: tuple[str, ...],
        exclude: tuple[str, ...],
        minify,
        readable: bool,
        memo: dict | None = None,
    ) -> None:
        self.sheets = sheets
        self.threshold = threshold
        self.include = include
        self.exclude = exclude
        self._minify = minify  # (css text) -> css text
        self.readable = readable
        self._parsed: dict[str, Sheet] = {}
        self.memo = memo

    def has(self, source: str) -> bool:
        return source in self.sheets and self.sheets[source].text is not None

    def whole(self, source: str) -> bool:
        """Whether the stylesheet is small enough to be inlined whole."""
        return len(self.sheets[source].text or "") <= self.threshold

    def full(self, source: str) -> tuple[str, tuple]:
        r = self.sheets[source]
        return safe_in_style(r.text or ""), r.links

    def critical_of(
        self, source: str, page_path: str, html: str, page: Callable[[], Page], media: str | None
    ) -> tuple[str, tuple, tuple[str, ...]]:
        """`critical` for the page `page_path` whose text is `html`, from `self.memo` (kept
        across the builds of `watch`) when neither the page nor the stylesheet changed."""
        sheet_text = self.sheets[source].text
        options = (self.include, self.exclude, self.readable)
        key = ("critical", page_path, source, media)
        kept = self.memo.get(key) if self.memo is not None else None
        if kept is not None and kept[0] == html and kept[1] == sheet_text and kept[2] == options:
            return kept[3], self.sheets[source].links, kept[4]
        text, links, fonts = self.critical(source, page(), media)
        if self.memo is not None:
            self.memo[key] = (html, sheet_text, options, text, fonts)
        return text, links, fonts

    def critical(
        self, source: str, page: Page, media: str | None
    ) -> tuple[str, tuple, tuple[str, ...]]:
        """(CSS, its links, font placeholders) the page needs from the stylesheet."""
        r = self.sheets[source]
        sheet = self._parsed.get(source)
        if sheet is None:
            sheet = self._parsed[source] = Sheet(r.text or "")
        found = extract(sheet, page, self.include, self.exclude)
        text = found.text
        if text and media and media.strip().lower() not in ("all", ""):
            text = f"@media {media}{{{text}}}"
        if text:
            text = self._minify(text)
        return safe_in_style(text), r.links, found.fonts


def safe_in_style(css: str) -> str:
    """CSS that cannot end its `<style>` element early: `</style` becomes `<\\/style`, which
    reads the same in a CSS string or URL."""
    if "</" not in css:
        return css
    out, pos, lower = [], 0, css.lower()
    i = lower.find("</style")
    while i >= 0:
        out.append(css[pos:i] + "<\\/")
        pos = i + 2
        i = lower.find("</style", pos)
    out.append(css[pos:])
    return "".join(out)
