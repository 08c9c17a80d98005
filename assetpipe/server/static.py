"""Finding the file a URL path names in a served folder, for the dev server (`server/dev.py`)
and the audit's server (`server/audit.py`): nothing outside the folder, no dot files or folders
(`.assetpipe/`), a folder is its `index.html`."""

from __future__ import annotations

import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Server(ThreadingHTTPServer):
    """The local servers' HTTP server: a thread per request, daemon threads, and a listen
    backlog for a page's burst of requests (the standard library's 5 stalls them ~1 s)."""

    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address) -> None:
        """A client that went away mid-request is no news (the standard library prints a
        traceback); anything else is a line on stderr."""
        kind, exc = sys.exc_info()[:2]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        print(f"assetpipe: server error answering {client_address[0]}: {exc!r}", file=sys.stderr)


class Handler(BaseHTTPRequestHandler):
    """What the request handlers of both servers share."""

    def redirect(self, location: str) -> None:
        """A permanent redirect no cache keeps (a folder's URL to its slash, or to the base)."""
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()


def find_file(root: Path, rel: str) -> Path | None:
    """The file under `root` for the URL path `rel` (decoded, relative to the site's base), or
    None. A folder gives its `index.html`, if it has one. A path no file system can hold (a NUL
    byte, a name too long) finds nothing."""
    if "\x00" in rel or any(part.startswith(".") for part in Path(rel).parts):
        return None
    try:
        root = root.resolve()
        file = (root / rel).resolve()
        if not file.is_relative_to(root):
            return None
        if file.is_dir():
            file = file / "index.html"
        return file if file.is_file() else None
    except (OSError, ValueError):
        return None
