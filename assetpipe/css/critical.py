"""Critical CSS: of a page's stylesheets, the rules its HTML needs to paint, in cascade order.

A stylesheet is parsed once per build into a tree (`Sheet`): style rules with their selectors
prepared for matching (`selectors.py`), their declarations and their nested rules, at-rule
groups (`@media`, `@supports`, `@layer`, `@container`, ...), and the rest (`@font-face`,
`@keyframes`, `@layer` statements, `@property`, ...). For a page (`Page`: its HTML parsed by
Lexbor, with the sets of classes, ids and tags it holds), `select` finds, once per stylesheet:

- every style rule one of whose selectors matches an element of the page as at first paint
  (`selectors.at_first_paint`: nothing hovered, focused, active or targeted, so `a:hover`
  does not match and `a:not(:hover)` does; on a page with `autofocus`, states are ignored
  instead, `a:focus` counting as `a`), pseudo-elements counting as their element, and the
  position of the first element it matches (its need: the earlier, the more needed); nested
  rules the same way, against their resolved selectors;
- rules whose selector contains an `include` pattern (position 0); never one containing an
  `exclude` one, one inside `@media print`, or one holding a `data:` URL over
  `DATA_URL_MAX` characters (it stays in the external stylesheet; the build extracts large
  ones into files anyway, `data_urls.py`).

`render` then prints the selections of all of a page's stylesheets together, keeping only
rules whose position is at most `cutoff` (the per-page cap, `Styles`), and:

- custom property declarations (`--x: ...`) that nothing kept reads, directly or through other
  custom properties' values, are left out: readers are the kept declarations, kept
  `@keyframes`, group conditions, and the page's own HTML (`style=""`, `<style>`), across all
  of the page's stylesheets. An unread custom property changes no computed style;
- the at-rule groups that hold a kept rule, and `@layer` statements (they fix layer order);
- the `@font-face` rules of the font families kept declarations use and the `@keyframes` they
  animate with (custom properties count too, so `font-family: var(--font)` keeps the font).

Kept rules are printed from the parsed tree in their original order, so the cascade is that
of the full stylesheet. A selector the engine cannot read is kept, to be safe.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import tinycss2
from selectolax.lexbor import LexborHTMLParser, SelectolaxError

from .selectors import at_first_paint, for_matching, requirements, split_list

DATA_URL_MAX = 4096  # characters of a data: URL that critical CSS may carry into a page
HEAVY_DATA_URL = re.compile(r"url\(\s*[\"']?data:[^)\"']{" + str(DATA_URL_MAX) + "}", re.I)
VAR_READ = re.compile(r"var\(\s*(--[^\s,)]+)")
_PRINT = re.compile(r"^@media\s+(?:only\s+)?print\s*(?:and\b[^,]*)?$", re.I)
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
NOT_MATCHED = 1 << 62  # the position of a rule no element matches


@dataclass(frozen=True, slots=True)
class _Decl:
    text: str  # "name:value;"
    custom: str  # the custom property it declares ("--x"), or ""
    reads: frozenset[str]  # custom properties its value reads through var()
    families: frozenset[str]
    animations: frozenset[str]


@dataclass(slots=True)
class _Rule:
    prelude: str
    # (as at first paint, or None if it cannot match then; with states ignored; what it needs)
    selectors: list[tuple[str | None, str, tuple[frozenset, frozenset, frozenset]]]
    decls: list[_Decl]
    children: list = field(default_factory=list)
    match_list: str = ""  # its selectors, resolved, joined: what nested rules nest in
    heavy: bool = False  # holds a data: URL too large for a page
    printing: bool = False  # inside @media print


@dataclass(slots=True)
class _Group:
    head: str  # "@media (min-width: 40em)"
    children: list = field(default_factory=list)
    decls: list[_Decl] = field(default_factory=list)  # inside a style rule, for its elements
    reads: frozenset[str] = frozenset()  # custom properties its condition names


@dataclass(slots=True)
class _Other:
    text: str
    kind: str  # "font-face", "keyframes", "always"
    names: set[str] = field(default_factory=set)  # font families, or the keyframes' name
    fonts: list[str] = field(default_factory=list)  # src URLs of a @font-face, first first
    reads: frozenset[str] = frozenset()


class Sheet:
    """A stylesheet parsed for critical CSS; built once per build and stylesheet."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        rules = tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True)
        self.nodes = [n for n in (_node(r, None, False) for r in rules) if n is not None]
        self.others = list(_others(self.nodes))  # @font-face, @keyframes, ...: in any group
        self.group_reads = _group_reads(self.nodes)  # custom properties conditions name
        self.has_others = set()  # ids of the groups and rules that hold an _Other
        _mark_others(self.nodes, self.has_others)


class Page:
    """A page's static HTML, ready for selector matching."""

    def __init__(self, html: str) -> None:
        self.tree = LexborHTMLParser(html)
        self.classes: set[str] = set()
        self.ids: set[str] = set()
        self.tags: set[str] = set()
        self.order: dict[int, int] = {}  # an element's mem_id: its place in the document
        for node in self.tree.root.traverse() if self.tree.root else ():
            self.order[node.mem_id] = len(self.order)
            self.tags.add(node.tag)
            attrs = node.attributes
            if "class" in attrs and attrs["class"]:
                self.classes.update(attrs["class"].split())
            if "id" in attrs and attrs["id"]:
                self.ids.add(attrs["id"])
        # custom properties the page reads itself, in style="" and <style>
        self.reads = frozenset(VAR_READ.findall(html)) if "var(" in html else frozenset()
        self.autofocus = "autofocus" in html.lower()  # :focus may hold at first paint
        self._cache: dict[str, int | None] = {}

    def position(self, exact: str | None, loose: str, needs) -> int:
        """Where in the document the first element the selector matches at first paint
        (`exact`; `loose`, with states ignored, on a page that focuses an element itself,
        or when the engine cannot read `exact`) is; `NOT_MATCHED` when there is none."""
        classes, ids, tags = needs
        if not (classes <= self.classes and ids <= self.ids and tags <= self.tags):
            return NOT_MATCHED
        if self.autofocus:
            exact = loose
        if exact is None:
            return NOT_MATCHED
        found = self._first(exact)
        if found is None:
            found = self._first(loose)
        return 0 if found is None else found  # unreadable: keep its rule, to be safe

    def _first(self, selector: str) -> int | None:
        found = self._cache.get(selector, -1)
        if found == -1:
            try:
                node = self.tree.css_first(selector)
                found = NOT_MATCHED if node is None else self.order.get(node.mem_id, 0)
            except SelectolaxError:
                found = None
            self._cache[selector] = found
        return found


@dataclass(frozen=True, slots=True)
class Critical:
    text: str  # CSS, in the stylesheet's placeholder numbering
    fonts: tuple[str, ...]  # URLs (placeholders) of the fonts the kept rules use


@dataclass(frozen=True, slots=True)
class Selection:
    """What of a stylesheet a page needs: each kept style rule's position (by `id`), the kept
    nodes in order with their positions (nested groups of declarations too), and the ids of
    the groups and rules that hold a kept rule."""

    sheet: Sheet
    kept: dict[int, int]
    nodes: list[tuple]
    holding: set[int]

    def positions(self) -> list[int]:
        return sorted(set(self.kept.values()))


def select(
    sheet: Sheet, page: Page, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Selection:
    kept: dict[int, int] = {}
    found: list[tuple] = []
    holding: set[int] = set()

    def walk(nodes: list, parent_at: int | None) -> bool:
        any_kept = False
        for node in nodes:
            if isinstance(node, _Rule):
                at = None
                if not (node.heavy or node.printing or any(p in node.prelude for p in exclude)):
                    if any(p in node.prelude for p in include):
                        at = 0
                    else:
                        at = min(
                            (page.position(e, s, needs) for e, s, needs in node.selectors),
                            default=NOT_MATCHED,
                        )
                        at = None if at == NOT_MATCHED else at
                if at is not None:
                    kept[id(node)] = at
                    found.append((node, at))
                inner = walk(node.children, at) if node.children else False
                if inner or at is not None:
                    any_kept = True
                    if inner:
                        holding.add(id(node))
            elif isinstance(node, _Group):
                if parent_at is not None and node.decls:
                    found.append((node, parent_at))
                if walk(node.children, parent_at) or (parent_at is not None and node.decls):
                    holding.add(id(node))
                    any_kept = True
        return any_kept

    walk(sheet.nodes, None)
    return Selection(sheet, kept, found, holding)


def extract(
    sheet: Sheet, page: Page, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Critical:
    """The critical CSS of one stylesheet for a page (`render` of one `select`)."""
    return render([select(sheet, page, include, exclude)], page.reads)[0]


def render(
    selections: list[Selection], page_reads: frozenset[str], cutoff: int = NOT_MATCHED - 1
) -> list[Critical]:
    """Each selection printed: its rules at positions up to `cutoff`, their declarations but
    the custom properties nothing reads, the fonts and keyframes they use."""
    kept = [[(node, at) for node, at in s.nodes if at <= cutoff] for s in selections]
    reads = set(page_reads)
    defines: dict[str, set[str]] = {}
    for rules in kept:
        for node, _ in rules:
            for d in node.decls:
                if d.custom:
                    defines.setdefault(d.custom, set()).update(d.reads)
                else:
                    reads |= d.reads
    for s in selections:
        reads |= s.sheet.group_reads
    others = [o for s in selections for o in s.sheet.others]
    while True:
        used = _closure(reads, defines)
        families: set[str] = set()
        animations: set[str] = set()
        for rules in kept:
            for node, _ in rules:
                for d in node.decls:
                    if not d.custom or d.custom in used:
                        families |= d.families
                        animations |= d.animations
        more = set()
        for o in others:
            if o.kind == "keyframes" and o.names & animations:
                more |= o.reads - used
        if not more:
            break
        reads |= more
    return [_print(s, used, families, animations, cutoff) for s in selections]


def _group_reads(nodes: list) -> frozenset[str]:
    """Custom properties named in the conditions of groups (`@container style(--x: 1)`)."""
    found: set[str] = set()
    for node in nodes:
        if isinstance(node, _Group):
            found |= node.reads
            found |= _group_reads(node.children)
        elif isinstance(node, _Rule):
            found |= _group_reads(node.children)
    return frozenset(found)


def _mark_others(nodes: list, marked: set[int]) -> bool:
    """Add to `marked` the ids of the groups and rules holding an `_Other`; whether any of
    `nodes` is or holds one."""
    found = False
    for node in nodes:
        if isinstance(node, _Other):
            found = True
        elif _mark_others(node.children, marked):
            marked.add(id(node))
            found = True
    return found


def _others(nodes: list) -> Iterable[_Other]:
    for node in nodes:
        if isinstance(node, _Other):
            yield node
        elif isinstance(node, (_Group, _Rule)):
            yield from _others(node.children)


def _closure(reads: set[str], defines: dict[str, set[str]]) -> set[str]:
    used = set()
    todo = list(reads)
    while todo:
        name = todo.pop()
        if name in used:
            continue
        used.add(name)
        todo.extend(defines.get(name, ()))
    return used


def _print(
    selection: Selection, used: set[str], families: set[str], animations: set[str], cutoff: int
) -> Critical:
    deferred: list[_Other] = []
    kept = selection.kept
    visit = selection.holding | selection.sheet.has_others  # subtrees worth walking

    def decls(items: list[_Decl]) -> str:
        return "".join(d.text for d in items if not d.custom or d.custom in used)

    def out(nodes: list, parent_kept: bool) -> list[str]:
        printed: list[str] = []
        for node in nodes:
            if isinstance(node, _Rule):
                at = kept.get(id(node))
                is_kept = at is not None and at <= cutoff
                if not is_kept and id(node) not in visit:
                    continue
                inner = "".join(out(node.children, is_kept)) if node.children else ""
                own = decls(node.decls) if is_kept else ""
                if own or inner:
                    printed.append(f"{node.prelude}{{{own}{inner}}}")
            elif isinstance(node, _Group):
                if id(node) not in visit:
                    continue
                own = decls(node.decls) if parent_kept else ""
                inner = "".join(out(node.children, parent_kept))
                if inner or own:
                    printed.append(f"{node.head}{{{own}{inner}}}")
            elif node.kind == "always":
                printed.append(node.text)
            else:
                wanted = families if node.kind == "font-face" else animations
                if node.names & wanted:
                    printed.append(f"\0{len(deferred)}\0")
                    deferred.append(node)
        return printed

    text = "".join(out(selection.sheet.nodes, False))
    fonts = [o.fonts[0] for o in deferred if o.kind == "font-face" and o.fonts]
    if deferred:
        pieces = text.split("\0")
        for i in range(1, len(pieces), 2):
            pieces[i] = deferred[int(pieces[i])].text
        text = "".join(pieces)
    return Critical(text, tuple(dict.fromkeys(fonts)))


def _node(rule, parent: _Rule | None, printing: bool):
    if rule.type == "qualified-rule":
        return _style_rule(rule, parent, printing)
    if rule.type != "at-rule":
        return None
    keyword = rule.lower_at_keyword
    if keyword in ("charset", "import"):
        return _Other(rule.serialize(), "always") if keyword == "import" else None
    if keyword == "font-face":
        names = set()
        fonts = []
        for d in _declarations(rule.content or []):
            if d.lower_name == "font-family":
                names |= family_names(d.value)
            elif d.lower_name == "src":
                fonts += _urls(d.value)
        text = rule.serialize()
        if HEAVY_DATA_URL.search(text):
            return None  # a font in a data: URL: never carried into a page
        return _Other(text, "font-face", names, [u for u in fonts if u])
    if keyword.endswith("keyframes"):
        name = tinycss2.serialize(rule.prelude).strip().strip("\"'")
        text = rule.serialize()
        return _Other(text, "keyframes", {name}, reads=_reads(rule.content or []))
    if keyword in _GROUPS and rule.content is not None:
        head = f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}".rstrip()
        group = _Group(head, reads=_dashed(rule.prelude))
        printing = printing or bool(_PRINT.match(head))
        if parent is None:
            items = tinycss2.parse_stylesheet(
                rule.content, skip_comments=True, skip_whitespace=True
            )
        else:  # inside a style rule: declarations and nested rules for the same element
            items = tinycss2.parse_blocks_contents(
                rule.content, skip_comments=True, skip_whitespace=True
            )
            group.decls = [_decl(i) for i in items if i.type == "declaration"]
        for item in items:
            child = _node(item, parent, printing) if item.type != "declaration" else None
            if child is not None:
                group.children.append(child)
        return group
    text = rule.serialize()
    if HEAVY_DATA_URL.search(text):
        return None
    return _Other(text, "always")  # @layer a, b; @property; @namespace; ...


def _style_rule(rule, parent: _Rule | None, printing: bool) -> _Rule:
    prelude = tinycss2.serialize(rule.prelude).strip()
    items = tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True)
    selectors = []
    resolved_all = []
    for tokens in split_list(rule.prelude):
        simple = for_matching(tokens)
        if parent is not None:
            context = f"*:is({parent.match_list})"
            simple = simple.replace("&", context) if "&" in simple else f"{context} {simple}"
        exact = at_first_paint(tokens)
        if exact is not None and parent is not None:
            exact = exact.replace("&", context) if "&" in exact else f"{context} {exact}"
        resolved_all.append(simple)
        selectors.append((exact, simple, requirements(tokens)))
    decls = [_decl(i) for i in items if i.type == "declaration"]
    node = _Rule(prelude, selectors, decls, printing=printing)
    node.heavy = any(HEAVY_DATA_URL.search(d.text) for d in decls if "data:" in d.text)
    node.match_list = ", ".join(resolved_all) or "*"
    for item in items:
        if item.type != "declaration":
            child = _node(item, node, printing)
            if child is not None:
                node.children.append(child)
    return node


def _decl(d) -> _Decl:
    custom = d.name if d.name.startswith("--") else ""
    name = d.lower_name
    families = family_names(d.value) if custom or name in _FONT_PROPERTIES else set()
    animations = (
        {t.value for t in d.value if t.type == "ident"}
        if custom or name in _ANIMATION_PROPERTIES
        else set()
    )
    return _Decl(
        d.serialize() + ";", custom, _reads(d.value), frozenset(families), frozenset(animations)
    )


def _reads(tokens) -> frozenset[str]:
    """The custom properties `var()` reads in a value (fallbacks included)."""
    found: set[str] = set()
    for t in tokens:
        if t.type == "function":
            if t.lower_name == "var":
                name = next((a for a in t.arguments if a.type != "whitespace"), None)
                if name is not None and name.type == "ident" and name.value.startswith("--"):
                    found.add(name.value)
            found |= _reads(t.arguments)
        elif t.type in ("() block", "[] block", "{} block"):
            found |= _reads(t.content)
    return frozenset(found)


def _dashed(tokens) -> frozenset[str]:
    """Every `--name` in a group's condition (`@container style(--theme: dark)`), as read."""
    found: set[str] = set()
    for t in tokens:
        if t.type == "ident" and t.value.startswith("--"):
            found.add(t.value)
        elif t.type == "function":
            found |= _dashed(t.arguments)
        elif t.type in ("() block", "[] block"):
            found |= _dashed(t.content)
    return frozenset(found)


def _declarations(content: list) -> list:
    return [
        d
        for d in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if d.type == "declaration"
    ]


def family_names(tokens, function: Callable | None = None) -> set[str]:
    """Family names in a value: strings, and runs of identifiers ("Open Sans" unquoted); in
    a function's arguments too, or what `function(token)` gives for it (`css/fonts.py`
    expands `var()` with it)."""
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
            names |= function(t) if function is not None else family_names(t.arguments)
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
