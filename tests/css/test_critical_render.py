"""Critical CSS in a real browser: every element of a page gets the same computed style from
the built page as from its unbuilt sources, and again when every stylesheet request is refused,
so that only the CSS inlined in the page applies. Fonts and animation keyframes count too."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from ..browser import dump_dom, serve
from ..conftest import ROOT, run_cli

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
        assert computed(full + page) == expected
        assert computed(inlined_only + page) == expected
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
        assert computed(inlined_only + page) == expected
    assert expected["fonts"] == ["Inter:loaded"]
