from __future__ import annotations

import gzip

import brotli

from assetpipe import compression
from assetpipe.deployment.plan import PlanOptions, headers_for
from assetpipe.media_types import COMPRESSIBLE, MEDIA_TYPES, compressible, content_type, is_text


def test_every_text_type_compresses_and_one_list_decides_for_report_and_deploy():
    options = PlanOptions(precompress=True)
    for ext, media_type in MEDIA_TYPES.items():
        path = f"assets/a{ext}"
        if media_type.startswith("text/") or media_type in COMPRESSIBLE:
            assert is_text(path), ext
        # what deploy precompresses is what the report counts compressed
        precompressed = headers_for(path, content_type(path), True, options).encoding == "gzip"
        assert precompressed == is_text(path), ext
    assert is_text("app.wasm") and is_text("site.webmanifest") and is_text("feed.atom")
    assert not is_text("a.png") and not is_text("a.woff2") and not is_text("a.bin")
    assert compressible("Application/JSON; charset=utf-8") and compressible("text/x-custom")
    assert not compressible("application/octet-stream")


def test_one_set_of_compression_levels():
    data = b"body { color: red }\n" * 200
    assert compression.gzip(data) == gzip.compress(data, compresslevel=9, mtime=0)
    assert compression.GZIP_LEVEL == 9 and compression.BROTLI_QUALITY == 5
    assert brotli.decompress(compression.brotli(data)) == data
