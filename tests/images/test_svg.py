"""The safe SVG minifier: what an editor's SVG loses (comments, the XML declaration, metadata,
editor namespaces, whitespace between tags) and what it keeps byte for byte (every drawing
element and attribute in order, ids, viewBox, titles, text, styles, CDATA), and the error an SVG
that is not XML gives, at its line and column."""

from __future__ import annotations

import pytest

from assetpipe.images.svg import SvgError, minify

INKSCAPE = """<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg
   xmlns="http://www.w3.org/2000/svg"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   viewBox="0 0 24 24" width="24" height="24" inkscape:version="1.3" sodipodi:docname="logo.svg">
  <title>Logo</title>
  <metadata>
    <rdf:RDF><rdf:Description about="x"/></rdf:RDF>
  </metadata>
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff"/>
  <defs>
    <linearGradient id="g1"><stop offset="0" stop-color="#f00"/></linearGradient>
  </defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1">
    <path d="M 0,0 L 24,24" fill="url(#g1)" />
    <use xlink:href="#layer1" x="1"/>
  </g>
</svg>
"""


def test_an_editors_svg_keeps_only_what_draws():
    assert minify(INKSCAPE) == (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        ' viewBox="0 0 24 24" width="24" height="24">'
        "<title>Logo</title>"
        '<defs><linearGradient id="g1"><stop offset="0" stop-color="#f00"/></linearGradient>'
        "</defs>"
        '<g id="layer1"><path d="M 0,0 L 24,24" fill="url(#g1)"/><use xlink:href="#layer1" x="1"/>'
        "</g></svg>"
    )


def test_an_editor_namespace_is_known_by_its_uri_not_its_prefix():
    svg = (
        '<svg xmlns:ink="http://www.inkscape.org/namespaces/inkscape" xmlns:my="urn:mine"'
        ' ink:x="1" my:y="2"><ink:thing/><my:thing/></svg>'
    )
    assert minify(svg) == '<svg xmlns:my="urn:mine" my:y="2"><my:thing/></svg>'


def test_text_whitespace_is_kept_where_it_shows():
    svg = (
        "<svg>\n  <text x='1'> Hello,\n  <tspan> world </tspan></text>\n"
        "  <desc> a  b </desc>\n  <g xml:space='preserve'> <g xml:space='default'> </g> </g>\n"
        "  <style><![CDATA[ a > b { fill: red } ]]></style>\n</svg>"
    )
    assert minify(svg) == (
        '<svg><text x="1"> Hello,\n  <tspan> world </tspan></text><desc> a  b </desc>'
        '<g xml:space="preserve"> <g xml:space="default"/> </g>'
        "<style><![CDATA[ a > b { fill: red } ]]></style></svg>"
    )


def test_entities_are_written_back_escaped():
    svg = '<svg><text a="x&#10;y&quot;&lt;&amp;&#9;">&lt;b&gt; &amp; c</text></svg>'
    assert minify(svg) == '<svg><text a="x&#10;y&quot;&lt;&amp;&#9;">&lt;b&gt; &amp; c</text></svg>'


def test_processing_instructions_are_kept_the_xml_declaration_and_comments_are_not():
    svg = '<?xml version="1.0"?><?xml-stylesheet href="a.css"?><svg><!-- x --><g/></svg>'
    assert minify(svg) == '<?xml-stylesheet href="a.css"?><svg><g/></svg>'


def test_a_document_with_entity_declarations_is_returned_as_written():
    svg = '<!DOCTYPE svg [<!ENTITY logo "M0 0">]>\n<svg>\n  <path d="&logo;"/>\n</svg>\n'
    assert minify(svg) == svg


def test_minifying_twice_changes_nothing_more():
    once = minify(INKSCAPE)
    assert minify(once) == once


@pytest.mark.parametrize(
    ("svg", "message", "line", "column"),
    [
        ("<svg>\n  <g></svg>", "mismatched tag", 2, 8),
        ("<svg><path d='1'></svg", "unclosed token", 1, 18),
        ("", "no element found", 1, 1),
        ("<svg>&nbsp;</svg>", "undefined entity", 1, 6),
    ],
)
def test_an_svg_that_is_not_xml_is_an_error_where_it_breaks(svg, message, line, column):
    with pytest.raises(SvgError) as caught:
        minify(svg)
    assert (caught.value.message, caught.value.line, caught.value.column) == (
        message,
        line,
        column,
    )
