"""Discovery on small source folders: which files the pages reach and in which role, how their
references resolve, the module graph and page scripts it hands the bundler, and the
diagnostics for what cannot be found or compiled (all of them, in one pass)."""

from __future__ import annotations

from pathlib import Path

from assetpipe.pipeline.discover import Discovery, discover
from assetpipe.pipeline.scan import scan

from ..conftest import write_files

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32  # discovery never decodes images

SITE = {
    "index.html": "<!doctype html>\n"
    '<link rel="stylesheet" href="css/site.css?v=1#top">\n'
    '<script type="module" src="js/main.js"></script>\n'
    '<script type="module">import "./js/util.js";</script>\n'
    '<img src="img/photo.png" alt="">\n',
    "about.html": '<!doctype html><a href="img/photo.png">full size</a>'
    '<a href="docs/guide.pdf">guide</a>\n',
    "css/site.css": "body { background: url(../img/bg.png) }\n",
    "js/main.js": 'import { log } from "./util.js";\n'
    'log(new URL("../img/icon.png", import.meta.url));\n',
    "js/util.js": "export const log = (x) => console.log(x);\n",
    "img/photo.png": PNG,
    "img/bg.png": PNG,
    "img/icon.png": PNG,
    "docs/guide.pdf": b"%PDF-1.4\n",
    "unused.css": "p { color: red }\n",
    "public/robots.txt": "User-agent: *\n",
}


def discovered(tmp_path: Path, files: dict[str, str | bytes]) -> Discovery:
    src = write_files(tmp_path / "src", files)
    return discover(scan(str(src)))


def roles(found: Discovery) -> dict[str, str]:
    return {path: parsed.role for path, parsed in found.files.items()}


def diagnostics(found: Discovery) -> list[tuple[str, str, str]]:
    return [(d.severity, d.code, d.message) for d in found.diagnostics]


def test_every_file_the_pages_reach_gets_the_role_its_references_give_it(tmp_path):
    found = discovered(tmp_path, SITE)
    assert roles(found) == {
        "about.html": "page",
        "css/site.css": "css",
        "docs/guide.pdf": "download",  # only linked to: published under its own name
        "img/bg.png": "image",
        "img/icon.png": "copy",  # a module's `new URL()`: an asset, never resized
        "img/photo.png": "image",  # linked from one page, shown on another: an image
        "index.html": "page",
    }
    # JavaScript goes to the module graph, not the files; what nothing reaches is not built
    assert list(found.modules) == ["index.html#module-0", "js/main.js", "js/util.js"]
    assert "unused.css" not in found.files and "robots.txt" not in found.files
    assert found.diagnostics == ()


def test_references_resolve_relative_to_their_file_and_keep_query_and_fragment(tmp_path):
    found = discovered(tmp_path, SITE)
    page = found.files["index.html"]
    assert [(r.raw.url, r.raw.kind, r.target, r.suffix) for r in page.refs] == [
        ("css/site.css?v=1#top", "stylesheet", "css/site.css", "?v=1#top"),
        ("js/main.js", "src", "js/main.js", ""),
        ("img/photo.png", "img", "img/photo.png", ""),
    ]
    # each span is exactly the URL as written, for the renderer to replace
    text = page.text or ""
    assert [text[r.raw.start : r.raw.end] for r in page.refs] == [
        "css/site.css?v=1#top",
        "js/main.js",
        "img/photo.png",
    ]
    [css_ref] = found.files["css/site.css"].refs
    assert (css_ref.raw.url, css_ref.target, css_ref.raw.kind) == (
        "../img/bg.png",
        "img/bg.png",
        "css-url",
    )


def test_a_page_hands_the_bundler_its_module_scripts_in_document_order(tmp_path):
    found = discovered(tmp_path, SITE)
    scripts = found.pages["index.html"]
    assert scripts.entries == ("js/main.js", "index.html#module-0")
    [(key, start, end)] = scripts.inline
    text = found.files["index.html"].text or ""
    assert key == "index.html#module-0" and text[start:end] == 'import "./js/util.js";'
    assert [text[at : at + 7] for at in scripts.module_tags] == ["<script", "<script"]
    assert found.pages["about.html"].entries == ()
    # the module graph resolved the imports: the inline script's is relative to its page
    assert found.modules["index.html#module-0"].resolved == ("js/util.js",)
    assert found.modules["js/main.js"].resolved == ("js/util.js", "img/icon.png")


def test_an_image_is_remembered_by_its_first_reference(tmp_path):
    found = discovered(tmp_path, SITE)
    path, start, end = found.referrers["img/photo.png"]
    assert path == "index.html"
    assert (found.files[path].text or "")[start:end] == "img/photo.png"


def test_what_cannot_be_found_is_reported_at_its_reference_and_discovery_goes_on(tmp_path):
    found = discovered(
        tmp_path,
        {
            "index.html": '<!doctype html>\n<img src="img/gone.png">\n'
            '<a href="nowhere.html">x</a>\n<script type="module" src="main.js"></script>\n',
            "main.js": 'import "./lib.js";\n',
            "lib.js": 'import "./missing.js";\n',
        },
    )
    assert diagnostics(found) == [
        ("error", "missing-file", "cannot find 'img/gone.png'"),
        (
            "warning",
            "missing-link",
            "cannot find 'nowhere.html': the link leads nowhere in this build",
        ),
        ("error", "missing-file", "cannot find './missing.js' (imported by lib.js)"),
    ]
    gone = found.diagnostics[0]
    assert gone.location.path == str(tmp_path / "src" / "index.html")
    assert (gone.location.line, gone.location.column) == (2, 11)
    assert list(found.modules) == ["lib.js", "main.js"]  # found up to the missing one


def test_a_file_of_a_language_assetpipe_does_not_compile_is_an_error(tmp_path):
    found = discovered(
        tmp_path,
        {
            "index.html": '<script type="module" src="app.vue"></script>'
            '<link rel="stylesheet" href="site.scss">',
            "app.vue": "<template></template>",
            "site.scss": "$a: 1;",
        },
    )
    assert [(code, message.split(":")[0]) for _, code, message in diagnostics(found)] == [
        ("unsupported-language", "cannot load 'app.vue'"),
        ("unsupported-language", "cannot load 'site.scss'"),
    ]
    assert found.modules == {}


def test_the_result_is_sorted_whatever_order_files_are_reached_in(tmp_path):
    site = {
        "b.html": '<a href="z.pdf">z</a><img src="a.png">',
        "a.html": '<a href="a.png">a</a><img src="z.png">',
        "z.pdf": b"%PDF",
        "a.png": PNG,
        "z.png": PNG,
    }
    found = discovered(tmp_path / "one", site)
    assert list(found.files) == sorted(found.files)
    # the same files, reached the other way round, get the same roles
    swapped = {**site, "a.html": site["b.html"], "b.html": site["a.html"]}
    assert roles(discovered(tmp_path / "two", swapped)) == roles(found)
    assert roles(found)["a.png"] == "image"


def test_a_module_import_of_a_stylesheet_brings_the_stylesheet_in(tmp_path):
    found = discovered(
        tmp_path,
        {
            "index.html": '<script type="module" src="main.js"></script>',
            "main.js": 'import "./style.css";\nimport data from "./data.json";\n'
            "console.log(data);\n",
            "style.css": "p { margin: 0 }\n",
            "data.json": '{"a": 1}\n',
        },
    )
    assert roles(found) == {"index.html": "page", "style.css": "css"}
    assert found.modules["data.json"].kind == "json"
    assert found.modules["main.js"].resolved == ("style.css", "data.json")
