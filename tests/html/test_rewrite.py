"""A page's rewrite (html/rewrite.py) on small discovered pages: URLs become placeholders in
place, module scripts point at their chunks, the import map, module preloads and the chunks'
stylesheets go before the first module script with its indentation, inline module scripts
become their bundled code, and stylesheet links become critical CSS plus a non-blocking link."""

from __future__ import annotations

from pathlib import Path

from assetpipe.css.inline import Styles
from assetpipe.html.rewrite import render_page
from assetpipe.js.bundle import PageBundle
from assetpipe.pipeline.discover import discover
from assetpipe.pipeline.hashing import placeholder
from assetpipe.pipeline.scan import scan
from assetpipe.pipeline.values import Link, Rendered

from ..conftest import write_files

P = [placeholder(i) for i in range(12)]

PAGE = """<!doctype html>
<html>
<head>
  <meta property="og:image" content="share.png">
  <link rel="modulepreload" href="lib.js">
  <script type="module" src="main.js?v=1"></script>
</head>
<body>
  <script type="module">import "./lib.js"; console.log(1);</script>
  <script type="module" src="later.js"></script>
</body>
</html>
"""
SITE = {
    "index.html": PAGE,
    "main.js": 'import "./lib.js";\nimport "./vendor.js";\n',
    "lib.js": "export const x = 1;\n",
    "vendor.js": "export const v = 1;\n",
    "later.js": "console.log('never an entry of this bundle');\n",
    "share.png": b"\x89PNG\r\n\x1a\n",
}
CHUNK_OF = {
    "main.js": "main.js",
    "lib.js": "_lib.js",
    "vendor.js": "_vendor.js",
    "index.html#module-0": "index.html#module-0",
}
STABLE = {"main.js": "assets/main.js", "_lib.js": "assets/_lib.js"}
INLINE = Rendered(
    "index.html#module-0",
    "index.html",
    f'import"{P[0]}";console.log(1)',
    None,
    (Link("_lib.js", "module"),),
)
BUNDLE = PageBundle(
    entry_chunks={"main.js": "main.js", "index.html#module-0": "index.html#module-0"},
    preload=("_vendor.js", "_lib.js"),
    css=("main.css",),
    import_map=("main.js", "_lib.js"),
    inline={"index.html#module-0": INLINE},
)


def page_of(tmp_path: Path, files: dict[str, str | bytes], page: str = "index.html"):
    found = discover(scan(str(write_files(tmp_path / "src", files))))
    assert found.diagnostics == ()
    return found.files[page], found.pages[page]


def test_without_a_bundle_only_the_urls_change(tmp_path):
    parsed, _ = page_of(
        tmp_path,
        {
            "index.html": '<!doctype html>\n<img src="a.png?x=1#y" alt="">\n<a href="doc.pdf">d</a>\n',
            "a.png": b"\x89PNG\r\n\x1a\n",
            "doc.pdf": b"%PDF",
        },
    )
    out = render_page(parsed, None, None, {}, {}, import_map=True)
    assert out.text == f'<!doctype html>\n<img src="{P[0]}?x=1#y" alt="">\n<a href="{P[1]}">d</a>\n'
    assert out.links == (Link("a.png", "url"), Link("doc.pdf", "url"))
    assert (out.source, out.output, out.critical) == ("index.html", "index.html", None)


def test_module_scripts_point_at_their_chunks_and_the_head_goes_before_the_first(tmp_path):
    parsed, scripts = page_of(tmp_path, SITE)
    out = render_page(parsed, scripts, BUNDLE, CHUNK_OF, STABLE, import_map=True)
    assert out.text == (
        "<!doctype html>\n<html>\n<head>\n"
        f'  <meta property="og:image" content="{P[0]}">\n'
        f'  <script type="importmap">{{"imports": {{"{P[1]}": "{P[2]}", "{P[3]}": "{P[4]}"}}}}'
        "</script>\n"
        f'  <link rel="modulepreload" href="{P[5]}">\n'  # _lib.js: the author preloads it
        f'  <link rel="stylesheet" href="{P[6]}">\n'
        f'  <link rel="modulepreload" href="{P[7]}">\n'
        f'  <script type="module" src="{P[8]}?v=1"></script>\n'
        "</head>\n<body>\n"
        f'  <script type="module">import"{P[9]}";console.log(1)</script>\n'
        '  <script type="module" src="later.js"></script>\n'  # no entry: left as written
        "</body>\n</html>\n"
    )
    assert out.links == (
        Link("share.png", "absolute"),  # a preview image: absolute, for crawlers
        Link("assets/main.js", "url", public=True),  # the import map: stable name ...
        Link("main.js", "url"),  # ... to the hashed chunk
        Link("assets/_lib.js", "url", public=True),
        Link("_lib.js", "url"),
        Link("_vendor.js", "url"),
        Link("main.css", "url"),
        Link("_lib.js", "url"),
        Link("main.js", "url"),
        Link("_lib.js", "module"),  # the inline script's own link, renumbered
    )


def test_without_an_import_map_chunks_are_only_preloaded(tmp_path):
    parsed, scripts = page_of(tmp_path, SITE)
    out = render_page(parsed, scripts, BUNDLE, CHUNK_OF, STABLE, import_map=False)
    assert "importmap" not in (out.text or "")
    assert out.links[1:4] == (
        Link("_vendor.js", "url"),
        Link("main.css", "url"),
        Link("_lib.js", "url"),
    )


def stylesheet_page(tmp_path: Path, *, threshold: int) -> tuple:
    css = "h1{color:red}" + "".join(f".unused{i}{{color:blue}}" for i in range(200))
    parsed, scripts = page_of(
        tmp_path,
        {
            "index.html": '<!doctype html>\n<head>\n  <link rel="stylesheet" href="site.css" '
            'media="screen">\n</head>\n<h1>Title</h1>\n',
            "site.css": css,
        },
    )
    sheets = {"site.css": Rendered("site.css", "assets/site-[hash].css", css, None)}
    styles = Styles(
        sheets, threshold=threshold, include=(), exclude=(), minify=lambda c: c, readable=False
    )
    return parsed, scripts, styles, css


def test_a_stylesheet_link_becomes_the_pages_critical_css_and_a_non_blocking_link(tmp_path):
    parsed, scripts, styles, css = stylesheet_page(tmp_path, threshold=100)
    out = render_page(parsed, scripts, None, {}, {}, import_map=True, styles=styles)
    assert out.text == (
        "<!doctype html>\n<head>\n"
        "  <style>@media screen{h1{color:red;}}</style>\n"
        f'  <link rel="stylesheet" href="{P[0]}" media="print" onload="this.media=\'screen\'">\n'
        f'  <noscript><link rel="stylesheet" href="{P[0]}" media="screen"></noscript>\n'
        "</head>\n<h1>Title</h1>\n"
    )
    assert out.links == (Link("site.css", "url"),)
    inlined, whole, left_out = out.critical
    assert whole == len(css) and 0 < inlined < 40 and left_out == 0


def test_the_preload_strategy_loads_the_stylesheet_with_a_preload(tmp_path):
    parsed, scripts, styles, _ = stylesheet_page(tmp_path, threshold=100)
    out = render_page(
        parsed, scripts, None, {}, {}, import_map=True, styles=styles, strategy="preload"
    )
    assert (
        f'<link rel="preload" as="style" href="{P[0]}" media="screen" '
        "onload=\"this.onload=null;this.rel='stylesheet'\">"
    ) in (out.text or "")


def test_a_stylesheet_under_the_threshold_replaces_its_link_whole(tmp_path):
    parsed, scripts, styles, css = stylesheet_page(tmp_path, threshold=100_000)
    out = render_page(parsed, scripts, None, {}, {}, import_map=True, styles=styles)
    assert out.text == (
        f'<!doctype html>\n<head>\n  <style media="screen">{css}</style>\n</head>\n<h1>Title</h1>\n'
    )
    assert out.links == ()
