"""Headless Chromium for tests: serve a folder on loopback and read a page's DOM after its
scripts ran (`--dump-dom`). Debian's `chromium`; flags keep it off the (closed) network."""

from __future__ import annotations

import contextlib
import functools
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .conftest import require_tool


class _Quiet(SimpleHTTPRequestHandler):
    inject = ""  # HTML appended to every page, before </body>
    refuse: tuple[str, ...] = ()  # URL suffixes answered 404

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0]
        if self.refuse and path.endswith(self.refuse):
            self.send_error(404)
            return
        if self.inject and (path.endswith(".html") or path.endswith("/")):
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            if file.is_file():
                body = file.read_text().replace("</body>", self.inject + "</body>").encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path, *, inject: str = "", refuse: tuple[str, ...] = ()) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1; yields the base URL. `inject` is added to every page before
    `</body>`; requests for paths ending with one of `refuse` get a 404."""
    handler_class = type("Handler", (_Quiet,), {"inject": inject, "refuse": refuse})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Headless, and kept off the (closed) network: no background requests, updates or QUIC.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def dump_dom(url: str, *, budget_ms: int = 5000) -> str:
    chromium = require_tool("chromium", "chromium-browser", "google-chrome")
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--window-size=1280,900",
                f"--virtual-time-budget={budget_ms}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


class LivePage:
    """One page in a headless Chromium that stays open, driven over the DevTools protocol
    (a websocket): for what `--dump-dom` cannot show, such as a page reacting to later events."""

    def __init__(self, url: str) -> None:
        import json
        import re

        import websocket  # websocket-client

        chromium = require_tool("chromium", "chromium-browser", "google-chrome")
        # Chromium's helper processes may still write to the profile while it is removed
        self._profile = tempfile.TemporaryDirectory(ignore_cleanup_errors=True)
        self.process = subprocess.Popen(
            [
                chromium,
                *FLAGS,
                f"--user-data-dir={self._profile.name}",
                "--window-size=1280,900",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        endpoint = None
        for line in self.process.stderr:  # "DevTools listening on ws://127.0.0.1:PORT/..."
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                endpoint = found[1]
                break
        assert endpoint, "Chromium did not start its DevTools endpoint"
        self._json = json
        self.ws = websocket.create_connection(endpoint, timeout=30, suppress_origin=True)
        self._id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)
        self.call("Page.navigate", session=True, url=url)

    def call(self, method: str, session: bool = False, **params):
        self._id += 1
        message = {"id": self._id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        self.ws.send(self._json.dumps(message))
        while True:
            reply = self._json.loads(self.ws.recv())
            if reply.get("id") == self._id:
                assert "error" not in reply, reply["error"]
                return reply.get("result", {})

    def evaluate(self, expression: str):
        """The value of a JavaScript expression in the page (awaited if a promise)."""
        result = self.call(
            "Runtime.evaluate",
            session=True,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 10.0):
        import time

        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(expression)
            except AssertionError:
                value = None
            if value:
                return value
            assert time.monotonic() < deadline, f"never true: {expression}"
            time.sleep(0.05)

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            self.process.kill()
            self.process.wait(timeout=10)
            self._profile.cleanup()
