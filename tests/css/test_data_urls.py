from __future__ import annotations

import base64
import re
from urllib.parse import quote

from assetpipe.css.data_urls import extract_data_urls
from assetpipe.pipeline.values import Link, Rendered

WOFF2 = b"wOF2" + bytes(range(256)) * 40  # 10 KB that say they are a WOFF2 font


def sheet(css: str) -> Rendered:
    return Rendered("css/theme.css", "assets/theme-[hash].css", css, None, (Link("a.png", "url"),))


def test_a_large_data_font_becomes_a_hashed_file_the_stylesheet_points_at():
    b64 = base64.b64encode(WOFF2).decode()
    # mislabelled, as real themes often are: the bytes decide the extension
    css = (
        f"@font-face{{font-family:A;src:url(data:application/x-font-woff;charset=utf-8;base64,"
        f'{b64})format("woff")}}.x{{background:url(__asp_ref0__)}}'
        f'.y{{src:url("data:font/woff2;base64,{b64}")}}'
    )
    r, files = extract_data_urls(sheet(css), 4096, "assets")
    assert [f.output for f in files] == ["assets/theme-[hash].woff2"]
    assert files[0].data == WOFF2  # the same data twice: one file
    assert r.text == (
        '@font-face{font-family:A;src:url(__asp_ref1__)format("woff")}'
        ".x{background:url(__asp_ref0__)}.y{src:url(__asp_ref2__)}"
    )
    assert r.links[1:] == (Link(files[0].source, "url"), Link(files[0].source, "url"))


def test_small_ones_unknown_types_and_svg_fragments_stay():
    small = base64.b64encode(b"\x89PNG" + b"0" * 100).decode()
    svg = quote("<svg xmlns='http://www.w3.org/2000/svg'>" + "<g/>" * 2000 + "</svg>")
    css = (
        f".a{{background:url(data:image/png;base64,{small})}}"
        f".b{{background:url(data:text/plain,{'x' * 9000})}}"
        f'.c{{mask:url("data:image/svg+xml,{svg}#icon")}}'
        f'.d{{background:url("data:image/svg+xml,{svg}")}}'
    )
    r, files = extract_data_urls(sheet(css), 4096, "assets")
    assert [f.output for f in files] == ["assets/theme-[hash].svg"]  # .d, percent-decoded
    assert files[0].data.startswith(b"<svg xmlns='http://www.w3.org/2000/svg'><g/>")
    assert r.text.count("data:") == 3 and re.search(
        r"\.d\{background:url\(__asp_ref1__\)\}", r.text
    )


def test_the_limit_is_the_decoded_size():
    data = b"wOF2" + b"1" * 4092  # 4096 bytes, 5464 characters of base64
    css = f".a{{src:url(data:font/woff2;base64,{base64.b64encode(data).decode()})}}"
    assert extract_data_urls(sheet(css), 4096, "assets")[1] == []
    assert len(extract_data_urls(sheet(css), 4095, "assets")[1]) == 1
