"""A Django project renders templates against a build of a TypeScript app (a CSS import, an SVG
import, a dynamic import, a chunk two entries share), with django-vite (from PyPI, unmodified)
and with assetpipe's own template tags; each page runs in headless Chromium."""

from __future__ import annotations

import json
import re

import pytest

from ..browser import dump_dom
from .apps import WORKING, app_ran, build_app, django_server, fetch, head_urls


@pytest.fixture(scope="module")
def vite_build(tmp_path_factory):
    return build_app(tmp_path_factory.mktemp("vite"), vite_manifest=True)


@pytest.fixture(scope="module")
def import_map_build(tmp_path_factory):
    return build_app(tmp_path_factory.mktemp("importmap"), vite_manifest=False)


def _every_url_exists(base: str, html: str) -> list[str]:
    urls = head_urls(html)
    assert urls
    for url in urls:
        status, _, _ = fetch(base.rstrip("/") + url)
        assert status == 200, url
    return urls


def test_django_vite_prints_tags_that_load_a_working_app(vite_build):
    manifest = json.loads((vite_build / ".vite" / "manifest.json").read_text())
    main, shared = manifest["src/main.ts"], manifest[manifest["src/main.ts"]["imports"][0]]
    with django_server(vite_build) as base:
        status, _, body = fetch(base + "django-vite/")
        assert status == 200
        html = " ".join(body.decode().split())
        # django-vite's own tags: stylesheets, the entry, a preload of the shared chunk
        assert f'<link rel="stylesheet" href="/static/{main["css"][0]}" />' in html
        assert f'src="/static/{main["file"]}"' in html
        assert re.search(rf'rel="modulepreload"[^>]*href="/static/{shared["file"]}"', html) or (
            re.search(rf'href="/static/{shared["file"]}"[^>]*rel="modulepreload"', html)
        )
        assert f'href="/static/{manifest["css/print.css"]["file"]}"' in html
        _every_url_exists(base, html)
        assert app_ran(dump_dom(base + "django-vite/")) == WORKING


def test_assetpipe_tag_on_a_vite_manifest_build(vite_build):
    with django_server(vite_build) as base:
        html = fetch(base + "assetpipe/")[2].decode()
        assert "importmap" not in html  # chunks import hashed names in this mode
        urls = _every_url_exists(base, html)
        assert [u.rsplit(".", 1)[-1] for u in urls] == ["css", "css", "js", "js"]
        dom = dump_dom(base + "assetpipe/")
        assert app_ran(dom) == WORKING
        logo = re.search(r'id="url" src="([^"]+)"', html)[1]
        assert fetch(base.rstrip("/") + logo)[0] == 200


def test_assetpipe_tag_prints_the_import_map_of_an_import_map_build(import_map_build):
    with django_server(import_map_build) as base:
        html = fetch(base + "assetpipe/")[2].decode()
        mapped = json.loads(re.search(r'<script type="importmap">(.*?)</script>', html)[1])
        # the chunks the entry loads, by their unhashed URL under STATIC_URL
        shared = [k for k in mapped["imports"] if k.startswith("/static/assets/shared")]
        assert shared == ["/static/assets/shared.js"]
        assert "/static/assets/chart.js" in mapped["imports"]  # the dynamic import too
        for target in mapped["imports"].values():
            assert fetch(base.rstrip("/") + target)[0] == 200
        assert (
            html.index("importmap")
            < html.index("modulepreload")
            < html.index('<script type="module"')
        )
        _every_url_exists(base, html)
        assert app_ran(dump_dom(base + "assetpipe/")) == WORKING


def test_a_second_entry_shares_the_chunk(vite_build):
    with django_server(vite_build) as base:
        admin = fetch(base + "admin/")[2].decode()
        main = fetch(base + "assetpipe/")[2].decode()
        shared = [u for u in head_urls(admin) if "/shared-" in u]
        assert shared and shared[0] in head_urls(main)
        dom = dump_dom(base + "admin/")
        assert 'id="status">admin loaded<' in dom
        assert 'data-page="admin"' in dom


def test_the_middleware_inlines_the_critical_css_of_the_rendered_page(vite_build):
    with django_server(vite_build) as base:
        html = fetch(base + "critical/")[2].decode()
        style = html.split("<style>")[1].split("</style>")[0]
        # main.css and print.css are small: inlined whole, their links gone
        assert "#status{color:var(--accent)}" in style and "@media print" in style
        assert 'rel="stylesheet"' not in html.split("</head>")[0]
        assert "data-assetpipe-critical" not in html
        _every_url_exists(base, html)
        assert app_ran(dump_dom(base + "critical/")) == WORKING


def test_assetpipe_head_prints_the_speculation_rules_and_the_monitoring_script(tmp_path):
    out = build_app(tmp_path, vite_manifest=False, prefetch_mode="prerender", rum_endpoint="/rum")
    with django_server(out) as base:
        html = fetch(base + "head/")[2].decode()
        rules = re.search(r'<script type="speculationrules" nonce="n1">(.*?)</script>', html)
        assert json.loads(rules[1])["prerender"][0]["where"]["and"][0] == {
            "href_matches": "/shop/*"
        }
        assert '<script type="module" nonce="n1">(()=>' in html  # the fallback
        rum = re.search(r'<script async fetchpriority="low" src="([^"]+)"[^>]*nonce="n1">', html)
        assert rum[1].startswith("/static/assets/rum-")
        assert fetch(base.rstrip("/") + rum[1])[0] == 200
        build = json.loads((out / ".assetpipe/manifest.json").read_text())["build"]
        assert f'data-build="{build}"' in html
        assert app_ran(dump_dom(base + "head/")) == WORKING
