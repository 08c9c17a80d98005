"""Servers for the deploy tests, all on 127.0.0.1: moto in server mode (S3 and CloudFront over
real HTTP), a proxy in front of it that records every request and injects faults, and local
stand-ins for the Cloudflare and Fastly APIs that check each request as the real APIs define
them (method, path, auth header, body) and answer like them."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int = 0


# A fault rule: (request, how many requests came before) -> None (forward it), an HTTP status
# to answer with instead (an S3 error `SlowDown` for 503, `InternalError` otherwise), a
# (status, error code) to answer with, or "drop" to close the connection without an answer.
Fault = Callable[[Seen, int], "int | tuple[int, str] | str | None"]


@dataclass
class Proxy:
    upstream: tuple[str, int]
    requests: list[Seen] = field(default_factory=list)
    fault: Fault | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
        self.fault = None

    def writes(self) -> list[Seen]:
        return [r for r in self.requests if r.method in ("PUT", "POST", "DELETE")]


def start_proxy(upstream: tuple[str, int]) -> Proxy:
    proxy = Proxy(upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def _body(self) -> bytes:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                chunks = []
                while True:
                    size = int(self.rfile.readline().split(b";")[0], 16)
                    if size == 0:
                        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                            pass
                        break
                    chunks.append(self.rfile.read(size))
                    self.rfile.readline()
                return b"".join(chunks)
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def _handle(self) -> None:
            body = self._body()
            seen = Seen(self.command, self.path, dict(self.headers.items()), body)
            with proxy.lock:
                before = len(proxy.requests)
                proxy.requests.append(seen)
            action = proxy.fault(seen, before) if proxy.fault else None
            if action == "drop":
                seen.status = -1
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)
                return
            if isinstance(action, (int, tuple)):
                status, code = (
                    action
                    if isinstance(action, tuple)
                    else (action, "SlowDown" if action == 503 else "InternalError")
                )
                seen.status = status
                payload = (
                    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>'
                    + code.encode()
                    + b"</Code><Message>injected by the test proxy</Message></Error>"
                )
                self.send_response(status)
                self.send_header("Content-Type", "application/xml")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
                return
            headers = {
                k: v
                for k, v in self.headers.items()
                if k.lower() not in ("transfer-encoding", "content-length", "connection")
            }
            headers["Content-Length"] = str(len(body))
            connection = http.client.HTTPConnection(*proxy.upstream, timeout=60)
            try:
                connection.request(self.command, self.path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read()
            finally:
                connection.close()
            seen.status = response.status
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() not in (
                    "transfer-encoding",
                    "content-length",
                    "connection",
                    "server",
                    "date",
                ):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _handle  # noqa: N815

    proxy.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    proxy.server.daemon_threads = True
    threading.Thread(target=proxy.server.serve_forever, daemon=True).start()
    return proxy


@dataclass
class FakeApi:
    """A stand-in for a CDN's HTTP API: `check(method, path, headers, body)` returns
    (status, JSON answer); every request is recorded."""

    check: Callable[[str, str, dict[str, str], bytes], tuple[int, object]]
    requests: list[Seen] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def start_api(check) -> FakeApi:
    api = FakeApi(check)

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            headers = {k.lower(): v for k, v in self.headers.items()}
            api.requests.append(Seen(self.command, self.path, headers, body))
            status, answer = api.check(self.command, self.path, headers, body)
            api.requests[-1].status = status
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _handle  # noqa: N815

    api.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    api.server.daemon_threads = True
    threading.Thread(target=api.server.serve_forever, daemon=True).start()
    return api


CLOUDFLARE_TOKEN = "cf-test-token-5e1f"
FASTLY_TOKEN = "fastly-test-token-77ab"


def cloudflare_check(zone: str, fail: bool = False):
    """Cloudflare's purge_cache: POST /zones/{zone}/purge_cache, `Authorization: Bearer`,
    a JSON body {"files": [absolute URLs]} of at most 100."""

    def check(method, path, headers, body):
        errors = []
        if method != "POST" or path != f"/zones/{zone}/purge_cache":
            errors.append({"code": 7003, "message": f"No route for {method} {path}"})
        if headers.get("authorization") != f"Bearer {CLOUDFLARE_TOKEN}":
            return 403, {
                "success": False,
                "errors": [{"code": 10000, "message": "Authentication error"}],
            }
        if not headers.get("content-type", "").startswith("application/json"):
            errors.append({"code": 6003, "message": "Invalid request headers"})
        try:
            files = json.loads(body)["files"]
        except (ValueError, KeyError, TypeError):
            files = None
        if (
            not isinstance(files, list)
            or not files
            or len(files) > 100
            or not all(isinstance(f, str) and f.startswith(("http://", "https://")) for f in files)
        ):
            errors.append(
                {
                    "code": 1012,
                    "message": "Request must contain one of files, tags, "
                    "hosts, prefixes, purge_everything (at most 100 files)",
                }
            )
        if fail:
            return 500, {"success": False, "errors": [{"code": 1000, "message": "Internal"}]}
        if errors:
            return 400, {"success": False, "errors": errors, "messages": [], "result": None}
        return 200, {"success": True, "errors": [], "messages": [], "result": {"id": zone}}

    return check


def fastly_check(service: str, host: str):
    """Fastly: `POST /purge/<host><path>` (one URL) or `POST /service/{id}/purge` with a
    `Surrogate-Key` header of at most 256 keys; `Fastly-Key` holds the token."""

    def check(method, path, headers, body):
        if headers.get("fastly-key") != FASTLY_TOKEN:
            return 401, {"msg": "Provided credentials are missing or invalid"}
        if method != "POST":
            return 405, {"msg": "Method not allowed"}
        if path.startswith(f"/purge/{host}/"):
            return 200, {"status": "ok", "id": f"purge-{len(path)}"}
        if path == f"/service/{service}/purge":
            keys = headers.get("surrogate-key", "").split()
            if not keys or len(keys) > 256:
                return 400, {"msg": "Surrogate-Key header with 1 to 256 keys required"}
            return 200, {key: f"id-{i}" for i, key in enumerate(keys)}
        return 404, {"msg": "Record not found"}

    return check
