"""JavaScript minification of single files with rjsmin (whitespace and comments only: names and
semantics are untouched, which keeps it safe for modules that are not bundled).

Cached by the SHA-256 of the input. `/*! ... */` licence comments are kept, as users expect.
"""

from __future__ import annotations

import functools
from importlib.metadata import version

import rjsmin

from ..cache import Cache


@functools.cache
def _version() -> str:
    return version("rjsmin")


def minify(text: str, cache: Cache) -> str:
    key = Cache.key("js-minify", _version(), text)
    hit = cache.get("js", key)
    if hit is not None:
        return hit.decode("utf-8", "surrogateescape")
    out = rjsmin.jsmin(text, keep_bang_comments=True).strip()
    cache.put("js", key, out.encode("utf-8", "surrogateescape"))
    return out
