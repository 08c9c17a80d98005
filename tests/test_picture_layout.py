"""The optimised image renders in the same box as the author's `<img>`: every element's box
in headless Chromium, on the page as written and as built, at 1280 px and 412 px, within 1 px.

One page per layout case the `<picture>` wrapper could break (issue #16): a child combinator,
a flex item, a grid item, `:first-child`, `+`, `~`, `:nth-child()`, `*-of-type`,
`:only-child`, `:has(> img)`, the baseline gap under an inline `<img>`, `.stack > *` (reveal.js)
and `.row > :not(:last-child)` (Tailwind's `-space-x-2`), an inherited property given to every
child; plus the demo site's pages.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from assetpipe.pipeline.build import build

from .browser import LivePage, serve
from .conftest import ROOT
from .test_pipeline import config_for

PHOTOS = ROOT / "site_src/img/photos"
WIDTHS = (1280, 412)

_HEAD = """<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>{title}</title><link rel="stylesheet" href="s.css"></head>
<body style="margin:0;font:16px/1.5 sans-serif">
"""
# name: (css, body). Images without width/height attributes lay out at the file's size as
# written, and at the same size (from the attributes the build adds) once built.
CASES = {
    "child": (
        ".bar > img { height: 40px; vertical-align: middle }",
        '<div class="bar"><img src="img/rocket.jpg" alt="logo"> Brand</div>'
        '<img src="img/leaf.jpg" alt="after" width="100" height="80">',
    ),
    "flex": (
        ".row { display: flex; width: 300px; align-items: flex-start }"
        " .row > div { flex: 1 } .media { display: flex }",
        '<div class="row"><img src="img/rocket.jpg" alt="flex item" width="320" height="214">'
        "<div>text that wants room</div></div>"
        '<div class="media"><img src="img/leaf.jpg" alt="media" width="64" height="85">'
        "<p>Media object</p></div>"
        '<img src="img/leaf.jpg" alt="after flex" width="100" height="80">',
    ),
    "grid": (
        ".grid { display: grid; grid-template-columns: 120px 1fr; gap: 8px }"
        " .grid img { width: 100%; height: auto }",
        '<div class="grid"><img src="img/rocket.jpg" alt="grid item" width="640" height="427">'
        "<p>caption</p></div>",
    ),
    "first-child": (
        ".card img:first-child { width: 64px; height: 64px; border-radius: 50% }"
        " .card img { width: 200px; height: auto }",
        '<div class="card"><img src="img/rocket.jpg" alt="first">'
        '<img src="img/splash.jpg" alt="second"></div>',
    ),
    "siblings": (
        "h2 + img { width: 120px; height: auto } h2 ~ img { display: block }"
        " img + img { margin-left: 30px }",
        '<h2>Heading</h2><img src="img/rocket.jpg" alt="adjacent">'
        '<img src="img/leaf.jpg" alt="general" width="90" height="120">',
    ),
    "nth": (
        ".gallery img { width: 100px; height: 60px } .gallery img:nth-child(2n) { width: 50px }"
        " .gallery img:last-of-type { width: 20px } .one img:only-child { width: 33px }"
        " .gallery img:nth-of-type(3) { height: 30px }",
        '<div class="gallery"><img src="img/rocket.jpg" alt="g1"><img src="img/leaf.jpg" alt="g2">'
        '<img src="img/splash.jpg" alt="g3"><img src="img/rocket.jpg" alt="g4"></div>'
        '<div class="one"><img src="img/leaf.jpg" alt="only"></div>',
    ),
    "has": (
        ".figure:has(> img) { padding: 20px; display: flex }",
        '<div class="figure"><img src="img/rocket.jpg" alt="has" width="160" height="107"></div>',
    ),
    "baseline": (
        ".box { border: 1px solid } .box img { max-width: 100% }",
        '<div class="box" style="width:200px"><img src="img/rocket.jpg" alt="inline"></div>'
        '<p>Text <img src="img/leaf.jpg" alt="in text" width="24" height="32"> text</p>',
    ),
    "stack": (
        ".r-stack { display: grid } .r-stack > * { grid-area: 1 / 1; margin: auto }"
        " .space > :not(:last-child) { margin-right: -8px } .space img { width: 40px;"
        " height: 40px; border-radius: 50% } .kids > * { font-size: 30px }"
        " .kids img { width: 2em; height: 2em }",
        '<div class="r-stack"><img src="img/rocket.jpg" alt="s1" width="300" height="200">'
        '<img src="img/leaf.jpg" alt="s2" width="150" height="200"></div>'
        '<div class="space"><img src="img/rocket.jpg" alt="a1"><img src="img/leaf.jpg" alt="a2">'
        '<img src="img/splash.jpg" alt="a3"></div>'
        '<div class="kids" style="font-size:10px"><img src="img/leaf.jpg" alt="em"></div>',
    ),
}
# The cases where every selector sees the `<img>` as it was: kept in a `<picture>`, AVIF first
WRAPPED = {"flex", "grid", "baseline"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("layout")
    src = root / "src"
    (src / "img").mkdir(parents=True)
    for name, photo in [
        ("splash", "water-drop-splash"),
        ("rocket", "rocket-launch"),
        ("leaf", "raindrops-on-leaf"),
    ]:
        shutil.copy(PHOTOS / f"{photo}.jpg", src / f"img/{name}.jpg")
    (src / "s.css").write_text("\n".join(css for css, _ in CASES.values()) + "\n")
    for name, (_, body) in CASES.items():
        (src / f"{name}.html").write_text(_HEAD.format(title=name) + body + "\n</body></html>\n")
    out = root / "out"
    build(config_for(src, out, root / "cache"))
    return src, out


# Every element's box, in document order, `<picture>`s and `<source>`s left out (the built
# page's and the author's alike); images made eager and decoded first.
_BOXES = """(async () => {
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map((i) => i.decode().catch(() => null)));
  await document.fonts.ready;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return JSON.stringify([...document.body.querySelectorAll("*")]
    .filter((e) => !["PICTURE", "SOURCE", "SCRIPT", "NOSCRIPT", "STYLE", "LINK"].includes(e.tagName))
    .map((e) => {
      const r = e.getBoundingClientRect();
      return [e.tagName.toLowerCase() + (e.alt ? "[" + e.alt + "]" : ""),
              r.x + scrollX, r.y + scrollY, r.width, r.height];
    }));
})()"""


def boxes(page: LivePage, url: str, width: int) -> list:
    page.call(
        "Emulation.setDeviceMetricsOverride",
        session=True,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    page.call("Page.navigate", session=True, url=url)
    page.wait_until(
        f"location.href === {json.dumps(url)} && document.readyState === 'complete'", 30
    )
    return json.loads(page.evaluate(_BOXES))


def differences(before: list, after: list) -> list:
    if [b[0] for b in before] != [a[0] for a in after]:
        return [("elements", [b[0] for b in before], [a[0] for a in after])]
    return [
        (b[0], b[1:], a[1:])
        for b, a in zip(before, after, strict=True)
        if any(abs(x - y) > 1 for x, y in zip(b[1:], a[1:], strict=True))
    ]


def compare(folders: tuple[Path, Path], pages: list[str]) -> dict:
    """{(page, width): differing boxes} over `pages`, as written against as built."""
    found = {}
    with serve(folders[0]) as before_url, serve(folders[1]) as after_url:
        page = LivePage("about:blank")
        try:
            for name in pages:
                for width in WIDTHS:
                    before = boxes(page, before_url + name, width)
                    after = boxes(page, after_url + name, width)
                    assert before, name
                    found[(name, width)] = differences(before, after)
        finally:
            page.close()
    return found


def test_every_image_keeps_its_box_at_both_widths(sites):
    found = compare(sites, [f"{name}.html" for name in CASES])
    assert {key: diff for key, diff in found.items() if diff} == {}


def test_safe_images_keep_avif_in_a_display_contents_picture_and_others_stay_bare(sites):
    _, out = sites
    for name in CASES:
        tree = LexborHTMLParser((out / f"{name}.html").read_text())
        for img in tree.css("img"):
            alt = img.attributes.get("alt")
            if name in WRAPPED:
                assert img.parent.tag == "picture", (name, alt)
                assert img.parent.attributes["style"] == "display:contents"
                assert img.parent.css_first("source").attributes["type"] == "image/avif"
            elif alt in ("logo", "first", "adjacent", "g1", "s1", "a1", "only", "has"):
                # a selector would see the wrapper: the `<img>` stays, with WebP candidates
                assert img.parent.tag != "picture", (name, alt)
                assert img.attributes["src"].endswith(".jpg"), (name, alt)
                assert ".webp " in img.attributes["srcset"], (name, alt)


def test_the_demo_sites_images_keep_their_boxes(tmp_path: Path):
    out = tmp_path / "dist"
    build(config_for(ROOT / "site_src", out, tmp_path / "cache"))
    # Not compared: the gallery (its CSS is imported by its script, which the page as
    # written cannot run) and first-light (its figure's `srcset` offers two photos of
    # different shapes at 2048w and 600w; which one `68ch` picks depends on when the web
    # font arrives, built or not)
    pages = ["index.html", "about/index.html", "blog/index.html", "blog/weather-watching.html"]
    found = compare((ROOT / "site_src", out), pages)
    assert {key: diff for key, diff in found.items() if diff} == {}


def _wrapped(html: str, css: str) -> list[str]:
    """The `alt`s of the `<img>`s `wrappable` lets go in a `<picture>`."""
    import re

    import tinycss2

    from assetpipe.images.layout import wrappable
    from assetpipe.images.pagestyle import PageStyle, _collect

    rules: list = []
    _collect(tinycss2.parse_stylesheet(css, True, True), (), lambda url: None, rules)
    starts = [m.start() for m in re.finditer("<img", html)]
    kept = wrappable(html, starts, PageStyle(tuple(rules), True))
    return [re.search(r'alt="(\w+)"', html[s:])[1] for s in sorted(kept)]


_ROW = (
    '<div class="bar"><img alt="a"><span>x</span></div><div class="f"><img alt="b"></div>'
    '<p><img alt="c"> <img alt="d"></p>'
)


@pytest.mark.parametrize(
    ("css", "wrapped"),
    [
        (".f { display: flex }", ["a", "b", "c", "d"]),  # display: contents keeps the item
        (".bar > img { height: 40px }", ["b", "c", "d"]),
        ("img:first-child { width: 3px }", ["d"]),  # in a <picture>, <source>s come first
        ("img + img { margin: 0 }", ["a", "b"]),  # c too: d would lose its neighbour
        (".bar > * { color: red }", ["b", "c", "d"]),
        ("p > * { margin: 0 }", ["a", "b"]),
        (".f:has(> img) { padding: 3px }", ["a", "c", "d"]),
        ("* { box-sizing: border-box }", ["a", "b", "c", "d"]),  # not inherited: harmless
        ("span:first-child { color: red }", ["a", "b", "c", "d"]),
        # a pseudo-element's rule styles the pseudo-element (normalize.css's file button)
        ("::-webkit-file-upload-button { font: inherit }", ["a", "b", "c", "d"]),
        (".bar > *::before { content: 'x' }", ["b", "c", "d"]),  # would give <picture> one
    ],
)
def test_an_img_is_wrapped_only_where_no_selector_would_see_the_picture(css, wrapped):
    assert _wrapped(_ROW, css) == wrapped
