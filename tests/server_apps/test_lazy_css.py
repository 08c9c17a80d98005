"""A dynamic import whose chunk has CSS: the chunk is fetched while its stylesheet loads (a
modulepreload of the URL the import resolves to, through the import map when there is one),
not after it, so the CSS costs no extra round trip. Checked in Chromium against a server that
delays every CSS and JavaScript response."""

from __future__ import annotations

import functools
import json
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from assetpipe import manifest

from ..browser import LivePage
from .apps import build_app

DELAY = 0.4  # seconds, per CSS or JavaScript response


class _Slow(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802
        if self.path.endswith((".css", ".js")):
            time.sleep(DELAY)
        super().do_GET()


@pytest.mark.parametrize("vite_manifest", [True, False], ids=["hashed-names", "import-map"])
def test_the_chunk_is_fetched_while_its_stylesheet_loads(tmp_path, vite_manifest):
    out = build_app(tmp_path, vite_manifest=vite_manifest)
    tags = manifest.load(out).tags("src/main.ts", base_url="/")
    (out / "index.html").write_text(
        f"<!doctype html><html><head>{tags}</head><body><p id=status></p>"
        "<div id=app></div><div id=chart></div></body></html>"
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Slow, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = LivePage(f"http://127.0.0.1:{server.server_address[1]}/index.html")
    try:
        page.wait_until("document.getElementById('status').textContent === 'chart drawn'", 20)
        styled = page.evaluate("document.documentElement.dataset.chartDisplay")
        timing = page.evaluate(
            "JSON.stringify(performance.getEntriesByType('resource')"
            ".filter(e => /\\/chart-/.test(e.name))"
            ".map(e => [e.name.split('.').pop(), e.startTime, e.responseEnd]))"
        )
    finally:
        page.close()
        server.shutdown()

    found = {kind: (start, end) for kind, start, end in json.loads(timing)}
    assert set(found) == {"css", "js"}  # (fetched once each)
    js_start, css_end = found["js"][0], found["css"][1]
    assert js_start < css_end - DELAY * 1000 / 2, found  # asked for before the CSS arrived
    assert styled == "flex"  # and it still ran once its stylesheet applied
