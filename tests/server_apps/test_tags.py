"""`assetpipe.manifest`: reading either manifest, the tags for entries (order, import map,
preloads however deep, each stylesheet once), development, escaping, and clear errors."""

from __future__ import annotations

import json
import os

import pytest

from assetpipe import manifest
from assetpipe.manifest import ManifestError

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
