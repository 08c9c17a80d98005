"""Real stylesheets from npm, built by assetpipe, styled in Chromium exactly as written.

normalize.css, Pico, Bootstrap (with the Bootstrap Icons font) and Bulma are installed at test
time (`npm install --prefix tests/.node/stylesheets`, ignored by git) and vendored into a site
whose page uses each one's own components (a few hundred elements); the site is built, and
the page as written and the page as built are loaded in headless Chromium at 1280x900 and
390x844: once the full stylesheets have loaded, every computed property of every element and
pseudo-element, and every element's box, must be the same (a `url()` compared by the file it
names). The pages, the comparison and the whole set of a dozen and more stylesheets
(`python -m bench.stylesheets`) live in bench/stylesheets/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.stylesheets.catalog import by_name, packages
from bench.stylesheets.compare import summarize
from bench.stylesheets.run import Failed, Result, build, install, measure, prepare
from bench.stylesheets.snapshot import VIEWPORTS, Chromium

from ..conftest import ROOT, require_tool

INSTALL = ROOT / "tests" / ".node" / "stylesheets"  # ignored by git
NAMES = ("normalize.css", "pico", "bootstrap", "bulma")

# Differences found and not fixed yet (bench/README.md, "Real stylesheets"): each xfail is
# strict, so fixing one turns its test into a failure that asks for the mark to go. (The
# <picture> around flex items, Bootstrap's and Bulma's, was fixed by issue #16 point 3.)
KNOWN: dict[str, str] = {}
# Differences that come and go between runs: not strict. Bulma: in about half the runs at
# 1280x900, section[1]'s .container has a computed margin of 8.5px as written and 0px as
# built while its box is the same (bench/README.md, "<picture> without layout change")
FLAKY = {
    "bulma": "Bulma's .container computed margin 8.5px vs 0px (same box), in some runs only",
}


class StylesDiffer(AssertionError):
    """The built page does not style every element as the page as written."""


@pytest.fixture(scope="module")
def modules() -> Path:
    require_tool("npm")
    try:
        return install(packages(by_name(list(NAMES))), INSTALL)
    except Failed as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


@pytest.fixture(scope="module")
def chromium():
    require_tool("chromium", "chromium-browser", "google-chrome")
    with Chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("stylesheets-cache")  # image encodes, shared by the builds


def _param(name: str):
    if name in FLAKY:
        return pytest.param(
            name, marks=pytest.mark.xfail(strict=False, raises=StylesDiffer, reason=FLAKY[name])
        )
    if name not in KNOWN:
        return name
    return pytest.param(
        name, marks=pytest.mark.xfail(strict=True, raises=StylesDiffer, reason=KNOWN[name])
    )


@pytest.mark.parametrize("name", [_param(n) for n in NAMES])
def test_built_page_styles_every_element_as_written(
    name: str, modules: Path, chromium: Chromium, cache: Path, tmp_path: Path
):
    (sheet,) = by_name([name])
    prepare(sheet, modules, tmp_path)
    built = build(tmp_path, cache)
    assert built.ok, built.message
    result = Result(sheet.name, sheet.about, list(sheet.packages))
    measure(result, tmp_path, chromium, list(VIEWPORTS), states=("final",))
    assert not result.missing, f"requests answered 404: {result.missing}"
    assert result.elements() > 200  # the page and its stylesheets really were loaded
    problems = []
    for viewport, comparison in result.comparisons["final"].items():
        if comparison.differences:
            problems.append(f"at {viewport}, {comparison.differing} elements differ:")
            problems.extend("  " + line for line in summarize(comparison.differences))
    if problems:
        raise StylesDiffer("\n".join(problems))


def test_the_comparison_normalises_only_what_assetpipe_changes_on_purpose():
    from bench.stylesheets.compare import equivalent, near, url_normalizer

    built = url_normalizer({"assets/fa-900-Ab12Cd34.woff2": "vendor/fa/fa-900.woff2"})
    written = url_normalizer(None)
    a = written('url("/vendor/fa/fa-900.woff2?v=2")')
    assert built('url("/assets/fa-900-Ab12Cd34.woff2?v=2")') == a
    assert built('url("/assets/other-Xy12Cd34.woff2?v=2")') != a  # not in the manifest
    variants = url_normalizer({"assets/p-1.avif": "img/p.jpg", "assets/p-2.jpg": "img/p.jpg"})
    value = 'image-set(url("/assets/p-1.avif") 1dppx type("image/avif"), url("/assets/p-2.jpg") 1dppx type("image/jpeg"))'
    assert variants(value) == 'url("img/p.jpg")'
    assert near("353.984px", "354px") and near("0.75px", "0.750001px")
    assert not near("16px", "13px") and not near("0.5", "0.52")
    assert not near("rgb(46, 51, 61)", "rgba(46, 51, 61, 0.3)")
    assert equivalent("background-position", "0% 0%", "0px 0px")
    assert equivalent("transition-duration", "0.08s", "0.08s, 0.08s, 0.08s")
    assert not equivalent("transition-duration", "0.08s", "0.08s, 0.2s")
    assert not equivalent("transition-property", "all", "all, all")


def test_the_comparison_sees_through_picture_and_catches_a_change(chromium: Chromium, tmp_path):
    """The harness itself: elements assetpipe adds are not elements of the page, an <img> in a
    <picture> keeps its path, and a changed style or box is found."""
    from bench.stylesheets.compare import compare, url_normalizer
    from bench.stylesheets.server import serve

    # display:contents keeps this <picture> out of the layout (as assetpipe's own), so only
    # the element matching is under test here
    css = "<style>.row{display:flex}.row img{border:1px solid}</style>"
    written = f'<!doctype html><head>{css}</head><body><div class="row"><img src="a.png" width="40" height="30"><p>x</p></div></body>'
    wrapped = (
        f'<!doctype html><head><link rel="preload" href="a.png" as="image">{css}</head><body><div class="row">'
        '<picture style="display:contents"><source srcset="a.png"><img src="a.png" width="40" height="30"></picture>'
        "<noscript><p>n</p></noscript><p>x</p></div></body>"
    )
    moved = written.replace("<p>x</p>", '<p style="margin-left:3px">x</p>')
    for name, text in (("written", written), ("wrapped", wrapped), ("moved", moved)):
        (tmp_path / f"{name}.html").write_text(text)
    snaps = {}
    with serve(tmp_path) as served:
        for name in ("written", "wrapped", "moved"):
            tab = chromium.open(served.url + f"{name}.html", "1280x900")
            try:
                snaps[name] = tab.snapshot()
            finally:
                tab.close()
    urls = {"before_urls": url_normalizer(None), "after_urls": url_normalizer(None)}
    same = compare(snaps["written"], snaps["wrapped"], **urls)
    assert same.elements == 5 and same.differences == [], same.differences
    changed = compare(snaps["written"], snaps["moved"], **urls)
    assert {(d.path, d.where) for d in changed.differences if d.prop != "(element)"} >= {
        ("html>body>div[0]>p[0]", ""),
        ("html>body>div[0]>p[0]", "box"),
    }
