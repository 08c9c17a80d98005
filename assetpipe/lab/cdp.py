"""A small Chrome DevTools protocol client: one headless Chromium, one websocket.

`Browser.launch(path)` starts Chromium with `--remote-debugging-port=0` and a throw-away profile,
reads the `DevTools listening on ws://...` line it prints, and connects. `call(method,
session=..., **params)` sends one command and waits for its reply; a reader thread files every
event under the session it belongs to (`events(session)`), so a caller can wait for the network
to go quiet while commands are still being answered. Chromium is kept off the network (no
background requests, no component updates, no QUIC) and is stopped with its process group.

Needs the `websocket-client` package. Errors are `CdpError` (a failed command, a browser that
went away, a timeout), never a bare websocket exception.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

# Off the network, no first-run UI, and no throttling of what we load in the background.
FLAGS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,InterestFeedContentSuggestions",
    "--disable-renderer-backgrounding",
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--metrics-recording-only",
    "--mute-audio",
    "--password-store=basic",
    "--use-mock-keychain",
    "--remote-debugging-port=0",
)

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


class CdpError(Exception):
    """A DevTools command failed, the browser went away, or something took too long."""


def find_browser(explicit: str | None = None) -> str | None:
    """The Chromium to run: `explicit` if it is an executable file (or a name on PATH), else the
    first of `BROWSER_NAMES` on PATH; None when there is none."""
    if explicit:
        if os.path.isfile(explicit) and os.access(explicit, os.X_OK):
            return explicit
        return shutil.which(explicit) if os.sep not in explicit else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A running headless Chromium and the websocket to its browser endpoint."""

    def __init__(self, process: subprocess.Popen[str], profile: str, endpoint: str) -> None:
        import websocket  # websocket-client; imported here so the CLI starts fast

        self.process = process
        self._profile = profile
        self._ws = websocket.create_connection(endpoint, timeout=30, suppress_origin=True)
        self._ws.settimeout(None)
        self._next_id = 0
        self._send_lock = threading.Lock()
        self._cond = threading.Condition()
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: dict[str | None, list[dict[str, Any]]] = {}
        self._handlers: dict[str | None, Callable[[dict[str, Any]], None]] = {}
        self._closed: str | None = None
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()

    @classmethod
    def launch(cls, executable: str, timeout: float = 30.0, args: tuple[str, ...] = ()) -> Browser:
        """Start `executable` headless; CdpError if it does not open its DevTools endpoint."""
        profile = tempfile.mkdtemp(prefix="assetpipe-audit-")
        args = [executable, *FLAGS, *args, f"--user-data-dir={profile}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        args.append("about:blank")
        try:
            process = subprocess.Popen(
                args,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                errors="replace",
                start_new_session=True,  # its own process group, stopped as one
            )
        except OSError as exc:
            shutil.rmtree(profile, ignore_errors=True)
            raise CdpError(f"cannot run {executable}: {exc.strerror or exc}") from None
        found: list[str] = []
        tail: deque[str] = deque(maxlen=20)
        ready = threading.Event()

        def drain() -> None:  # read stderr to its end, so Chromium never blocks on a full pipe
            assert process.stderr is not None
            for line in process.stderr:
                match = re.search(r"DevTools listening on (ws://\S+)", line)
                if match and not found:
                    found.append(match[1])
                    ready.set()
                else:
                    tail.append(line.rstrip())
            ready.set()

        threading.Thread(target=drain, name="chromium-stderr", daemon=True).start()
        ready.wait(timeout)
        if not found:
            _stop(process)
            shutil.rmtree(profile, ignore_errors=True)
            detail = "; ".join(line for line in tail if line.strip())[-600:]
            raise CdpError(
                f"{executable} did not open its DevTools endpoint"
                + (f": {detail}" if detail else " (timed out)")
            )
        try:
            return cls(process, profile, found[0])
        except Exception as exc:
            _stop(process)
            shutil.rmtree(profile, ignore_errors=True)
            raise CdpError(f"cannot connect to {executable}'s DevTools endpoint: {exc}") from None

    def call(
        self, method: str, session: str | None = None, timeout: float = 30.0, **params: Any
    ) -> dict[str, Any]:
        """Send `method` (to `session`, or the browser) and return its result."""
        with self._send_lock:
            self._next_id += 1
            ident = self._next_id
            message: dict[str, Any] = {"id": ident, "method": method, "params": params}
            if session is not None:
                message["sessionId"] = session
            try:
                self._ws.send(json.dumps(message))
            except Exception as exc:
                raise CdpError(f"{method}: the browser went away ({exc})") from None
        deadline = time.monotonic() + timeout
        with self._cond:
            while ident not in self._replies:
                if self._closed is not None:
                    raise CdpError(f"{method}: {self._closed}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise CdpError(f"{method}: no reply in {timeout:.0f} s")
                self._cond.wait(left)
            reply = self._replies.pop(ident)
        if "error" in reply:
            raise CdpError(f"{method}: {reply['error'].get('message', reply['error'])}")
        return reply.get("result", {})

    def events(self, session: str | None) -> list[dict[str, Any]]:
        """The events of `session` so far (`{"method": ..., "params": ...}`), oldest first."""
        with self._cond:
            return list(self._events.get(session, ()))

    def on_event(self, session: str | None, handler: Callable[[dict[str, Any]], None]) -> None:
        """Call `handler(event)` on the reader thread for each later event of `session` (it
        must not wait for replies; it may send commands with `send`)."""
        with self._cond:
            self._handlers[session] = handler

    def send(self, method: str, session: str | None = None, **params: Any) -> None:
        """Send a command without waiting for its reply (from an event handler)."""
        with self._send_lock:
            self._next_id += 1
            message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
            if session is not None:
                message["sessionId"] = session
            with contextlib.suppress(Exception):
                self._ws.send(json.dumps(message))

    def wait(
        self, until: Callable[[list[dict[str, Any]]], bool], session: str | None, timeout: float
    ) -> bool:
        """Wait until `until(events of session)` is true (re-checked on every event and at least
        every 100 ms); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                if until(self._events.get(session, [])):
                    return True
                if self._closed is not None:
                    raise CdpError(self._closed)
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.1))

    def forget(self, session: str) -> None:
        """Drop the events and handler of a session that is over."""
        with self._cond:
            self._events.pop(session, None)
            self._handlers.pop(session, None)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._ws.close()
        _stop(self.process)
        self._reader.join(timeout=5)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self) -> None:
        reason = "the browser closed the DevTools connection"
        try:
            while True:
                text = self._ws.recv()
                if not text:
                    break
                message = json.loads(text)
                handler = None
                with self._cond:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    elif "method" in message:
                        session = message.get("sessionId")
                        self._events.setdefault(session, []).append(message)
                        handler = self._handlers.get(session)
                    self._cond.notify_all()
                if handler is not None:
                    handler(message)
        except Exception as exc:  # the socket closed or broke
            if self.process.poll() is not None:
                reason = f"the browser exited (status {self.process.returncode})"
            elif str(exc):
                reason = f"the DevTools connection broke: {exc}"
        with self._cond:
            self._closed = reason
            self._cond.notify_all()


def _stop(process: subprocess.Popen[str]) -> None:
    """Stop the Chromium we started: its process group, politely, then firmly."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
