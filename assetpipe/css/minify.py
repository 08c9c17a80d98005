"""CSS minification with Lightning CSS, which parses modern CSS correctly (custom properties,
`calc()` with `var()`, nesting, `@layer`, named `@container`, colour level 4).

Lightning CSS reports the first syntax error with a 0-based line and 1-based column; this module
turns it into a `CssError` with a 1-based line. Minification is cached by the SHA-256 of its input.
"""

from __future__ import annotations

import functools
import re
from importlib.metadata import version

import lightningcss

from ..cache import Cache

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


def check(text: str, filename: str) -> None:
    """Raise `CssError` if `text` is not valid CSS."""
    _process(text, filename, minify=False)


def minify(text: str, filename: str, cache: Cache) -> str:
    """`text` minified; raises `CssError` on a syntax error."""
    key = Cache.key("css-minify", _version(), text)
    hit = cache.get("css", key)
    if hit is not None:
        return hit.decode("utf-8", "surrogateescape")
    out = _process(text, filename, minify=True)
    cache.put("css", key, out.encode("utf-8", "surrogateescape"))
    return out


def _process(text: str, filename: str, *, minify: bool) -> str:
    try:
        return lightningcss.process_stylesheet(
            text, filename=filename, parser_flags=_flags(), minify=minify
        )
    except ValueError as exc:
        m = _LOCATION.match(str(exc))
        if m:
            raise CssError(m[1].strip(), int(m[2]) + 1, int(m[3])) from None
        raise CssError(str(exc), 0, 0) from None
