"""Critical CSS for server-rendered pages: computed per response from the rendered HTML and
the stylesheets `tags(critical=True)` marked, as the build does for its own pages."""

from __future__ import annotations

import json

from assetpipe import manifest
from assetpipe.critical_css import CriticalCSS, inline_critical

FILLER = "".join(f".unused-{i}{{color:rgb({i % 255},0,0);padding:{i}px}}" for i in range(200))
SITE_CSS = (
    '@font-face{font-family:Inter;src:url(inter-AAAAAAAA.woff2)format("woff2")}'
    "header{font-family:Inter;background:url(../img/bg-BBBBBBBB.png)}"
    ".card{color:red}.card:hover{color:blue}footer .late{margin:0}"
    "@media print{header{display:none}}" + FILLER
)
SMALL_CSS = "p{margin:0}"


def _out(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "site-CCCCCCCC.css").write_text(SITE_CSS)
    (tmp_path / "assets" / "small-DDDDDDDD.css").write_text(SMALL_CSS)
    (tmp_path / ".assetpipe").mkdir()
    (tmp_path / ".assetpipe" / "manifest.json").write_text(
        json.dumps(
            {
                "version": 1,
                "entries": {
                    "src/main.ts": {
                        "file": "assets/main-EEEEEEEE.js",
                        "imports": [],
                        "css": ["assets/site-CCCCCCCC.css", "assets/small-DDDDDDDD.css"],
                        "isEntry": True,
                    }
                },
                "outputs": {},
            }
        )
    )
    return tmp_path


def _page(tags: str) -> str:
    return (
        f"<!doctype html><html><head>{tags}</head>"
        '<body><header>Hi</header><div class="card">x</div><footer><p>f</p></footer></body></html>'
    )


def test_the_rules_the_rendered_page_needs_are_inlined_and_the_rest_loads_later(tmp_path):
    m = manifest.load(_out(tmp_path))
    tags = m.tags("src/main.ts", base_url="/static/", critical=True)
    assert tags.count("data-assetpipe-critical") == 2
    html = inline_critical(_page(tags), m, "/static/")
    style = html.split("<style>")[1].split("</style>")[0]
    assert "header{" in style and ".card{" in style and "p{margin:0}" in style
    assert ".card:hover" not in style and ".late" not in style and ".unused-1{" not in style
    assert "@media print" not in style
    # URLs from the page, not from the stylesheet's folder; the font the header uses
    assert 'url("/static/assets/inter-AAAAAAAA.woff2")' in style or (
        "url(/static/assets/inter-AAAAAAAA.woff2)" in style
    )
    assert "/static/img/bg-BBBBBBBB.png" in style
    # the big stylesheet loads without blocking, the small one was inlined whole
    assert (
        '<link rel="stylesheet" href="/static/assets/site-CCCCCCCC.css" media="print" '
        "onload=\"this.media='all'\"><noscript>"
    ) in html
    assert "small-DDDDDDDD.css" not in html
    assert html.index("<style>") < html.index("site-CCCCCCCC.css")
    assert html.index('<script type="module"') > html.index("</noscript>")


def test_unmarked_pages_and_development_are_left_alone(tmp_path):
    m = manifest.load(_out(tmp_path))
    plain = _page(m.tags("src/main.ts", base_url="/static/"))
    assert inline_critical(plain, m, "/static/") == plain
    dev = m.tags("src/main.ts", dev_server="http://127.0.0.1:8000", critical=True)
    assert "data-assetpipe-critical" not in dev


def test_the_wsgi_middleware_rewrites_html_responses_only(tmp_path):
    m = manifest.load(_out(tmp_path))
    page = _page(m.tags("src/main.ts", base_url="/static/", critical=True)).encode()

    def app(environ, start_response):
        kind = "text/html; charset=utf-8" if environ["PATH_INFO"] == "/" else "text/plain"
        start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(page)))])
        return [page]

    wrapped = CriticalCSS(app, tmp_path, "/static/")
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(status=status, headers=dict(headers))

    body = b"".join(wrapped({"PATH_INFO": "/"}, start_response))
    assert b"<style>" in body and seen["headers"]["Content-Length"] == str(len(body))
    body = b"".join(wrapped({"PATH_INFO": "/x.txt"}, start_response))
    assert body == page
