"""The CDN warm-up after a deploy (`deploy --warm URL`): the pages the deploy changed and their
new initial assets fetched through the CDN, so that its first visitors hit a warm cache.

    targets(plan, read_initial(out)) -> paths   (pure: what to fetch, in order)
    urls(base, paths) -> [(URL, path)]          (pure: the URL a visitor requests for each)
    fetch(base, pairs, concurrency) -> WarmResult   (the requests)

What is fetched: every page (`.html`) the deploy uploaded, each at the URL visitors use (a
page `blog/index.html` at `blog/`, the root `index.html` at the base URL itself: the CDN
caches by URL, and those are the ones linked), followed by the files of the page report's
`initial` list (`.assetpipe/report.json`: render-blocking CSS, entry scripts and their static
imports, the main image, preloaded fonts) that the deploy uploaded; then any other uploaded
file that is initial for some page (a changed non-hashed file an unchanged page loads). A file
that was live already is not fetched: its URL is unchanged (hashed names change with their
bytes), so it is in the CDN's cache or nobody asked for it yet. Each URL once, in that order.

How: `GET` with the `Accept-Encoding` Chromium sends (CDNs keep one copy per encoding), the
body read to its end (a CDN caches only a complete response) and discarded, `concurrency`
requests at a time, each worker on one keep-alive connection per host, `TIMEOUT` seconds per
request, one retry when a connection fails (a kept-alive connection the server closed), no
redirect followed. A failure is a result, never an exception: the site is live by then.
"""

from __future__ import annotations

import http.client
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from .plan import DeployPlan

ACCEPT_ENCODING = "gzip, deflate, br, zstd"  # what Chromium sends
TIMEOUT = 30.0  # seconds per request
CACHE_HEADERS = ("X-Cache", "CF-Cache-Status", "Age", "X-Served-By", "Via")


def _user_agent() -> str:
    from .. import __version__

    return f"assetpipe/{__version__} (deploy warm-up)"


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    path: str  # the output path it serves
    status: int  # 0: no answer (`error` says why)
    headers: tuple[tuple[str, str], ...] = ()  # the CACHE_HEADERS present, in that order
    bytes: int = 0  # the body as received (compressed when the CDN compressed it)
    seconds: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 400

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)


@dataclass(frozen=True, slots=True)
class WarmResult:
    base_url: str
    concurrency: int
    fetched: tuple[Fetched, ...] = ()
    planned: tuple[str, ...] = ()  # the URLs (what a dry run would fetch)
    seconds: float = 0.0
    dry_run: bool = False

    @property
    def failed(self) -> tuple[Fetched, ...]:
        return tuple(f for f in self.fetched if not f.ok)


def base_url(url: str, build_base: str = "/") -> str:
    """The URL the output folder is served at, ending in `/`: `url` itself when it has a path,
    else `url` with `build.base` when that is a path (`/docs/`)."""
    parts = urlsplit(url)
    path = parts.path
    if path in ("", "/") and build_base.startswith("/"):
        path = build_base
    if not path.endswith("/"):
        path += "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def check_url(url: str) -> str | None:
    """Why `url` cannot be warmed through, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"must be an absolute http:// or https:// URL, got {url!r}"
    try:
        parts.port  # noqa: B018 (the check: a port that is not a number)
    except ValueError:
        return f"must have a port from 1 to 65535, got {url!r}"
    if parts.username or parts.password:
        return "must not hold credentials (they would be printed with the results)"
    if parts.query or parts.fragment:
        return f"must be a URL without a query or fragment, got {url!r}"
    return None


def read_initial(out: Path) -> dict[str, list[str]] | None:
    """Each page's initial files from the build's page report (page output path -> output
    paths, the page first), or None when there is no readable report."""
    try:
        report = json.loads((out / ".assetpipe" / "report.json").read_bytes())
        return {
            page["file"]: [f["file"] for f in page["files"] if f.get("initial")]
            for page in report["pages"]
        }
    except (OSError, ValueError, KeyError, TypeError):
        return None


def targets(the_plan: DeployPlan, initial: Mapping[str, Iterable[str]] | None) -> list[str]:
    """The output paths to fetch: each uploaded page and its uploaded initial files, then the
    other uploaded files some page needs initially; each once."""
    uploaded = {u.path for u in the_plan.uploads}
    initial = initial or {}
    found: dict[str, None] = {}
    for u in the_plan.uploads:
        if u.phase != "pages":
            continue
        found[u.path] = None
        for path in initial.get(u.path, ()):
            if path in uploaded:
                found[path] = None
    for page in sorted(initial):
        for path in initial[page]:
            if path in uploaded and path not in found:
                found[path] = None
    return list(found)


def url_path(path: str) -> str:
    """The URL path (relative to the base) visitors request for output `path`."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return quote(path)


def urls(base: str, paths: Iterable[str]) -> list[tuple[str, str]]:
    """(URL, output path) of each path under `base` (which ends in `/`)."""
    return [(base + url_path(p), p) for p in paths]


def fetch(
    base: str,
    pairs: list[tuple[str, str]],
    concurrency: int,
    progress: Callable[[str, int, int], None] | None = None,
    timeout: float = TIMEOUT,
) -> WarmResult:
    """GET each (URL, output path) of `pairs`, `concurrency` at a time; results in order."""
    started = time.monotonic()
    pool = _Connections(timeout)
    done = 0
    lock = threading.Lock()

    def one(target: tuple[str, str]) -> Fetched:
        nonlocal done
        result = _get(pool, *target)
        with lock:
            done += 1
            if progress:
                progress("warm", done, len(pairs))
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, concurrency)) as executor:
            fetched = tuple(executor.map(one, pairs))
    finally:
        pool.close()
    return WarmResult(
        base,
        concurrency,
        fetched,
        tuple(u for u, _ in pairs),
        time.monotonic() - started,
    )


class _Connections:
    """One keep-alive connection per worker thread and host; all closed at the end."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.local = threading.local()
        self.made: list[http.client.HTTPConnection] = []
        self.lock = threading.Lock()

    def get(self, scheme: str, netloc: str, fresh: bool = False) -> http.client.HTTPConnection:
        mine: dict[tuple[str, str], http.client.HTTPConnection] = self.local.__dict__.setdefault(
            "connections", {}
        )
        connection = mine.get((scheme, netloc))
        if connection is not None and fresh:
            connection.close()
            connection = None
        if connection is None:
            if scheme == "https":
                connection = http.client.HTTPSConnection(
                    netloc, timeout=self.timeout, context=ssl.create_default_context()
                )
            else:
                connection = http.client.HTTPConnection(netloc, timeout=self.timeout)
            mine[(scheme, netloc)] = connection
            with self.lock:
                self.made.append(connection)
        return connection

    def close(self) -> None:
        with self.lock:
            for connection in self.made:
                connection.close()


def _get(pool: _Connections, url: str, path: str) -> Fetched:
    parts = urlsplit(url)
    target = parts.path or "/"
    headers = {"Accept-Encoding": ACCEPT_ENCODING, "User-Agent": _user_agent(), "Accept": "*/*"}
    started = time.monotonic()
    error = ""
    for attempt in (1, 2):
        connection = pool.get(parts.scheme, parts.netloc, fresh=attempt > 1)
        try:
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
            size = 0
            while chunk := response.read(65536):
                size += len(chunk)
            seen = tuple(
                (name, value)
                for name in CACHE_HEADERS
                if (value := response.getheader(name)) is not None
            )
            if response.will_close:
                connection.close()
            return Fetched(url, path, response.status, seen, size, time.monotonic() - started)
        except TimeoutError:
            connection.close()
            error = f"no answer in {pool.timeout:g} s"
            break  # a slow CDN is not asked twice
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            error = _describe(exc)
    return Fetched(url, path, 0, (), 0, time.monotonic() - started, error)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return f"cannot resolve the host ({exc.strerror})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS error: {exc.reason or exc}"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    text = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return text


def cache_status(fetched: Fetched, name: str) -> str | None:
    """The cache verdict a header gives for the edge nearest the client: `Miss from
    cloudfront` -> `Miss`, Fastly's `MISS, HIT` (shield, edge) -> `HIT`."""
    value = fetched.header(name)
    if not value:
        return None
    last = value.split(",")[-1].strip()
    return last.split()[0] if last else None


def to_json(result: WarmResult) -> dict[str, Any]:
    return {
        "url": result.base_url,
        "concurrency": result.concurrency,
        "dry_run": result.dry_run,
        "urls": list(result.planned),
        "seconds": round(result.seconds, 3),
        "failed": len(result.failed),
        "fetched": [
            {
                "url": f.url,
                "path": f.path,
                "status": f.status,
                "headers": dict(f.headers),
                "bytes": f.bytes,
                "seconds": round(f.seconds, 3),
                **({"error": f.error} if f.error else {}),
            }
            for f in result.fetched
        ],
    }
