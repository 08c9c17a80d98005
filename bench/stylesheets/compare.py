"""Element-by-element differences between two snapshots (see :mod:`.snapshot`).

Elements are matched by path (so an ``<img>`` that assetpipe wrapped in ``<picture>`` is the
same element); an element found on one side only is a difference of its own. For each matched
element every computed property is compared, then the box, then each pseudo-element's style.

Values are compared as Chromium serialises them, with these normalisations:

- a ``url()`` names the file it points at by its *source* path. On the unbuilt side that is the
  URL's path; on the built side the hashed output file is looked up in the build's manifest
  (``outputs`` -> ``source``), so ``url("/assets/fa-solid-900-Ab12Cd34.woff2")`` and
  ``url("/vendor/fa/webfonts/fa-solid-900.woff2")`` compare equal, and a ``url()`` that points
  at a different file (or at nothing assetpipe wrote) still differs. A query string or
  fragment is kept. An ``image-set()`` of variants of one image (what assetpipe writes for a
  CSS background, on purpose) compares as that image's ``url()``;
- numbers within :data:`PX_TOLERANCE` / :data:`RELATIVE_TOLERANCE`, the forms listed in
  :data:`EQUIVALENT`, lists of one repeated value (:data:`REPEATED_LISTS`) and an element's
  transitions listed in another order (:func:`_transitions`) are *near*: reported apart, not
  counted as differences; so is a colour in another notation or within half an 8-bit step
  (:mod:`.colors`: ``css.targets`` lowers ``oklch()`` to ``lab()`` for Safari 15); so are a
  vendor-prefixed transition as its unprefixed alias, and the 2009 flexbox's ``-webkit-box-*``
  properties on an element that is not ``display: -webkit-box`` (:data:`LEGACY_BOX`).

:data:`IGNORED` lists properties that may differ legitimately, with the reason (empty: none has
needed it); :data:`IGNORED_IMG` what the UA stylesheet gives assetpipe's lazy ``<img>``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import colors

IGNORED: dict[str, str] = {}

# On <img> only: the images stage writes `sizes="auto, ..."` on lazy images (README, Images),
# and the HTML standard's UA stylesheet gives such an image `contain: size !important;
# contain-intrinsic-size: 300px 150px`, so that its laid-out width can pick the srcset
# candidate. Its box, compared apart, shows when that changes the layout.
IGNORED_IMG: dict[str, str] = {
    prop: "UA style of img[sizes=auto] (assetpipe's lazy images)"
    for prop in (
        "contain",
        "contain-intrinsic-size",
        "contain-intrinsic-width",
        "contain-intrinsic-height",
        "contain-intrinsic-inline-size",
        "contain-intrinsic-block-size",
    )
}

# Numbers that differ by less than this are the same: Lightning CSS keeps 6 significant digits
# (it stores numbers as 32-bit floats), so `width: 33.33333333%` is written `33.3333%` and a
# Bootstrap column is 379.984 px wide instead of 380 (1/64 px, Chromium's layout unit). Such
# values are kept apart as `near` (reported, not counted as differences).
PX_TOLERANCE = 0.05  # for lengths in px
RELATIVE_TOLERANCE = 1e-4  # for every other number
BOX_TOLERANCE = 0.5  # a box differs when an edge or a size moved this much (px)
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?(px)?")

_URL = re.compile(r'url\("([^"]*)"\)')
_IMAGE_SET = re.compile(r"image-set\(((?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)")


def _collapse(match: re.Match[str]) -> str:
    """``image-set()`` whose candidates are all variants of one source image (after
    :func:`url_normalizer`) as that image's ``url()``: assetpipe's images stage adds such a
    declaration after every background with an image (README, Images), on purpose."""
    urls = set(_URL.findall(match[1]))
    return f'url("{urls.pop()}")' if len(urls) == 1 else match[0]


def url_normalizer(outputs: dict[str, str] | None) -> Callable[[str], str]:
    """A function rewriting every ``url("...")`` in a computed value to its source path:
    ``outputs`` maps the build's output paths to their sources (None: the unbuilt side, whose
    paths already are source paths)."""

    def one(match: re.Match[str]) -> str:
        url = match[1]
        if url.startswith("data:") or "//" in url.split("?")[0][:8]:
            return match[0]
        path, sep, rest = _split(url)
        path = path.lstrip("/")
        if outputs is not None:
            path = outputs.get(path, "(not in manifest) " + path)
        return f'url("{path}{sep}{rest}")'

    def normalize(value: str) -> str:
        if "url(" not in value:
            return value
        value = _URL.sub(one, value)
        return _IMAGE_SET.sub(_collapse, value) if "image-set(" in value else value

    return normalize


def _split(url: str) -> tuple[str, str, str]:
    for i, ch in enumerate(url):
        if ch in "?#":
            return url[:i], ch, url[i + 1 :]
    return url, "", ""


@dataclass(frozen=True, slots=True)
class Difference:
    """One value of one element that differs: ``where`` is ``""`` for the element itself,
    ``"box"`` for its bounding box, or a pseudo-element (``"::before"``)."""

    path: str
    label: str
    where: str
    prop: str
    before: str
    after: str

    def as_list(self) -> list[str]:
        return [self.path, self.label, self.where, self.prop, self.before, self.after]


# Values Chromium serialises differently but that style the element the same, each with why.
EQUIVALENT: dict[tuple[str, str, str], str] = {
    ("background-position", "0% 0%", "0px 0px"): (
        "Lightning CSS writes `background: none` (and `transparent`) as `background: 0 0`; "
        "an image at 0px 0px and at 0% 0% is placed alike"
    ),
    ("background-position-x", "0%", "0px"): "the same, one longhand",
    ("background-position-y", "0%", "0px"): "the same, one longhand",
}
# Comma-separated longhands whose list is repeated to the length of another (CSS Transitions
# and Animations: `transition-duration: 80ms` with four properties is `80ms, 80ms, 80ms, 80ms`):
# Lightning CSS merges `transition: 80ms ease; transition-property: a, b, c, d` into one
# shorthand that repeats every value.
REPEATED_LISTS = ("transition-", "animation-")


TRANSITION = (
    "transition-property",
    "transition-duration",
    "transition-timing-function",
    "transition-delay",
    "transition-behavior",
)


# The 2009 flexbox's properties (`-webkit-box-align`, `-webkit-box-flex`, ...) only lay out a
# `display: -webkit-box` element (today: line clamping); Lightning CSS drops them beside their
# modern equivalents (Foundation's `-webkit-box-align: center; align-items: center` on a flex
# container; docs/upstream-lightningcss.md, item 6), so on any other element they are near.
LEGACY_BOX = "-webkit-box-"


def _legacy_box(props: list[str], values: list[str]) -> bool:
    """Whether the element is laid out by the 2009 flexbox (`display: -webkit-box`)."""
    try:
        return "-webkit-" in values[props.index("display")]
    except ValueError:
        return True  # no display: count the properties


def _transitions(props: list[str], values: list[str]) -> dict[str, tuple[str, ...]]:
    """An element's transitions as {property: (duration, timing, delay, behavior)}: each list
    repeated to the length of ``transition-property``, the last entry for a property winning
    (CSS Transitions 1). Lightning CSS reorders them (``transform, -webkit-transform`` becomes
    ``-webkit-transform, transform``, each keeping its own duration); a vendor-prefixed name
    counts as its unprefixed alias."""
    index = {p: i for i, p in enumerate(props)}
    if any(p not in index for p in TRANSITION):
        return {}
    lists = [_items(values[index[p]]) for p in TRANSITION]
    names, rest = lists[0], lists[1:]
    # `-webkit-transform` is Chromium's alias of `transform`: Tachyons' autoprefixed
    # `transition: transform .25s, -webkit-transform .25s` transitions one property, which
    # Lightning CSS writes once for targets that need no prefix
    return {
        re.sub(r"^-(webkit|moz|ms|o)-", "", name): tuple(items[n % len(items)] for items in rest)
        for n, name in enumerate(names)
    }


def equivalent(prop: str, a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ only in a form listed in :data:`EQUIVALENT` or by a
    list of one repeated value (:data:`REPEATED_LISTS`)."""
    if (prop, a, b) in EQUIVALENT:
        return True
    if prop == "font-family" and "fallback" in b:  # assetpipe's metric-matched fallback
        return _without_fallbacks(b) == a
    if prop.startswith(REPEATED_LISTS) and prop not in ("transition-property", "animation-name"):
        items_a, items_b = _items(a), _items(b)
        return len(set(items_a)) == 1 and len(set(items_b)) == 1 and items_a[0] == items_b[0]
    return False


def _without_fallbacks(family: str) -> str:
    """`"Inter", "Inter fallback", sans-serif` as `"Inter", sans-serif`: the fallback family the
    build names after each web font (README, Web fonts) shows only while the web font loads."""
    names = _items(family)
    kept = [
        n
        for i, n in enumerate(names)
        if not (i and n.strip("\"'") == names[i - 1].strip("\"'") + " fallback")
    ]
    return ", ".join(kept)


def _loaded(fonts: list[str]) -> list[str]:
    """The faces that loaded, but the fallbacks' (`<family> fallback <weight> <style>`)."""
    return [f for f in fonts if " fallback " not in f]


def _same_ratio(prop: str, a: str, b: str) -> bool:
    """An `<img>`'s `aspect-ratio: auto W / H` (from its attributes) and the `W / H` of the
    same ratio that the images stage writes so that a variant's whole-pixel height cannot
    change the box (README, Images): the box is compared apart."""
    if prop != "aspect-ratio" or not a.startswith("auto "):
        return False
    ratio_a, ratio_b = _ratio(a[5:]), _ratio(b)
    return ratio_a is not None and ratio_b is not None and abs(ratio_a - ratio_b) < 1e-3


def _ratio(value: str) -> float | None:
    parts = value.split("/")
    try:
        return float(parts[0]) / float(parts[1]) if len(parts) == 2 else None
    except (ValueError, ZeroDivisionError):
        return None


def _items(value: str) -> list[str]:
    """The comma-separated items of a list value (commas inside parentheses kept)."""
    items, depth, start = [], 0, 0
    for i, ch in enumerate(value):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            items.append(value[start:i].strip())
            start = i + 1
    items.append(value[start:].strip())
    return items


def near(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are the same value but for numbers within the tolerances and
    colours written in another notation (``oklch()`` lowered to ``lab()``: :mod:`.colors`)."""
    a, colors_a = colors.split(a)
    b, colors_b = colors.split(b)
    if len(colors_a) != len(colors_b) or not all(map(colors.same, colors_a, colors_b)):
        return False
    if _NUMBER.sub("#", a) != _NUMBER.sub("#", b):
        return False
    for x, y in zip(_NUMBER.finditer(a), _NUMBER.finditer(b), strict=True):
        if x[1] != y[1]:
            return False
        u, v = float(x[0].removesuffix("px")), float(y[0].removesuffix("px"))
        limit = PX_TOLERANCE if x[1] else RELATIVE_TOLERANCE * max(abs(u), abs(v), 1e-9)
        if abs(u - v) > limit:
            return False
    return True


@dataclass
class Comparison:
    elements: int  # matched elements (the unbuilt page's count)
    differing: int  # elements with at least one difference
    differences: list[Difference]
    near: list[Difference]  # equal within the tolerances, or equivalent (not differences)
    fonts_before: list[str]
    fonts_after: list[str]

    @property
    def fonts_differ(self) -> bool:
        return self.fonts_before != self.fonts_after


def compare(
    before: dict[str, Any],
    after: dict[str, Any],
    *,
    before_urls: Callable[[str], str],
    after_urls: Callable[[str], str],
) -> Comparison:
    """Every difference of ``after`` (the built page) from ``before`` (the page as written)."""
    props_a, props_b = before["props"], after["props"]
    index_b = {p: i for i, p in enumerate(props_b)}
    pairs = [(p, i, index_b.get(p)) for i, p in enumerate(props_a) if p not in IGNORED]
    pairs_img = [pair for pair in pairs if pair[0] not in IGNORED_IMG]
    elements_b = {e[0]: e for e in after["elements"]}
    found: list[Difference] = []
    close: list[Difference] = []
    differing: set[str] = set()

    def values(path: str, label: str, where: str, a: list[str] | None, b: list[str] | None) -> None:
        if a is None or b is None:
            found.append(
                Difference(
                    path, label, where, "(generated)", str(a is not None), str(b is not None)
                )
            )
            differing.add(path)
            return
        is_img = where == "" and re.split(r"[.#]", label, maxsplit=1)[0] == "img"
        here: list[Difference] = []
        for prop, i, j in pairs_img if is_img else pairs:
            va = before_urls(a[i])
            vb = "(not computed)" if j is None else after_urls(b[j])
            if va != vb:
                if (
                    near(va, vb)
                    or equivalent(prop, va, vb)
                    or (is_img and _same_ratio(prop, va, vb))
                ):
                    close.append(Difference(path, label, where, prop, va, vb))
                    continue
                here.append(Difference(path, label, where, prop, va, vb))
        legacy = [d for d in here if d.prop.startswith(LEGACY_BOX)]
        if legacy and not _legacy_box(props_a, a) and not _legacy_box(props_b, b):
            close.extend(legacy)  # 2009 flexbox properties of a box that is not -webkit-box
            here = [d for d in here if not d.prop.startswith(LEGACY_BOX)]
        moved = [d for d in here if d.prop in TRANSITION]
        if moved and _transitions(props_a, a) == _transitions(props_b, b):
            close.extend(moved)  # the same transitions, listed in another order
            here = [d for d in here if d.prop not in TRANSITION]
        found.extend(here)
        if here:
            differing.add(path)

    for path, label, vals, box, pseudo in before["elements"]:
        other = elements_b.pop(path, None)
        if other is None:
            found.append(Difference(path, label, "", "(element)", "present", "missing"))
            differing.add(path)
            continue
        _, label_b, vals_b, box_b, pseudo_b = other
        if label != label_b:
            found.append(Difference(path, label, "", "(element)", label, label_b))
        values(path, label, "", vals, vals_b)
        if any(abs(u - v) >= BOX_TOLERANCE for u, v in zip(box, box_b, strict=True)):
            found.append(Difference(path, label, "box", "x y w h", _box(box), _box(box_b)))
            differing.add(path)
        for where in sorted(pseudo.keys() | pseudo_b.keys()):
            values(path, label, where, pseudo.get(where), pseudo_b.get(where))
    for path, label, *_ in elements_b.values():
        found.append(Difference(path, label, "", "(element)", "missing", "present"))
        differing.add(path)
    if _loaded(before["fonts"]) != _loaded(after["fonts"]):
        found.append(
            Difference(
                "(document)",
                "",
                "",
                "fonts loaded",
                ", ".join(before["fonts"]),
                ", ".join(after["fonts"]),
            )
        )
    return Comparison(
        elements=len(before["elements"]),
        differing=len(differing),
        differences=found,
        near=close,
        fonts_before=before["fonts"],
        fonts_after=after["fonts"],
    )


def _box(box: list[float]) -> str:
    return " ".join(f"{v:g}" for v in box)


def summarize(differences: list[Difference], limit: int = 12) -> list[str]:
    """The differences grouped by (where, property, before, after), commonest first, one line
    each with how many elements and the first one's path."""
    groups: Counter[tuple[str, str, str, str]] = Counter()
    first: dict[tuple[str, str, str, str], Difference] = {}
    for d in differences:
        key = (d.where, d.prop, d.before, d.after) if d.where != "box" else ("box", "", "", "")
        groups[key] += 1
        first.setdefault(key, d)
    lines = []
    for key, count in groups.most_common(limit):
        d = first[key]
        what = f"{d.where} " if d.where and d.where != "box" else ""
        if d.where == "box":
            lines.append(
                f"{count} x box (x y w h), e.g. {d.path} ({d.label}): {d.before} -> {d.after}"
            )
        else:
            lines.append(
                f"{count} x {what}{d.prop}: {_cut(d.before)} -> {_cut(d.after)}"
                f"  e.g. {d.path} ({d.label})"
            )
    if len(groups) > limit:
        lines.append(f"... and {len(groups) - limit} more kinds")
    return lines


def _cut(value: str, width: int = 90) -> str:
    return value if len(value) <= width else value[: width - 3] + "..."
