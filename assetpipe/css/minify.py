"""CSS minification with Lightning CSS, which parses modern CSS correctly (custom properties,
`calc()` with `var()`, nesting, `@layer`, named `@container`, colour level 4), and, given
browserslist `targets`, lowers and prefixes it for older browsers.

Lightning CSS reports the first syntax error with a 0-based line and 1-based column; this module
turns it into a `CssError` with a 1-based line. Results are cached by the SHA-256 of the input,
the targets and Lightning CSS's version.
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


def check(text: str, filename: str, targets: tuple[str, ...] = ()) -> str:
    """`text` as Lightning CSS prints it readable (lowered for `targets`); raises `CssError`."""
    return _process(text, filename, minify=False, targets=targets)


def minify(
    text: str, filename: str, cache: Cache, targets: tuple[str, ...] = (), *, readable: bool = False
) -> str:
    """`text` minified (or, `readable`, checked and lowered only); raises `CssError`."""
    key = Cache.key(
        "css-minify", _version(), "readable" if readable else "min", "\n".join(targets), text
    )
    hit = cache.get("css", key)
    if hit is not None:
        return hit.decode("utf-8", "surrogateescape")
    out = _process(text, filename, minify=not readable, targets=targets)
    cache.put("css", key, out.encode("utf-8", "surrogateescape"))
    return out


def _process(text: str, filename: str, *, minify: bool, targets: tuple[str, ...]) -> str:
    try:
        return lightningcss.process_stylesheet(
            text,
            filename=filename,
            parser_flags=_flags(),
            minify=minify,
            browsers_list=list(targets) or None,
        )
    except ValueError as exc:
        m = _LOCATION.match(str(exc))
        if m:
            raise CssError(m[1].strip(), int(m[2]) + 1, int(m[3])) from None
        raise CssError(str(exc), 0, 0) from None
