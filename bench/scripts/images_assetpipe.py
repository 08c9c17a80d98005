"""Photos to WebP and AVIF at given widths with assetpipe's encoder, for the ``images`` workload.

    python bench/scripts/images_assetpipe.py PLAN OUT [JOBS]

PLAN is the workload's ``plan.json`` (``{"photos": [{"src": "/abs/photo.jpg", "name": "photo",
"widths": [480, 960]}, ...], "formats": ["webp", "avif"]}``). For every photo this writes
``OUT/<name>-<width>.<ext>`` for each width and format, with ``assetpipe.images.encode.encode``
(one decode per photo; upright, sRGB, metadata dropped; Lanczos; every encoder single-threaded)
and the settings of ``ImageOptions()``'s defaults (AVIF quality 55 speed 6, WebP quality 80
method 4), in JOBS worker processes (default 2), one task per photo, as the images stage
schedules its encodes.

This calls ``encode()`` rather than ``process_images()`` so that only the WebP and AVIF variants
are made: the stage would also encode a JPEG fallback per width (and choose its own widths),
which sharp is not asked to do here.
"""

from __future__ import annotations

import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from assetpipe.images.encode import EXTENSION, Spec, encode
from assetpipe.images.variants import ImageOptions


def specs(widths: list[int], formats: list[str]) -> list[Spec]:
    options = ImageOptions()
    settings = {
        "webp": (options.webp_quality, options.webp_method),
        "avif": (options.avif_quality, options.avif_speed),
    }
    return [Spec(width, fmt, *settings[fmt]) for width in widths for fmt in formats]


def encode_photo(src: str, widths: list[int], formats: list[str]) -> list[bytes]:
    return encode(Path(src).read_bytes(), specs(widths, formats))


def main(argv: list[str]) -> int:
    plan_path, out = Path(argv[0]), Path(argv[1])
    jobs = int(argv[2]) if len(argv) > 2 else 2
    plan = json.loads(plan_path.read_text())
    formats = plan["formats"]
    out.mkdir(parents=True, exist_ok=True)
    photos = plan["photos"]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(encode_photo, photo["src"], photo["widths"], formats) for photo in photos
        ]
        for photo, future in zip(photos, futures, strict=True):
            blobs = future.result()
            for spec, blob in zip(specs(photo["widths"], formats), blobs, strict=True):
                name = f"{photo['name']}-{spec.width}{EXTENSION[spec.format]}"
                (out / name).write_bytes(blob)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
