from __future__ import annotations

from assetpipe.css.critical import Page, Sheet, extract, safe_in_style

HTML = """<!doctype html><html><body>
<header class="top"><nav><a class="current" href="#">x</a></nav></header>
<main><article class="card"><h2>T</h2><p class="lead">p</p></article></main>
<div class="box" id="hero"></div></body></html>"""


def critical(css: str, **kw) -> str:
    return extract(Sheet(css), Page(HTML), **kw).text


def test_only_rules_matching_the_html_are_kept_in_order():
    css = ".card{a:1}.missing{b:2}h2{c:3}#hero{d:4}#nope{e:5}main>article{f:6}"
    assert critical(css) == ".card{a:1;}h2{c:3;}#hero{d:4;}main>article{f:6;}"


def test_states_and_pseudo_elements_match_their_element():
    css = "a:hover{x:1}.lead::first-line{y:2}.nope:hover{z:3}"
    assert critical(css) == "a:hover{x:1;}.lead::first-line{y:2;}"


def test_groups_hold_only_what_matches_and_empty_groups_go():
    css = "@media (min-width:1px){.card{a:1}.nope{b:2}}@supports (display:grid){.nope{c:3}}"
    assert critical(css) == "@media (min-width:1px){.card{a:1;}}"


def test_nested_rules_are_matched_against_their_parents():
    css = ".card{a:1;& h2{b:2}& .missing{c:3}.top &{d:4}}.nope{& h2{e:5}}"
    assert critical(css) == ".card{a:1;& h2{b:2;}}"


def test_fonts_and_keyframes_follow_what_is_used_even_through_custom_properties():
    css = (
        "@font-face{font-family:Used;src:url(u.woff2)}@font-face{font-family:'Other';"
        "src:url(o.woff2)}@keyframes spin{to{x:1}}@keyframes idle{to{x:2}}"
        ":root{--font:Used, serif}.card{font-family:var(--font);animation:spin 1s}"
    )
    found = extract(Sheet(css), Page(HTML))
    assert "Used" in found.text and "Other" not in found.text
    assert "@keyframes spin" in found.text and "idle" not in found.text
    assert found.fonts == ("u.woff2",)


def test_layer_statements_and_unknown_at_rules_are_kept():
    css = '@layer a, b;@property --x{syntax:"*";inherits:false}.nope{a:1}'
    assert critical(css) == '@layer a, b;@property --x{syntax:"*";inherits:false}'


def test_include_and_exclude():
    css = "[aria-current]{a:1}.card{b:2}"
    assert critical(css, include=("aria-current",), exclude=(".card",)) == "[aria-current]{a:1;}"


def test_unreadable_selectors_are_kept_to_be_safe():
    assert critical(".card:unknown-pseudo(1){a:1}") == ".card:unknown-pseudo(1){a:1;}"


def test_style_element_cannot_be_closed_early():
    assert (
        safe_in_style('a::before{content:"</style><script>"}')
        == 'a::before{content:"<\\/style><script>"}'
    )
    assert safe_in_style("a{}") == "a{}"
