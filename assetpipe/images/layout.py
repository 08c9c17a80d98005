"""Which `<img>`s may be wrapped in `<picture style="display:contents">` without changing how
the page is laid out.

`display: contents` gives the `<picture>` no box, so its `<img>` is laid out as a child of the
element the author put it in: a flex or grid item stays one (blockified, `min-width: auto`,
no baseline gap). What it cannot keep are selectors that see the extra element: `.bar > img`,
`img:first-child`, `h2 + img`, `:nth-child()`, `*-of-type`, `:has(> img)`, `.stack > *` (which
now matches the `<picture>` instead of the `<img>`), and rules that give the `<picture>` an
inherited property (`.row > * { font-size: 2em }`) the `<img>` would inherit.

So the page is matched twice, as written and with the candidate `<img>`s wrapped, against
every selector of the page that has a child or sibling combinator or a structural
pseudo-class (the only ones whose answer can change), and against every selector for what it
matches among the new `<picture>`s. An element matched differently is blamed on the wrapped
`<img>`s nearest to it (itself; else those under its parent, going up until there are some);
those are left unwrapped, and the page is matched again until nothing differs. Invariant: for
every selector the page's CSS has, the `<img>`s and the author's elements it matches are the
same in the built page as in the page as written.
"""

from __future__ import annotations

import tinycss2

from .pagestyle import MARK, PICTURE_MARK, PageStyle, Rule, marked_html, matches, parse

# Inherited properties: given to a `display: contents` `<picture>`, they reach its `<img>`
_INHERITED = frozenset(
    {
        "azimuth", "border-collapse", "border-spacing", "caption-side", "caret-color", "color",
        "color-scheme", "cursor", "direction", "empty-cells", "fill", "fill-opacity",
        "fill-rule", "hyphens", "image-orientation", "image-rendering", "letter-spacing",
        "line-break", "line-height", "orphans", "overflow-wrap", "paint-order",
        "pointer-events", "quotes", "stroke", "tab-size", "visibility", "white-space",
        "widows", "word-break", "word-spacing", "word-wrap", "writing-mode", "accent-color",
        "all", "zoom",
    }
)  # fmt: skip
_INHERITED_PREFIXES = ("--", "font", "text-", "list-style", "-webkit-text", "-webkit-font")


def wrappable(text: str, starts: list[int], style: PageStyle) -> frozenset[int]:
    """The `<img>`s (by start, among `starts`) that may go in a `<picture>`."""
    if not starts or not style.complete:
        return frozenset()
    structural = [s.text for r in style.rules for s in r.selectors if s.structural]
    inherited = [
        s.text
        for r in style.rules
        if _sets_inherited(r)
        for s in r.selectors
        if not s.pseudo_element
    ]
    original = parse(marked_html(text, starts))
    before = _elements(original)
    nodes = _nodes(original)
    answers = {selector: _matched(original, selector, before) for selector in structural}
    wrap = set(starts)
    for _ in range(len(starts) + 1):
        tree = parse(marked_html(text, starts, frozenset(wrap)))
        after = _elements(tree)
        if len(after) != len(before):  # the parser put something elsewhere: be safe
            return frozenset()
        blamed: set[int] = set()
        for selector in structural:
            found = _matched(tree, selector, after)
            if found is None or answers[selector] is None:
                blamed |= {starts[k] for k in _wrapped_under(original.body, starts, wrap)}
                continue
            for index in found ^ answers[selector]:
                blamed |= _blame(nodes[index], starts, wrap)
        for selector in inherited:
            try:
                pictures = tree.css(selector)
            except Exception:  # noqa: BLE001 (Lexbor refuses a selector: assume the worst)
                blamed |= {starts[k] for k in _wrapped_under(original.body, starts, wrap)}
                continue
            for node in pictures:
                mark = node.attributes.get(PICTURE_MARK) if node.tag == "picture" else None
                if mark is not None:
                    blamed.add(starts[int(mark)])
        blamed &= wrap
        if not blamed:
            return frozenset(wrap)
        wrap -= blamed
    return frozenset(wrap)


def _sets_inherited(rule: Rule) -> bool:
    return any(
        d.name in _INHERITED
        or d.name.startswith(_INHERITED_PREFIXES)
        or (d.name == "display" and d.important)
        for d in rule.declarations
    )


def _nodes(tree) -> list:
    """The elements in document order, the `<picture>`s the build adds and their `<source>`s
    left out (so both trees number the author's elements alike)."""
    return [
        node for node in (tree.root.traverse() if tree.root is not None else ()) if not _added(node)
    ]


def _added(node) -> bool:
    """A `<picture>` the build adds, or one of its `<source>`s."""
    if node.tag == "source":
        node = node.parent
    return node is not None and node.tag == "picture" and PICTURE_MARK in node.attributes


def _elements(tree) -> dict[int, int]:
    """Each element's node id -> its index in `_nodes` order."""
    return {node.mem_id: i for i, node in enumerate(_nodes(tree))}


def _matched(tree, selector: str, index: dict[int, int]) -> set[int] | None:
    try:
        return {index[n.mem_id] for n in tree.css(selector) if n.mem_id in index}
    except Exception:  # noqa: BLE001 (a selector Lexbor cannot read)
        return None


def _blame(node, starts: list[int], wrap: set[int]) -> set[int]:
    """The wrapped `<img>`s an element matched differently is blamed on: itself if it is one,
    else the wrapped ones inside it (`:has()`), else under its parent (its siblings), or
    under the nearest ancestor that has some."""
    if node.tag == "img" and MARK in node.attributes:
        start = starts[int(node.attributes[MARK])]
        if start in wrap:
            return {start}
    inside = _wrapped_under(node, starts, wrap)
    if inside:
        return {starts[k] for k in inside}
    while node is not None:
        parent = node.parent or node
        found = _wrapped_under(parent, starts, wrap)
        if found:
            return {starts[k] for k in found}
        if parent is node:
            break
        node = parent
    return set()


def _wrapped_under(node, starts: list[int], wrap: set[int]) -> list[int]:
    if node is None:
        return []
    return [
        int(n.attributes[MARK])
        for n in node.css(f"img[{MARK}]")
        if starts[int(n.attributes[MARK])] in wrap
    ]


_WIDTHS = ("width", "inline-size")
_HEIGHTS = ("height", "block-size")
_CONSTRAINTS_W = ("max-width", "min-width", "max-inline-size", "min-inline-size")
_CONSTRAINTS_H = ("max-height", "min-height", "max-block-size", "min-block-size")


def sizing(
    text: str, images: list[tuple[int, bool]], style: PageStyle
) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """Of the `<img>`s (start, whether the author wrote `width`), those that may be given
    `width` and `height` attributes (the file's size, for the aspect ratio before it loads)
    without changing their box once loaded, and those whose width does not come from the
    file (so a `srcset` with `w` descriptors, whose chosen file's width is the `sizes` length,
    and `sizes="auto"`, leave it as it was).

    The attributes are presentational hints: `width: Wpx; height: Hpx`. A width attribute
    changes nothing when CSS sets the width itself, or when nothing in CSS would make the
    height differ from the file's (then the width is the file's anyway); the same for the
    height. `.logo { height: 40px }` alone, or `max-width: 100%` without `height: auto`,
    would stretch the image, and in a flex container a height attribute stops the stretch.
    The width is fixed by a CSS width other than `auto`, a CSS height (the width follows
    the aspect ratio) or a `width` attribute CSS does not override. Every rule that can
    match counts, whatever its `@media` (so: as cautious as any width). Third: those no rule
    and not their `style` attribute give an `aspect-ratio`, which may then get the file's own
    (a variant's whole-pixel height would otherwise change it: 480x320 for 640x427)."""
    starts = [start for start, _ in images]
    if not starts or not style.complete:
        return frozenset(), frozenset(), frozenset()
    tree = parse(marked_html(text, starts))
    declared: dict[int, dict[str, str]] = {}
    for rule, _, nodes in matches(tree, style.rules):
        for node in nodes:
            values = declared.setdefault(node.mem_id, {})
            for d in rule.declarations:
                values.setdefault(d.name, d.value.lower())
                if _constrains(d.value.lower()):
                    values[d.name] = d.value.lower()
    safe, fixed, ratio = set(), set(), set()
    for node in tree.css(f"img[{MARK}]"):
        start, has_width = images[int(node.attributes[MARK])]
        values = dict(declared.get(node.mem_id, {}))
        values.update(_inline(node))
        parent = node.parent
        parent_values = dict(declared.get(parent.mem_id, {})) if parent is not None else {}
        if parent is not None:
            parent_values.update(_inline(parent))
        flex = "flex" in parent_values.get("display", "")
        sets_w = any(p in values for p in _WIDTHS)
        sets_h = any(p in values for p in _HEIGHTS)
        # the width or height can be other than the file's
        bends_w = any(_constrains(values.get(p)) for p in (*_WIDTHS, *_CONSTRAINTS_W))
        bends_h = any(_constrains(values.get(p)) for p in (*_HEIGHTS, *_CONSTRAINTS_H))
        width_ok = sets_w or not (bends_h or flex)
        height_ok = sets_h or not (bends_w or flex)
        if "all" in values:
            continue
        if "aspect-ratio" not in values:
            ratio.add(start)
        if width_ok and height_ok:
            safe.add(start)
        css_width = any(_constrains(values.get(p)) for p in _WIDTHS)
        css_height = any(_constrains(values.get(p)) for p in _HEIGHTS)
        attribute_width = not sets_w and (has_width or start in safe)
        if css_width or (css_height and not sets_w) or attribute_width:
            fixed.add(start)
    return frozenset(safe), frozenset(fixed), frozenset(ratio)


def _constrains(value: str | None) -> bool:
    return value is not None and value.strip() not in ("auto", "none", "initial", "unset", "0")


def _inline(node) -> dict[str, str]:
    text = node.attributes.get("style")
    if not text:
        return {}
    return {
        d.lower_name: tinycss2.serialize(d.value).strip().lower()
        for d in tinycss2.parse_blocks_contents(text, True, True)
        if d.type == "declaration"
    }
