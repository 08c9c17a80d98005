"""Critical CSS for pages a server renders: inlined into each response, as the build does for
HTML pages.

A build cannot know a template's critical CSS: which rules the first paint needs depends on the
HTML the server renders. So it is computed per response, from the rendered HTML, the way Angular
SSR runs beasties at request time. `Manifest.tags(..., critical=True)` marks the entry's
stylesheet links (`data-assetpipe-critical`); `inline_critical` (or the WSGI middleware
`CriticalCSS`, or Django's `assetpipe.django.middleware.CriticalCSSMiddleware`) then, for the
marked links of a page:

- puts the rules that match the page's elements at first paint in one `<style>` before the
  first of them (`css/critical.py`: the same selection, custom property pruning, fonts and
  keyframes, within the same `css.critical_max_kb` cap of 14 kB gzip), and loads the whole
  stylesheets without blocking rendering (`media="print"`, switched on load, and a `<noscript>`
  fallback); a stylesheet of at most 2 kB is inlined whole and its link dropped;
- writes `url()`s of the inlined rules as URLs from the page (they were relative to the
  stylesheet).

Stylesheets are read from the output folder and parsed once per process (again when a build
rewrites them); a page costs one HTML parse and the selector matching (Bootstrap 5 and its
icons, 311 kB of CSS, on a 17 kB page: 37 ms), and the 256 pages last seen are remembered (a
page rendered the same again, as for visitors not logged in, costs a SHA-256).
"""

from __future__ import annotations

import hashlib
import html as html_escape
import os
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from .css.inline import Styles
from .html.tokenize import tokenize
from .manifest import Manifest, join_url

MARK = "data-assetpipe-critical"
THRESHOLD = 2048  # bytes: a stylesheet this small is inlined whole (css.inline_threshold)
CAP = 14 * 1024  # bytes of gzip (css.critical_max_kb)
DONE_SIZE = 256  # pages remembered: a page rendered the same again costs a hash

_done: dict[tuple, str] = {}


@dataclass(frozen=True, slots=True)
class _Sheet:
    text: str | None
    links: tuple = ()


def inline_critical(html: str, manifest: Manifest, base_url: str = "/") -> str:
    """`html` with the critical CSS of its marked stylesheet links inlined (see the module);
    unchanged when no link is marked or a stylesheet cannot be read."""
    if MARK not in html:
        return html
    # (the page names its stylesheets by content-hashed URLs: it decides the result alone)
    key = (
        manifest.path,
        base_url,
        hashlib.sha256(html.encode("utf-8", "surrogateescape")).digest(),
    )
    done = _done.get(key)
    if done is None:
        done = _inline(html, manifest, base_url)
        if len(_done) >= DONE_SIZE:
            _done.pop(next(iter(_done)))
        _done[key] = done
    return done


def _inline(html: str, manifest: Manifest, base_url: str) -> str:
    files = _stylesheets(manifest, base_url)
    marked = []
    head = html[: html.find(">", html.rfind(MARK)) + 1]  # (the marks are in the head)
    for tag in tokenize(head):
        if tag.name == "link" and tag.attr(MARK) is not None:
            href = html_escape.unescape(tag.get("href") or "")
            if href in files:
                marked.append((tag, files[href], href))
    if not marked:
        return html
    styles = _styles_for(manifest, base_url)
    try:
        for _, file, _ in marked:
            styles.load(file)
    except OSError:
        return html  # a build replaced the files: the page loads them the usual way
    found = styles.styles.page(
        "", html, lambda: _page(html), [(file, None) for _, file, _ in marked]
    )
    inline = "".join(found.parts[(file, None)].text for _, file, _ in marked)
    out = []
    at = 0
    for i, (tag, file, href) in enumerate(marked):
        out.append(html[at : tag.start])
        if i == 0 and inline:
            out.append(f"<style>{inline}</style>")
        if not found.parts[(file, None)].whole:
            out.append(_deferred(href))
        at = tag.end
    out.append(html[at:])
    return "".join(out)


def _deferred(href: str) -> str:
    quoted = html_escape.escape(href, quote=True)
    return (
        f'<link rel="stylesheet" href="{quoted}" media="print" onload="this.media=\'all\'">'
        f'<noscript><link rel="stylesheet" href="{quoted}"></noscript>'
    )


def _page(html: str):
    from .css.critical import Page

    return Page(html)


def _stylesheets(manifest: Manifest, base_url: str) -> dict[str, str]:
    """URL -> output path of every stylesheet the manifest names."""
    found = {}
    for entry in manifest.entries.values():
        for file in (*entry.css, *([entry.file] if entry.file.endswith(".css") else ())):
            found[join_url(base_url, file)] = file
    return found


class _Styles:
    """One manifest's stylesheets, read and parsed once, with `url()`s rewritten from the page."""

    def __init__(self, root: Path, base_url: str) -> None:
        self.root = root
        self.base_url = base_url
        self.lock = threading.Lock()
        self.styles = Styles(
            {},
            threshold=THRESHOLD,
            cap=CAP,
            include=(),
            exclude=(),
            readable=False,
            minify=_minify,
        )

    def load(self, file: str) -> None:
        if file in self.styles.sheets:
            return
        text = (self.root / file).read_text(encoding="utf-8")
        with self.lock:
            self.styles.sheets[file] = _Sheet(_from_page(text, join_url(self.base_url, file)))


def _from_page(css: str, url: str) -> str:
    """The stylesheet at `url` with its relative `url()`s made absolute paths or URLs."""
    from .css.refs import find_references

    out, at = [], 0
    for ref in find_references(css):
        target = ref.url
        if not target or target.startswith(("/", "#", "data:")) or "://" in target:
            continue
        out.append(css[at : ref.start])
        out.append(_css_string_safe(urljoin(url, target)))
        at = ref.end
    out.append(css[at:])
    return "".join(out)


def _css_string_safe(url: str) -> str:
    return "".join(c if c not in "\"'() \\" else f"\\{c}" for c in url)


def _minify(css: str) -> str:
    import lightningcss

    try:
        return lightningcss.process_stylesheet(css, filename="critical.css", minify=True)
    except ValueError:
        return css


_by_manifest: dict[tuple[str, str], _Styles] = {}


def _styles_for(manifest: Manifest, base_url: str) -> _Styles:
    """The stylesheets of a build's output folder; kept across builds, as a stylesheet's
    content-hashed name stands for its content."""
    key = (manifest.path, base_url)
    found = _by_manifest.get(key)
    if found is None:
        if len(_by_manifest) > 16:
            _by_manifest.clear()
        root = Path(manifest.path).parent.parent
        found = _by_manifest[key] = _Styles(root, base_url)
    return found


class CriticalCSS:
    """WSGI middleware: HTML responses get the critical CSS of their marked stylesheet links.

    app.wsgi_app = CriticalCSS(app.wsgi_app, "static/dist", base_url="/static/dist/")
    """

    def __init__(self, app: Callable, manifest: str | os.PathLike[str], base_url: str = "/"):
        self.app = app
        self.manifest = manifest
        self.base_url = base_url

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        captured: dict = {}

        def capture(status, headers, exc_info=None):
            captured["status"], captured["headers"] = status, headers
            captured["exc_info"] = exc_info
            return lambda data: captured.setdefault("written", []).append(data)

        result = self.app(environ, capture)
        headers = captured.get("headers", [])
        kind = next((v for k, v in headers if k.lower() == "content-type"), "")
        encoded = any(k.lower() == "content-encoding" for k, _ in headers)
        if not kind.startswith("text/html") or encoded:
            write = start_response(captured["status"], headers, captured.get("exc_info"))
            for data in captured.get("written", ()):
                write(data)
            return result
        try:
            body = b"".join([*captured.get("written", ()), *result])
        finally:
            if hasattr(result, "close"):
                result.close()
        from .manifest import load

        text = body.decode("utf-8", "surrogateescape")
        new = inline_critical(text, load(self.manifest), self.base_url)
        data = new.encode("utf-8", "surrogateescape")
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        headers.append(("Content-Length", str(len(data))))
        start_response(captured["status"], headers, captured.get("exc_info"))
        return [data]
