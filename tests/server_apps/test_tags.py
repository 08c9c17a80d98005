"""`assetpipe.manifest`: reading either manifest, the tags for entries (order, import map,
preloads however deep, each stylesheet once), development, escaping, clear errors, and the end
of the head the build's settings give (`Manifest.head`)."""

from __future__ import annotations

import json
import os

import pytest

from assetpipe import manifest
from assetpipe.manifest import ManifestError

from ..rum.collector import make
from ..rum.collector import manifest as read

OWN = {
    "version": 1,
    "entries": {
        "_shared.js": {
            "file": "assets/shared-AAAAAAAA.js",
            "imports": ["_deep.js"],
            "css": ["assets/shared-BBBBBBBB.css"],
        },
        "_deep.js": {"file": "assets/deep-CCCCCCCC.js", "imports": [], "css": []},
        "src/main.ts": {
            "file": "assets/main-DDDDDDDD.js",
            "imports": ["_shared.js"],
            "dynamicImports": ["src/lazy.ts"],
            "css": ["assets/main-EEEEEEEE.css"],
            "isEntry": True,
        },
        "src/admin.ts": {
            "file": "assets/admin-FFFFFFFF.js",
            "imports": ["_shared.js"],
            "css": ["assets/shared-BBBBBBBB.css"],
            "isEntry": True,
        },
        "src/lazy.ts": {"file": "assets/lazy-GGGGGGGG.js", "imports": ["_deep.js"], "css": []},
        "css/print.css": {"file": "assets/print-HHHHHHHH.css", "isEntry": True},
    },
    "importmap": {
        "assets/shared.js": "assets/shared-AAAAAAAA.js",
        "assets/deep.js": "assets/deep-CCCCCCCC.js",
        "assets/lazy.js": "assets/lazy-GGGGGGGG.js",
        "assets/other.js": "assets/other-IIIIIIII.js",
    },
    "outputs": {},
}


def _write(tmp_path, data, name=".assetpipe/manifest.json"):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))
    return path


def test_tags_in_the_order_a_browser_needs_them(tmp_path):
    _write(tmp_path, OWN)
    html = manifest.load(tmp_path).tags("src/main.ts", "css/print.css", base_url="/static/")
    assert html.splitlines() == [
        '<script type="importmap">{"imports":{"/static/assets/deep.js":"/static/assets/deep-CCCCCCCC.js",'
        '"/static/assets/lazy.js":"/static/assets/lazy-GGGGGGGG.js",'
        '"/static/assets/shared.js":"/static/assets/shared-AAAAAAAA.js"}}</script>',
        '<link rel="stylesheet" href="/static/assets/main-EEEEEEEE.css">',
        '<link rel="stylesheet" href="/static/assets/shared-BBBBBBBB.css">',
        '<link rel="stylesheet" href="/static/assets/print-HHHHHHHH.css">',
        '<link rel="modulepreload" href="/static/assets/shared-AAAAAAAA.js">',
        '<link rel="modulepreload" href="/static/assets/deep-CCCCCCCC.js">',  # two levels down
        '<script type="module" src="/static/assets/main-DDDDDDDD.js"></script>',
    ]


def test_two_entries_share_one_import_map_and_each_stylesheet_once(tmp_path):
    _write(tmp_path, OWN)
    html = manifest.load(tmp_path).tags("src/main.ts", "src/admin.ts", nonce='n"1')
    assert html.count("importmap") == 1 and html.count("shared-BBBBBBBB.css") == 1
    assert html.count('nonce="n&quot;1"') == 3  # the import map and both scripts
    assert html.count("modulepreload") == 2  # admin and main are scripts, not preloads


def test_a_vite_manifest_reads_the_same_way_without_an_import_map(tmp_path):
    vite = {
        "_shared-AAAAAAAA.js": {"file": "assets/shared-AAAAAAAA.js", "name": "shared"},
        "src/main.ts": {
            "file": "assets/main-DDDDDDDD.js",
            "src": "src/main.ts",
            "isEntry": True,
            "imports": ["_shared-AAAAAAAA.js"],
            "css": ["assets/main-EEEEEEEE.css"],
        },
    }
    m = manifest.load(_write(tmp_path, vite, ".vite/manifest.json"))
    assert m.tags("./src/main.ts", base_url="https://cdn.example.com/app").splitlines() == [
        '<link rel="stylesheet" href="https://cdn.example.com/app/assets/main-EEEEEEEE.css">',
        '<link rel="modulepreload" href="https://cdn.example.com/app/assets/shared-AAAAAAAA.js">',
        '<script type="module" src="https://cdn.example.com/app/assets/main-DDDDDDDD.js"></script>',
    ]
    assert m.url("src/main.ts", "/s/") == "/s/assets/main-DDDDDDDD.js"


def test_development_points_at_the_watcher_with_its_live_reload_client(tmp_path):
    _write(tmp_path, {**OWN, "development": True})
    m = manifest.load(tmp_path)
    assert m.development
    html = m.tags("src/admin.ts", base_url="/static/", dev_server="http://127.0.0.1:8000")
    assert (
        '"http://127.0.0.1:8000/assets/shared.js":"http://127.0.0.1:8000/assets/shared-AAAAAAAA.js"'
        in html
    )
    assert html.endswith('<script src="http://127.0.0.1:8000/__assetpipe/client.js"></script>')
    assert "/static/" not in html


def test_the_manifest_is_read_again_when_a_build_rewrites_it(tmp_path):
    path = _write(tmp_path, OWN)
    first = manifest.load(tmp_path)
    assert manifest.load(tmp_path) is first  # unchanged: not read again
    changed = json.loads(json.dumps(OWN))
    changed["entries"]["src/main.ts"]["file"] = "assets/main-ZZZZZZZZ.js"
    path.write_text(json.dumps(changed))
    os.utime(path, ns=(path.stat().st_mtime_ns + 10**9,) * 2)
    assert "main-ZZZZZZZZ.js" in manifest.load(tmp_path).tags("src/main.ts")


def test_errors_say_what_to_do(tmp_path):
    with pytest.raises(ManifestError, match=r"no build manifest at .*run `assetpipe build`"):
        manifest.load(tmp_path)
    _write(tmp_path, OWN)
    with pytest.raises(
        ManifestError,
        match=r"has no entry 'src/mian.ts' \(entries: src/main.ts, src/admin.ts, css/print.css\)",
    ):
        manifest.load(tmp_path).tags("src/mian.ts")
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ManifestError, match="cannot read the manifest"):
        manifest.load(tmp_path / "bad.json")
    (tmp_path / "list.json").write_text("[]")
    with pytest.raises(ManifestError, match="not a build manifest"):
        manifest.load(tmp_path / "list.json")


def test_head_prints_what_the_builds_pages_get_at_the_end_of_their_head(tmp_path):
    config = (
        '[build]\nentries = ["src/main.js"]\n'
        '[rum]\nendpoint = "https://rum.example.com/c?a=1&b=2"\nsample_rate = 0.5\n'
        '[prefetch]\nmode = "prerender"\nexclude = ["/shop/cart/*"]\n'
    )
    out = make(tmp_path, "app", {"src/main.js": "console.log(1)\n"}, config)
    data = read(out)
    head = manifest.load(out).head(
        base_url="https://cdn.example.com/app/", nonce='n"1', pages="/shop/"
    )
    rules, fallback, rum = head.split("\n")
    assert rules.startswith('<script type="speculationrules" nonce="n&quot;1">{"prerender":')
    found = json.loads(rules.split(">", 1)[1].removesuffix("</script>"))
    where = found["prerender"][0]["where"]["and"]
    assert where[0] == {"href_matches": "/shop/*"}  # the app's pages, not the assets' URL
    assert {"not": {"href_matches": "/shop/cart/*"}} in where
    assert fallback.startswith('<script type="module" nonce="n&quot;1">(()=>')
    assert rum == (
        '<script async fetchpriority="low" src="https://cdn.example.com/app/'
        + data["entries"]["assetpipe:rum.js"]["file"]
        + '" data-endpoint="https://rum.example.com/c?a=1&amp;b=2" data-sample-rate="0.5" '
        f'data-build="{data["build"]}" nonce="n&quot;1"></script>'
    )
    # development (the watcher's manifest) and a Vite manifest print nothing
    _write(tmp_path / "dev", {**data, "development": True})
    assert manifest.load(tmp_path / "dev").head() == ""
    _write(tmp_path / "vite", data["entries"], ".vite/manifest.json")
    assert manifest.load(tmp_path / "vite/.vite/manifest.json").head() == ""


def test_head_is_empty_without_the_settings_and_pages_only_builds_keep_their_manifest(tmp_path):
    off = make(
        tmp_path,
        "off",
        {"src/main.js": "console.log(1)\n"},
        '[build]\nentries = ["src/main.js"]\n[prefetch]\nmode = "off"\n',
    )
    assert "head" not in read(off)
    assert manifest.load(off).head() == ""
    pages = make(tmp_path, "pages", {"index.html": '<a href="b.html">b</a>\n', "b.html": "b\n"})
    assert "head" not in read(pages)  # the pages have the tags themselves
