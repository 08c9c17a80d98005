"""Tests of the critical-CSS workloads' helpers (no npm, no Chromium, no assetpipe build)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.browser import Difference, compare, serve
from bench.harness import CheckFailed
from bench.workloads._critical import (
    FIXTURE_PAGES,
    PageResult,
    _cell,
    count_selectors,
    describe,
    make_fixture,
    style_bytes,
    write_bootstrap_pages,
)


def test_count_selectors_counts_selector_lists_in_groups_not_keyframes() -> None:
    css = """
    a, b > c { color: red }
    :is(.x, .y) .z { color: blue }          /* one selector: its commas are in a function */
    @media (min-width: 1px) { .m, .n { margin: 0 } @supports (display: grid) { .g { } } }
    @keyframes spin { from { opacity: 0 } 50%, to { opacity: 1 } }
    @font-face { font-family: X; src: url(x.woff2) }
    .card { color: red; & p, & li { margin: 0 } }
    """
    assert count_selectors(css) == (6, 9)


def test_style_bytes_sums_every_style_element() -> None:
    page = '<style>a{}</style><p>x</p><style media="print">é{}</style ><link rel="stylesheet">'
    assert style_bytes(page) == len(b"a{}") + len("é{}".encode())
    assert style_bytes("<p>no style</p>") == 0


def dump(*elements: tuple[str, str, dict[str, str]], fonts: tuple[str, ...] = ()) -> dict:
    return {"styles": [list(e) for e in elements], "fonts": list(fonts)}


def test_compare_lists_every_differing_property_and_before_content() -> None:
    want = dump(("html", "none", {"color": "red", "margin-top": "0px"}), ("p.a", '"x"', {}))
    got = dump(("html", "none", {"color": "blue", "margin-top": "0px"}), ("p.a", "none", {}))
    assert compare(want, got) == [
        Difference(0, "html", "color", "red", "blue"),
        Difference(1, "p.a", "::before content", '"x"', "none"),
    ]
    assert compare(want, want) == []


def test_compare_refuses_pages_with_other_elements() -> None:
    with pytest.raises(CheckFailed, match="not the same elements"):
        compare(dump(("html", "none", {})), dump(("html", "none", {}), ("p", "none", {})))


def test_report_cell_shows_the_telling_properties() -> None:
    found = [
        Difference(3, "p", "color", "rgb(1, 1, 1)", "rgb(0, 0, 0)"),
        Difference(3, "p", "border-top-color", "rgb(1, 1, 1)", "rgb(0, 0, 0)"),  # currentColor
        Difference(3, "p", "height", "10px", "12px"),  # follows layout
        Difference(3, "p", "padding-block-start", "1px", "0px"),  # a logical twin
        Difference(3, "p", "padding-top", "1px", "0px"),
        Difference(3, "p", "padding-left", "2px", "0px"),  # the same side group: shown once
    ]
    assert _cell(found) == "6: color `rgb(1, 1, 1)` → `rgb(0, 0, 0)`; padding `1px` → `0px`"
    assert _cell(found[2:4]) == "2: derived only (height, padding-block-start)"


def test_describe_names_page_element_property_and_values() -> None:
    result = PageResult(
        elements=2,
        inlined=[Difference(1, "p.a", "color", "red", "blue")],
        loaded=[],
        fonts_expected=["Fixture Sans"],
        fonts_inlined=[],
        inlined_bytes=10,
    )
    assert result.elements_differing == 1 and result.fonts_missing == ["Fixture Sans"]
    text = describe({"index.html": result})
    assert "index.html #1 <p.a> color: full CSS 'red', inlined only 'blue'" in text
    assert "index.html: font 'Fixture Sans' not loaded" in text


def test_bootstrap_pages_are_deterministic_and_sized(tmp_path: Path) -> None:
    write_bootstrap_pages(tmp_path / "a", 4, "css/bootstrap.css")
    write_bootstrap_pages(tmp_path / "b", 4, "css/bootstrap.css")
    pages = sorted((tmp_path / "a").glob("*.html"))
    assert [p.name for p in pages] == [f"page-0{i}.html" for i in range(4)]
    for page in pages:
        text = page.read_text()
        assert text == (tmp_path / "b" / page.name).read_text()
        assert 10_000 <= len(text.encode()) <= 20_000
        assert '<link rel="stylesheet" href="css/bootstrap.css">' in text
        assert 'class="navbar navbar-expand-lg' in text and "</footer>" in text
    assert len({p.read_text() for p in pages}) == 4


def test_fixture_has_its_pages_and_fonts(tmp_path: Path) -> None:
    make_fixture(tmp_path / "site")
    for page in FIXTURE_PAGES:
        assert 'href="css/main.css"' in (tmp_path / "site" / page).read_text()
    assert "@import" in (tmp_path / "site" / "css" / "main.css").read_text()
    fonts = tmp_path / "site" / "fonts"
    assert (fonts / "fixture.woff2").read_bytes() == (fonts / "unused.woff2").read_bytes()


def test_serve_injects_into_pages_and_refuses_suffixes(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<body><p>x</p></body>")
    (tmp_path / "a.css").write_text("p{}")
    with serve(tmp_path, inject="<i>hi</i>", refuse=(".css",)) as base:
        with urllib.request.urlopen(base + "index.html") as response:
            assert response.read().decode() == "<body><p>x</p><i>hi</i></body>"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(base + "a.css?v=1")
        assert refused.value.code == 404
    with serve(tmp_path) as base, urllib.request.urlopen(base + "a.css") as response:
        assert response.read() == b"p{}"
