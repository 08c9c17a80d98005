"""The build manifest made from rendered files and outputs directly: each source's output file
and what it links to, image variants under their image, every output's size, SHA-256, type and
source, the development flag, and bytes that do not depend on input order."""

from __future__ import annotations

import hashlib
import json

from assetpipe.pipeline.manifest import VERSION, dumps, make_manifest
from assetpipe.pipeline.values import Link, OutputFile, Rendered

NAMES = {
    "index.html": "index.html",
    "js/main.js": "assets/main-AAAA1111.js",
    "js/util.js": "assets/util-BBBB2222.js",
    "js/lazy.js": "assets/lazy-CCCC3333.js",
    "css/site.css": "assets/site-DDDD4444.css",
    "img/a.jpg": "assets/a-EEEE5555.jpg",
    "img/a.jpg#480.avif": "assets/a-480-FFFF6666.avif",
    "img/a.jpg#480.webp": "assets/a-480-GGGG7777.webp",
    "img/a.jpg#960.webp": "assets/a-960-HHHH8888.webp",
}

RENDERED = [
    Rendered(
        "index.html",
        "index.html",
        "",
        None,
        links=(
            Link("css/site.css", "url"),
            Link("js/main.js", "url"),
            Link("img/a.jpg", "url"),
            Link("img/a.jpg#480.webp", "url"),
            Link("robots.txt", "url", public=True),
        ),
    ),
    Rendered(
        "js/main.js",
        "assets/main-[hash].js",
        "",
        None,
        links=(Link("js/util.js", "module"), Link("img/a.jpg", "url")),
        imports=("js/util.js",),
        dynamic_imports=("js/lazy.js",),
        css=("css/site.css", "css/gone.css"),
    ),
    Rendered("js/util.js", "assets/util-[hash].js", "", None),
    Rendered("js/lazy.js", "assets/lazy-[hash].js", "", None),
    Rendered("css/site.css", "assets/site-[hash].css", "", None),
    Rendered("img/a.jpg#960.webp", "assets/a-960-[hash].webp", None, b""),
    Rendered("img/a.jpg", "assets/a-[hash].jpg", None, b""),
    Rendered("img/a.jpg#480.webp", "assets/a-480-[hash].webp", None, b""),
    Rendered("img/a.jpg#480.avif", "assets/a-480-[hash].avif", None, b""),
]

OUTPUTS = [
    OutputFile("index.html", b"<!doctype html>", "index.html", False),
    OutputFile("robots.txt", b"User-agent: *\n", "public/robots.txt", False),
    OutputFile("assets/a-480-GGGG7777.webp", b"RIFF", "img/a.jpg#480.webp", True),
    OutputFile("assets/main-AAAA1111.js", b"import'./util-BBBB2222.js'", "js/main.js", True),
]


def test_entries_name_outputs_and_what_they_link_to():
    entries = make_manifest(RENDERED, NAMES, OUTPUTS)["entries"]
    assert entries["js/main.js"] == {
        "file": "assets/main-AAAA1111.js",
        "imports": ["js/util.js"],
        "dynamicImports": ["js/lazy.js"],
        "css": ["assets/site-DDDD4444.css"],  # a stylesheet with no output is left out
        "assets": ["img/a.jpg"],  # the imported module is not an asset too
    }
    # a script with no imports still says so; a page lists its assets, variants as their image
    assert entries["js/util.js"] == {
        "file": "assets/util-BBBB2222.js",
        "imports": [],
        "dynamicImports": [],
        "css": [],
    }
    assert entries["index.html"] == {
        "file": "index.html",
        "assets": ["css/site.css", "img/a.jpg", "js/main.js"],
    }
    assert entries["css/site.css"] == {"file": "assets/site-DDDD4444.css"}
    assert list(entries) == sorted(entries)


def test_variants_are_listed_under_their_image_by_type_then_width():
    entries = make_manifest(RENDERED, NAMES, OUTPUTS)["entries"]
    assert "img/a.jpg#480.webp" not in entries
    assert entries["img/a.jpg"] == {
        "file": "assets/a-EEEE5555.jpg",
        "variants": [
            {"file": "assets/a-480-FFFF6666.avif", "width": 480, "type": "image/avif"},
            {"file": "assets/a-480-GGGG7777.webp", "width": 480, "type": "image/webp"},
            {"file": "assets/a-960-HHHH8888.webp", "width": 960, "type": "image/webp"},
        ],
    }


def test_outputs_have_size_hash_type_and_source():
    outputs = make_manifest(RENDERED, NAMES, OUTPUTS)["outputs"]
    assert list(outputs) == sorted(o.path for o in OUTPUTS)
    assert outputs["robots.txt"] == {
        "size": 14,
        "sha256": hashlib.sha256(b"User-agent: *\n").hexdigest(),
        "content_type": "text/plain; charset=utf-8",
        "immutable": False,
        "source": "public/robots.txt",
    }
    variant = outputs["assets/a-480-GGGG7777.webp"]
    assert variant["source"] == "img/a.jpg"  # the image, not its variant key
    assert variant["content_type"] == "image/webp" and variant["immutable"] is True
    assert outputs["assets/main-AAAA1111.js"]["content_type"].startswith("text/javascript")


def test_development_builds_say_so_second():
    production = make_manifest([], {}, [])
    assert production == {"version": VERSION, "entries": {}, "outputs": {}}
    development = make_manifest([], {}, [], development=True)
    assert list(development) == ["version", "development", "entries", "outputs"]
    assert development["development"] is True


def test_dumps_is_the_same_bytes_whatever_the_input_order():
    a = dumps(make_manifest(RENDERED, NAMES, OUTPUTS))
    b = dumps(make_manifest(RENDERED[::-1], NAMES, OUTPUTS[::-1]))
    assert a == b
    assert a.endswith(b"}\n") and a.startswith(b'{\n "version": 1,')
    assert json.loads(a) == make_manifest(RENDERED, NAMES, OUTPUTS)


def test_dumps_keeps_non_ascii_paths_readable():
    manifest = make_manifest(
        [Rendered("café.html", "café.html", "", None)],
        {"café.html": "café.html"},
        [OutputFile("café.html", b"", "café.html", False)],
    )
    assert "café.html".encode() in dumps(manifest)
