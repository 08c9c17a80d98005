"""Tests of the ``ssr`` workload's helpers: the Vite config, django-vite's tags (skipped without
django-vite), what a first visit downloads, the loopback server's request log and the page
check (no npm, no assetpipe build, no browser)."""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.harness import CheckFailed
from bench.workloads.ssr import (
    APP_SOURCE,
    ENTRY,
    INPUTS,
    MANIFEST,
    Tag,
    describe_first_visit,
    django_vite_tags,
    first_visit,
    page_ran,
    parse_tags,
    render_vite_config,
    serve_static,
    size_figures,
    source_version,
    tag_figures,
)

# Vite 8.3's manifest of the server app with assetsInlineLimit: 0 (hashes shortened)
VITE_MANIFEST = {
    "_shared-D1.js": {"file": "assets/shared-D1.js", "name": "shared"},
    "css/print.css": {
        "file": "assets/print-B1.css",
        "name": "print",
        "names": ["print.css"],
        "src": "css/print.css",
        "isEntry": True,
    },
    "src/admin.ts": {
        "file": "assets/admin-D2.js",
        "name": "admin",
        "src": "src/admin.ts",
        "isEntry": True,
        "imports": ["_shared-D1.js"],
        "css": ["assets/admin-B2.css"],
    },
    "src/chart.ts": {
        "file": "assets/chart-C1.js",
        "name": "chart",
        "src": "src/chart.ts",
        "isDynamicEntry": True,
        "css": ["assets/chart-B3.css"],
    },
    "src/logo.svg": {"file": "assets/logo-D3.svg", "src": "src/logo.svg"},
    "src/main.ts": {
        "file": "assets/main-B4.js",
        "name": "main",
        "src": "src/main.ts",
        "isEntry": True,
        "imports": ["_shared-D1.js"],
        "dynamicImports": ["src/chart.ts"],
        "css": ["assets/main-B5.css"],
        "assets": ["assets/logo-D3.svg"],
    },
}
TAGS = (
    '<link  rel="stylesheet" href="/static/assets/main-B5.css" />\n'
    '<script type="module" crossorigin="" src="/static/assets/main-B4.js"></script>\n'
    '<link href="/static/assets/shared-D1.js" type="text/javascript" crossorigin="anonymous" '
    'rel="modulepreload" as="script" />'
)


def test_the_vite_config_builds_the_three_inputs_with_a_manifest_under_static(
    tmp_path: Path,
) -> None:
    text = render_vite_config(tmp_path / "app", tmp_path / "cache")
    config = json.loads(text.split("export default ", 1)[1].rstrip().rstrip(";"))
    assert config["root"] == str(tmp_path / "app") and config["base"] == "/static/"
    assert config["build"]["manifest"] is True
    assert config["build"]["rollupOptions"]["input"] == list(INPUTS)
    assert all((APP_SOURCE / name).is_file() for name in INPUTS)
    assert (APP_SOURCE / "assetpipe.toml").is_file()


def test_source_version_follows_the_apps_files(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.ts").write_text("a")
    first = source_version(tmp_path)
    assert source_version(tmp_path) == first
    (tmp_path / "src" / "main.ts").write_text("b")
    assert source_version(tmp_path) != first


def test_parse_tags_reads_django_vites_output() -> None:
    tags = parse_tags(TAGS)
    assert tags == [
        Tag("stylesheet", "/static/assets/main-B5.css"),
        Tag("script", "/static/assets/main-B4.js"),
        Tag("modulepreload", "/static/assets/shared-D1.js"),
    ]
    assert tag_figures(tags) == {"tags": 3, "tag_scripts": 1, "tag_css": 1, "tag_preloads": 1}
    assert parse_tags("<script>inline()</script>") == []


def test_first_visit_follows_imports_css_assets_and_the_dynamic_import() -> None:
    files = first_visit(VITE_MANIFEST, ENTRY, parse_tags(TAGS))
    assert files == [
        "assets/main-B5.css",
        "assets/main-B4.js",
        "assets/shared-D1.js",
        "assets/logo-D3.svg",
        "assets/chart-C1.js",
        "assets/chart-B3.css",
    ]
    # what the admin entry's page gets: no chart, no logo
    admin = first_visit(VITE_MANIFEST, "src/admin.ts", [])
    assert admin == ["assets/admin-D2.js", "assets/admin-B2.css", "assets/shared-D1.js"]
    broken = {**VITE_MANIFEST, "src/main.ts": {"file": "m.js", "imports": ["_gone.js"]}}
    with pytest.raises(CheckFailed, match="_gone.js"):
        first_visit(broken, ENTRY, [])
    with pytest.raises(CheckFailed, match="outside /static/"):
        first_visit(VITE_MANIFEST, ENTRY, [Tag("script", "/assets/main-B4.js")])


def test_size_figures_add_raw_and_gzip_bytes(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("x" * 1000)
    (tmp_path / "assets" / "b.css").write_text("b{}")
    figures = size_figures(tmp_path, ["assets/a.js", "assets/b.css"])
    assert figures["first_files"] == 2 and figures["first_bytes"] == 1003
    assert 20 < figures["first_gzip"] < 100
    with pytest.raises(CheckFailed, match="c.js"):
        size_figures(tmp_path, ["assets/c.js"])


def test_the_server_logs_what_it_answered(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("x" * 10)
    with serve_static(tmp_path, TAGS) as (url, requests):
        page = urllib.request.urlopen(url + "index.html").read().decode()
        assert urllib.request.urlopen(url + "static/assets/a.js").read() == b"x" * 10
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(url + "static/assets/gone.js")
    assert TAGS in page
    assert requests.log == [
        ("/index.html", 200, len(page.encode())),
        ("/static/assets/a.js", 200, 10),
        ("/static/assets/gone.js", 404, 0),
    ]


def test_page_ran_wants_the_chart_both_stylesheets_and_the_logo() -> None:
    done = (
        '<html lang="en" data-page="main" data-status-color="rgb(0, 96, 160)" '
        'data-chart-display="flex"><head></head><body><p id="status">chart drawn</p>'
        '<div id="app"><img id="logo" alt="" src="/s/l.svg" data-loaded="48"></div>'
        '<div id="chart" data-bars="5"><span class="bar"></span></div></body></html>'
    )
    assert page_ran(done)
    for old, new in [
        ('data-bars="5"', 'data-bars="4"'),
        ("chart drawn", "main loaded for main"),
        ('data-chart-display="flex"', 'data-chart-display="block"'),
        (' data-status-color="rgb(0, 96, 160)"', ""),
        ('data-loaded="48"', 'data-loaded="0"'),
        (' data-loaded="48"', ""),
    ]:
        assert old in done
        assert not page_ran(done.replace(old, new)), old


def test_django_vite_prints_the_entrys_tags(tmp_path: Path) -> None:
    pytest.importorskip("django_vite")
    manifest = tmp_path / MANIFEST
    manifest.parent.mkdir()
    manifest.write_text(json.dumps(VITE_MANIFEST))
    rendered = django_vite_tags(sys.executable, manifest, ENTRY)
    assert parse_tags(rendered["tags"]) == parse_tags(TAGS)
    with pytest.raises(CheckFailed, match="src/nope.ts"):
        django_vite_tags(sys.executable, manifest, "src/nope.ts")


def test_describe_first_visit_lists_sizes_and_what_chromium_did_not_get(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "a.js").write_text("x" * 100)
    (tmp_path / "assets" / "b.css").write_text("b{}")
    files = ["assets/a.js", "assets/b.css"]
    fine = [("/static/assets/a.js", 200, 100), ("/static/assets/b.css", 200, 3)]
    text = describe_first_visit(tmp_path, files, fine)
    assert text.splitlines()[0].startswith("assets/a.js") and "100 B" in text
    assert "2 files" in text and text.endswith("chromium fetched all 2")
    wrong = [("/static/assets/a.js", 200, 100), ("/assets/b.css", 404, 0)]
    assert describe_first_visit(tmp_path, files, wrong).endswith(
        "chromium fetched all but assets/b.css; failed: /assets/b.css (404)"
    )
