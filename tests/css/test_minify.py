"""Minification must keep modern CSS meaning what it meant (the cases where other Python
minifiers were measured breaking it are in the first test)."""

from __future__ import annotations

import pytest

from assetpipe.cache import Cache
from assetpipe.css.minify import CssError, check, minify


def mini(text: str) -> str:
    return minify(text, "t.css", Cache(None))


def test_cases_other_minifiers_break():
    out = mini(""":root { --gap: 0px }
.a { width: calc(100% - 2 * var(--gap)); background: url( "img/a b.png" ) }
@container card (min-width: 400px) { .c { color: blue } }""")
    assert "--gap:0px" in out  # not --gap:0, which would make the calc() invalid
    assert "@container card (" in out  # not a function token card(
    assert 'url("img/a b.png")' in out  # the space survives


def test_modern_features_survive():
    out = mini("""@layer base, components;
@layer base { .x { color: oklch(60% 0.1 200) } }
.card { & .title { color: red } &:has(img) { padding: 0 } }
@supports (display: grid) { :is(.a, .b):where(.c) { display: grid } }
@font-face { font-family: X; src: url(x.woff2) format("woff2") }
@keyframes spin { to { transform: rotate(1turn) } }""")
    for piece in [
        "@layer base{",
        "@layer components",
        "oklch(60% .1 200)",
        "& .title",
        ":has(img)",
        "@supports (display:grid)",
        ":is(.a,.b):where(.c)",
        "@font-face",
        "@keyframes spin",
    ]:
        assert piece in out


def test_placeholders_survive_minification():
    out = mini('@import "__asp_ref1__" layer(l); a { b: url("__asp_ref0__?v=1#x") }')
    assert "__asp_ref0__?v=1#x" in out and "__asp_ref1__" in out


def test_syntax_error_has_a_one_based_location():
    with pytest.raises(CssError) as info:
        check(".a { color: red }\n\n.b { @media (x { }", "bad.css")
    assert info.value.line == 3
    assert info.value.column > 1
