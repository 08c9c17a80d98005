"""An independent check of a built site: every local URL in every output resolves to a file of
the output (page links included). It resolves URLs against the output folder on disk, the way
a static server would, so it catches rewriting mistakes the build itself cannot see.

Pages are read with a list of URL-bearing attributes of its own (`page_urls`), not with the
build's reference finder, so a kind of reference the build does not know (and so neither
publishes nor rewrites) shows up here as a URL that leads nowhere: `href`, `src`, `srcset`,
`imagesrcset`, `poster`, `data` of `<object>`, `background`, `xlink:href`, the content of
preview and tile `<meta>` tags and of a refresh, and `url()` in `style` attributes and
`<style>` elements.

A URL resolves the way the dev server and a bucket behind a CDN serve it: a file, or a
folder's `index.html` (`blog/` and `blog`). With `site_url`, absolute URLs under it (preview
images) are checked too.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from assetpipe.css.refs import find_references as css_refs
from assetpipe.html.tokenize import tokenize
from assetpipe.js.parse import find_imports
from assetpipe.pipeline.locate import split_url

# attributes whose whole value is one URL, on any element
_URL_ATTRS = ("href", "src", "poster", "xlink:href")
# `<meta>` tags (by property, name or itemprop) whose content is a URL
_META_URLS = frozenset(
    {
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "og:video",
        "og:video:url",
        "og:video:secure_url",
        "og:audio",
        "og:audio:url",
        "og:audio:secure_url",
        "og:url",
        "twitter:url",
        "twitter:image",
        "twitter:image:src",
        "twitter:player",
        "twitter:player:stream",
        "image",
        "thumbnail",
        "thumbnailurl",
        "logo",
        "contenturl",
        "embedurl",
        "msapplication-tileimage",
        "msapplication-square70x70logo",
        "msapplication-square150x150logo",
        "msapplication-wide310x150logo",
        "msapplication-square310x310logo",
        "msapplication-config",
    }
)
# `<link rel>`s whose href is an origin to connect to, not a resource
_ORIGIN_RELS = frozenset({"preconnect", "dns-prefetch"})
_REFRESH = re.compile(r"^\s*\d+(?:\.\d*)?\s*[;,]?\s*(?:url\s*=\s*)?(['\"]?)(.+)\1\s*$", re.I)
_WS = "\t\n\f\r "


def broken_references(out: Path, base: str = "/", site_url: str = "") -> list[str]:
    """`file: url -> target does not exist` for every local URL of every output of `out`
    (served from `base`; `site_url`: the address absolute URLs under it are local to) that
    leads to no file."""
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    mapped = _import_maps(out, files, base)
    problems = []
    for rel in sorted(files):
        if rel.startswith(".assetpipe/"):
            continue
        for url in _urls(out / rel, rel):
            local, referrer = _local(url, site_url, base), rel
            if local != url and base in ("", "./"):
                referrer = ""  # relative to the site's address: the output root
            target = _target(local, referrer, base)
            if target is None:
                continue
            if rel.endswith(".js") and target not in files:
                target = mapped.get(target, target)  # a chunk's stable name
            if not _served(target, files):
                problems.append(f"{rel}: {url} -> {target} does not exist")
    return problems


def page_urls(text: str, *, xml: bool = False) -> list[str]:
    """Every URL the page (or SVG) `text` holds, decoded, in document order; scripts'
    contents aside (the JavaScript check reads chunks)."""
    urls: list[str] = []
    for tag in tokenize(text, xml=xml):
        rel = set((tag.get("rel") or "").lower().split())
        for name in _URL_ATTRS:
            value = tag.get(name)
            if value is not None and not (name == "href" and rel & _ORIGIN_RELS):
                urls.append(_decoded(value))
        for name in ("srcset", "imagesrcset"):
            if tag.get(name):
                urls += _candidates(_decoded(tag.get(name)))
        if tag.name == "object" and tag.get("data") is not None:
            urls.append(_decoded(tag.get("data")))
        if tag.name in ("body", "table", "td", "th") and tag.get("background") is not None:
            urls.append(_decoded(tag.get("background")))
        if tag.name == "meta":
            urls += _meta_urls(tag)
        style = tag.get("style")
        if style and "url" in style.lower():
            urls += [r.url for r in css_refs(_decoded(style, strip=False))]
        if tag.name == "style" and tag.content is not None:
            urls += [r.url for r in css_refs(text[tag.content[0] : tag.content[1]])]
    return [u for u in urls if u]


def _meta_urls(tag) -> list[str]:
    content = tag.get("content")
    if content is None:
        return []
    if (tag.get("http-equiv") or "").strip().lower() == "refresh":
        m = _REFRESH.match(_decoded(content))
        return [m[2].strip(_WS)] if m else []
    names = {(tag.get(k) or "").strip().lower() for k in ("property", "name", "itemprop")}
    return [_decoded(content)] if names & _META_URLS else []


def _decoded(value: str, *, strip: bool = True) -> str:
    value = html.unescape(value) if "&" in value else value
    return value.strip(_WS) if strip else value


def _candidates(srcset: str) -> list[str]:
    """The URLs of a `srcset` (candidates split at commas after a descriptor, as browsers
    split them; a URL itself may hold commas)."""
    urls = []
    pos, n = 0, len(srcset)
    while pos < n:
        while pos < n and (srcset[pos] in _WS or srcset[pos] == ","):
            pos += 1
        start = pos
        while pos < n and srcset[pos] not in _WS:
            pos += 1
        url = srcset[start:pos]
        if url.endswith(","):
            urls.append(url.rstrip(","))
            continue
        if url:
            urls.append(url)
        depth = 0
        while pos < n and (srcset[pos] != "," or depth):
            depth += {"(": 1, ")": -1}.get(srcset[pos], 0)
            pos += 1
    return urls


def _served(target: str, files: set[str]) -> bool:
    """Whether a server of the output answers the output path `target` with a file: the file,
    or a folder's `index.html` (with or without the slash: the dev server redirects)."""
    if target in files:
        return True
    folder = target if target.endswith("/") or not target else target + "/"
    return folder + "index.html" in files


def _local(url: str, site_url: str, base: str) -> str:
    """An absolute URL under the site's address as the local URL it stands for: root-relative,
    or with a relative base, relative to the output root (which the address is)."""
    if not site_url or not url.lower().startswith(("http://", "https://")):
        return url
    if base in ("", "./"):
        root = site_url if site_url.endswith("/") else site_url + "/"
        return url[len(root) :] or "./" if url.startswith(root) else url
    site, given = urlsplit(site_url), urlsplit(url)
    if (given.scheme, given.netloc) != (site.scheme, site.netloc):
        return url
    return url[len(f"{given.scheme}://{given.netloc}") :] or "/"


def _import_maps(out: Path, files: set[str], base: str) -> dict[str, str]:
    """Stable chunk paths -> hashed files, from every page's import map (checked too)."""
    mapped: dict[str, str] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        text = (out / rel).read_text("utf-8", "surrogateescape")
        for tag in tokenize(text):
            if tag.name == "script" and tag.get("type") == "importmap" and tag.content:
                data = json.loads(text[tag.content[0] : tag.content[1]])
                for key, value in data.get("imports", {}).items():
                    mapped[_target(key, rel, base)] = _target(value, rel, base)
    return mapped


def _urls(path: Path, rel: str) -> list[str]:
    text = (
        path.read_text("utf-8", "surrogateescape")
        if path.suffix in (".html", ".css", ".js", ".mjs", ".svg", ".webmanifest")
        else ""
    )
    if path.suffix == ".html":
        return page_urls(text)
    if path.suffix == ".svg":
        return page_urls(text, xml=True)
    if path.suffix == ".css":
        return [r.url for r in css_refs(text)]
    if path.suffix in (".js", ".mjs"):
        return [r.url for r in find_imports(text)[0]]
    if path.suffix == ".webmanifest":
        data = json.loads(text)
        urls = [i["src"] for i in data.get("icons", []) + data.get("screenshots", [])]
        urls += [data[k] for k in ("start_url", "scope") if k in data]
        for shortcut in data.get("shortcuts", []):
            urls += [shortcut.get("url", "")] + [i["src"] for i in shortcut.get("icons", [])]
        return [u for u in urls if u]
    return []


def _target(url: str, referrer: str, base: str) -> str | None:
    split = split_url(url)
    if split is None:
        return None
    path = unquote(url[:split])
    if not path:
        return None
    if path.startswith("/"):
        if not path.startswith(base):
            return f"(outside base {base}) {path}"
        return path[len(base) :]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))
    joined = "" if joined == "." else joined
    return joined + "/" if path.endswith("/") and joined else joined
