"""Time assetpipe's critical CSS per page, in-process (no interpreter start-up counted).

    python bench/scripts/critical_pages.py SITE OUT_DIR [PASSES]

Every top-level page of SITE (``*.html``) links stylesheets (``<link rel="stylesheet"
href>``, relative to SITE). Each stylesheet is parsed once with ``Sheet(css)`` (``parse_ms``,
timed once), then, after one warm-up page, every page is handled PASSES times (default 3),
each call timed: ``Page(html)`` and ``extract(sheet, page)`` for each stylesheet it links (what
a build does per page; the rewriting of the page's HTML is not counted). Writes
``OUT_DIR/figures.json``:

- ``pages``, ``ms_per_page`` (median of the calls), ``parse_ms``;
- ``inlined_bytes_per_page``: the critical CSS minified by assetpipe's minifier (Lightning
  CSS), as a build writes it into the page (mean); ``inlined_raw_bytes_per_page``: what
  ``extract`` returns, before minifying;
- ``ratio_of_stylesheet``: inlined (minified) bytes over the bytes of the page's stylesheets;
- ``minify_ms_per_page``: the minification, timed apart (median; a build does it too).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

from assetpipe.cache import Cache
from assetpipe.css.critical import Page, Sheet, extract
from assetpipe.css.minify import minify

_LINK = re.compile(r"<link\b[^>]*\brel=[\"']?stylesheet\b[^>]*>", re.I)
_HREF = re.compile(r"""\bhref=(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def stylesheet_hrefs(html: str) -> list[str]:
    """The relative hrefs of a page's ``<link rel="stylesheet">`` elements, in order."""
    hrefs = []
    for tag in _LINK.findall(html):
        m = _HREF.search(tag)
        href = m and (m[1] or m[2] or m[3])
        if href and not re.match(r"^[a-z]+:|^//", href, re.I):
            hrefs.append(href.split("?")[0].split("#")[0])
    return hrefs


def main() -> None:
    site, out = Path(sys.argv[1]), Path(sys.argv[2])
    passes = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    pages = sorted(site.glob("*.html"))
    if not pages:
        raise SystemExit(f"no page in {site}")
    texts = [p.read_text("utf-8") for p in pages]
    links = [stylesheet_hrefs(text) for text in texts]
    css = {href: (site / href).read_text("utf-8") for hrefs in links for href in hrefs}

    start = time.perf_counter()
    sheets = {href: Sheet(text) for href, text in css.items()}
    parse_seconds = time.perf_counter() - start

    def handle(text: str, hrefs: list[str]) -> list[str]:
        page = Page(text)
        return [extract(sheets[href], page).text for href in hrefs]

    handle(texts[0], links[0])  # warm up: lazy imports, first-use caches
    samples: list[float] = []
    results: list[list[str]] = []
    for pass_ in range(passes):
        for text, hrefs in zip(texts, links, strict=True):
            start = time.perf_counter()
            found = handle(text, hrefs)
            samples.append(time.perf_counter() - start)
            if pass_ == 0:
                results.append(found)

    cache = Cache(None)
    minify_samples: list[float] = []
    raw = packed = 0
    for found in results:
        start = time.perf_counter()
        minified = [minify(text, "critical.css", cache) if text else "" for text in found]
        minify_samples.append(time.perf_counter() - start)
        raw += sum(len(text.encode()) for text in found)
        packed += sum(len(text.encode()) for text in minified)
    sheet_bytes = sum(len(css[href].encode()) for hrefs in links for href in hrefs)

    figures = {
        "pages": len(pages),
        "ms_per_page": round(statistics.median(samples) * 1000, 3),
        "parse_ms": round(parse_seconds * 1000, 3),
        "inlined_bytes_per_page": round(packed / len(pages)),
        "inlined_raw_bytes_per_page": round(raw / len(pages)),
        "ratio_of_stylesheet": round(packed / sheet_bytes, 4),
        "minify_ms_per_page": round(statistics.median(minify_samples) * 1000, 3),
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "figures.json").write_text(json.dumps(figures))
    (out / "sample.css").write_text("\n".join(results[0]))


if __name__ == "__main__":
    main()
