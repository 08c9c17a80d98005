"""compressed_sizes: the bytes, gzip and Brotli figures every report and budget is checked on —
text compressed at the project's levels, images, fonts and source maps as they are, and the
watch memo that saves compressing a file whose bytes did not change."""

from __future__ import annotations

import brotli

from assetpipe import compression
from assetpipe.cache import Sizes
from assetpipe.pipeline.values import OutputFile
from assetpipe.report.sizes import compressed_sizes

JS = b"export function greet(name) { return 'Hello, ' + name; }\n" * 50
CSS = b"body { margin: 0; padding: 0 }\n" * 40
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>' * 20
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
MAP = b'{"version":3,"mappings":"' + b"AAAA;" * 500 + b'"}'


def _out(path: str, data: bytes) -> OutputFile:
    return OutputFile(path, data, path, True)


OUTPUTS = [
    _out("assets/app-AAAA1111.js", JS),
    _out("assets/site-BBBB2222.css", CSS),
    _out("assets/logo-CCCC3333.svg", SVG),
    _out("assets/photo-DDDD4444.png", PNG),
    _out("assets/font-EEEE5555.woff2", b"wOF2" + b"\0" * 100),
    _out("assets/app-AAAA1111.js.map", MAP),
]


def test_text_is_measured_gzipped_and_brotli_compressed():
    sizes = compressed_sizes(OUTPUTS)
    for path, data in [
        ("assets/app-AAAA1111.js", JS),
        ("assets/site-BBBB2222.css", CSS),
        ("assets/logo-CCCC3333.svg", SVG),
    ]:
        assert sizes[path] == (
            len(data),
            len(compression.gzip(data)),
            len(compression.brotli(data)),
        )
        assert sizes[path][1] < len(data) / 5  # repetitive text compresses a lot
    assert brotli.decompress(compression.brotli(JS)) == JS


def test_images_fonts_and_source_maps_count_as_they_are():
    sizes = compressed_sizes(OUTPUTS)
    assert sizes["assets/photo-DDDD4444.png"] == (len(PNG),) * 3
    assert sizes["assets/font-EEEE5555.woff2"] == (104, 104, 104)
    assert sizes["assets/app-AAAA1111.js.map"] == (len(MAP),) * 3  # for developer tools only
    assert set(sizes) == {o.path for o in OUTPUTS}


def test_the_memo_is_filled_and_reused_while_the_bytes_are_the_same():
    memo: dict[str, Sizes] = {}
    first = compressed_sizes(OUTPUTS, memo)
    assert set(memo) == {
        "assets/app-AAAA1111.js",
        "assets/site-BBBB2222.css",
        "assets/logo-CCCC3333.svg",
    }
    assert memo["assets/app-AAAA1111.js"] == Sizes(JS, first["assets/app-AAAA1111.js"])
    # a remembered figure is taken as it is (not compressed again) while the bytes match...
    memo["assets/site-BBBB2222.css"] = Sizes(CSS, (1, 2, 3))
    assert compressed_sizes(OUTPUTS, memo)["assets/site-BBBB2222.css"] == (1, 2, 3)
    # ...and measured again once they changed
    changed = [_out("assets/site-BBBB2222.css", CSS + b"p{}")]
    again = compressed_sizes(changed, memo)["assets/site-BBBB2222.css"]
    assert again[0] == len(CSS) + 3 and again != (1, 2, 3)
    assert memo["assets/site-BBBB2222.css"].data == CSS + b"p{}"


def test_no_outputs_no_sizes():
    assert compressed_sizes([]) == {}
