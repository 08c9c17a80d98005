"""Content types by file extension: assetpipe's own table, never the operating system's.

The same file must get the same `Content-Type` on every machine (the manifest records it and
deploy sends it), so nothing here consults `mimetypes`, whose answers depend on /etc/mime.types.
"""

from __future__ import annotations

import posixpath

_UTF8 = "; charset=utf-8"

MEDIA_TYPES: dict[str, str] = {
    ".html": "text/html" + _UTF8,
    ".htm": "text/html" + _UTF8,
    ".css": "text/css" + _UTF8,
    ".js": "text/javascript" + _UTF8,
    ".mjs": "text/javascript" + _UTF8,
    ".cjs": "text/javascript" + _UTF8,
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".txt": "text/plain" + _UTF8,
    ".md": "text/markdown" + _UTF8,
    ".xml": "application/xml",
    ".rss": "application/rss+xml",
    ".atom": "application/atom+xml",
    ".csv": "text/csv" + _UTF8,
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".apng": "image/apng",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".bmp": "image/bmp",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".ogv": "video/ogg",
    ".mov": "video/quicktime",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".oga": "audio/ogg",
    ".wav": "audio/wav",
    ".m4a": "audio/mp4",
    ".flac": "audio/flac",
    ".vtt": "text/vtt" + _UTF8,
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".zip": "application/zip",
    ".gz": "application/gzip",
}

DEFAULT = "application/octet-stream"

# Kinds group outputs in summaries and reports.
KINDS: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".css": "css",
    ".js": "js",
    ".mjs": "js",
    ".cjs": "js",
    ".png": "image",
    ".apng": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".gif": "image",
    ".webp": "image",
    ".avif": "image",
    ".svg": "image",
    ".ico": "image",
    ".bmp": "image",
    ".woff2": "font",
    ".woff": "font",
    ".ttf": "font",
    ".otf": "font",
    ".eot": "font",
    ".mp4": "media",
    ".webm": "media",
    ".ogv": "media",
    ".mov": "media",
    ".mp3": "media",
    ".ogg": "media",
    ".oga": "media",
    ".wav": "media",
    ".m4a": "media",
    ".flac": "media",
    ".vtt": "media",
}


def extension(path: str) -> str:
    return posixpath.splitext(path)[1].lower()


def content_type(path: str) -> str:
    return MEDIA_TYPES.get(extension(path), DEFAULT)


def kind(path: str) -> str:
    if path.endswith(".js.map") or path.endswith(".css.map"):
        return "sourcemap"
    return KINDS.get(extension(path), "other")


# Types worth compressing besides every `text/*` type: text in another top-level type, and
# WebAssembly (its bytecode compresses well; CDNs and Vite's servers compress it). The one list:
# the report's sizes, deploy's precompression and the audit server all ask `compressible`.
COMPRESSIBLE: frozenset[str] = frozenset(
    {
        "application/json",
        "application/manifest+json",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "image/svg+xml",
        "application/wasm",
    }
)


def compressible(media_type: str) -> bool:
    """Whether a file of this `Content-Type` (parameters such as `charset` ignored) is worth
    compressing."""
    essence = media_type.split(";", 1)[0].strip().lower()
    return essence.startswith("text/") or essence in COMPRESSIBLE


def is_text(path: str) -> bool:
    """Whether a compressed copy of this file is worth making (report, deploy, audit server)."""
    return compressible(content_type(path))
