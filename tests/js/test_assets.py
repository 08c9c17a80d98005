"""Asset imports as Vite has them (`import logo from './logo.svg'`, `?url`, `?raw`, `?inline`):
the bundle, run in Node, gets the file's published URL, its text or a data: URL; what cannot
be imported so is an error at the import."""

from __future__ import annotations

import base64
import dataclasses
import io
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PIL import Image

from assetpipe.diagnostics import BuildFailed
from assetpipe.js.assets import INLINE_LIMIT
from assetpipe.pipeline.build import build

from ..conftest import write_files
from ..test_pipeline import config_for
from .test_bundle import run_node

PAGE = '<!doctype html><script type="module" src="main.js"></script>\n'
TEXT = 'héllo "wörld" \\ `${x}` __asp_ref0__ \u2028 </script>\n'
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><path d="M0 0h4v4z" fill="#0a0"/></svg>\n'
SHEET = ".a { background: url(img/dot.png) }\n"
MAIN = """\
import logo from './img/logo.svg'
import notes from './notes.txt'
import logoUrl from './img/logo.svg?url'
import logoData from './img/logo.svg?inline'
import logoText from './img/logo.svg?raw'
import dotData from './img/dot.png?inline'
import text from './notes.txt?raw'
import paint from './paint.js?url'
import sheet from './theme.css?url'
import sheetText from './theme.css?raw'
import template from './template.html?raw'
import robots from '/robots.txt'
import robotsText from '/robots.txt?raw'
import { default as again } from './again.js'
const beside = new URL('./img/logo.svg', import.meta.url).href
const lazy = (await import('./notes.txt?raw')).default
console.log(JSON.stringify({ logo, notes, logoUrl, logoData, logoText, dotData, text, paint,
  sheet, sheetText, template, robots, robotsText, again, beside, lazy }))
"""


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (3, 2), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def _build(src: Path, tmp_path: Path, *, minify: bool = True) -> tuple[Path, dict]:
    out = tmp_path / "out"
    config = config_for(src, out, tmp_path / "cache", minify=minify)
    build(dataclasses.replace(config, js=dataclasses.replace(config.js, import_map=False)))
    return out, json.loads((out / ".assetpipe" / "manifest.json").read_text())


def _published(out: Path, url: str) -> Path:
    """The output file a URL the bundle made in Node (`file:///.../assets/x.js`) names."""
    path = Path(unquote(urlsplit(url).path))
    assert path.is_relative_to(out) and path.is_file(), url
    return path


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
def test_imports_give_the_url_the_text_or_a_data_url(tmp_path: Path, minify: bool):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": PAGE,
            "main.js": MAIN,
            "again.js": "export { default } from './notes.txt?raw'\n",
            "img/logo.svg": SVG,
            "img/dot.png": _png(),
            "notes.txt": TEXT,
            "paint.js": "registerPaint('dots', class { paint() {} })\n",
            "theme.css": SHEET,
            "template.html": "<template><p>hi</p></template>\n",
            "public/robots.txt": "User-agent: *\n",
        },
    )
    out, manifest = _build(src, tmp_path, minify=minify)
    got = json.loads(run_node(out / manifest["entries"]["main.js"]["file"]))
    # URLs: the file as published, named by its hash (the same as new URL() beside it)
    assert got["logo"] == got["logoUrl"] == got["beside"]
    assert _published(out, got["logo"]).read_text().strip() == SVG.strip()
    assert _published(out, got["notes"]).read_text() == TEXT
    assert "registerPaint" in _published(out, got["paint"]).read_text()  # a script: not bundled
    sheet_out = _published(out, got["sheet"]).read_text()  # processed, as a <link> gets it
    assert re.search(r"url\(\"?dot-\w{8}\.png", sheet_out), sheet_out
    assert got["robots"] == "/robots.txt" and got["robotsText"] == "User-agent: *\n"
    # text, as written (UTF-8, quotes, backslashes, a placeholder look-alike, U+2028)
    assert got["text"] == got["again"] == got["lazy"] == TEXT
    assert got["logoText"] == SVG and got["sheetText"] == SHEET
    assert got["template"] == "<template><p>hi</p></template>\n"
    # data: URLs: SVG percent-encoded (no character a CSS url() or an attribute would end
    # on), other files base64
    prefix, _, body = got["logoData"].partition(",")
    assert prefix == "data:image/svg+xml" and unquote(body) == SVG
    assert not re.search(r"[\s\"'()<>#]", body)
    prefix, _, body = got["dotData"].partition(",")
    assert prefix == "data:image/png;base64" and base64.b64decode(body) == _png()
    bundled = "".join(p.read_text() for p in out.glob("assets/*.js") if "paint" not in p.name)
    assert "registerPaint" not in bundled  # a ?url script is published on its own


def test_an_imported_image_is_the_one_the_images_stage_publishes(tmp_path: Path):
    """A page shows photo.jpg: the stage re-encodes it, and the script's URL (an import and
    new URL alike) is that fallback. An image only scripts name is published as it is."""
    photo = io.BytesIO()
    Image.effect_noise((300, 200), 60).convert("RGB").save(photo, "JPEG", quality=97)
    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><img src="photo.jpg" alt="">'
            '<script type="module" src="main.js"></script>\n',
            "main.js": "import photo from './photo.jpg'\nimport icon from './icon.png'\n"
            "const beside = new URL('./photo.jpg', import.meta.url).href\n"
            "console.log(JSON.stringify({ photo, beside, icon }))\n",
            "photo.jpg": photo.getvalue(),
            "icon.png": _png(),
        },
    )
    out, manifest = _build(src, tmp_path)
    got = json.loads(run_node(out / manifest["entries"]["main.js"]["file"]))
    shown = re.search(r'<img[^>]* src="([^"]+)"', (out / "index.html").read_text())[1]
    assert got["photo"] == got["beside"]
    assert _published(out, got["photo"]) == out / shown.lstrip("/")
    assert _published(out, got["photo"]).read_bytes() != photo.getvalue()  # re-encoded
    assert manifest["entries"]["photo.jpg"]["variants"]  # (and its variants made for the page)
    assert _published(out, got["icon"]).read_bytes() == _png()


def test_a_change_to_an_inlined_file_changes_the_bundle(tmp_path: Path):
    """`?raw` and `?inline` put the file's bytes into the module: a rebuild with the cache of
    the first build sees the new bytes, and the chunk gets a new name."""
    src = write_files(
        tmp_path / "src",
        {
            "index.html": PAGE,
            "main.js": "import t from './a.txt?raw'\nimport d from './a.txt?inline'\n"
            "console.log(t, d)\n",
            "a.txt": "first\n",
        },
    )
    out, manifest = _build(src, tmp_path)
    before = manifest["entries"]["main.js"]["file"]
    encoded = base64.b64encode(b"first\n").decode()
    assert run_node(out / before) == f"first\n data:text/plain;charset=utf-8;base64,{encoded}\n"
    (src / "a.txt").write_text("second\n")
    out, manifest = _build(src, tmp_path)
    after = manifest["entries"]["main.js"]["file"]
    assert after != before
    assert run_node(out / after).startswith("second\n data:text/plain;charset=utf-8;base64,")


@pytest.mark.parametrize(
    ("line", "code", "words"),
    [
        ("import a from './s.css?foo'", "import-query", "unknown import query '?foo'"),
        ("import a from './s.css?inline'", "import-query", "s.css?inline"),
        ("import a from './w.js?worker'", "import-query", "'?worker'"),
        ("import a from './blob.bin?raw'", "import-query", "not UTF-8 text"),
        ("import a from './big.txt?inline'", "import-query", "?url"),
        ("import a from './m.wasm'", "import-kind", "WebAssembly"),
        ("import a from './t.html'", "import-kind", "'./t.html'"),
        ("import a from './t.html?url'", "import-query", "t.html?url"),
        ("export { default } from './s.css?foo'", "import-query", "?foo"),
        ("import('./s.css?foo')", "import-query", "?foo"),
    ],
)
def test_what_cannot_be_imported_so_is_an_error_at_the_import(
    tmp_path: Path, line: str, code: str, words: str
):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": PAGE,
            "main.js": f"// an import\n{line}\n",
            "s.css": "a{}",
            "w.js": "",
            "blob.bin": bytes(range(256)),
            "big.txt": "x" * (INLINE_LIMIT + 1),
            "m.wasm": b"\0asm\1\0\0\0",
            "t.html": "<p>a page</p>",
        },
    )
    with pytest.raises(BuildFailed) as failed:
        _build(src, tmp_path)
    (d,) = failed.value.diagnostics  # one error, no follow-up about the import's bindings
    assert d.code == code and words in d.message + " ".join(d.notes), d
    assert d.location.path.endswith("main.js") and d.location.line == 2
    assert d.location.column == line.index("'./") + 2
