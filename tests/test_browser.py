"""Built pages run in a real browser: module scripts, their imports (static, dynamic, shared),
`new URL(..., import.meta.url)`, stylesheets reached through `@import`, and CSS `url()`s."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from .browser import dump_dom, serve
from .conftest import ROOT, SITES, build_fixture, run_cli

pytestmark = pytest.mark.slow  # built sites in Chromium


def _result(dom: str) -> dict:
    match = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert match, dom[-2000:]
    return json.loads(html.unescape(match[1]))


def test_runtime_fixture_behaves_like_its_sources(tmp_path: Path):
    out, built = build_fixture("runtime", tmp_path)
    assert built.returncode == 0, built.stderr
    expected = {
        "shared": "shared",
        "lazy": "lazy",
        "json": {"fetched": True},
        "color": "rgb(200, 60, 20)",
        "background": 8,
    }
    with serve(SITES / "runtime" / "src") as url:
        assert _result(dump_dom(url + "index.html")) == expected  # the fixture itself is right
    with serve(out) as url:
        assert _result(dump_dom(url + "index.html")) == expected


def test_demo_site_scripts_run(tmp_path: Path):
    out = tmp_path / "dist"
    built = run_cli("build", "--out", str(out), "--cache-dir", str(tmp_path / "c"), cwd=ROOT)
    assert built.returncode == 0, built.stderr
    with serve(out) as url:
        home = dump_dom(url)
        gallery = dump_dom(url + "gallery/")
    assert "3 stories" in home  # written by js/pages/home.js through the shared ui.js module
    assert "12 photographs" in gallery
    assert 'aria-current="page">Home</a>' in home  # markCurrentPage() in the shared module
    assert 'aria-current="page">Gallery</a>' in gallery


def test_css_imported_by_modules_is_linked_or_loaded_before_the_lazy_chunk(tmp_path: Path):
    out, built = build_fixture("css-imports", tmp_path)
    assert built.returncode == 0, built.stderr
    with serve(out) as url:
        result = _result(dump_dom(url + "index.html"))
    # the entry's CSS is linked from the page; the lazy chunk's arrives with it, not before
    assert result == {"entry": "5px", "lazyBefore": "0px", "lazy": "7px", "sheets": 2}


def test_stylesheets_and_their_files_in_node_modules_are_found(tmp_path: Path, site):
    """A page linking `node_modules/pkg/dist/x.css` and a stylesheet importing a package's CSS
    by its package path (`@import "pkg/theme.css"`, `@import "pkg"` through its `style` field)
    build, and the package's font and image come along (issue #12: "cannot find")."""
    from PIL import Image

    src = site(
        {
            "index.html": '<!doctype html><link rel="stylesheet" href="node_modules/pkg/dist/x.css">'
            '<link rel="stylesheet" href="css/site.css"><p id="a">a</p><p id="b">b</p>'
            '<p id="c">c</p><pre id="result"></pre><script type="module">'
            "const s = (id, p) => getComputedStyle(document.getElementById(id))[p];"
            "if (document.readyState !== 'complete')"
            " await new Promise(r => addEventListener('load', r));"
            'document.getElementById("result").textContent = JSON.stringify({a: s("a", "color"),'
            ' b: s("b", "color"), c: s("c", "color"), bg: s("a", "backgroundImage") !== "none",'
            ' img: performance.getEntriesByType("resource").filter(e => e.initiatorType === "css")'
            ".length});</script>",
            "node_modules/pkg/package.json": '{"name": "pkg", "style": "dist/main.css"}',
            "node_modules/pkg/dist/x.css": "#a { color: rgb(1, 2, 3); background: url(bg.png) }",
            "node_modules/pkg/dist/main.css": "#b { color: rgb(4, 5, 6) }",
            "node_modules/pkg/theme.css": "#c { color: rgb(7, 8, 9) }",
            "css/site.css": '@import "pkg";\n@import "pkg/theme.css";\nbody { margin: 0 }\n',
        }
    )
    Image.new("RGB", (4, 4), (255, 0, 0)).save(src / "node_modules/pkg/dist/bg.png")
    out = tmp_path / "out"
    built = run_cli("build", "--src", str(src), "--out", str(out), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    expected = {"a": "rgb(1, 2, 3)", "b": "rgb(4, 5, 6)", "c": "rgb(7, 8, 9)", "bg": True}
    with serve(out) as url:
        result = _result(dump_dom(url + "index.html"))
    assert result.pop("img") >= 1  # the package's image, hashed and served
    assert result == expected
