"""Web app manifests: the icon and screenshot URLs found in one (the references a build
hashes), the manifest rendered with hashed icon URLs and page URLs that still reach their
pages, the site path a page URL names, and the error invalid JSON gives."""

from __future__ import annotations

import json

import pytest

from assetpipe.html.webmanifest import ManifestError, find_references, render, resolve_page

MANIFEST = """{
  "name": "Café App",
  "start_url": "./index.html?source=pwa",
  "scope": "./",
  "icons": [
    {"src": "icons/192.png", "sizes": "192x192"},
    {"src": "https://cdn.example.com/512.png", "sizes": "512x512"},
    {"sizes": "1x1"}
  ],
  "screenshots": [{"src": "shots/wide.jpg"}],
  "shortcuts": [
    {"name": "Blog", "url": "blog/", "icons": [{"src": "icons/blog.png"}]},
    {"name": "Home", "url": "https://example.com/"}
  ]
}
"""


def test_icons_screenshots_and_shortcut_icons_are_references():
    refs = find_references(MANIFEST)
    assert [r.url for r in refs] == [
        "icons/192.png",
        "https://cdn.example.com/512.png",  # found; resolution leaves external URLs alone
        "shots/wide.jpg",
        "icons/blog.png",
    ]
    for r in refs:
        assert MANIFEST[r.start : r.end] == r.url
        assert (r.kind, r.escape) == ("manifest-icon", "json")


def test_a_manifest_without_images_has_no_references():
    assert find_references('{"name": "x"}') == []
    assert find_references("[]") == []
    assert find_references('{"icons": "icon.png", "shortcuts": [1, {"icons": null}]}') == []


def test_the_span_of_an_icon_is_its_own():
    text = '{"name": "logo.png", "icons": [{"src": "logo.png"}]}'
    (ref,) = find_references(text)
    assert ref.start == text.index('"src": "logo.png"') + len('"src": "')


def test_the_span_of_an_escaped_icon_url_is_where_it_is_written():
    text = '{"icons": [{"src": "icons\\/a.png"}]}'
    (ref,) = find_references(text)
    assert ref.url == "icons/a.png"
    assert text[ref.start : ref.end] == "icons\\/a.png"


def _render(minify: bool) -> str:
    hashed = {"icons/192.png": "192-AAAA1111.png", "shots/wide.jpg": "wide-BBBB2222.jpg"}
    return render(
        MANIFEST,
        lambda url: hashed.get(url),  # None: left as written
        lambda url: "../" + resolve_page(url, "app.webmanifest"),
        minify=minify,
    )


def test_render_rewrites_icons_and_page_urls():
    data = json.loads(_render(minify=True))
    assert [i.get("src") for i in data["icons"]] == [
        "192-AAAA1111.png",
        "https://cdn.example.com/512.png",
        None,
    ]
    assert data["screenshots"] == [{"src": "wide-BBBB2222.jpg"}]
    assert data["start_url"] == "../index.html?source=pwa"
    assert data["scope"] == "../"
    assert data["shortcuts"][0]["url"] == "../blog/"
    assert data["shortcuts"][0]["icons"] == [{"src": "icons/blog.png"}]
    assert data["shortcuts"][1]["url"] == "https://example.com/"  # not a local page: kept
    assert data["name"] == "Café App"


def test_render_minified_or_readable():
    small = _render(minify=True)
    assert "\n" not in small and '"name":"Café App"' in small  # not \u00e9
    readable = _render(minify=False)
    assert readable.startswith('{\n  "name": "Café App",\n') and readable.endswith("}\n")
    assert json.loads(small) == json.loads(readable)


@pytest.mark.parametrize(
    ("url", "manifest", "site_path"),
    [
        ("./", "app/site.webmanifest", "app/"),
        (".", "app/site.webmanifest", "app/"),
        ("./", "site.webmanifest", ""),
        ("index.html?source=pwa", "app/m.json", "app/index.html?source=pwa"),
        ("../index.html#top", "app/m.json", "index.html#top"),
        ("/blog/?x", "app/m.json", "blog/?x"),
        ("?a", "m.json", "?a"),
        ("news/", "app/m.json", "app/news/"),
    ],
)
def test_the_site_path_a_page_url_names(url, manifest, site_path):
    assert resolve_page(url, manifest) == site_path


def test_dot_dot_names_the_parent_folder():
    assert resolve_page("..", "a/b/m.json") == "a/"


def test_invalid_json_is_an_error_at_its_offset():
    with pytest.raises(ManifestError) as caught:
        find_references('{\n"icons": }')
    assert str(caught.value) == "invalid JSON: Expecting value"
    assert caught.value.offset == 11
    with pytest.raises(ManifestError):
        render("{", lambda u: u, lambda u: u, minify=True)
