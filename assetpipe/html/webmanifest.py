"""Web app manifests (`<link rel="manifest">`): their icon URLs are references, their page URLs
move with them.

A manifest's URLs are relative to the manifest's own URL. Hashing moves the manifest to
`assets/`, so icon `src`s become references to hashed files, and `start_url`, `scope` and
shortcut `url`s (which name pages) are rewritten to stay pointing at the same pages.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..pipeline.locate import split_url
from ..pipeline.values import RawRef


class ManifestError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"invalid JSON: {exc.msg}", exc.pos) from None


def find_references(text: str) -> list[RawRef]:
    """The icon and screenshot URLs of the manifest `text`, each at the span of its `"src"`
    value as written (escapes included)."""
    data = load(text)
    spans = _src_spans(text)
    refs = []
    for holder in _image_holders(data):
        url = holder["src"]
        found = spans.get(url)
        if found:
            start, end = found.pop(0)
        else:  # (not written as a "src" member: cannot happen for valid JSON, kept safe)
            quoted = json.dumps(url, ensure_ascii=False)[1:-1]
            start = max(text.find(quoted), 0)
            end = start + len(quoted)
        refs.append(RawRef(url, start, end, "manifest-icon", "json"))
    return refs


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _src_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per decoded value, the spans (inside the quotes) of every `"src": "..."` member of the
    JSON `text`, in document order: every string token is read in turn, so text inside other
    strings is never mistaken for a member."""
    spans: dict[str, list[tuple[int, int]]] = {}
    tokens = list(_STRING.finditer(text))
    for key, value in zip(tokens, tokens[1:], strict=False):
        if key.group() == '"src"' and text[key.end() : value.start()].strip() == ":":
            spans.setdefault(json.loads(value.group()), []).append(
                (value.start() + 1, value.end() - 1)
            )
    return spans


def render(
    text: str,
    image_url: Callable[[str], str | None],
    page_url: Callable[[str], str],
    *,
    minify: bool,
) -> str:
    """The manifest with each image URL replaced by `image_url(url)` (when not None) and each
    local page URL by `page_url(url)`."""
    data = load(text)
    for holder in _image_holders(data):
        new = image_url(holder["src"])
        if new is not None:
            holder["src"] = new
    for holder, key in _page_members(data):
        value = holder[key]
        if split_url(value) is not None:
            holder[key] = page_url(value)
    if minify:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def resolve_page(url: str, manifest_source: str) -> str:
    """The site path ("app/", "") a page URL of the manifest at `manifest_source` points to."""
    split = split_url(url)
    assert split is not None
    path = url[:split]
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(manifest_source), path or "."))
        joined = "" if joined == "." else joined
        if (path.endswith("/") or posixpath.basename(path) in ("", ".", "..")) and joined:
            joined += "/"
    return joined + url[split:]


def _image_holders(data: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(data, dict):
        return
    for key in ("icons", "screenshots"):
        yield from _with_src(data.get(key))
    shortcuts = data.get("shortcuts")
    if isinstance(shortcuts, list):
        for s in shortcuts:
            if isinstance(s, dict):
                yield from _with_src(s.get("icons"))


def _with_src(items: Any) -> Iterator[dict[str, Any]]:
    if isinstance(items, list):
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("src"), str):
                yield item


def _page_members(data: Any) -> Iterator[tuple[dict[str, Any], str]]:
    if not isinstance(data, dict):
        return
    for key in ("start_url", "scope"):
        if isinstance(data.get(key), str):
            yield data, key
    shortcuts = data.get("shortcuts")
    if isinstance(shortcuts, list):
        for s in shortcuts:
            if isinstance(s, dict) and isinstance(s.get("url"), str):
                yield s, "url"
