"""Computed styles in headless Chromium, to check what a critical-CSS tool inlined.

- :func:`serve`: a folder on a loopback HTTP server that can add a script to every page and
  answer 404 for chosen URL suffixes (``refuse=(".css",)``: only the CSS inlined in the page
  applies).
- :func:`computed_styles`: load a page in headless Chromium (Debian's ``chromium``, flags that
  keep it off the network) with :data:`DUMP` injected, and return what DUMP wrote: every
  element's computed style and the web fonts that loaded.
- :func:`compare`: the elements whose computed style differs between two such dumps.

A copy of what ``tests/browser.py`` and ``tests/css/test_critical_render.py`` do, so the bench
does not depend on the test suite; DUMP here also skips ``<noscript>``, ``<style>`` and
``<link>`` elements, which a critical-CSS tool adds (beasties puts them where the ``<link>``
was, which can be the body) and which are never rendered.
"""

from __future__ import annotations

import contextlib
import functools
import html
import json
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.harness import CheckFailed

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")

# Waits for the page to load (stylesheets swapped in) and its fonts to settle, then writes
# every computed property of every rendered element (the root, the body and the body's
# elements, in document order) into the page as JSON. Custom properties are left out: their
# computed value is their token text, which minifiers rewrite; what they do shows in the
# properties that use them. `::before` content counts, and so do the web fonts that loaded.
DUMP = """<script>
addEventListener("load", async () => {
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 2000))]);
  await new Promise((r) => setTimeout(r, 100));
  const skip = "script, noscript, noscript *, style, link, template, #computed";
  const elements = [document.documentElement, document.body,
                    ...[...document.body.querySelectorAll("*")].filter((e) => !e.matches(skip))];
  const styles = elements.map((el) => {
    const cs = getComputedStyle(el);
    const before = getComputedStyle(el, "::before").content;
    const values = {};
    for (let i = 0; i < cs.length; i++) {
      if (!cs[i].startsWith("--")) values[cs[i]] = cs.getPropertyValue(cs[i]);
    }
    const classes = (el.getAttribute("class") || "").trim().split(/\\s+/).filter(Boolean);
    const name = [el.tagName.toLowerCase(), ...classes].join(".");
    return [name, before, values];
  });
  const loaded = [...document.fonts].filter((f) => f.status === "loaded");
  const fonts = [...new Set(loaded.map((f) => f.family.replace(/^["']|["']$/g, "")))].sort();
  const out = document.createElement("pre");
  out.id = "computed";
  out.textContent = JSON.stringify({styles, fonts}).replaceAll(location.origin, "");
  document.body.append(out);
});
</script>"""


class _Handler(SimpleHTTPRequestHandler):
    inject = ""  # HTML added to every page, before </body>
    refuse: tuple[str, ...] = ()  # URL path suffixes answered 404

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        path = self.path.split("?")[0].split("#")[0]
        if self.refuse and path.endswith(self.refuse):
            self.send_error(404)
            return
        if self.inject and (path.endswith(".html") or path.endswith("/")):
            file = Path(self.translate_path(path))
            if file.is_dir():
                file = file / "index.html"
            if file.is_file():
                body = file.read_text("utf-8").replace("</body>", self.inject + "</body>")
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                return
        super().do_GET()


@contextlib.contextmanager
def serve(folder: Path, *, inject: str = "", refuse: tuple[str, ...] = ()) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 and yield its base URL (``http://127.0.0.1:PORT/``)."""
    handler_class = type("Handler", (_Handler,), {"inject": inject, "refuse": refuse})
    handler = functools.partial(handler_class, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise CheckFailed(f"no Chromium on PATH (looked for {', '.join(CHROMIUM_NAMES)})")


def dump_dom(url: str, *, budget_ms: int = 8000, timeout: float = 120) -> str:
    """The DOM of ``url`` after its scripts ran, from ``chromium --headless --dump-dom``."""
    with tempfile.TemporaryDirectory(prefix="bench-chromium-") as profile:
        result = subprocess.run(
            [
                chromium(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--user-data-dir={profile}",
                "--window-size=1280,900",
                f"--virtual-time-budget={budget_ms}",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    if result.returncode != 0:
        raise CheckFailed(f"chromium on {url}: exit {result.returncode}\n{result.stderr[-1500:]}")
    return result.stdout


_COMPUTED = re.compile(r'<pre id="computed">(.*?)</pre>', re.S)


def computed_styles(url: str) -> dict:
    """``{"styles": [[name, before_content, {property: value}], ...], "fonts": [family]}``."""
    dom = dump_dom(url)
    match = _COMPUTED.search(dom)
    if match is None:
        raise CheckFailed(f"no computed styles in the DOM of {url}:\n{dom[-800:]}")
    return json.loads(html.unescape(match[1]))


@dataclass(frozen=True, slots=True)
class Difference:
    """One property of one element that differs from the reference."""

    index: int  # the element's position in DUMP's list (0: <html>, 1: <body>)
    element: str  # "tag.class.class"
    prop: str  # a CSS property, or "::before content"
    expected: str
    got: str


def compare(expected: dict, got: dict) -> list[Difference]:
    """Every property of every element whose computed value in ``got`` is not the expected one.

    Raises :class:`CheckFailed` when the two dumps are not of the same elements (a tool that
    changed the page's structure cannot be compared element by element).
    """
    want, have = expected["styles"], got["styles"]
    names_want, names_have = [e[0] for e in want], [e[0] for e in have]
    if names_want != names_have:
        first = next(
            (i for i, (a, b) in enumerate(zip(names_want, names_have, strict=False)) if a != b),
            min(len(names_want), len(names_have)),
        )
        raise CheckFailed(
            f"not the same elements ({len(names_want)} expected, {len(names_have)} found); "
            f"first difference at #{first}: {names_want[first : first + 1]} vs "
            f"{names_have[first : first + 1]}"
        )
    found: list[Difference] = []
    for index, ((name, before_a, values_a), (_, before_b, values_b)) in enumerate(
        zip(want, have, strict=True)
    ):
        if before_a != before_b:
            found.append(Difference(index, name, "::before content", before_a, before_b))
        for prop in sorted(values_a.keys() | values_b.keys()):
            a, b = values_a.get(prop, "(none)"), values_b.get(prop, "(none)")
            if a != b:
                found.append(Difference(index, name, prop, a, b))
    return found
