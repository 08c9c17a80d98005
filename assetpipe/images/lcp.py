"""Which image is a page's likely largest contentful paint (LCP): an `<img>`, or a CSS
background, guessed from the HTML and the sizes the page's CSS declares.

The heuristic, at a phone's viewport (412x823 CSS px, what `assetpipe audit` and Lighthouse
load pages at): walk the page's elements in document order, collect the ones that are
large, and take the largest in area (the first of equals) among those on the first screen
(collecting stops once the large ones so far are together as tall as the viewport):

- an `<img>` whose rendered width is at least `MAIN_MIN_WIDTH` (300 px). Its rendered width is
  the CSS `width` (px, em, rem, vw; `%` of the viewport), else its CSS `height` times the
  image's aspect ratio, else its `width` attribute (or the file's width), capped by a CSS
  `max-width`. So a 2048 px logo that `.brand img { height: 40px }` shows at 40x40 is not it,
  and a 200 px `width` attribute that `.hero { width: 100% }` stretches is;
- an element whose CSS background is an image with variants, at least 300 px wide (its CSS
  `width`, else the viewport's, as a block is) and 150 px high (its `height` or
  `min-height`, `aspect-ratio`, or `padding-top`/`padding-bottom` in `%`).

Images the author made lazy or `fetchpriority="low"`, and anything `hidden` or
`display: none` (itself or an ancestor), are passed over; but when an image the author made
lazy would be the largest, `Main.lazy` says so (the build warns: a lazy image waits for
layout before it is fetched, Lighthouse's "LCP image was lazily loaded"). Rules inside
`@media` count when their condition holds at 412 px (`min-width`/`max-width` in px, em or
rem; other conditions are assumed false). Cascade: `!important`, then specificity, then
order; a `style` attribute over rules. What comes first in the document is taken to be higher
on the screen, which holds for the usual header, hero, content; text between them is not
counted, so the first screen is over-estimated rather than cut short (the lazy warning does
count it, roughly, so as not to warn about an image below the fold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tinycss2

from ..html.refs import ImgTag
from .pagestyle import MARK, PageStyle, marked_html, matches, parse

VIEWPORT = (412, 823)
MAIN_MIN_WIDTH = 300
MIN_BACKGROUND_HEIGHT = 150
_PROPERTIES = frozenset(
    {
        "width", "height", "max-width", "min-height", "aspect-ratio", "padding-top",
        "padding-bottom", "padding", "display", "background", "background-image",
    }
)  # fmt: skip
_LENGTH = re.compile(r"^(-?\d*\.?\d+)(px|rem|em|vw|vh|%)$")
_MEDIA_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*(\d*\.?\d+)(px|em|rem)\s*\)")


@dataclass(frozen=True, slots=True)
class Main:
    img: int = -1  # the start of the main `<img>`, or -1
    background: str | None = None  # or the source path of the main CSS background image
    early: frozenset[int] = frozenset()  # the `<img>`s (starts) before it: on the first screen
    lazy: int = -1  # an `<img>` the author made lazy that would be the largest, or -1


def guess(
    text: str, images: tuple[ImgTag, ...], style: PageStyle, size_of, eligible, lazy=None
) -> Main:
    """The page's likely LCP element. `size_of(tag)` is an `<img>`'s (width, height) from its
    attributes or file, or None; `eligible(tag)` whether the author left it to us; `lazy(tag)`
    whether the author made it lazy (measured, to warn, though not eligible)."""
    starts = [tag.img.start for tag in images]
    tree = parse(marked_html(text, starts))
    declared = _declared(tree, style)
    body = tree.body
    if body is None:
        return Main()
    seen: list[int] = []  # eligible `<img>`s so far, in document order
    found: list[tuple[float, Main]] = []  # large candidates: (area, what)
    below = 0.0  # how far down the large candidates so far reach, at least
    text_above = 0.0  # and the lines of text before them, roughly (for the lazy warning)
    for node in body.traverse():
        if below >= VIEWPORT[1]:
            break  # past the first screen
        if _hidden(node, declared):
            continue
        text_above += _text_height(node)
        values = declared.get(node.mem_id, {})
        if node.tag == "img" and MARK in node.attributes:
            tag = images[int(node.attributes[MARK])]
            author_lazy = lazy is not None and lazy(tag)
            if not eligible(tag) and not author_lazy:
                continue
            width, height = _img_size(values, size_of(tag))
            if width >= MAIN_MIN_WIDTH:
                main = Main(img=tag.img.start, early=frozenset(seen))
                if not author_lazy:
                    found.append((width * height, main))
                elif below + text_above < VIEWPORT[1]:  # its top on the first screen
                    found.append((width * height, Main(lazy=tag.img.start)))
                below += height
            if not author_lazy:
                seen.append(tag.img.start)
            continue
        background = values.get("background-image")
        if background is None or not background[1]:
            continue
        width = min(_length(values.get("width"), VIEWPORT[0]) or VIEWPORT[0], VIEWPORT[0])
        height = max(
            _length(values.get("height"), None) or 0,
            _length(values.get("min-height"), None) or 0,
            _ratio_height(values.get("aspect-ratio"), width),
            _length(values.get("padding-top"), VIEWPORT[0]) or 0,
            _length(values.get("padding-bottom"), VIEWPORT[0]) or 0,
        )
        if width >= MAIN_MIN_WIDTH and height >= MIN_BACKGROUND_HEIGHT:
            found.append((width * height, Main(background=background[1][0], early=frozenset(seen))))
            below += height
    largest = max(found, key=lambda f: f[0], default=(0, Main()))[1]  # the first of the largest
    if largest.lazy < 0:
        return largest
    eligible_ones = [f for f in found if f[1].lazy < 0]
    best = max(eligible_ones, key=lambda f: f[0], default=(0, Main()))[1]
    return Main(best.img, best.background, best.early, largest.lazy)


_TEXT_LINE = {"h1": (16.0, 40.0), "h2": (13.0, 32.0), "h3": (11.0, 28.0)}  # (char, line) px


def _text_height(node) -> float:
    """How tall an element's own text is at the viewport's width, roughly: 8 px a character
    and 24 px a line (larger in headings), over the viewport less 2 rem of margins."""
    if node.tag in ("script", "style", "template", "head", "title", "-text", "-comment"):
        return 0.0
    chars = len(" ".join((node.text(deep=False, separator=" ") or "").split()))
    if not chars:
        return 0.0
    char, line = _TEXT_LINE.get(node.tag, (8.0, 24.0))
    return -(-chars * char // (VIEWPORT[0] - 32)) * line


def _declared(tree, style: PageStyle) -> dict[int, dict[str, tuple[str, tuple[str, ...]]]]:
    """For each element (node id): the winning value of each property that sizes it, with
    the images its value names."""
    best: dict[int, dict[str, tuple[tuple, str, tuple[str, ...]]]] = {}
    sizing = (
        r
        for r in style.rules
        if any(d.name in _PROPERTIES for d in r.declarations)
        and all(_media_holds(m) for m in r.media)
    )
    for rule, selector, nodes in matches(tree, sizing):
        declarations = [d for d in rule.declarations if d.name in _PROPERTIES]
        for node in nodes:
            values = best.setdefault(node.mem_id, {})
            for d in declarations:
                key = (d.important, selector.specificity, rule.order)
                for name, value in _longhands(d.name, d.value):
                    if name not in values or values[name][0] <= key:
                        values[name] = (key, value, d.images)
    for node in tree.body.traverse() if tree.body is not None else ():
        inline = node.attributes.get("style")
        if not inline:
            continue
        values = best.setdefault(node.mem_id, {})
        for item in tinycss2.parse_blocks_contents(inline, True, True):
            if item.type == "declaration" and item.lower_name in _PROPERTIES:
                value = tinycss2.serialize(item.value).strip()
                key = (item.important, (10**6, 0, 0), (10**6, 0))
                for name, v in _longhands(item.lower_name, value):
                    if name not in values or values[name][0] <= key:
                        values[name] = (key, v, ())
    return {
        node: {name: (v, images) for name, (_, v, images) in values.items()}
        for node, values in best.items()
    }


def _longhands(name: str, value: str):
    if name == "padding":
        parts = value.split()
        if parts:
            yield "padding-top", parts[0]
            yield "padding-bottom", parts[2] if len(parts) > 2 else parts[0]
        return
    yield ("background-image" if name == "background" else name), value


def _media_holds(condition: str) -> bool:
    """Whether an `@media` condition holds at the phone viewport (only width conditions are
    understood; anything else is taken as false, so desktop-only rules do not count)."""
    text = condition.lower().replace("only screen and", "").replace("screen and", "").strip()
    if text in ("screen", "all"):
        return True
    features = _MEDIA_FEATURE.findall(text)
    rest = _MEDIA_FEATURE.sub("", text).replace("and", "").strip()
    if not features or rest:
        return False
    for kind, number, unit in features:
        px = float(number) * (16 if unit in ("em", "rem") else 1)
        if (kind == "min" and VIEWPORT[0] < px) or (kind == "max" and VIEWPORT[0] > px):
            return False
    return True


def _length(entry, percent_of: float | None) -> float | None:
    if entry is None:
        return None
    m = _LENGTH.match(entry[0].replace("!important", "").strip().lower())
    if m is None:
        return None
    number, unit = float(m[1]), m[2]
    if unit == "px":
        return number
    if unit in ("em", "rem"):
        return number * 16
    if unit == "vw":
        return number * VIEWPORT[0] / 100
    if unit == "vh":
        return number * VIEWPORT[1] / 100
    return None if percent_of is None else number * percent_of / 100


def _ratio_height(entry, width: float) -> float:
    if entry is None:
        return 0
    m = re.match(r"^\s*(\d*\.?\d+)\s*(?:/\s*(\d*\.?\d+))?", entry[0])
    if m is None or float(m[1]) == 0:
        return 0
    return width * float(m[2] or 1) / float(m[1])


def _img_size(values: dict, size) -> tuple[float, float]:
    """An `<img>`'s rendered (width, height) as far as the declared CSS tells, at most the
    viewport's (what can be seen of it)."""
    natural_w, natural_h = size or (0, 0)
    ratio = natural_h / natural_w if natural_w and natural_h else 0
    css_ratio = _ratio_height(values.get("aspect-ratio"), 1.0)
    ratio = css_ratio or ratio
    width = _length(values.get("width"), VIEWPORT[0])
    height = _length(values.get("height"), None)
    if width is None:
        width = height / ratio if height is not None and ratio else natural_w
    cap = _length(values.get("max-width"), VIEWPORT[0])
    width = min(width, cap) if cap is not None else width
    if height is None:
        height = width * ratio
    return min(width, VIEWPORT[0]), min(height, VIEWPORT[1])


def _hidden(node, declared) -> bool:
    while node is not None and node.tag not in ("body", "html"):
        if "hidden" in node.attributes:
            return True
        display = declared.get(node.mem_id, {}).get("display")
        if display is not None and display[0].split("!")[0].strip().lower() == "none":
            return True
        node = node.parent
    return False
