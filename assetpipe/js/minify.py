"""JavaScript minification of single files with rjsmin (whitespace and comments only: names and
semantics are untouched, which keeps it safe for modules that are not bundled).

Cached by the SHA-256 of the input. `/*! ... */` licence comments are kept, as users expect.
rjsmin reads no grammar: where its output does not parse while the input does (two string
statements on two lines, `"a"\n"b"`, become `"a""b"`), the script is kept as written.
"""

from __future__ import annotations

import functools
from importlib.metadata import version

import rjsmin

from ..cache import Cache
from .parse import parser


@functools.cache
def _version() -> str:
    return version("rjsmin")


def minify(text: str, cache: Cache) -> str:
    key = Cache.key("js-minify-2", _version(), text)
    hit = cache.get("js", key)
    if hit is not None:
        return hit.decode("utf-8", "surrogateescape")
    out = rjsmin.jsmin(text, keep_bang_comments=True).strip()
    if _broken(out) and not _broken(text):
        out = text.strip()
    cache.put("js", key, out.encode("utf-8", "surrogateescape"))
    return out


def _broken(text: str) -> bool:
    return parser().parse(text.encode("utf-8", "surrogateescape")).root_node.has_error
