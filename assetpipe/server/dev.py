"""The dev server: the output folder over HTTP on loopback, with live reload.

Files get assetpipe's own content types and `Cache-Control: no-store` (a rebuild must show at
once), and `Access-Control-Allow-Origin: *`, so pages a server renders on another port load
them as module scripts and hear the live-reload events (`assetpipe.manifest`, development).
A folder serves its `index.html` (`/blog` redirects to `/blog/`); HTML responses, and only
those, get the live-reload client before `</body>`. `/__assetpipe/events` is the
Server-Sent Events stream (`hub.send()` fans events out to every open page). Paths are served
under `build.base` when it is a path (`/docs/`). The folder is looked up on every request, so
each rebuild's atomic swap is seen at once; between builds, the last good one is served.
"""

from __future__ import annotations

import json
import queue
import threading
from http import HTTPStatus
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..media_types import content_type
from .livereload import CLIENT_JS
from .static import Handler, Server, find_file

EVENTS = "/__assetpipe/events"
CLIENT = "/__assetpipe/client.js"
TAG = f'<script src="{CLIENT}"></script>'


class Hub:
    """Open event streams, and the last build error (sent to pages that connect later)."""

    def __init__(self) -> None:
        self._clients: list[queue.Queue[str | None]] = []
        self._lock = threading.Lock()
        self.error: list[str] | None = None

    def send(self, event: str, data: object = None) -> None:
        if event == "build-error":
            self.error = data["diagnostics"]  # type: ignore[index]
        elif event in ("reload", "css", "ok"):
            self.error = None
        message = f"event: {event}\ndata: {json.dumps(data)}\n\n"
        with self._lock:
            for client in self._clients:
                client.put(message)

    def subscribe(self) -> queue.Queue[str | None]:
        client: queue.Queue[str | None] = queue.Queue()
        with self._lock:
            self._clients.append(client)
        return client

    def unsubscribe(self, client: queue.Queue[str | None]) -> None:
        with self._lock:
            if client in self._clients:
                self._clients.remove(client)

    def close(self) -> None:
        with self._lock:
            for client in self._clients:
                client.put(None)

    @property
    def clients(self) -> int:
        return len(self._clients)


class DevServer:
    def __init__(self, root: Path, host: str, port: int, hub: Hub, base: str = "/") -> None:
        self.root = root
        self.hub = hub
        self.base = base if base.startswith("/") and base.endswith("/") else "/"
        handler = type("Handler", (_Handler,), {"server_state": self})
        self.httpd = Server((host, port), handler)
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}{self.base}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.hub.close()
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(Handler):
    server_state: DevServer
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve(head=True)

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        if path == EVENTS:
            self._events()
        elif path == CLIENT:
            self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", CLIENT_JS.encode())
        else:
            self._serve(head=False)

    def _serve(self, head: bool) -> None:
        state = self.server_state
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(state.base):
            if path in ("/", state.base.rstrip("/")):
                return self.redirect(state.base)
            return self._not_found(head)
        rel = path[len(state.base) :]
        file = find_file(state.root, rel)
        if file is None:
            return self._not_found(head)
        if file.name == "index.html" and rel and not rel.endswith(("/", "index.html")):
            return self.redirect(path + "/")  # a folder: its relative links need the slash
        try:
            data = file.read_bytes()
        except OSError:
            return self._not_found(head)
        kind = content_type(file.name)
        if kind.startswith("text/html"):
            data = inject(data)
        self._send(HTTPStatus.OK, kind, data, head)

    def _not_found(self, head: bool) -> None:
        body = inject(b"<!doctype html><title>Not found</title><h1>404: not found</h1>")
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, head)

    def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")  # pages a server renders
        self.end_headers()
        if not head:
            self.wfile.write(data)

    def _events(self) -> None:
        hub = self.server_state.hub
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "keep-alive")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        client = hub.subscribe()
        try:
            self.wfile.write(b"retry: 500\nevent: hello\ndata: {}\n\n")
            if hub.error is not None:
                data = json.dumps({"diagnostics": hub.error})
                self.wfile.write(f"event: build-error\ndata: {data}\n\n".encode())
            self.wfile.flush()
            while True:
                try:
                    message = client.get(timeout=15)
                except queue.Empty:
                    message = ": keep-alive\n\n"
                if message is None:
                    break
                self.wfile.write(message.encode())
                self.wfile.flush()
        except OSError:  # the page went away
            pass
        finally:
            hub.unsubscribe(client)
            self.close_connection = True


def inject(html: bytes) -> bytes:
    """The page with the live-reload client before `</body>` (or at the end)."""
    tag = TAG.encode()
    lower = html.lower()
    at = lower.rfind(b"</body>")
    if at < 0:
        at = lower.rfind(b"</html>")
    if at < 0:
        return html + tag
    return html[:at] + tag + html[at:]
