"""Nothing a page points to goes missing (issue #16, point 7): preview images of `<meta>` tags
published and written as absolute URLs under `build.site_url` (one located warning without
it), feeds under their own names, frames, objects and media published, a missing file located;
and the output walker (`tests/outputcheck.py`) that checks every URL of a built site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assetpipe.pipeline.build import build
from assetpipe.pipeline.urls import absolute_url
from bench.sitegen import SiteSpec, generate

from .conftest import run_cli, write_files
from .js.test_typescript import ts_tools  # noqa: F401 (the fixture)
from .outputcheck import broken_references, page_urls
from .test_pipeline import config_for

PNG = (  # a 1x1 PNG
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
PREVIEWS = {
    "index.html": '<!doctype html>\n<title>Home</title>\n<meta property="og:image" '
    'content="img/share.png">\n<meta name="twitter:image" content="/img/share.png?v=2">\n',
    "blog/index.html": '<!doctype html>\n<meta property="og:image" content="../img/share.png">'
    '\n<link rel="alternate" type="application/rss+xml" href="../feed.xml">\n',
    "img/share.png": PNG,
    "feed.xml": "<rss/>\n",
}


def _cli_build(src: Path, tmp_path: Path, *flags: str):
    out = tmp_path / "dist"
    result = run_cli(
        "build", "--src", str(src), "--out", str(out), "--cache-dir", str(tmp_path / "c"),
        *flags, cwd=tmp_path,
    )  # fmt: skip
    return result, out


def test_without_site_url_previews_are_published_root_relative_with_one_located_warning(
    tmp_path: Path,
):
    src = write_files(tmp_path / "src", PREVIEWS)
    result, out = _cli_build(src, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning[relative-preview]") == 1  # one for the three
    assert "src/blog/index.html:2:36: warning[relative-preview]: '../img/share.png'" in (
        result.stderr
    )
    assert 'site_url = "https://example.com"' in result.stderr
    assert "2 other preview URLs on 1 page too" in result.stderr
    home = (out / "index.html").read_text()
    share = re.search(r'og:image" content="/(assets/share-\w{8}\.png)"', home)[1]
    assert (out / share).read_bytes() == PNG  # kept as it is: no variants, no re-encoding
    assert f'content="/{share}?v=2"' in home
    assert not list((out / "assets").glob("*.avif"))
    assert (out / "feed.xml").read_text() == "<rss/>\n"  # a feed keeps its URL
    assert broken_references(out) == []


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("/", "https://example.com/assets/share-"),
        ("/docs/", "https://example.com/docs/assets/share-"),
        ("./", "https://example.com/assets/share-"),
    ],
)
def test_site_url_makes_preview_urls_absolute_under_any_base(tmp_path: Path, base, url):
    src = write_files(tmp_path / "src", PREVIEWS)
    out = tmp_path / "dist"
    result = build(config_for(src, out, base=base, site_url="https://example.com"))
    assert not [w for w in result.warnings if w.code == "relative-preview"]
    for page in ("index.html", "blog/index.html"):
        assert f'og:image" content="{url}' in (out / page).read_text()
    assert broken_references(out, base, "https://example.com") == []


def test_a_cdn_base_is_absolute_already_and_an_absolute_preview_is_left_alone(tmp_path: Path):
    files = dict(PREVIEWS)
    files["about.html"] = '<meta property="og:image" content="https://cdn.example/x.png">'
    src = write_files(tmp_path / "src", files)
    out = tmp_path / "dist"
    result = build(config_for(src, out, base="https://cdn.example.com/"))
    assert not [w for w in result.warnings if w.code == "relative-preview"]
    assert 'content="https://cdn.example.com/assets/share-' in (out / "index.html").read_text()
    assert 'content="https://cdn.example/x.png"' in (out / "about.html").read_text()


def test_absolute_url_joins_the_site_address():
    assert absolute_url("/a/x.png", "blog/index.html", "https://e.com") == "https://e.com/a/x.png"
    assert absolute_url("/a/x.png", "i.html", "https://e.com/sub/") == "https://e.com/a/x.png"
    assert absolute_url("../a/x.png", "blog/i.html", "https://e.com/s") == "https://e.com/s/a/x.png"
    assert absolute_url("https://cdn.example/x.png", "i.html", "https://e.com") == (
        "https://cdn.example/x.png"
    )
    assert absolute_url("/a/x.png", "i.html", "") == "/a/x.png"


def test_a_missing_preview_is_an_error_and_a_missing_feed_frame_or_page_a_warning(
    tmp_path: Path,
):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html>\n<meta property="og:image" content="img/gone.png">\n'
            '<link rel="alternate" href="feed.xml">\n<iframe src="docs/gone.pdf"></iframe>\n'
            '<a href="about.html">a</a> <a href="/app/">a route</a> <a href="/api">too</a>\n',
        },
    )
    result, out = _cli_build(src, tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    err = result.stderr
    assert "src/index.html:2:36: error[missing-file]: cannot find 'img/gone.png'" in err
    assert "src/index.html:3:29: warning[missing-link]: cannot find 'feed.xml'" in err
    assert "src/index.html:4:14: warning[missing-link]: cannot find 'docs/gone.pdf'" in err
    assert "src/index.html:5:10: warning[missing-link]: cannot find 'about.html'" in err
    assert err.count("warning[missing-link]") == 3  # not the routes without an extension
    assert not out.exists()


def test_a_feed_keeps_its_name_whatever_else_points_at_it(tmp_path: Path):
    """A feed also preloaded (a hashed copy) stays unhashed, in either order of the pages."""
    for first, second in (("a", "b"), ("b", "a")):
        root = tmp_path / first
        src = write_files(
            root / "src",
            {
                f"{first}.html": '<link rel="alternate" href="feed.xml">',
                f"{second}.html": '<link rel="preload" as="fetch" href="feed.xml">',
                "feed.xml": "<rss/>",
            },
        )
        build(config_for(src, root / "dist"))
        assert (root / "dist/feed.xml").exists() and not (root / "dist/assets").exists()
        assert broken_references(root / "dist") == []


def test_a_file_both_linked_and_used_is_processed_in_either_order(tmp_path: Path):
    """Regression: `<a href="x.css">` before `<link rel="stylesheet" href="x.css">` published
    the stylesheet raw under its own name (the link came first), so its `url()`s were neither
    rewritten nor published; the other order built a working page."""
    for order in ("link-first", "stylesheet-first"):
        a, link = '<a href="css/x.css">source</a>', '<link rel="stylesheet" href="css/x.css">'
        page = a + link if order == "link-first" else link + a
        src = write_files(
            tmp_path / order / "src",
            {
                "index.html": f"<!doctype html>{page}\n",
                "css/x.css": "body { background: url(bg.txt) }",
                "css/bg.txt": "x",
            },
        )
        out = tmp_path / order / "dist"
        build(config_for(src, out))
        assert broken_references(out) == [], order
        assert not (out / "css").exists()  # the link follows the hashed stylesheet
        assert list((out / "assets").glob("bg-*.txt"))


def test_a_site_url_that_is_not_an_address_is_a_config_error(tmp_path: Path):
    src = write_files(tmp_path / "src", PREVIEWS)
    (tmp_path / "assetpipe.toml").write_text('[build]\nsite_url = "example.com"\n')
    result, out = _cli_build(src, tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "build.site_url" in result.stderr and "https://example.com" in result.stderr


def test_the_walker_reads_every_url_a_page_holds():
    page = """<!doctype html><html><head>
<link rel="stylesheet" href="a.css"><link rel="alternate" href="/feed.xml">
<link rel="preconnect" href="/"><link rel="preload" as="image" imagesrcset="p1.png 1x, p2.png 2x">
<meta property="og:image" content="https://example.com/og.png">
<meta name="twitter:image" content="tw.png"><meta name="description" content="d.png">
<meta http-equiv="refresh" content="5; url='/moved/'">
<style>.a { background: url("bg.png") }</style></head><body>
<a href="doc.pdf">d</a><img src="i.png" srcset="s,1.png 1x, s2.png 2x"><video poster="v.jpg">
<track src="t.vtt"></video><audio><source src="a.mp3"></audio><iframe src="f.html"></iframe>
<object data="o.svg"></object><embed src="e.pdf"><div style="background:url(&quot;d.png&quot;)">
<svg><use xlink:href="sprite.svg#i"/></svg><script>var x = "<img src=no.png>"</script>
<!-- <img src="comment.png"> --></body></html>"""
    assert page_urls(page) == [
        "a.css",
        "/feed.xml",
        "p1.png",
        "p2.png",
        "https://example.com/og.png",
        "tw.png",
        "/moved/",
        "bg.png",
        "doc.pdf",
        "i.png",
        "s,1.png",
        "s2.png",
        "v.jpg",
        "t.vtt",
        "a.mp3",
        "f.html",
        "o.svg",
        "e.pdf",
        "d.png",
        "sprite.svg#i",
    ]


def test_the_walker_resolves_clean_urls_as_servers_do_and_names_what_is_missing(tmp_path: Path):
    out = write_files(
        tmp_path / "dist",
        {
            "index.html": '<a href="blog/"></a><a href="/blog"></a><a href="/blog/index.html"></a>'
            '<a href="about"></a><meta property="og:image" content="https://example.com/og.png">'
            '<meta property="og:video" content="https://elsewhere.example/v.mp4">',
            "blog/index.html": '<a href="../"></a><a href="..">up</a>',
            "about.html": "",
        },
    )
    assert broken_references(out, "/", "https://example.com") == [
        "index.html: about -> about does not exist",  # no server maps it to about.html
        "index.html: https://example.com/og.png -> og.png does not exist",
    ]


@pytest.mark.parametrize("template", ["vanilla", "vanilla-ts"])
def test_every_url_of_a_starter_without_dependencies_resolves(
    template: str,
    ts_tools: Path,  # noqa: F811
    tmp_path: Path,
):
    """The starters that import no package build without an install (the others are walked
    in tests/test_starters.py, after theirs)."""
    app = tmp_path / "app"
    shutil.copytree(ts_tools / "create-vite" / f"template-{template}", app)
    out = tmp_path / "dist"
    build(config_for(app, out, tmp_path / "c"))
    assert broken_references(out) == []


def test_every_url_of_the_generated_benchmark_site_resolves(tmp_path: Path):
    """bench/sitegen's site, small: sections, relative URLs from folders, hero images in
    page stylesheets, shared modules."""
    src = tmp_path / "site"
    src.mkdir()
    generate(src, SiteSpec(pages=8, sections=2))
    out = tmp_path / "dist"
    build(config_for(src, out))
    assert len(list(out.rglob("*.html"))) == 8
    assert broken_references(out) == []


def test_page_urls_for_crawlers_are_absolute_under_site_url(tmp_path: Path):
    """`og:url`, `twitter:url` and `<link rel="canonical">` name pages, folders or routes:
    written absolute under site_url (the site path they mean, under `base`); one to a
    `.html` page that is not there is a missing-link warning, left as written."""
    src = write_files(
        tmp_path / "src",
        {
            "blog/index.html": '<meta property="og:url" content="./">'
            '<link rel="canonical" href="/blog/?utm=x"><meta name="twitter:url" content="/about">'
            '<meta property="og:url" content="../gone.html">'
            '<meta property="og:url" content="https://elsewhere.example/">',
            "index.html": '<link rel="canonical" href="./"><a href="blog/">b</a>',
        },
    )
    out = tmp_path / "dist"
    result = build(config_for(src, out, base="/docs/", site_url="https://example.com"))
    blog = (out / "blog/index.html").read_text()
    assert '<meta property="og:url" content="https://example.com/docs/blog/">' in blog
    assert 'href="https://example.com/docs/blog/?utm=x"' in blog
    assert 'content="https://example.com/docs/about"' in blog  # a route: no file to check
    assert 'content="../gone.html"' in blog and 'content="https://elsewhere.example/"' in blog
    assert 'href="https://example.com/docs/"' in (out / "index.html").read_text()
    (missing,) = [w for w in result.warnings if w.code == "missing-link"]
    assert "gone.html" in missing.message and missing.location.line == 1


def test_a_relative_og_url_is_warned_about_and_a_relative_canonical_is_not(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {"index.html": '<link rel="canonical" href="./">\n<meta property="og:url" content="./">'},
    )
    result = build(config_for(src, tmp_path / "dist"))
    (warned,) = [w for w in result.warnings if w.code == "relative-preview"]
    assert warned.location.line == 2 and not warned.notes[1:]
    assert '<meta property="og:url" content="/">' in (tmp_path / "dist/index.html").read_text()
