"""Critical CSS in a real browser: every element of a page gets the same computed style from
the built page as from its unbuilt sources, and again when every stylesheet request is refused,
so that only the CSS inlined in the page applies. Fonts and animation keyframes count too."""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
from pathlib import Path

import pytest

from bench.stylesheets.compare import near

from ..browser import dump_dom, serve
from ..conftest import ROOT, run_cli

pytestmark = pytest.mark.slow  # pages rendered in Chromium

PAGES = Path(__file__).parent / "pages"

# Waits for the page to load (stylesheets swapped in) and its fonts to settle, then writes
# every computed property of every element of the body, in document order (custom properties
# aside: their computed value is their token text, which minification rewrites; what they do
# shows in the properties that use them).
DUMP = """<script>
addEventListener("load", async () => {
  await Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 2000))]);
  await new Promise((r) => setTimeout(r, 100));
  const elements = [document.documentElement, document.body,
                    ...document.body.querySelectorAll("*:not(script):not(#computed)")];
  const styles = elements.map((el) => {
    const cs = getComputedStyle(el);
    const before = getComputedStyle(el, "::before").content;
    const values = {};
    for (let i = 0; i < cs.length; i++) {  // custom properties are token text, not rendering
      if (!cs[i].startsWith("--")) values[cs[i]] = cs.getPropertyValue(cs[i]);
    }
    return [el.tagName + "." + el.className, before, values];
  });
  // the fonts in use (declared twice, inlined then in the full stylesheet, they are one)
  const loaded = [...document.fonts].filter((f) => f.status === "loaded");
  const fonts = [...new Set(loaded.map((f) => f.family + ":" + f.status))].sort();
  const out = document.createElement("pre");
  out.id = "computed";
  // URLs resolve against the page's server, whose port differs from run to run
  out.textContent = JSON.stringify({styles, fonts}).replaceAll(location.origin, "");
  document.body.append(out);
});
</script>"""


def same_styles(actual: dict, expected: dict) -> bool:
    """Equal, but for a colour in another notation (`css.targets` lowers `oklch()` to `lab()`
    with its sRGB fallback) or numbers within Lightning CSS's rounding (`bench.stylesheets`),
    and for the metric-matched fallback family the build names after each web font (used,
    and so loaded, only if text showed before the web font came)."""
    fonts_a, fonts_b = (
        [f for f in fonts if " fallback:" not in f]
        for fonts in (actual["fonts"], expected["fonts"])
    )
    if fonts_a != fonts_b or len(actual["styles"]) != len(expected["styles"]):
        return False
    for (tag_a, before_a, values_a), (tag_b, before_b, values_b) in zip(
        actual["styles"], expected["styles"], strict=True
    ):
        values_a, values_b = without_fallbacks(values_a), without_fallbacks(values_b)
        if (tag_a, before_a, values_a.keys()) != (tag_b, before_b, values_b.keys()):
            return False
        if any(v != values_b[k] and not near(v, values_b[k]) for k, v in values_a.items()):
            return False
    return True


def without_fallbacks(values: dict) -> dict:
    """`font-family: "Inter", "Inter fallback", sans-serif` as `"Inter", sans-serif`: the
    fallback (`css/fonts.py`) only shows while the web font loads."""
    family = values.get("font-family", "")
    if "fallback" not in family:
        return values
    names = [n.strip() for n in family.split(",")]
    kept = [
        n
        for i, n in enumerate(names)
        if not (i and n.strip('"') == names[i - 1].strip('"') + " fallback")
    ]
    return {**values, "font-family": ", ".join(kept)}


def computed(url: str) -> dict:
    dom = dump_dom(url, budget_ms=8000)
    match = re.search(r'<pre id="computed">(.*?)</pre>', dom, re.S)
    assert match, dom[-1500:]
    return json.loads(html.unescape(match[1]))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("critical")
    site = root / "site"
    shutil.copytree(PAGES, site)
    (site / "fonts").mkdir()
    font = ROOT / "site_src" / "fonts" / "inter-latin-var.woff2"
    shutil.copy(font, site / "fonts" / "fixture.woff2")
    shutil.copy(font, site / "fonts" / "unused.woff2")
    (root / "assetpipe.toml").write_text("[css]\ninline_threshold = 0\n")
    result = run_cli("build", "--src", "site", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return site, root / "out"


@pytest.mark.parametrize("page", ["index.html", "about.html"])
def test_inlined_css_alone_styles_every_element_as_the_full_css(built, page: str):
    site, out = built
    with (
        serve(site, inject=DUMP) as source,
        serve(out, inject=DUMP) as full,
        serve(out, inject=DUMP, refuse=(".css",)) as inlined_only,
    ):
        expected = computed(source + page)
        assert same_styles(computed(full + page), expected)
        assert same_styles(computed(inlined_only + page), expected)
    # the page's elements really were styled, and the fixture's font loaded
    assert "Fixture Sans:loaded" in expected["fonts"] or page == "about.html"


def test_what_is_inlined_is_a_fraction_of_the_stylesheet(built):
    site, out = built
    index = (out / "index.html").read_text()
    about = (out / "about.html").read_text()
    full = next((out / "assets").glob("main-*.css")).stat().st_size
    for text in (index, about):
        (style,) = re.findall(r"<style>(.*?)</style>", text, re.S)
        assert len(style) < full / 3
        assert "unused-component" not in style and "unused-spin" not in style
        assert "Unused Face" not in style and ".never" not in style
        assert r"<\/style>" in style or "quote" not in text  # a </style> in a string is escaped
    assert 'media="print" onload="this.media=' + "'all'" + '"' in index
    assert "this.media='screen'" in about  # the link's own media comes back on load
    assert '<noscript><link rel="stylesheet"' in index
    # the critical font is preloaded, the unused one is not
    assert re.search(r'<link rel="preload" href="/assets/fixture-\w+\.woff2" as="font"', index)
    assert "unused-" not in re.sub(r"<noscript>.*?</noscript>", "", about)


@pytest.mark.parametrize("page", ["", "gallery/", "blog/first-light.html", "about/"])
def test_demo_pages_render_from_their_inlined_css(page: str, tmp_path: Path):
    """The demo imports CSS from modules (a bundler feature), so its sources do not run as they
    are: here the built page is the reference, and its inlined CSS alone must match it."""
    result = run_cli(
        "build", "--out", str(tmp_path / "dist"), "--cache-dir", str(tmp_path / "c"), cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "dist"
    with serve(out, inject=DUMP) as full, serve(out, inject=DUMP, refuse=(".css",)) as inlined_only:
        expected = computed(full + page)
        assert same_styles(computed(inlined_only + page), expected)
    assert [f for f in expected["fonts"] if " fallback:" not in f] == ["Inter:loaded"]


FONT = (ROOT / "site_src" / "fonts" / "inter-latin-var.woff2").read_bytes()
# what the page loaded, beside the computed styles
RESOURCES = """<script>
addEventListener("load", () => setTimeout(() => {
  const out = document.createElement("pre");
  out.id = "resources";
  out.textContent = performance.getEntriesByType("resource").map((e) => e.name).join(" ");
  document.body.append(out);
}, 1500));
</script>"""


@pytest.fixture(scope="module")
def first_paint(tmp_path_factory) -> tuple[Path, Path]:
    """A theme in the way of reveal.js's, Pico's and Bulma's: a web font embedded as a data:
    URL, links styled with `:not(:hover)`, custom properties the page mostly does not read."""
    root = tmp_path_factory.mktemp("first-paint")
    site = root / "site"
    (site / "css").mkdir(parents=True)
    font = base64.b64encode(FONT).decode()
    unused = "".join(f"--unused-{i}:{i}px;" for i in range(200))
    (site / "css" / "theme.css").write_text(
        f"@font-face{{font-family:Embedded;src:url(data:font/woff2;base64,{font})"
        'format("woff2");font-display:block}\n'
        f":root{{{unused}--ink:rgb(20 30 40);--chain:var(--ink);--inline:7px;--from:0.25;"
        "--pad:var(--unused-3)}\n"
        "body{color:var(--chain);margin:0;font-family:Embedded,serif}\n"
        "nav a{color:rgb(0 120 0)}\nnav a:not(:hover){text-decoration:none}\n"
        ".is-invalid-input:not(:focus){border:3px solid rgb(200 0 0)}\n"
        ".fade{animation:fade 1ms 999s both}\n"
        "@keyframes fade{from{opacity:var(--from)}to{opacity:1}}\n"
        ".never{padding:var(--pad)}\n"
    )
    (site / "index.html").write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
        '<link rel="stylesheet" href="css/theme.css"></head><body>'
        '<nav><a href="#a">One</a> <a href="#b">Two</a></nav>'
        '<input class="is-invalid-input" value="x">'
        '<p style="margin-left:var(--inline)">Inline</p><div class="fade">Fading</div>'
        "</body></html>"
    )
    (root / "assetpipe.toml").write_text("[css]\ninline_threshold = 0\n")
    result = run_cli("build", "--src", "site", "--out", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return site, root / "out"


def test_a_data_font_becomes_a_hashed_file_that_chromium_loads(first_paint):
    site, out = first_paint
    page = (out / "index.html").read_text()
    stylesheet = next((out / "assets").glob("theme-*.css")).read_text()
    for text in (page, stylesheet):  # no data: URL over the limit anywhere
        assert not re.search(r"data:[^)\"']{4097}", text)
    (font,) = (out / "assets").glob("theme-*.woff2")
    assert font.read_bytes() == FONT
    with serve(out, inject=DUMP + RESOURCES, refuse=(".css",)) as inlined_only:
        dom = dump_dom(inlined_only + "index.html", budget_ms=8000)
    loaded = re.search(r'<pre id="resources">(.*?)</pre>', dom, re.S)[1].split()
    assert any(url.endswith("/assets/" + font.name) for url in loaded), loaded
    assert (
        "Embedded:loaded"
        in json.loads(html.unescape(re.search(r'<pre id="computed">(.*?)</pre>', dom, re.S)[1]))[
            "fonts"
        ]
    )


def test_first_paint_is_the_page_as_written_with_unread_custom_properties_left_out(first_paint):
    site, out = first_paint
    (style,) = re.findall(r"<style>(.*?)</style>", (out / "index.html").read_text(), re.S)
    assert "nav a:not(:hover){text-decoration:none}" in style
    assert ".is-invalid-input:not(:focus)" in style
    assert "--unused-" not in style and "--pad" not in style  # read by no kept rule
    assert "--inline:7px" in style and "--from:.25" in style  # read by style="", @keyframes
    with serve(site, inject=DUMP) as source, serve(out, inject=DUMP, refuse=(".css",)) as built:
        expected = _but_font_family(computed(source + "index.html"))
        assert _but_font_family(computed(built + "index.html")) == expected
    links = [values for tag, _, values in expected["styles"] if tag == "A."]
    assert [v["text-decoration-line"] for v in links] == ["none", "none"]


def _but_font_family(found: dict) -> dict:
    """The computed styles without `font-family`, to which the build adds a metric-matched
    fallback family for each web font (`css/fontfiles.py`), a difference by design."""
    for _, _, values in found["styles"]:
        values.pop("font-family", None)
    found["fonts"] = [f for f in found["fonts"] if " fallback:" not in f]
    return found
