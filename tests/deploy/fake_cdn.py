"""A local HTTP server on 127.0.0.1 that acts as a CDN in front of an origin (the moto bucket a
deploy writes to, or a dict of files): it fetches what it does not hold from the origin, keeps
one copy per path and encoding (gzip when the request accepts it, as CDNs compress text), and
answers as CloudFront (`X-Cache: Miss from cloudfront` / `Hit from cloudfront`, `Via`) or
Cloudflare (`CF-Cache-Status: MISS` / `HIT`), with `Age` on a hit. It accepts Cloudflare's
`POST /zones/{zone}/purge_cache` (full URLs), which evicts. It records every GET (path,
headers, the client's port) and the most requests it had in flight at once; `delay` slows
each answer, `status` answers every GET with that status instead (a CDN in trouble)."""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

# the origin: object key -> (status, content type, body)
Origin = Callable[[str], tuple[int, str, bytes]]


@dataclass
class Got:
    path: str
    headers: dict[str, str]  # lower-case names
    port: int  # the client's: one per connection
    status: int = 0


@dataclass
class FakeCdn:
    origin: Origin
    style: str = "cloudfront"  # or "cloudflare"
    delay: float = 0.05
    status: int | None = None
    requests: list[Got] = field(default_factory=list)
    purged: list[str] = field(default_factory=list)
    cache: dict[tuple[str, str], tuple[int, dict[str, str], bytes, float]] = field(
        default_factory=dict
    )
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def paths(self) -> list[str]:
        return [g.path for g in self.requests]

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.purged.clear()
            self.max_in_flight = 0

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()

    def answer(self, path: str, accept: str) -> tuple[int, dict[str, str], bytes]:
        encoding = "gzip" if "gzip" in accept.replace(" ", "").split(",") else "identity"
        key = (path, encoding)
        with self.lock:
            held = self.cache.get(key)
        if held is not None:
            status, headers, body, since = held
            hit = {**headers, "Age": str(int(time.time() - since)), **self._verdict(hit=True)}
            return status, hit, body
        object_key = unquote(path.lstrip("/"))
        if object_key == "" or object_key.endswith("/"):
            object_key += "index.html"
        status, content_type, body = self.origin(object_key)
        headers = {"Content-Type": content_type, "Vary": "Accept-Encoding"}
        if status == 200 and encoding == "gzip" and content_type.startswith(("text/", "appl")):
            body = gzip.compress(body, mtime=0)
            headers["Content-Encoding"] = "gzip"
        if status == 200:
            with self.lock:
                self.cache[key] = (status, headers, body, time.time())
        return status, {**headers, **self._verdict(hit=False)}, body

    def _verdict(self, hit: bool) -> dict[str, str]:
        if self.style == "cloudflare":
            return {"CF-Cache-Status": "HIT" if hit else "MISS"}
        return {
            "X-Cache": f"{'Hit' if hit else 'Miss'} from cloudfront",
            "Via": "1.1 0123456789abcdef.cloudfront.net (CloudFront)",
        }

    def purge(self, urls: list[str]) -> None:
        with self.lock:
            for url in urls:
                path = urlsplit(url).path
                self.purged.append(path)
                for key in [k for k in self.cache if k[0] == path]:
                    del self.cache[key]


def start_cdn(origin: Origin, **options) -> FakeCdn:
    cdn = FakeCdn(origin, **options)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive

        def setup(self) -> None:
            super().setup()  # headers and body are two writes: no Nagle delay between them
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            got = Got(self.path, {k.lower(): v for k, v in self.headers.items()}, 0)
            got.port = self.client_address[1]
            with cdn.lock:
                cdn.requests.append(got)
                cdn.in_flight += 1
                cdn.max_in_flight = max(cdn.max_in_flight, cdn.in_flight)
            try:
                time.sleep(cdn.delay)
                if cdn.status is not None:
                    status, headers, body = cdn.status, {"Content-Type": "text/html"}, b"busy"
                else:
                    status, headers, body = cdn.answer(
                        self.path.split("?")[0], self.headers.get("Accept-Encoding", "")
                    )
                got.status = status
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            finally:
                with cdn.lock:
                    cdn.in_flight -= 1

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path.startswith("/zones/") and self.path.endswith("/purge_cache"):
                cdn.purge(json.loads(body)["files"])
                answer = json.dumps({"success": True, "errors": [], "result": {"id": "z"}})
                status = 200
            else:
                answer, status = json.dumps({"success": False}), 404
            data = answer.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    cdn.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    cdn.server.daemon_threads = True
    threading.Thread(target=cdn.server.serve_forever, daemon=True).start()
    return cdn


def bucket_origin(host: str, port: int, bucket: str) -> Origin:
    """The objects of `bucket` on the moto server, read with signed GETs (boto3), as a CDN with
    origin access does; a missing object is CloudFront's 403."""
    import boto3

    client = boto3.client("s3", endpoint_url=f"http://{host}:{port}")

    def get(key: str) -> tuple[int, str, bytes]:
        try:
            answer = client.get_object(Bucket=bucket, Key=key)
        except client.exceptions.NoSuchKey:
            return 403, "application/xml", b"<Error><Code>AccessDenied</Code></Error>"
        return 200, answer["ContentType"], answer["Body"].read()

    return get


def files_origin(files: dict[str, bytes]) -> Origin:
    """An origin holding `files` (key -> bytes), for tests and benchmarks without a bucket."""

    def get(key: str) -> tuple[int, str, bytes]:
        if key not in files:
            return 403, "application/xml", b"<Error><Code>AccessDenied</Code></Error>"
        return 200, "text/html" if key.endswith(".html") else "text/plain", files[key]

    return get


def closed_port() -> int:
    """A port on 127.0.0.1 nothing listens on (a CDN that is down)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
