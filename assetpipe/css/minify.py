"""CSS minification with Lightning CSS, which parses modern CSS correctly (custom properties,
`calc()` with `var()`, nesting, `@layer`, named `@container`, colour level 4), and, given
browserslist `targets`, lowers and prefixes it for older browsers.

`compat.py` works around what Lightning CSS gets wrong on real stylesheets (duplicate font
families, legacy placeholder selectors, old IE hacks). Lightning CSS reports the first syntax
error with a 0-based line and 1-based column; this module turns it into a `CssError` with a
1-based line. Results are cached by the SHA-256 of the input, the targets, Lightning CSS's
version and `compat.VERSION`.
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import version

import lightningcss

from ..cache import Cache
from . import compat

_LOCATION = re.compile(r"^(?:Parsing stylesheet failed: )?(.*?) at .*?:(\d+):(\d+)$", re.S)


class CssError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line  # 1-based; 0 when unknown
        self.column = column


@functools.cache
def _flags() -> int:
    return lightningcss.calc_parser_flags(nesting=True)


@functools.cache
def _version() -> str:
    return version("lightningcss")


def check(text: str, filename: str) -> bool:
    """Whether parts browsers skip had to be left out of `text`; raises `CssError`. (Its
    output is not kept, so fallbacks are not hidden from Lightning CSS for it.)"""
    return _process(text, filename, minify=False, targets=(), fallbacks=False)[1]


def minify(
    text: str, filename: str, cache: Cache, targets: tuple[str, ...] = (), *, readable: bool = False
) -> str:
    """`text` minified (or, `readable`, checked and lowered only); raises `CssError`."""
    return stylesheet(text, filename, cache, targets, readable=readable)[0]


def stylesheet(
    text: str, filename: str, cache: Cache, targets: tuple[str, ...] = (), *, readable: bool = False
) -> tuple[str, bool]:
    """`minify`, and whether parts that browsers skip had to be left out (see `skipped`)."""
    key = Cache.key(
        "css-minify",
        _version(),
        compat.VERSION,
        "readable" if readable else "min",
        "\n".join(targets),
        text,
    )
    hit = cache.get("css", key)
    if hit is not None:
        return hit[1:].decode("utf-8", "surrogateescape"), hit[:1] == b"R"
    out, recovered = _process(text, filename, minify=not readable, targets=targets)
    cache.put("css", key, (b"R" if recovered else b"-") + out.encode("utf-8", "surrogateescape"))
    return out, recovered


def skipped(text: str) -> list[tuple[int, int]]:
    """The spans of `text` that browsers skip and Lightning CSS refuses (old IE hacks)."""
    return compat.recover(text, _media_parses)[1]


def _process(
    text: str, filename: str, *, minify: bool, targets: tuple[str, ...], fallbacks: bool = True
) -> tuple[str, bool]:
    original = text
    text, markers = compat.protect(text, fallbacks=fallbacks and not targets)
    recovered = False
    try:
        out = _lightning(text, filename, minify, targets)
    except ValueError as exc:
        fixed, spans = compat.recover(text, _media_parses)
        try:
            if not spans:
                raise
            out = _lightning(fixed, filename, minify, targets)
            recovered = True
        except ValueError:
            message = str(exc)
            if markers:  # the author's text, where a marker moved no column
                try:
                    _lightning(compat.recover(original, _media_parses)[0], filename, False, ())
                except ValueError as located:
                    message = str(located)
            m = _LOCATION.match(message)
            if m:
                raise CssError(m[1].strip(), int(m[2]) + 1, int(m[3])) from None
            raise CssError(message, 0, 0) from None
    return compat.restore(out, markers), recovered


def _lightning(text: str, filename: str, minify: bool, targets: tuple[str, ...]) -> str:
    return lightningcss.process_stylesheet(
        text,
        filename=filename,
        parser_flags=_flags(),
        minify=minify,
        browsers_list=list(targets) or None,
    )


@functools.lru_cache(maxsize=256)
def _media_parses(query: str) -> bool:
    try:
        lightningcss.process_stylesheet(f"@media {query}{{}}", parser_flags=_flags())
    except ValueError:
        return False
    return True
