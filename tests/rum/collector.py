"""For the RUM tests: a beacon collector on 127.0.0.1 (records every POST: path, headers,
body), and a small site built in-process with a configuration file."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from assetpipe.pipeline.build import build

from ..conftest import site_config, write_files


def make(tmp_path: Path, name: str, files: dict, config: str = "", **overrides) -> Path:
    """Build `files` into tmp_path/name with `config` as the configuration file's text."""
    src = write_files(tmp_path / f"{name}-src", files)
    (tmp_path / f"{name}.toml").write_text(config)
    out = tmp_path / name
    build(
        site_config(tmp_path / f"{name}.toml", src, out, tmp_path / "cache", tmp_path, **overrides)
    )
    return out


def manifest(out: Path) -> dict:
    return json.loads((out / ".assetpipe/manifest.json").read_text())


@dataclass
class Collector:
    url: str
    beacons: list[tuple[str, dict[str, str], bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def bodies(self) -> list[bytes]:
        with self.lock:
            return [body for _, _, body in self.beacons]


@contextlib.contextmanager
def collector() -> Iterator[Collector]:
    """A server that answers every POST with 204 (and CORS headers) and keeps what it got."""
    found = Collector("")

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with found.lock:
                found.beacons.append((self.path, dict(self.headers), body))
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", self.headers.get("Origin") or "*")
            self.send_header("Access-Control-Allow-Credentials", "true")
            self.end_headers()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    found.url = f"http://127.0.0.1:{server.server_address[1]}/collect"
    try:
        yield found
    finally:
        server.shutdown()
        server.server_close()
