"""Font files, read with fontTools: the metrics a fallback needs, and subsets.

`metrics` gives a web font's vertical metrics (what Chromium uses: the OS/2 typographic ones
when the font sets USE_TYPO_METRICS, else `hhea`'s), its average advance over latin text, and
the generic family its tables declare. The average is weighted by English letter frequencies
(a-z, and the space), as capsize's `xWidthAvg` is: `xAvgCharWidth` of OS/2 averages every
glyph the font has (Liberation Sans says 1208 units, latin text averages 915), which says
little about how wide a line of text is. A variable font is measured at the weight asked for.

`LOCAL_FONTS` are the fallbacks: Arial, Times New Roman and Courier New, whose metrics are
hard-coded. Liberation Sans, Serif and Mono (Debian's fonts-liberation) and Arimo, Tinos and
Cousine are metric-compatible with them (same advances and vertical metrics), so one set of
numbers serves all three names; the numbers are measured from the Liberation files with the
same weighting (`tests/css/test_fonts.py` checks them where the files are installed).

`subset` keeps only the code points a site's pages show, with fontTools' subsetter (as
glyphhanger and subfont do), every layout feature kept. Results are cached by the font file's
bytes (with `VERSION` and fontTools' version); output is deterministic (no timestamps are
written).
"""

from __future__ import annotations

import io
import json
import logging
from dataclasses import dataclass

from ..cache import Cache

VERSION = "2"  # bump when metrics or subsets would come out differently

# English letter frequencies (percent of letters), and the space at about one per 5.5 letters.
_WEIGHTS = {
    "a": 8.167, "b": 1.492, "c": 2.782, "d": 4.253, "e": 12.702, "f": 2.228, "g": 2.015,
    "h": 6.094, "i": 6.966, "j": 0.153, "k": 0.772, "l": 4.025, "m": 2.406, "n": 6.749,
    "o": 7.507, "p": 1.929, "q": 0.095, "r": 5.987, "s": 6.327, "t": 9.056, "u": 2.758,
    "v": 0.978, "w": 2.360, "x": 0.150, "y": 1.974, "z": 0.074, " ": 18.0,
}  # fmt: skip


class FontError(Exception):
    """A font file fontTools cannot read."""


@dataclass(frozen=True, slots=True)
class Metrics:
    units_per_em: int
    ascent: int
    descent: int  # positive: below the baseline
    line_gap: int
    avg_width: float  # weighted average advance of latin text, in font units
    generic: str = ""  # "sans-serif", "serif", "monospace", or "" when the font does not say
    latin: bool = True  # has glyphs for a-z: not an icon, symbol or non-latin font


@dataclass(frozen=True, slots=True)
class LocalFont:
    names: tuple[str, ...]  # for local(): full names, then PostScript names
    metrics: Metrics


LOCAL_FONTS: dict[tuple[str, bool], LocalFont] = {  # (generic, bold)
    ("sans-serif", False): LocalFont(
        ("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo"),
        Metrics(2048, 1854, 434, 67, 915.39, "sans-serif"),
    ),
    ("sans-serif", True): LocalFont(
        ("Arial Bold", "Arial-BoldMT", "Liberation Sans Bold", "LiberationSans-Bold", "Arimo Bold"),
        Metrics(2048, 1854, 434, 67, 991.30, "sans-serif"),
    ),
    ("serif", False): LocalFont(
        ("Times New Roman", "TimesNewRomanPSMT", "Liberation Serif", "LiberationSerif", "Tinos"),
        Metrics(2048, 1825, 443, 87, 829.61, "serif"),
    ),
    ("serif", True): LocalFont(
        (
            "Times New Roman Bold",
            "TimesNewRomanPS-BoldMT",
            "Liberation Serif Bold",
            "LiberationSerif-Bold",
            "Tinos Bold",
        ),
        Metrics(2048, 1825, 443, 87, 883.73, "serif"),
    ),
    ("monospace", False): LocalFont(
        ("Courier New", "CourierNewPSMT", "Liberation Mono", "LiberationMono", "Cousine"),
        Metrics(2048, 1705, 615, 0, 1229.0, "monospace"),
    ),
    ("monospace", True): LocalFont(
        (
            "Courier New Bold",
            "CourierNewPS-BoldMT",
            "Liberation Mono Bold",
            "LiberationMono-Bold",
            "Cousine Bold",
        ),
        Metrics(2048, 1705, 615, 0, 1229.0, "monospace"),
    ),
}


def metrics(data: bytes, weight: int, cache: Cache | None = None) -> Metrics:
    """The metrics of the font file `data` (woff2, woff, ttf, otf) at `weight` (a variable
    font's `wght` axis, clamped to its range); raises `FontError`."""
    key = Cache.key("font-metrics", VERSION, _fonttools(), data, str(weight))
    hit = cache.get("fonts", key) if cache is not None else None
    if hit is not None:
        return Metrics(**json.loads(hit))
    font = _open(data)
    try:
        found = _measure(font, weight)
    except Exception as exc:  # a table fontTools reads but that does not add up
        raise FontError(f"cannot read the font's metrics ({exc})") from None
    if cache is not None:
        cache.put("fonts", key, json.dumps(_fields(found), sort_keys=True).encode())
    return found


def average_width(font, weight: int | None = None) -> float:
    """The weighted average advance of latin text (`_WEIGHTS`) of a fontTools `TTFont`."""
    location = _location(font, weight)
    glyphs = font.getGlyphSet(location=location) if location else font.getGlyphSet()
    cmap = font.getBestCmap() or {}
    total = width = 0.0
    for char, share in _WEIGHTS.items():
        name = cmap.get(ord(char))
        if name is None:
            continue
        width += glyphs[name].width * share
        total += share
    return width / total if total else 0.0


def _measure(font, weight: int) -> Metrics:
    os2 = font.get("OS/2")
    hhea = font["hhea"]
    if os2 is not None and os2.fsSelection & (1 << 7):  # USE_TYPO_METRICS
        ascent, descent, gap = os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap
    else:
        ascent, descent, gap = hhea.ascent, hhea.descent, hhea.lineGap
    return Metrics(
        font["head"].unitsPerEm,
        int(ascent),
        abs(int(descent)),
        max(0, int(gap)),
        round(average_width(font, weight), 2),
        _generic(font),
        all(ord(c) in (font.getBestCmap() or {}) for c in "abcdefghijklmnopqrstuvwxyz"),
    )


def _generic(font) -> str:
    """What the font's tables say it is: fixed pitch, a serif class, or a sans-serif one."""
    if "post" in font and font["post"].isFixedPitch:
        return "monospace"
    os2 = font.get("OS/2")
    if os2 is None:
        return ""
    panose = getattr(os2, "panose", None)
    if panose is not None and panose.bFamilyType == 2:  # Latin text
        if panose.bProportion == 9:
            return "monospace"
        if 2 <= panose.bSerifStyle <= 10:
            return "serif"
        if 11 <= panose.bSerifStyle <= 13:
            return "sans-serif"
    family_class = os2.sFamilyClass >> 8
    if 1 <= family_class <= 7:
        return "serif"
    if family_class == 8:
        return "sans-serif"
    return ""


def _location(font, weight: int | None) -> dict[str, float] | None:
    if weight is None or "fvar" not in font:
        return None
    for axis in font["fvar"].axes:
        if axis.axisTag == "wght":
            return {"wght": min(max(float(weight), axis.minValue), axis.maxValue)}
    return None


def subset(data: bytes, codepoints: frozenset[int], cache: Cache | None = None) -> bytes:
    """The font `data` with only the glyphs `codepoints` need (and every layout feature), in
    the same format (woff2 stays woff2); raises `FontError`."""
    key = Cache.key(
        "font-subset", VERSION, _fonttools(), data, ",".join(map(str, sorted(codepoints)))
    )
    hit = cache.get("fonts", key) if cache is not None else None
    if hit is not None:
        return hit
    from fontTools import subset as ft_subset

    font = _open(data)
    options = ft_subset.Options()
    options.layout_features = ["*"]  # features the CSS may turn on (tnum, ss01, ...)
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.flavor = font.flavor  # None (ttf, otf), "woff" or "woff2"
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(codepoints))
    try:
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
    except Exception as exc:  # fontTools raises many kinds on odd fonts
        raise FontError(f"cannot subset the font: {exc}") from None
    result = out.getvalue()
    if cache is not None:
        cache.put("fonts", key, result)
    return result


def codepoints_of(data: bytes) -> frozenset[int]:
    """The code points the font `data` has glyphs for."""
    return frozenset((_open(data).getBestCmap() or {}).keys())


def _fonttools() -> str:
    from fontTools import version

    return version


def _open(data: bytes):
    from fontTools.ttLib import TTFont, TTLibError

    # fontTools logs what it forgives in a font (odd `post` tables, ...) as warnings, which
    # would end up on the build's stderr: the build reports only what it cannot do
    logging.getLogger("fontTools").setLevel(logging.ERROR)

    try:
        # recalcTimestamp=False: a saved subset must not carry the time it was made
        font = TTFont(io.BytesIO(data), recalcTimestamp=False, lazy=False)
        font["head"]
        font["hhea"]
    except (TTLibError, KeyError, ValueError, AssertionError, ImportError) as exc:
        raise FontError(f"not a font fontTools can read ({exc})") from None
    return font


def _fields(m: Metrics) -> dict:
    return {
        "units_per_em": m.units_per_em,
        "ascent": m.ascent,
        "descent": m.descent,
        "line_gap": m.line_gap,
        "avg_width": m.avg_width,
        "generic": m.generic,
        "latin": m.latin,
    }
