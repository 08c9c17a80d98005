"""Large `data:` URLs in a stylesheet become files of their own, referred to by URL.

A font or an image embedded in a stylesheet is downloaded again with every version of the
stylesheet and, inlined into a page, with every page. One whose data is over `limit` bytes
(`[build] inline_limit`, 4096 like Vite's `assetsInlineLimit`) is decoded (base64, or
percent-encoded text), given the extension of its media type (a font's from its first bytes,
which real stylesheets often mislabel), and becomes a content-hashed file named after the
stylesheet (`assets/theme-3fA9xk2L.woff2`); its `url()` then points at it through a
placeholder, like any other reference. Only images and fonts are extracted, and only data the
decoder reads whole; anything else is left as written.

Runs on the stylesheet as it is output (after Lightning CSS). The same data in one stylesheet
gives one file (its source key is the stylesheet's path and the data's digest).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
import re
from dataclasses import replace
from urllib.parse import unquote_to_bytes

import tinycss2

from ..diagnostics import line_starts
from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Rendered
from .refs import node_offset

_EXTENSIONS = {
    "image/png": ".png",
    "image/apng": ".apng",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
    "image/svg+xml": ".svg",
    "image/x-icon": ".ico",
    "image/vnd.microsoft.icon": ".ico",
    "image/bmp": ".bmp",
    "font/woff2": ".woff2",
    "application/font-woff2": ".woff2",
    "application/x-font-woff2": ".woff2",
    "font/woff": ".woff",
    "application/font-woff": ".woff",
    "application/x-font-woff": ".woff",
    "font/ttf": ".ttf",
    "font/truetype": ".ttf",
    "font/sfnt": ".ttf",
    "application/x-font-ttf": ".ttf",
    "application/x-font-truetype": ".ttf",
    "application/font-sfnt": ".ttf",
    "application/font-ttf": ".ttf",
    "font/otf": ".otf",
    "font/opentype": ".otf",
    "application/x-font-opentype": ".otf",
    "application/font-otf": ".otf",
    "application/vnd.ms-fontobject": ".eot",
}
_FONT_MAGIC = ((b"wOF2", ".woff2"), (b"wOFF", ".woff"), (b"OTTO", ".otf"))
_TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")
_SPACE = re.compile(rb"\s+")


def extract_data_urls(r: Rendered, limit: int, assets_dir: str) -> tuple[Rendered, list[Rendered]]:
    """The stylesheet `r` with every `data:` URL over `limit` bytes of data pointing at a file,
    and those files."""
    text = r.text or ""
    if "data:" not in text:
        return r, []
    starts = line_starts(text)
    links = list(r.links)
    made: dict[str, Rendered] = {}
    edits: list[tuple[int, int, str]] = []
    stem = posixpath.splitext(posixpath.basename(r.source))[0]
    for node, start, end in _data_urls(tinycss2.parse_component_value_list(text), text, starts):
        decoded = _decode(node)
        if decoded is None or len(decoded[0]) <= limit:
            continue
        data, ext = decoded
        source = f"{r.source}#data-{hashlib.sha256(data).hexdigest()[:16]}{ext}"
        if source not in made:
            name = re.sub(r"[^A-Za-z0-9_.-]+", "-", stem).strip("-.") or "data"
            made[source] = Rendered(source, f"{assets_dir}/{name}-[hash]{ext}", None, data)
        links.append(Link(source, "url"))
        edits.append((start, end, f"url({placeholder(len(links) - 1)})"))
    if not edits:
        return r, []
    pieces = []
    pos = 0
    for start, end, new in edits:  # in source order
        pieces += [text[pos:start], new]
        pos = end
    pieces.append(text[pos:])
    return replace(r, text="".join(pieces), links=tuple(links)), [made[s] for s in sorted(made)]


def _data_urls(nodes, text: str, starts: list[int]):
    """(url node, start, end) of each `url()` whose URL is a `data:` URL; the span covers
    `url(...)` whole."""
    for node in nodes:
        if node.type == "url" and node.value[:5].lower() == "data:":
            start = node_offset(node, starts)
            end = text.find(")", start + 4)
            if text[start : start + 4].lower() == "url(" and end > 0:
                yield node.value, start, end + 1
        elif node.type == "function":
            strings = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
            if (
                node.lower_name == "url"
                and len(strings) == 1
                and strings[0].type == "string"
                and strings[0].value[:5].lower() == "data:"
            ):
                start = node_offset(node, starts)
                quote_at = node_offset(strings[0], starts)
                close = _string_end(text, quote_at)
                end = text.find(")", close)
                if end > 0 and text[close:end].strip() == "":
                    yield strings[0].value, start, end + 1
            else:
                yield from _data_urls(node.arguments, text, starts)
        elif node.type in ("{} block", "[] block", "() block"):
            yield from _data_urls(node.content, text, starts)


def _string_end(text: str, at: int) -> int:
    """The offset after the string token starting at `at` (its quote)."""
    quote = text[at]
    i = at + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _decode(url: str) -> tuple[bytes, str] | None:
    """(data, extension) of a `data:` URL holding an image or a font; None otherwise."""
    head, comma, payload = url[5:].partition(",")
    if not comma:
        return None
    params = [p.strip().lower() for p in head.split(";")]
    ext = _EXTENSIONS.get(params[0])
    if ext is None:
        return None
    if params[-1] == "base64":
        raw = _SPACE.sub(b"", payload.encode("ascii", "replace"))
        try:
            data = base64.b64decode(raw + b"=" * (-len(raw) % 4), validate=True)
        except (binascii.Error, ValueError):
            return None
    else:
        if "#" in payload:  # a fragment (an SVG's #id) would not survive the move
            return None
        data = unquote_to_bytes(payload)
    if params[0].startswith(("font/", "application/")):  # fonts: their own bytes say what
        ext = next((e for magic, e in _FONT_MAGIC if data.startswith(magic)), ext)
        if data.startswith(_TRUETYPE_MAGIC):
            ext = ".ttf"
    return data, ext
