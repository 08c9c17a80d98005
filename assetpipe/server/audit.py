"""The audit's static server: a folder over HTTP on loopback, served the way a CDN serves it.

Built and unbuilt folders are served alike, so that comparing them is fair:
- assetpipe's own content types; a folder serves its `index.html` (`/blog` redirects to `/blog/`);
  paths with a dot-segment (`.assetpipe/`) are not served;
- text types compressed as the request accepts: Brotli (when the `brotli` module is installed),
  else gzip, at the levels of `compression.py` (the report's and deploy's), with
  `Content-Encoding` and `Vary: Accept-Encoding`; each file is compressed once per encoding
  and kept in memory (a CDN's edge does the same);
- `Cache-Control: public, max-age=31536000, immutable` for the content-hashed files of a build
  (under its assets folder), `no-cache` for everything else;
- conditional requests answered as S3 and CDNs answer them: each response has a strong `ETag`,
  the SHA-256 (first 32 hex digits) of the body it sends, so each encoding of a file has its
  own; a request whose `If-None-Match` names it (or `*`) gets `304 Not Modified` and no body
  (how a revalidated page or `public/` file that did not change comes from the browser's
  cache: the cache-hit figure of `build --compare` counts on it);
- under `base` when the site is served from a path (`/docs/`);
- `fallback`: a second folder that root-absolute URLs fall back to when the first has no such
  file, as Vite's dev server serves `public/` at `/` for an unbuilt site.
HTTP/1.1 with keep-alive, one thread per connection.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import compression
from ..media_types import content_type, is_text
from .static import Handler, Server, find_file

IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


def _brotli():
    try:
        import brotli
    except ImportError:
        return None
    return brotli


class StaticServer:
    """Serves `root` on 127.0.0.1 at a free port; use as a context manager or start()/stop()."""

    def __init__(
        self,
        root: Path,
        *,
        base: str = "/",
        immutable_dir: str | None = None,
        fallback: Path | None = None,
        page_filter: Callable[[bytes], bytes] | None = None,
    ) -> None:
        self.root = root.resolve()
        self.page_filter = page_filter  # applied to every page (`.html`) served
        self.base = base if base.startswith("/") and base.endswith("/") else "/"
        self.immutable_dir = immutable_dir.strip("/") + "/" if immutable_dir else None
        self.fallback = fallback.resolve() if fallback is not None else None
        self.brotli = _brotli()
        self._compressed: dict[tuple[Path, str, int, int], bytes] = {}
        self._lock = threading.Lock()
        handler = type("Handler", (_Handler,), {"state": self})
        self.httpd = Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.requests: list[str] = []  # paths requested, in order (for tests and reports)
        self.statuses: list[tuple[str, int]] = []  # (path, status) of each file answered

    @property
    def url(self) -> str:
        """The site's URL: `http://127.0.0.1:PORT/base/`."""
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{self.base}"

    def start(self) -> StaticServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def find(self, rel: str) -> Path | None:
        """The file for the URL path `rel` (relative to base), or None. A folder is its
        `index.html`; the caller redirects folder URLs that lack their slash."""
        for root in (self.root, self.fallback):
            file = find_file(root, rel) if root is not None else None
            if file is not None:
                return file
        return None

    def encode(self, file: Path, data: bytes, encoding: str) -> bytes:
        """`data` (the bytes of `file`) compressed with `encoding`, memoised."""
        stat = file.stat()
        key = (file, encoding, stat.st_mtime_ns, stat.st_size)
        with self._lock:
            found = self._compressed.get(key)
        if found is None:
            found = compression.brotli(data) if encoding == "br" else compression.gzip(data)
            with self._lock:
                self._compressed[key] = found
        return found

    def cache_control(self, rel: str) -> str:
        if self.immutable_dir and rel.startswith(self.immutable_dir):
            return IMMUTABLE
        return REVALIDATE


def _accepted(header: str | None) -> set[str]:
    """The codings an `Accept-Encoding` header accepts (q > 0)."""
    found = set()
    for item in (header or "").split(","):
        name, _, params = item.strip().partition(";")
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name and q > 0:
            found.add(name.strip().lower())
    return found


def _etag(body: bytes) -> str:
    """A strong validator of the bytes sent: two encodings of a file differ, as they must."""
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _matches(header: str | None, etag: str) -> bool:
    """Whether `If-None-Match` names `etag` (the weak comparison RFC 9110 asks for here)."""
    if not header:
        return False
    tags = [t.strip().removeprefix("W/") for t in header.split(",")]
    return "*" in tags or etag in tags


class _Handler(Handler):
    state: StaticServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802 (the standard library's name)
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        state = self.state
        path = unquote(urlsplit(self.path).path)
        state.requests.append(path)
        if not path.startswith(state.base):
            if path == state.base.rstrip("/"):
                return self.redirect(state.base)
            return self._error(HTTPStatus.NOT_FOUND, head)
        rel = path[len(state.base) :]
        file = state.find(rel)
        if file is None:
            return self._error(HTTPStatus.NOT_FOUND, head)
        if file.name == "index.html" and rel and not rel.endswith(("/", "index.html")):
            return self.redirect(path + "/")
        try:
            data = file.read_bytes()
        except OSError:
            return self._error(HTTPStatus.NOT_FOUND, head)
        if state.page_filter is not None and file.suffix == ".html":
            data = state.page_filter(data)
        headers = {
            "Content-Type": content_type(file.name),
            "Cache-Control": state.cache_control(rel),
        }
        if is_text(file.name):
            accepted = _accepted(self.headers.get("Accept-Encoding"))
            encoding = "br" if "br" in accepted and state.brotli else None
            encoding = encoding or ("gzip" if "gzip" in accepted else None)
            if encoding:
                packed = state.encode(file, data, encoding)
                if len(packed) < len(data):
                    data = packed
                    headers["Content-Encoding"] = encoding
            headers["Vary"] = "Accept-Encoding"
        headers["ETag"] = etag = _etag(data)
        if _matches(self.headers.get("If-None-Match"), etag):
            return self._not_modified(headers)
        state.statuses.append((path, 200))
        self._send(HTTPStatus.OK, headers, data, head)

    def _not_modified(self, headers: dict[str, str]) -> None:
        """304 Not Modified: the validator and caching headers of the 200, no body."""
        self.state.statuses.append((unquote(urlsplit(self.path).path), 304))
        self.send_response(HTTPStatus.NOT_MODIFIED)
        for name in ("Cache-Control", "ETag", "Vary"):
            if name in headers:
                self.send_header(name, headers[name])
        self.end_headers()

    def _error(self, status: HTTPStatus, head: bool) -> None:
        body = f"<!doctype html><title>{status.value}</title><h1>{status.phrase}</h1>".encode()
        headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}
        self._send(status, headers, body, head)

    def _send(self, status: HTTPStatus, headers: dict[str, str], data: bytes, head: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if not head:
            try:
                self.wfile.write(data)
            except OSError:  # the browser gave up on the request (a closed context)
                self.close_connection = True
