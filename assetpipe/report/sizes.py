"""Sizes: every output's bytes as written, gzipped and Brotli-compressed (`compression.py`'s
levels: gzip 9, Brotli 5, what a CDN compressing on the fly sends) for text files; images, fonts
and other compressed formats travel as they are, so their three figures are equal.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from .. import compression
from ..cache import Sizes
from ..media_types import is_text
from ..pipeline.values import OutputFile, data_bytes


def _brotli(data: bytes) -> int:
    return len(compression.brotli(data))


def _gzip(data: bytes) -> int:
    return len(compression.gzip(data))


def compressed_sizes(
    outputs: Sequence[OutputFile], memo: dict[str, Sizes] | None = None
) -> dict[str, tuple[int, int, int]]:
    """(bytes, gzip, brotli) of every output; files that are not text keep their size.
    `memo` (kept across the builds of `watch`) saves compressing unchanged files again."""
    sizes: dict[str, tuple[int, int, int]] = {}
    todo: list[OutputFile] = []
    for o in outputs:
        if not is_text(o.path) or o.path.endswith(".map"):  # maps: for developer tools only
            n = len(o.data)
            sizes[o.path] = (n, n, n)
            continue
        kept = memo.get(o.path) if memo is not None else None
        if kept is not None and kept.data == o.data:
            sizes[o.path] = kept.figures
        else:
            todo.append(o)

    def measure(o: OutputFile) -> tuple[int, int, int]:
        data = data_bytes(o.data)  # (a page: read from disk, a few at a time)
        return (len(data), _gzip(data), _brotli(data))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # zlib, brotli free the GIL
        for o, figures in zip(todo, pool.map(measure, todo), strict=True):
            sizes[o.path] = figures
            if memo is not None:
                memo[o.path] = Sizes(o.data, figures)
    return sizes
