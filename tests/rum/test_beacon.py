"""The monitoring script in headless Chromium: a page built with `[rum] endpoint` naming a
collector on another origin sends one beacon per page view, with plausible metrics."""

from __future__ import annotations

import json
import time
from pathlib import Path

from ..browser import LivePage, serve
from .collector import Collector, collector, make, manifest

BUSY_MS = 150  # what the button's click handler takes
PAGE = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Monitored</title>
  <style>body {{ font: 16px sans-serif }} #banner {{ height: 200px; background: #fc0 }}</style>
</head>
<body>
  <h1>Real-user monitoring</h1>
  <p>A paragraph of text, the largest thing this page paints.</p>
  <button id="busy" onclick="const t = performance.now(); while (performance.now() - t < {BUSY_MS}) {{}}
    document.getElementById('out').textContent = 'clicked'">Busy</button>
  <p id="out"></p>
  <p><a href="next.html">Next</a></p>
  <script>
    // a late banner pushes the page down: a layout shift no input caused
    setTimeout(() => {{
      const banner = document.createElement("div");
      banner.id = "banner";
      document.body.prepend(banner);
    }}, 300);
  </script>
</body>
</html>
"""
FILES = {"index.html": PAGE, "next.html": "<!doctype html>\n<title>next</title>\n<p>next\n"}
LOADED = (
    "document.readyState === 'complete' && performance.getEntriesByType('resource')"
    ".some(e => e.name.includes('/assets/rum-'))"
)
# painted: a view left before its first paint has no FCP or LCP (web-vitals' rule), and on a
# busy machine the load event can come first
PAINTED = (
    LOADED + " && performance.getEntriesByType('paint')"
    ".some(e => e.name === 'first-contentful-paint')"
)
# two frames after now: a page restored from the back/forward cache has painted again
TWO_FRAMES = (
    "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))))"
    ".then(() => true)"
)


def _click(page: LivePage, selector: str) -> None:
    """A real mouse click (input events, so Chromium times the interaction)."""
    x, y = page.evaluate(
        f"(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect();"
        " return [r.x + r.width / 2, r.y + r.height / 2] })()"
    )
    for kind in ("mousePressed", "mouseReleased"):
        page.call(
            "Input.dispatchMouseEvent",
            session=True,
            type=kind,
            x=x,
            y=y,
            button="left",
            clickCount=1,
        )


def _beacons(found: Collector, at_least: int, wait: float = 5.0) -> list[bytes]:
    """The beacons received once `at_least` are in (or `wait` seconds have passed), after a
    moment more for any that should not come."""
    deadline = time.monotonic() + wait
    while len(found.bodies()) < at_least and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    return found.bodies()


def test_one_beacon_per_page_view_reaches_a_collector_on_another_origin(tmp_path: Path):
    with collector() as found:
        out = make(tmp_path, "site", FILES, f'[rum]\nendpoint = "{found.url}"\n')
        with serve(out) as url:
            page = LivePage(url + "index.html")
            try:
                page.wait_until(PAINTED)
                page.wait_until("document.getElementById('banner') !== null")
                time.sleep(0.2)
                _click(page, "#busy")
                page.wait_until("document.getElementById('out').textContent === 'clicked'")
                assert found.bodies() == []  # nothing before the page is hidden
                page.call("Page.navigate", session=True, url="about:blank")  # hidden, unloaded
                bodies = _beacons(found, 1)
            finally:
                page.close()
        assert len(bodies) == 1, bodies
        path, headers, body = found.beacons[0]
        assert path == "/collect"
        assert headers["Content-Type"] == "text/plain;charset=UTF-8"  # no CORS preflight
        assert headers["Origin"] == url.rstrip("/")  # another origin than the collector's
        beacon = json.loads(body)
        assert list(beacon)[:4] == ["v", "page", "build", "nav"]
        assert beacon["v"] == 1
        assert beacon["page"] == "/index.html"
        assert beacon["build"] == manifest(out)["entries"]["index.html"]["build"]  # its version
        assert beacon["nav"] == "navigate"
        assert beacon.get("ect") in ("slow-2g", "2g", "3g", "4g")
        for metric in ("lcp", "fcp", "ttfb"):
            assert 0 < beacon[metric] < 10_000, (metric, beacon)
        assert beacon["ttfb"] <= beacon["fcp"] <= beacon["lcp"], beacon
        assert 0 < beacon["cls"] < 1, beacon  # the banner's shift
        assert BUSY_MS - 10 <= beacon["inp"] < 5_000, beacon  # the click's handler, at least
        assert set(beacon) <= {
            "v",
            "page",
            "build",
            "nav",
            "ect",
            "lcp",
            "cls",
            "inp",
            "fcp",
            "ttfb",
        }


def test_each_page_view_sends_its_own_beacon_and_a_bfcache_restore_is_a_new_view(tmp_path: Path):
    """Following a link: the first page's beacon goes as it is hidden (no click on it: no
    `inp`); the next page's when it is left in turn (back); the first page, back from the
    back/forward cache, is a new view with its own beacon, as web-vitals counts it."""
    with collector() as found:
        out = make(tmp_path, "site", FILES, f'[rum]\nendpoint = "{found.url}"\n')
        with serve(out) as url:
            page = LivePage(url + "index.html")
            try:
                page.wait_until(PAINTED)
                page.evaluate("location.href = 'next.html'")
                first = _beacons(found, 1)
                page.wait_until(PAINTED + " && location.pathname === '/next.html'")
                page.evaluate("history.back()")
                page.wait_until("location.pathname === '/index.html'")
                page.wait_until("document.readyState === 'complete'")
                page.wait_until(TWO_FRAMES)
                restored = page.evaluate(
                    "performance.getEntriesByType('navigation')[0].type === 'navigate'"
                )  # (a page loaded again would say back_forward)
                page.call("Page.navigate", session=True, url="about:blank")
                beacons = [json.loads(b) for b in _beacons(found, 3)]
            finally:
                page.close()
        assert len(first) == 1
        assert [b["page"] for b in beacons] == ["/index.html", "/next.html", "/index.html"]
        entries = manifest(out)["entries"]
        assert [b["build"] for b in beacons] == [
            entries[p]["build"] for p in ("index.html", "next.html", "index.html")
        ]
        assert [b["nav"] for b in beacons[:2]] == ["navigate", "navigate"]
        assert all("inp" not in b and 0 < b["lcp"] < 10_000 for b in beacons), beacons
        back = beacons[2]
        if restored:  # from the back/forward cache: paints timed from the restore, no TTFB
            assert back["nav"] == "back-forward-cache" and back["ttfb"] == 0, back
            assert 0 < back["fcp"] == back["lcp"] < 5_000, back
        else:
            assert back["nav"] == "back-forward", back


def test_a_view_not_sampled_sends_nothing(tmp_path: Path):
    with collector() as found:
        config = f'[rum]\nendpoint = "{found.url}"\nsample_rate = 0.000001\n'
        out = make(tmp_path, "site", FILES, config)
        assert 'data-sample-rate="1e-06"' in (out / "index.html").read_text()
        with serve(out) as url:
            page = LivePage(url + "index.html")
            try:
                page.wait_until(LOADED)  # the script ran
                _click(page, "#busy")
                page.wait_until("document.getElementById('out').textContent === 'clicked'")
                page.call("Page.navigate", session=True, url="about:blank")
                bodies = _beacons(found, 1, wait=2.0)
            finally:
                page.close()
        assert bodies == []
