"""A folder on a loopback HTTP server that records what was asked of it.

``serve(folder, refuse=(".css",))`` answers 404 for every path ending in one of ``refuse``
(the built page's full stylesheets, so that only the CSS inlined in the page applies: its
first paint). Every request is recorded as ``(path, status)`` in the yielded
:class:`Served`, so a run can tell which stylesheets a page loaded (their bytes are what a
visitor downloads) and notice a vendored file that is missing (a 404 in the unbuilt page).
"""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

TYPES = {
    ".css": "text/css",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".avif": "image/avif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}


@dataclass
class Served:
    """The base URL (``http://127.0.0.1:PORT/``) and the requests answered so far."""

    url: str
    requests: list[tuple[str, int]] = field(default_factory=list)

    def paths(self, suffix: str, status: int = 200) -> list[str]:
        """Paths (without query) ending with ``suffix`` answered with ``status``, in order,
        each once."""
        found = [p for p, s in self.requests if s == status and p.endswith(suffix)]
        return list(dict.fromkeys(found))

    def missing(self) -> list[str]:
        """Paths answered 404, but the favicon, which Chromium asks for by itself."""
        return list(dict.fromkeys(p for p, s in self.requests if s == 404 and p != "/favicon.ico"))


class _Handler(SimpleHTTPRequestHandler):
    refuse: tuple[str, ...] = ()
    served: Served
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}

    def log_message(self, *args: object) -> None:
        pass

    def send_response(self, code: int, message: str | None = None) -> None:
        path = unquote(self.path.split("?")[0].split("#")[0])
        self.served.requests.append((path, code))
        super().send_response(code, message)

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0].split("#")[0]
        if self.refuse and path.endswith(self.refuse):
            self.send_error(404)
            return
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path, *, refuse: tuple[str, ...] = ()) -> Iterator[Served]:
    """Serve ``folder`` on 127.0.0.1 while the block runs."""
    served = Served("")
    handler_class = type("Handler", (_Handler,), {"refuse": refuse, "served": served})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    served.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
