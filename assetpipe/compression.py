"""Compression: the one definition of how assetpipe compresses text, and at which levels.

The page report's `gzip` and `brotli` sizes, deploy's precompressed uploads
(`deploy.precompress`), the critical-CSS budget and the audit's static server all compress
with these, so a size the report states is the size deploy uploads and the audit serves.
Gzip at level 9: deploy compresses once, ahead of time, so it takes the smallest output.
Brotli at quality 5: what a CDN compressing on the fly sends. Gzip output has no timestamp
(`mtime=0`), so the same input gives the same bytes on every machine. Which files are worth
compressing is `media_types.compressible`.
"""

from __future__ import annotations

import gzip as _gzip

GZIP_LEVEL = 9
BROTLI_QUALITY = 5


def gzip(data: bytes) -> bytes:
    """`data` gzipped at `GZIP_LEVEL`, deterministically (no timestamp)."""
    return _gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)


def brotli(data: bytes) -> bytes:
    """`data` compressed with Brotli at `BROTLI_QUALITY`."""
    import brotli as _brotli  # imported when first needed: most commands never compress

    return _brotli.compress(data, quality=BROTLI_QUALITY)
