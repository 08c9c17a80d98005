from __future__ import annotations

from assetpipe.css.refs import find_references, preprocess


def refs(text: str):
    return [(r.kind, r.url, text[r.start : r.end]) for r in find_references(text)]


def test_url_forms():
    text = """a { background: url(a.png); b: url( "b.png" ); c: URL('c.png'); d: url(  d.png  ) }
@font-face { src: url(f.woff2) format("woff2"), url("f.woff") format("woff") }"""
    assert refs(text) == [
        ("css-url", "a.png", "a.png"),
        ("css-url", "b.png", "b.png"),
        ("css-url", "c.png", "c.png"),
        ("css-url", "d.png", "d.png"),
        ("css-url", "f.woff2", "f.woff2"),
        ("css-url", "f.woff", "f.woff"),
    ]


def test_import_forms_and_conditions():
    text = '@import "a.css" layer(base);\n@import url(b.css) screen;\n@import url("c.css") supports(display: grid);'
    assert [(k, u) for k, u, _ in refs(text)] == [
        ("css-import", "a.css"),
        ("css-url", "b.css"),
        ("css-url", "c.css"),
    ]


def test_image_set_strings_and_nested_blocks():
    text = """.x { background-image: image-set("a.avif" type("image/avif"), url(a.jpg) 1x);
  & .y { background: -webkit-image-set('b.png' 2x) } }
@media (min-width: 40em) { @supports (display: grid) { .z { mask: url(m.svg#i) } } }"""
    assert [u for _, u, _ in refs(text)] == ["a.avif", "a.jpg", "b.png", "m.svg#i"]


def test_namespace_urls_are_names_not_resources():
    assert refs("@namespace svg url(http://www.w3.org/2000/svg);\n.a{b:url(x.png)}") == [
        ("css-url", "x.png", "x.png")
    ]


def test_comments_are_not_references():
    assert refs("/* url(no.png) */ a { b: url(yes.png) }") == [("css-url", "yes.png", "yes.png")]


def test_escapes_are_decoded_and_spans_cover_the_escaped_text():
    text = 'a { b: url(a\\(1\\).png); c: url("q\\"uote.png") }'
    assert refs(text) == [
        ("css-url", "a(1).png", "a\\(1\\).png"),
        ("css-url", 'q"uote.png', 'q\\"uote.png'),
    ]


def test_offsets_after_crlf_preprocessing():
    text = preprocess("a {\r\n  b: url(x.png)\r\n}\r\n.c { d: url(y.png) }")
    assert [t for _, _, t in refs(text)] == ["x.png", "y.png"]


def test_non_ascii_before_a_reference():
    text = '.é::before { content: "→ ✓" } .b { background: url(ü.png) }'
    assert refs(text) == [("css-url", "ü.png", "ü.png")]
