from __future__ import annotations

from assetpipe.html.refs import find_references


def refs(text: str, **kw):
    return [(r.kind, r.url, text[r.start : r.end]) for r in find_references(text, **kw).refs]


def test_every_reference_form_of_the_spec():
    text = """<link rel="stylesheet" href="a.css"><link rel="icon" href="i.png">
<link rel="apple-touch-icon" href="t.png"><link rel="manifest" href="m.webmanifest">
<link rel="preload" as="image" href="p.jpg" imagesrcset="p1.jpg 1x, p2.jpg 2x">
<link rel="modulepreload" href="mp.js"><link rel="canonical" href="https://x.example/">
<script src="c.js"></script><img src="i.jpg" srcset="s1.jpg 480w, s2.jpg 960w">
<picture><source srcset="s.avif" type="image/avif"></picture>
<video src="v.mp4" poster="poster.jpg"><track src="sub.vtt"></video><audio src="a.mp3"></audio>
<object data="o.pdf"></object><embed src="e.swf"><input type="image" src="btn.png">
<input type="text" src="not-an-image.png"><div style="background:url(bg.png)"></div>"""
    assert [(k, u) for k, u, _ in refs(text)] == [
        ("stylesheet", "a.css"),
        ("link", "i.png"),
        ("link", "t.png"),
        ("manifest", "m.webmanifest"),
        ("link", "p.jpg"),
        ("srcset", "p1.jpg"),
        ("srcset", "p2.jpg"),
        ("link", "mp.js"),
        ("canonical", "https://x.example/"),  # (external: the resolver leaves it)
        ("src", "c.js"),
        ("img", "i.jpg"),
        ("srcset", "s1.jpg"),
        ("srcset", "s2.jpg"),
        ("srcset", "s.avif"),
        ("src", "v.mp4"),
        ("poster", "poster.jpg"),
        ("src", "sub.vtt"),
        ("src", "a.mp3"),
        ("data", "o.pdf"),
        ("src", "e.swf"),
        ("img", "btn.png"),
        ("css-url", "bg.png"),
    ]


def test_links_and_frames_are_listed_for_their_files_and_forms_are_not_references():
    """`<a href>`, `<iframe src>` and document `<link>`s are listed (a link to a PDF
    publishes it; one to a page stays as it is, which the resolver decides); `<form action>`
    is not a reference."""
    found = refs(
        '<a href="about.html">x</a><area href="map.pdf"><form action="/go"></form>'
        '<iframe src="f.html"></iframe><frame src="doc.pdf">'
        '<link rel="alternate" type="application/rss+xml" href="/feed.xml">'
        '<link rel="search" type="application/opensearchdescription+xml" href="os.xml">'
        '<link rel="alternate stylesheet" href="dark.css"><link rel="preconnect" href="/x">'
    )
    assert [(k, u) for k, u, _ in found] == [
        ("a-href", "about.html"),
        ("a-href", "map.pdf"),
        ("frame", "f.html"),
        ("frame", "doc.pdf"),
        ("alternate", "/feed.xml"),
        ("alternate", "os.xml"),
        ("stylesheet", "dark.css"),
    ]


def test_preview_files_of_meta_tags_are_references():
    """Open Graph, Twitter and schema.org previews are `meta` (absolute URLs for crawlers),
    page URLs for crawlers `meta-link` and `canonical` (absolute too), Windows tiles `link`
    (like icons); whichever of property, name or itemprop names them,
    in any case; other `<meta>` contents are not URLs."""
    text = """<meta property="og:image" content=" img/og.png ">
<meta property="og:image:secure_url" content="https://cdn.example/og.png">
<meta property="OG:Video" content="/media/clip.mp4"><meta name="og:audio" content="a.mp3">
<meta name="twitter:image" content="/img/card.jpg?v=2&amp;x=1">
<meta name="twitter:image:src" content="t.png"><meta itemprop="image" content="i.png">
<meta name="msapplication-TileImage" content="tile.png">
<meta name="description" content="a.png"><meta property="og:title" content="x.png">
<meta content="b.png"><link rel="image_src" href="/img/old-crawlers.png">
<meta property="og:url" content="/blog/"><meta name="twitter:player" content="player.html">
<link rel="canonical" href="./">"""
    assert refs(text) == [
        ("meta", "img/og.png", "img/og.png"),
        ("meta", "https://cdn.example/og.png", "https://cdn.example/og.png"),
        ("meta", "/media/clip.mp4", "/media/clip.mp4"),
        ("meta", "a.mp3", "a.mp3"),
        ("meta", "/img/card.jpg?v=2&x=1", "/img/card.jpg?v=2&amp;x=1"),
        ("meta", "t.png", "t.png"),
        ("meta", "i.png", "i.png"),
        ("link", "tile.png", "tile.png"),
        ("meta", "/img/old-crawlers.png", "/img/old-crawlers.png"),
        ("meta-link", "/blog/", "/blog/"),
        ("meta-link", "player.html", "player.html"),
        ("canonical", "./", "./"),
    ]


def test_startup_images_and_legacy_backgrounds_are_references():
    text = """<link rel="apple-touch-startup-image" href="splash.png" media="(orientation: portrait)">
<link rel="fluid-icon" href="fluid.png"><body background="paper.jpg">
<table background="t.png"><tr><td background="td.png"><th background="th.png"></table>
<div background="not-an-attribute-of-div.png"></div>"""
    assert [(k, u) for k, u, _ in refs(text)] == [
        ("link", "splash.png"),
        ("link", "fluid.png"),
        ("poster", "paper.jpg"),
        ("poster", "t.png"),
        ("poster", "td.png"),
        ("poster", "th.png"),
    ]


def test_srcset_is_split_like_browsers_do():
    text = '<img srcset="a,b.png 1x,c.png   2x , d.png, e.png (x, y) 3x,f.png">'
    assert [u for _, u, _ in refs(text)] == ["a,b.png", "c.png", "d.png", "e.png", "f.png"]


def test_entities_are_decoded_and_spans_cover_the_text_as_written():
    text = '<img src="x.png?a=1&amp;b=2"><div style="background: url(&quot;bg.png&quot;)">'
    assert refs(text) == [
        ("img", "x.png?a=1&b=2", "x.png?a=1&amp;b=2"),
        ("css-url", "bg.png", "bg.png"),
    ]


def test_whitespace_around_url_attributes_is_ignored():
    assert refs('<img src="  a.png\n">') == [("img", "a.png", "a.png")]


def test_style_blocks_and_inline_module_scripts():
    text = """<style>@import "x.css"; body { background: url( 'y.png' ) }</style>
<script type="module">import a from "./a.js"; const b = () => import('./b.js');</script>
<script>import("./classic-is-not-followed.js")</script>
<script type="application/json">{"src": "./data-block.js"}</script>"""
    assert [(k, u) for k, u, _ in refs(text)] == [("css-import", "x.css"), ("css-url", "y.png")]
    found = find_references(text)
    ((start, end),) = found.inline_modules  # the bundler reads inline modules
    assert text[start:end].startswith("import a from")
    assert found.module_tags == (text.index('<script type="module">'),)


def test_svg_references_in_inline_svg_and_svg_files():
    text = (
        '<svg><use href="sprite.svg#a"/><image xlink:href="photo.jpg"/><use href="#local"/></svg>'
    )
    assert [u for _, u, _ in refs(text)] == ["sprite.svg#a", "photo.jpg", "#local"]
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><style>.a{fill:url(#g)} .b{background:url(tile.png)}</style></svg>'
    assert [u for _, u, _ in refs(svg, xml=True)] == ["#g", "tile.png"]
