"""Render on small discovered sites: each file's output name and text, references turned into
placeholders (the author's query and fragment kept), minified or readable per role, manifests
re-serialised, critical CSS in pages, and a located error for a broken stylesheet."""

from __future__ import annotations

from pathlib import Path

from assetpipe.cache import Cache
from assetpipe.pipeline.discover import discover
from assetpipe.pipeline.hashing import placeholder
from assetpipe.pipeline.render import RenderOptions, render
from assetpipe.pipeline.scan import scan
from assetpipe.pipeline.values import Link, Rendered

from ..conftest import write_files

P0, P1, P2, P3, P4 = (placeholder(i) for i in range(5))

SITE = {
    "index.html": "<!doctype html>\n"
    '<link rel="stylesheet" href="css/My Site (1).css?v=2">\n'
    '<script src="js/legacy.js"></script>\n'
    '<img src="img/logo.svg#icon" alt="">\n'
    '<a href="files/report.pdf">report</a>\n'
    '<link rel="manifest" href="app.webmanifest">\n',
    "css/My Site (1).css": "/* the site */\nbody {\n  background: url('../img/logo.svg');\n"
    "  color: #ff0000;\n}\n",
    "js/legacy.js": "function hello ( a , b ) {\n  // add\n  return a + b ;\n}\n",
    "img/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">\n'
    '  <!-- drawn by hand -->\n  <rect width="1" height="1"/>\n</svg>\n',
    "files/report.pdf": b"%PDF-1.4 report",
    "app.webmanifest": '{"name": "App", "start_url": "./index.html", '
    '"icons": [{"src": "img/logo.svg", "sizes": "any"}]}',
}


def rendered(
    tmp_path: Path, files: dict[str, str | bytes], *, with_scripts: bool = False, **options
) -> tuple[dict[str, Rendered], list]:
    src = write_files(tmp_path / "src", files)
    tree = scan(str(src))
    found = discover(tree)
    assert found.diagnostics == ()
    settings = RenderOptions(**{"assets_dir": "assets", "base": "/", "minify": True, **options})
    out, diagnostics = render(
        found.files,
        tree.root,
        settings,
        Cache(None),
        scripts=found.pages if with_scripts else None,
    )
    return {r.source: r for r in out}, diagnostics


def test_every_file_gets_an_output_name_hashed_unless_a_page_or_a_download(tmp_path):
    files, diagnostics = rendered(tmp_path, SITE)
    assert diagnostics == []
    assert {source: r.output for source, r in files.items()} == {
        "index.html": "index.html",
        "css/My Site (1).css": "assets/My-Site-1-[hash].css",  # a name no URL must escape
        "js/legacy.js": "assets/legacy-[hash].js",
        "img/logo.svg": "assets/logo-[hash].svg",
        "files/report.pdf": "files/report.pdf",  # only linked to: keeps its URL
        "app.webmanifest": "assets/app-[hash].webmanifest",
    }
    assert files["files/report.pdf"].text is None
    assert files["files/report.pdf"].data == b"%PDF-1.4 report"


def test_a_page_keeps_every_byte_but_its_urls_which_become_placeholders(tmp_path):
    files, _ = rendered(tmp_path, SITE)
    page = files["index.html"]
    assert page.text == (
        "<!doctype html>\n"
        f'<link rel="stylesheet" href="{P0}?v=2">\n'
        f'<script src="{P1}"></script>\n'
        f'<img src="{P2}#icon" alt="">\n'
        f'<a href="{P3}">report</a>\n'
        f'<link rel="manifest" href="{P4}">\n'
    )
    assert page.links == (
        Link("css/My Site (1).css", "url"),
        Link("js/legacy.js", "url"),
        Link("img/logo.svg", "url"),
        Link("files/report.pdf", "url"),
        Link("app.webmanifest", "url"),
    )


def test_stylesheets_scripts_and_svg_are_minified(tmp_path):
    files, _ = rendered(tmp_path, SITE)
    assert files["css/My Site (1).css"].text == f"body{{color:red;background:url({P0})}}"
    assert files["css/My Site (1).css"].links == (Link("img/logo.svg", "url"),)
    assert files["js/legacy.js"].text == "function hello(a,b){return a+b;}"
    assert files["img/logo.svg"].text == (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><rect width="1" height="1"/>'
        "</svg>"
    )


def test_a_readable_build_keeps_the_authors_text(tmp_path):
    files, _ = rendered(tmp_path, SITE, minify=False)
    assert files["css/My Site (1).css"].text == (
        f"/* the site */\nbody {{\n  background: url('{P0}');\n  color: #ff0000;\n}}\n"
    )
    assert files["js/legacy.js"].text == SITE["js/legacy.js"]


def test_a_manifest_is_re_serialised_with_its_pages_under_the_base(tmp_path):
    files, _ = rendered(tmp_path, SITE, base="/docs/")
    manifest = files["app.webmanifest"]
    assert manifest.text == (
        f'{{"name":"App","start_url":"/docs/index.html","icons":[{{"src":"{P0}","sizes":"any"}}]}}'
    )
    assert manifest.links == (Link("img/logo.svg", "url"),)


def test_a_small_stylesheet_is_inlined_into_the_page_and_critical_off_keeps_the_link(tmp_path):
    site = {
        "index.html": '<!doctype html>\n<head>\n  <link rel="stylesheet" href="s.css">\n'
        "</head>\n<p>hi</p>\n",
        "s.css": "p { color: red }\n",
    }
    files, _ = rendered(tmp_path / "on", site, with_scripts=True)
    assert files["index.html"].text == (
        "<!doctype html>\n<head>\n  <style>p{color:red}</style>\n</head>\n<p>hi</p>\n"
    )
    assert files["index.html"].links == ()
    files, _ = rendered(tmp_path / "off", site, with_scripts=True, critical=False)
    assert files["index.html"].text == site["index.html"].replace("s.css", P0)
    assert files["index.html"].links == (Link("s.css", "url"),)


def test_a_broken_stylesheet_is_an_error_at_its_line_and_the_rest_renders(tmp_path):
    files, diagnostics = rendered(
        tmp_path,
        {
            "index.html": '<link rel="stylesheet" href="bad.css"><script src="a.js"></script>',
            "bad.css": "a { color: red }\n\n.b { width: calc(1px + ; }\n",
            "a.js": "var a = 1 ;\n",
        },
    )
    [d] = diagnostics
    assert (d.severity, d.code) == ("error", "css-syntax")
    assert d.message == "invalid CSS: Unexpected token CloseCurlyBracket"
    assert d.location.path == str(tmp_path / "src" / "bad.css")
    assert (d.location.line, d.location.column) == (3, 26)
    assert "bad.css" not in files
    assert files["a.js"].text == "var a=1;"


def test_files_the_image_stage_produced_are_left_to_it(tmp_path):
    src = write_files(tmp_path / "src", SITE)
    tree = scan(str(src))
    found = discover(tree)
    options = RenderOptions("assets", "/", True)
    out, _ = render(
        found.files, tree.root, options, Cache(None), produced=frozenset({"img/logo.svg"})
    )
    assert "img/logo.svg" not in {r.source for r in out}
