"""What pages get for their images: `<picture>` markup, sizes, priority, CSS `image-set()`, SVG
minified; and the demo site in headless Chromium loading AVIF with no broken image."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from assetpipe.images.svg import SvgError, minify
from assetpipe.pipeline.build import build

from .browser import dump_dom, serve
from .conftest import ROOT
from .test_pipeline import config_for

PHOTOS = ROOT / "site_src/img/photos"
PAGE = """<!doctype html>
<html><head><title>Photos</title>
  <link rel="stylesheet" href="s.css">
</head>
<body>
  <header><img src="img/rocket.jpg" alt="Logo" width="36" height="24"></header>
  <img src="img/marigold.jpg" alt="Main" class="hero" sizes="(min-width: 60rem) 50vw, 100vw">
  <img src="img/splash.jpg" alt="Lazy by default">
  <img src="img/rocket.jpg" alt="Author says eager" loading="eager" width="320">
  <img src="img/leaf.jpg" alt="Sideways in the file">
  <picture>
    <source media="(orientation: portrait)" srcset="img/leaf.jpg">
    <img src="img/splash.jpg" alt="Art directed">
  </picture>
  <img src="img/rocket.jpg" alt="Left alone" data-assetpipe-skip>
  <img src="img/rocket.jpg" alt="Styled" style="width:320px;" loading="lazy">
  <img src="img/icon.svg" alt="A vector">
  <div class="banner">banner</div>
</body></html>
"""
CSS = """.banner { background: #222 url(img/splash.jpg) center / cover; min-height: 3rem }
.other { background-image: url("img/icon.svg") }
"""
SVG = """<?xml version="1.0" encoding="UTF-8"?>
<!-- drawn in Inkscape -->
<svg xmlns="http://www.w3.org/2000/svg"
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     viewBox="0 0 10 10" width="10" height="10" inkscape:version="1.3">
  <metadata><title>editor data</title></metadata>
  <title>An icon</title>
  <rect x="1" y="1" width="8" height="8" fill="#c33" inkscape:label="square"/>
</svg>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, LexborHTMLParser, dict]:
    root = tmp_path_factory.mktemp("picture")
    src = root / "src"
    (src / "img").mkdir(parents=True)
    for name, photo in [
        ("marigold", "marigold-blossom"),
        ("splash", "water-drop-splash"),
        ("rocket", "rocket-launch"),
        ("leaf", "raindrops-on-leaf"),
    ]:
        shutil.copy(PHOTOS / f"{photo}.jpg", src / f"img/{name}.jpg")
    (src / "img/icon.svg").write_text(SVG)
    (src / "index.html").write_text(PAGE)
    (src / "s.css").write_text(CSS)
    out = root / "out"
    build(config_for(src, out, root / "cache"))
    html = (out / "index.html").read_text()
    return out, LexborHTMLParser(html), {"html": html}


def _img(tree: LexborHTMLParser, alt: str):
    return tree.css_first(f'img[alt="{alt}"]')


def _sources(img) -> dict[str, dict]:
    return {
        (s.attributes.get("type") or "") + (s.attributes.get("media") or ""): s.attributes
        for s in img.parent.css("source")
    }


def test_an_img_becomes_a_picture_with_avif_and_webp_at_every_width(built):
    out, tree, _ = built
    img = _img(tree, "Lazy by default")
    assert img.parent.tag == "picture"
    sources = _sources(img)
    assert list(sources) == ["image/avif", "image/webp"]
    for mime, attrs in sources.items():
        candidates = [c.strip().split(" ") for c in attrs["srcset"].split(",")]
        assert [w for _, w in candidates] == ["480w", "960w", "1440w", "1920w"]
        for url, _ in candidates:
            assert url.endswith(".avif" if mime == "image/avif" else ".webp")
            assert (out / url.lstrip("/")).is_file()
        assert attrs["sizes"] == "auto, 100vw"  # lazy: the layout width where known
    assert img.attributes["src"].endswith(".jpg") and (out / img.attributes["src"][1:]).is_file()
    assert img.attributes["srcset"].count("w,") == 3
    # the size it is shown at, so nothing shifts while it loads
    assert (img.attributes["width"], img.attributes["height"]) == ("2048", "1280")
    assert img.attributes["loading"] == "lazy" and img.attributes["decoding"] == "async"


def test_the_main_image_gets_priority_and_a_preload_with_the_authors_sizes(built):
    _, tree, _ = built
    main = _img(tree, "Main")
    assert main.attributes["fetchpriority"] == "high"
    assert "loading" not in main.attributes
    assert main.attributes["class"] == "hero"  # every attribute the author wrote is kept
    assert main.attributes["sizes"] == "(min-width: 60rem) 50vw, 100vw"
    assert _sources(main)["image/avif"]["sizes"] == "(min-width: 60rem) 50vw, 100vw"
    preloads = tree.css('link[rel="preload"][as="image"]')
    assert len(preloads) == 1
    preload = preloads[0].attributes
    assert preload["type"] == "image/avif" and preload["fetchpriority"] == "high"
    assert preload["imagesrcset"] == _sources(main)["image/avif"]["srcset"]  # one fetch
    assert preload["imagesizes"] == main.attributes["sizes"]
    assert preloads[0].parent.tag == "head"


def test_an_image_before_the_main_one_is_on_the_first_screen_so_not_lazy(built):
    _, tree, _ = built
    logo = _img(tree, "Logo")
    assert logo.parent.tag == "picture"
    assert "loading" not in logo.attributes and "fetchpriority" not in logo.attributes
    assert "auto" not in logo.attributes["sizes"]


def test_the_authors_loading_wins_and_a_missing_dimension_comes_from_the_aspect_ratio(built):
    _, tree, _ = built
    eager = _img(tree, "Author says eager")
    assert eager.attributes["loading"] == "eager"
    assert "fetchpriority" not in eager.attributes  # the main image is the first one
    assert (eager.attributes["width"], eager.attributes["height"]) == ("320", "214")  # 640x427
    assert "auto" not in _sources(eager)["image/avif"].get("sizes", "")


def test_dimensions_follow_the_displayed_orientation(built):
    _, tree, _ = built
    leaf = _img(tree, "Sideways in the file")  # 1200x900 stored, EXIF-rotated
    assert (leaf.attributes["width"], leaf.attributes["height"]) == ("900", "1200")


def test_art_direction_is_kept_and_each_source_gets_its_variants(built):
    _, tree, _ = built
    img = _img(tree, "Art directed")
    sources = img.parent.css("source")
    portrait = [s.attributes for s in sources if s.attributes.get("media")]
    assert [s.get("type") for s in portrait] == ["image/avif", "image/webp", None]
    assert all(s["media"] == "(orientation: portrait)" for s in portrait)
    assert "leaf" in portrait[0]["srcset"] and portrait[0]["srcset"].endswith("900w")
    default = [s.attributes for s in sources if not s.attributes.get("media")]
    assert [s["type"] for s in default] == ["image/avif", "image/webp"]
    assert "splash" in default[0]["srcset"]
    # art-directed: which file shows depends on the viewport, so no preload for it
    assert img.parent.parent.tag == "body"


def test_an_image_can_opt_out(built):
    _, tree, _ = built
    img = _img(tree, "Left alone")
    assert img.parent.tag == "body"
    assert set(img.attributes) == {"src", "alt"}
    assert img.attributes["src"].endswith(".jpg")  # still the optimised file


def test_css_backgrounds_get_an_image_set_after_a_plain_fallback(built):
    _, tree, _ = built
    css = "".join(s.text() for s in tree.css("style"))
    for link in tree.css('link[rel="stylesheet"]'):
        if link.attributes["href"].startswith("/"):
            css += (built[0] / link.attributes["href"][1:]).read_text()
    fallback = css.index("background:#222 url(/assets/splash-")
    modern = css.index("background:#222 image-set(url(/assets/splash-", fallback)
    assert 'type("image/avif")' in css[modern:] and 'type("image/jpeg")' in css[modern:]
    assert "image-set(url(/assets/icon" not in css  # SVG: as it is


def test_svg_is_minified_safely(built):
    out, tree, _ = built
    url = _img(tree, "A vector").attributes["src"]
    assert "<picture" not in str(_img(tree, "A vector").parent.tag)
    text = (out / url.lstrip("/")).read_text()
    assert text.startswith("<svg ") and 'viewBox="0 0 10 10"' in text
    for gone in ("<!--", "<?xml", "inkscape", "metadata", "editor data", "\n"):
        assert gone not in text
    assert "<title>An icon</title>" in text
    assert '<rect x="1" y="1" width="8" height="8" fill="#c33"/>' in text


def test_svg_whitespace_in_text_is_kept_and_bad_svg_is_located():
    text = '<svg xmlns="http://www.w3.org/2000/svg">\n  <text x="1"> A  &amp; B </text>\n</svg>'
    assert minify(text) == (
        '<svg xmlns="http://www.w3.org/2000/svg"><text x="1"> A  &amp; B </text></svg>'
    )
    with pytest.raises(SvgError) as caught:
        minify("<svg>\n  <g>\n</svg>")
    assert (caught.value.line, caught.value.column) == (3, 3)


def test_the_demo_site_loads_avif_in_chromium_with_no_broken_image(tmp_path: Path):
    out = tmp_path / "dist"
    build(config_for(ROOT / "site_src", out, tmp_path / "cache"))
    probe = """<script>
    addEventListener("load", async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 400) {
        scrollTo(0, y);
        await new Promise((r) => setTimeout(r, 100));
      }
      for (let i = 0; i < 100 && ![...document.images].every((i) => i.complete); i++) {
        await new Promise((r) => setTimeout(r, 100));
      }
      const pre = document.createElement("pre");
      pre.id = "probe";
      pre.textContent = JSON.stringify([...document.images].map((i) => ({
        alt: i.alt, src: i.currentSrc, width: i.naturalWidth, complete: i.complete})));
      document.body.append(pre);
    });
    </script>"""
    pages = ["index.html", "gallery/index.html", "blog/weather-watching.html"]
    with serve(out, inject=probe) as url:
        for page in pages:
            dom = LexborHTMLParser(dump_dom(url + page, budget_ms=15000))
            probed = dom.css_first("#probe")
            assert probed is not None, page
            images = json.loads(probed.text())
            assert images, page
            for image in images:
                assert image["complete"] and image["width"] > 0, (page, image)  # not broken
                assert image["src"].endswith(".avif"), (page, image)  # the smallest format


def test_the_manifest_lists_each_images_variants_under_it(built):
    out, _, _ = built
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())
    entry = manifest["entries"]["img/marigold.jpg"]
    assert entry["file"].startswith("assets/marigold-") and entry["file"].endswith(".jpg")
    kinds = {(v["type"], v["width"]) for v in entry["variants"]}
    assert ("image/avif", 480) in kinds and ("image/webp", 1920) in kinds
    for variant in entry["variants"]:
        assert manifest["outputs"][variant["file"]]["source"] == "img/marigold.jpg"
        assert manifest["outputs"][variant["file"]]["content_type"] == variant["type"]
    assert not [key for key in manifest["entries"] if "#" in key]


# The likely LCP element (issue #16, point 6): by the size CSS gives it, art direction
# honoured by the preloads, a CSS background preloaded with its `image-set()`'s file.
LCP_PAGES = {
    "sized-by-css.html": """<!doctype html><html><head><title>CSS sizes</title>
<style>img { max-width: 100% } .brand img { height: 40px } .hero { width: 100% }</style>
</head><body>
<a class="brand" href="./"><img src="img/marigold.jpg" alt="Logo"></a>
<img src="img/rocket.jpg" alt="Small file, shown large" class="hero" width="200" height="133">
<img src="img/splash.jpg" alt="Below">
</body></html>
""",
    "art.html": """<!doctype html><html><head><title>Art direction</title>
</head><body>
<picture>
  <source media="(min-width: 800px)" srcset="img/splash.jpg">
  <source media="(orientation: portrait)" srcset="img/leaf.jpg">
  <img src="img/marigold.jpg" alt="Art directed" width="2048" height="1280">
</picture>
</body></html>
""",
    "background.html": """<!doctype html><html><head><title>Background</title>
<style>.hero { background: url("img/splash.jpg") center / cover; min-height: 24rem }
img { max-width: 100%; height: auto }</style>
</head><body>
<header><img src="img/rocket.jpg" alt="Logo" width="36" height="24"></header>
<div class="hero" role="img" aria-label="A splash"></div>
<img src="img/marigold.jpg" alt="After the hero" width="2400" height="1500">
</body></html>
""",
    "only-background.html": """<!doctype html><html><head><title>No img</title>
<style>.hero { background: url("img/splash.jpg") center / cover; height: 50vh }</style>
</head><body><div class="hero"></div><p>Text</p></body></html>
""",
    "larger-after.html": """<!doctype html><html><head><title>Largest first screen</title>
<style>.hero { background: url("img/splash.jpg") center / cover; min-height: 10rem }
img { max-width: 100%; height: auto }</style>
</head><body><div class="hero"></div>
<img src="img/splash.jpg" srcset="img/splash.jpg 2048w" sizes="100vw" alt="Larger" width="2048"
     height="1280">
</body></html>
""",
    "child.html": """<!doctype html><html><head><title>Child</title>
<style>.bar > img { height: 40px }</style>
</head><body><div class="bar"><img src="img/rocket.jpg" alt="Logo"></div></body></html>
""",
}


@pytest.fixture(scope="module")
def lcp_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("lcp")
    src = root / "src"
    (src / "img").mkdir(parents=True)
    for name, photo in [
        ("marigold", "marigold-blossom"),
        ("splash", "water-drop-splash"),
        ("rocket", "rocket-launch"),
        ("leaf", "raindrops-on-leaf"),
    ]:
        shutil.copy(PHOTOS / f"{photo}.jpg", src / f"img/{name}.jpg")
    for name, text in LCP_PAGES.items():
        (src / name).write_text(text)
    out = root / "out"
    build(config_for(src, out, root / "cache"))
    return out


def _page(out: Path, name: str) -> LexborHTMLParser:
    return LexborHTMLParser((out / name).read_text())


def test_the_main_image_is_the_first_one_css_shows_large(lcp_site):
    tree = _page(lcp_site, "sized-by-css.html")
    logo, hero = _img(tree, "Logo"), _img(tree, "Small file, shown large")
    # a 2400 px file shown 40 px high is not the LCP; a 200 px one stretched to 100 % is
    assert "fetchpriority" not in logo.attributes and "loading" not in logo.attributes
    assert hero.attributes["fetchpriority"] == "high"
    (preload,) = tree.css('link[rel="preload"][as="image"]')
    assert "rocket" in preload.attributes["imagesrcset"]
    assert _img(tree, "Below").attributes["loading"] == "lazy"


def test_an_art_directed_main_image_gets_one_preload_per_media_condition(lcp_site):
    tree = _page(lcp_site, "art.html")
    preloads = [p.attributes for p in tree.css('link[rel="preload"][as="image"]')]
    assert [p["media"] for p in preloads] == [
        "(min-width: 800px)",
        "(orientation: portrait) and (not (min-width: 800px))",
        "(not (min-width: 800px)) and (not (orientation: portrait))",
    ]
    assert ["splash" in p["imagesrcset"] for p in preloads] == [True, False, False]
    assert "leaf" in preloads[1]["imagesrcset"] and "marigold" in preloads[2]["imagesrcset"]
    assert all(p["type"] == "image/avif" and p["fetchpriority"] == "high" for p in preloads)
    sources = _img(tree, "Art directed").parent.css("source")
    avif = [s.attributes["srcset"] for s in sources if s.attributes.get("type") == "image/avif"]
    # the same candidates as the `<source>`s, so each is one fetch
    assert [p["imagesrcset"] for p in preloads] == avif


def test_art_directed_preloads_are_exclusive_in_chromium(lcp_site):
    from .browser import LivePage

    medias = [
        p.attributes["media"]
        for p in _page(lcp_site, "art.html").css('link[rel="preload"][as="image"]')
    ]
    page = LivePage("about:blank")
    try:
        matched = {}
        for width, height in [(1280, 900), (412, 900), (700, 500)]:
            page.call(
                "Emulation.setDeviceMetricsOverride",
                session=True,
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
            found = page.evaluate(f"{json.dumps(medias)}.map((m) => matchMedia(m).matches)")
            matched[width] = found
    finally:
        page.close()
    # wide: the first source; narrow and tall: the portrait one; narrow and wide: the <img>
    assert matched == {
        1280: [True, False, False],
        412: [False, True, False],
        700: [False, False, True],
    }


def test_a_css_background_that_is_the_lcp_is_preloaded_with_its_image_set_file(lcp_site):
    tree = _page(lcp_site, "background.html")
    (preload,) = tree.css('link[rel="preload"][as="image"]')
    url = preload.attributes["imagesrcset"]
    assert url.endswith(".avif") and preload.attributes["fetchpriority"] == "high"
    style = tree.css_first("style").text()
    assert f'image-set(url({url}) type("image/avif")' in style  # the file CSS asks for
    # the logo above it is on the first screen; the image after it is not the LCP
    assert "loading" not in _img(tree, "Logo").attributes
    after = _img(tree, "After the hero").attributes
    assert "fetchpriority" not in after and after["loading"] == "lazy"


def test_an_img_a_child_selector_targets_stays_bare_with_webp_and_no_size_added(lcp_site):
    tree = _page(lcp_site, "child.html")
    img = _img(tree, "Logo")
    assert img.parent.tag == "div"  # `.bar > img` still matches
    assert img.attributes["src"].endswith(".jpg")
    assert all(c.split()[0].endswith(".webp") for c in img.attributes["srcset"].split(","))
    # a width attribute would beat `height: 40px`'s auto width: 640x40 instead of 60x40
    assert "width" not in img.attributes and "height" not in img.attributes


def test_a_page_with_no_img_still_preloads_its_css_background(lcp_site):
    tree = _page(lcp_site, "only-background.html")
    (preload,) = tree.css('link[rel="preload"][as="image"]')
    assert "splash" in preload.attributes["imagesrcset"]


def test_the_largest_on_the_first_screen_wins_and_an_authors_w_candidate_gets_every_width(
    lcp_site,
):
    tree = _page(lcp_site, "larger-after.html")
    img = _img(tree, "Larger")  # 412x257 at a phone's width, over the hero's 412x160
    assert img.attributes["fetchpriority"] == "high"
    (preload,) = tree.css('link[rel="preload"][as="image"]')
    # the author's one 2048w file offered at every variant's width, so a phone gets 480 px
    widths = [c.split()[1] for c in preload.attributes["imagesrcset"].split(", ")]
    assert widths == ["480w", "960w", "1440w", "1920w"]
    assert preload.attributes["imagesrcset"] == _sources(img)["image/avif"]["srcset"]


def test_an_image_whose_variants_round_keeps_its_files_ratio(built):
    _, tree, _ = built
    # 640x427: the 480 px variant is 480x320, and `auto 640/427` would yield to it
    assert _img(tree, "Author says eager").attributes["style"] == "aspect-ratio:640/427"
    assert "style" not in _img(tree, "Lazy by default").attributes  # 2048x1280: all exact
    # an author's style attribute is kept, the ratio after it
    assert _img(tree, "Styled").attributes["style"] == "width:320px;aspect-ratio:640/427"


def test_a_lazy_image_that_would_be_the_lcp_is_a_located_warning(tmp_path: Path):
    """The demo's home page had its first card image `loading="lazy"`: on a phone it is the
    largest on the first screen, and the browser waited for layout before fetching it (LCP
    2,072 ms under slow 4G). The build says so, where; one far below the text does not."""
    from .conftest import run_cli

    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    shutil.copy(PHOTOS / "marigold-blossom.jpg", src / "img/hero.jpg")
    shutil.copy(PHOTOS / "raindrops-on-leaf.jpg", src / "img/card.jpg")
    words = "A paragraph long enough to fill several lines on a phone's narrow screen. " * 6
    (src / "index.html").write_text(
        "<!doctype html><html><head><title>Home</title>\n"
        "<style>.hero img { width: 100%; aspect-ratio: 16 / 10 }"
        " .card img { width: 100%; aspect-ratio: 3 / 4 }</style></head><body>\n"
        '<div class="hero"><img src="img/hero.jpg" alt="Hero" width="2400" height="1500"></div>\n'
        '<div class="card"><img src="img/card.jpg" alt="Card" loading="lazy"></div>\n'
        "</body></html>\n"
    )
    (src / "far.html").write_text(
        "<!doctype html><html><head><title>Far</title></head><body>\n"
        '<img src="img/hero.jpg" alt="Hero" width="2400" height="1500">\n'
        + f"<p>{words}</p>\n" * 4
        + '<img src="img/card.jpg" alt="Card" loading="lazy">\n</body></html>\n'
    )
    result = run_cli("build", "--src", "src", "--out", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "src/index.html:4:19: warning[lazy-lcp]: this image is likely the largest" in (
        result.stderr
    )
    assert 'remove loading="lazy"' in result.stderr
    assert "far.html" not in result.stderr  # below four paragraphs: not on the first screen
    tree = LexborHTMLParser((tmp_path / "out/index.html").read_text())
    assert _img(tree, "Card").attributes["loading"] == "lazy"  # the author's word still wins
    assert _img(tree, "Hero").attributes["fetchpriority"] == "high"
