"""The reference browser: what the page report assumes of the browser a first visit uses.

A window `VIEWPORT` CSS pixels wide (landscape) at device pixel ratio `DPR`, which supports AVIF
and WebP (`SUPPORTED_IMAGE_TYPES`). Media queries are matched in that window (`media_matches`),
`sizes` give an image its width in it (`slot_width`), and a `srcset` counts once, as the
candidate such a browser picks (`pick_candidate`; `<picture>` takes its first `<source>` of a
supported type whose media matches). Font-relative lengths in `sizes` and media queries (`em`,
`rem`, `ch`, `ex`) are of the initial font, as browsers compute them there: 16 px of Chromium's
default standard font, Times New Roman, which Linux renders with the metric-compatible
Liberation Serif (`fonts-liberation`): its "0" is 8 px wide (`ch`) and its x-height 7.34375 px
(`ex`). `report.json` states these under `reference`.
"""

from __future__ import annotations

import re

VIEWPORT = 1280
DPR = 1.0
# The initial font `sizes` and media queries measure `em`/`ch`/`ex` with (see above); a test
# checks these against what Chromium measures
REFERENCE_FONT = "Times New Roman (Liberation Serif), 16px"
FONT_SIZE = 16.0
CH = 8.0
EX = 7.34375
# image types the reference browser shows ("": a candidate that names no type)
SUPPORTED_IMAGE_TYPES = ("image/avif", "image/webp", "image/jpeg", "image/png", "image/gif", "")


_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)(px|vw|em|rem|ch|ex)\s*$", re.IGNORECASE)
_FONT_UNITS = {"em": FONT_SIZE, "rem": FONT_SIZE, "ch": CH, "ex": EX}  # of the initial font
_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*(\d+(?:\.\d+)?)(px|em|rem)\s*\)", re.IGNORECASE)


def _length(text: str, viewport: float) -> float | None:
    m = _LENGTH.match(text)
    if not m:
        return None
    value, unit = float(m[1]), m[2].lower()
    return value * viewport / 100 if unit == "vw" else value * _FONT_UNITS.get(unit, 1)


def media_matches(media: str | None, viewport: float) -> bool:
    """Whether a media query holds for the reference window (`viewport` wide, landscape):
    `(min-width)`/`(max-width)` and `(orientation)` joined by `and`, `not (...)` (the
    art-directed preloads' form), `all` and `screen`; anything else (print, ...) does not."""
    if not media or media.strip().lower() in ("all", "screen"):
        return True
    text = re.sub(r"^\s*(only\s+)?(screen|all)\s+and\s+", "", media.strip(), flags=re.I)
    return _condition(text, viewport) is True


def _condition(text: str, viewport: float) -> bool | None:
    """A media condition's value in the reference window; None when it cannot be told."""
    text = text.strip()
    if text.lower().startswith("not ") or text.lower().startswith("not("):
        inner = _condition(text[3:], viewport)
        return None if inner is None else not inner
    parts = _split_and(text)
    if len(parts) > 1:
        values = [_condition(p, viewport) for p in parts]
        return None if None in values else all(values)
    if text.startswith("(") and text.endswith(")") and _split_and(text[1:-1]) is not None:
        inner = text[1:-1].strip()
        if inner.startswith("(") or inner.lower().startswith("not"):
            return _condition(inner, viewport)
    m = _FEATURE.fullmatch(text)
    if m:
        px = float(m[2]) * (FONT_SIZE if m[3].lower() != "px" else 1)
        return viewport >= px if m[1].lower() == "min" else viewport <= px
    m = re.fullmatch(r"\(\s*orientation\s*:\s*(portrait|landscape)\s*\)", text, re.I)
    if m:
        return m[1].lower() == "landscape"
    return None


def _split_and(text: str) -> list[str] | None:
    """`text` split at its top-level `and`s; None when its parentheses do not balance."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|\band\b", text, re.I):
        if m[0] == "(":
            depth += 1
        elif m[0] == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            parts.append(text[start : m.start()])
            start = m.end()
    if depth:
        return None
    parts.append(text[start:])
    return [p.strip() for p in parts]


def slot_width(sizes: str | None, viewport: float) -> float:
    """The width `sizes` gives an image in the reference window (100vw when it says nothing
    usable; `auto` is skipped, as the layout width is not known here)."""
    for entry in _split_commas(sizes or ""):
        if entry.lower() == "auto":
            continue
        if entry.startswith("("):
            depth, end = 0, 0
            for i, c in enumerate(entry):
                depth += c == "("
                depth -= c == ")"
                if depth == 0:
                    end = i + 1
                    break
            condition, length = entry[:end], entry[end:].strip()
            if not media_matches(condition, viewport):
                continue
            entry = length
        width = _length(entry, viewport)
        if width is not None:
            return width
    return viewport


def _split_commas(text: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [e for e in out if e]


def pick_candidate(
    srcset: str | None, src: str | None, sizes: str | None, viewport: float, dpr: float
) -> str | None:
    """The URL a browser loads for an image: from `srcset` (w descriptors with `sizes`, or x
    descriptors), else `src`."""
    candidates: list[tuple[float, str, str]] = []
    for item in _split_commas(srcset or ""):
        url, _, descriptor = item.partition(" ")
        descriptor = descriptor.strip().lower()
        if descriptor.endswith("w") and descriptor[:-1].isdigit():
            candidates.append((float(descriptor[:-1]), "w", url))
        elif descriptor.endswith("x"):
            try:
                candidates.append((float(descriptor[:-1]), "x", url))
            except ValueError:
                continue
        else:
            candidates.append((1.0, "x", url))
    if not candidates:
        return src
    if any(k == "w" for _, k, _ in candidates):
        need = slot_width(sizes, viewport) * dpr
        widths = sorted((v, u) for v, k, u in candidates if k == "w")
    else:
        need = dpr
        widths = sorted((v, u) for v, _, u in candidates)
    for value, url in widths:
        if value >= need:
            return url
    return widths[-1][1]
