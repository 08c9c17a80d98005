"""Minification must keep modern CSS meaning what it meant (the cases where other Python
minifiers were measured breaking it are in the first test)."""

from __future__ import annotations

import pytest

from assetpipe.cache import Cache
from assetpipe.config import CSS_TARGETS
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


def test_duplicate_font_families_are_kept():
    """normalize.css's `monospace, monospace` keeps <code> at 16 px, not the 13 px a lone
    `monospace` gets; Lightning CSS drops the duplicate (issue #12, also in a merged `font`)."""
    assert mini("pre,code{font-family:monospace, monospace;font-size:1em}") == (
        "pre,code{font-family:monospace,monospace;font-size:1em}"
    )
    out = mini('.a{font:12px/1.5 "Helvetica Neue",Arial,sans-serif;font-family:serif,serif}')
    assert out == ".a{font:12px/1.5 serif,serif}"


def test_rules_for_legacy_placeholders_are_dropped_not_renamed():
    """`:-moz-placeholder` and `:-ms-input-placeholder` match in no current browser; Lightning
    CSS renamed them to `:placeholder-shown`, which styled Bulma's empty inputs (issue #12)."""
    out = mini(
        ".input{color:#222}.input:-moz-placeholder{color:#aaa}"
        ".input:-ms-input-placeholder{color:#aaa}.input::-ms-input-placeholder{color:#aaa}"
        ".input::-moz-placeholder{color:#bbb}.x:not(:-moz-placeholder){color:red}"
    )
    assert out == ".input{color:#222}.input::-moz-placeholder{color:#bbb}"


def test_old_ie_hacks_are_skipped_as_browsers_skip_them():
    """`*zoom: 1` and `@media (min-width: 0\\0)` (Tachyons, Foundation) failed the build; a
    browser drops the declaration and never applies the media rule (issue #12)."""
    out = mini(
        ".cf{*zoom:1}\n.p{color:red;*margin:2px;+top:0;width:1px !ie}\n"
        "@media screen and (min-width:0\\0){.a{color:red}}\n.b{color:blue}"
    )
    assert out == ".p{color:red}.b{color:#00f}"
    with pytest.raises(CssError) as failed:  # real errors are still errors, located
        mini(".a{color:red}\n.b{color:red;;}}")
    assert failed.value.line == 2


def test_what_is_left_out_is_a_located_warning(tmp_path, site):
    from ..conftest import run_cli

    src = site(
        {
            "index.html": '<!doctype html><link rel="stylesheet" href="css/vendor.css"><p class=p>',
            "css/vendor.css": ".p{color:red}\n.cf{\n  *zoom: 1;\n}\n.q{+top:0}\n"
            + ".x{color:blue}" * 300,
        }
    )
    built = run_cli("build", "--src", str(src), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "src/css/vendor.css:3:3: warning[css-skipped]: left out '*zoom: 1;' (and 1 more)" in (
        built.stderr
    )


FALLBACKS = (
    ".h{width:-webkit-fill-available;width:-moz-available;width:stretch}"
    ".i{-webkit-backdrop-filter:blur(2px);backdrop-filter:blur(2px)}"
    ".p{height:100vh;height:100dvh}"
    ".d{color:red;color:color(display-p3 1 0 0)}"
)


@pytest.mark.parametrize("targets", [(), CSS_TARGETS])
def test_fallbacks_for_other_browsers_survive(targets):
    """Without targets Lightning CSS assumes every browser has the last declaration and drops
    the others: Safari lost `-webkit-fill-available` and `-webkit-backdrop-filter`, browsers
    without `dvh` their height (issue #16). The default targets and `targets = []` keep them."""
    out = minify(FALLBACKS, "t.css", Cache(None), targets)
    for declaration in (
        "width:-webkit-fill-available;width:-moz-available;width:stretch",
        "-webkit-backdrop-filter:blur(2px);backdrop-filter:blur(2px)",
        "height:100vh;height:100dvh",
        "color:red;color:color(display-p3 1 0 0)",
    ):
        assert declaration in out


@pytest.mark.parametrize("targets", [(), CSS_TARGETS])
def test_media_queries_stay_in_the_syntax_every_browser_reads(targets):
    """`(min-width: 40em)` printed as `(width>=40em)` is lost on Safari before 16.4, and
    `(-webkit-min-device-pixel-ratio: 2)` as a range no browser reads (issue #16)."""
    out = minify(
        '@import "x.css" screen and (min-width:1px);\n'
        "@media (min-width:40em) and (max-width: 50em){.a{color:red}}"
        "@media (-webkit-min-device-pixel-ratio:2),(min-resolution:192dpi){.b{color:red}}",
        "t.css",
        Cache(None),
        targets,
    )
    assert "(min-width:40em) and (max-width:50em)" in out
    assert "(-webkit-min-device-pixel-ratio:2),(min-resolution:192dpi)" in out
    assert "screen and (min-width:1px)" in out
    assert ">=" not in out and "asp-" not in out


def test_rules_are_not_merged_with_selectors_older_browsers_drop():
    """`.a:has(.x),.b{}` is dropped whole by a browser without `:has()` (Firefox before 121):
    with the default targets, Lightning CSS keeps the two rules apart."""
    out = minify(".a:has(.x){color:red}.b{color:red}", "t.css", Cache(None), CSS_TARGETS)
    assert out == ".a:has(.x){color:red}.b{color:red}"


def test_an_error_after_a_hidden_fallback_is_located_in_the_authors_text():
    with pytest.raises(CssError) as failed:
        mini(".h{width:-webkit-fill-available;width:stretch} .b{color:red}} .c{")
    assert (failed.value.line, failed.value.column) == (1, 61)  # not 70: the hidden name is longer
