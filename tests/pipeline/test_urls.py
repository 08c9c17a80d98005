"""The URLs outputs are written with: a page's asset URLs under each `base` (`/`, a sub-path, a
CDN, `./`), assets' relative URLs to each other, JavaScript specifiers that always start with
`./` or `../`, and page links. (`absolute_url`: tests/test_published.py.)"""

from __future__ import annotations

import pytest

from assetpipe.pipeline.urls import is_relative_base, link_url, page_url, relative


@pytest.mark.parametrize(
    ("base", "url"),
    [
        ("/", "/assets/app-AAAA1111.css"),
        ("/docs/", "/docs/assets/app-AAAA1111.css"),
        ("https://cdn.example.com/", "https://cdn.example.com/assets/app-AAAA1111.css"),
        ("./", "../../assets/app-AAAA1111.css"),
        ("", "../../assets/app-AAAA1111.css"),
    ],
)
def test_a_pages_asset_url_under_each_base(base, url):
    got = link_url(
        "assets/app-AAAA1111.css", "blog/2024/index.html", module=False, from_page=True, base=base
    )
    assert got == url


def test_assets_refer_to_each_other_relatively_whatever_the_base():
    for base in ("/", "https://cdn.example.com/", "./"):
        kwargs = {"module": False, "from_page": False, "base": base}
        assert link_url("assets/bg-BBBB2222.png", "assets/site-AAAA1111.css", **kwargs) == (
            "bg-BBBB2222.png"
        )
        assert link_url("assets/f/a.woff2", "assets/css/x.css", **kwargs) == "../f/a.woff2"


def test_module_specifiers_start_with_a_dot():
    kwargs = {"module": True, "from_page": False, "base": "/"}
    assert link_url("assets/chunk-CCCC3333.js", "assets/app-AAAA1111.js", **kwargs) == (
        "./chunk-CCCC3333.js"
    )
    assert link_url("assets/x.js", "assets/sub/app.js", **kwargs) == "../x.js"
    # a page's inline module with a relative base
    assert link_url("assets/app.js", "index.html", module=True, from_page=True, base="./") == (
        "./assets/app.js"
    )
    assert link_url("assets/app.js", "index.html", module=True, from_page=True, base="/") == (
        "/assets/app.js"
    )


@pytest.mark.parametrize(
    ("site_path", "from_dir", "base", "url"),
    [
        ("about/", "blog", "/", "/about/"),
        ("about/", "blog", "/docs/", "/docs/about/"),
        ("about/", "blog", "./", "../about/"),
        ("about/index.html?x=1#y", "blog", "./", "../about/index.html?x=1#y"),
        ("", "blog", "./", "../"),
        ("", "", "./", "./"),
        ("#top", "blog", "./", "../#top"),
        ("?q=1", "", "./", "./?q=1"),
        ("blog/", "blog", "./", "./"),
        ("robots.txt", "a/b", "./", "../../robots.txt"),
    ],
)
def test_page_links(site_path, from_dir, base, url):
    assert page_url(site_path, from_dir, base) == url


def test_relative_paths_and_folders():
    assert relative("assets/a.css", "") == "assets/a.css"
    assert relative("assets/a.css", "blog/post") == "../../assets/a.css"
    assert relative("about/", "blog/") == "../about/"
    assert relative("", "blog") == "../"
    assert relative("blog/", "blog") == "./"
    assert is_relative_base("./") and is_relative_base("")
    assert not is_relative_base("/") and not is_relative_base("https://cdn.example.com/")
