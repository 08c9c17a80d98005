"""The images: small, distinct PNG and JPEG pictures drawn with Pillow (imported lazily)."""

from __future__ import annotations

import io
import random
from pathlib import Path
from typing import TYPE_CHECKING

from bench.sitegen.spec import SiteSpec, image_name, seeded

if TYPE_CHECKING:
    from PIL.Image import Image


def write_images(root: Path, spec: SiteSpec) -> None:
    folder = root / "img"
    folder.mkdir(parents=True, exist_ok=True)
    for page in range(spec.pages):
        (folder / image_name(page)).write_bytes(render_image(spec, page))
    favicon = _picture(seeded(spec, "favicon", 0), 32, 32)
    (folder / "favicon.png").write_bytes(_encode(favicon, "png"))


def render_image(spec: SiteSpec, page: int) -> bytes:
    """A few-KB picture: a rotated two-colour gradient, shapes, blur, and for JPEGs some grain."""
    kind = image_name(page).rsplit(".", 1)[1]
    width, height = (240, 160) if kind == "jpg" else (160, 120)
    return _encode(_picture(seeded(spec, "image", page), width, height, grain=kind == "jpg"), kind)


def _picture(rng: random.Random, width: int, height: int, grain: bool = False) -> Image:
    try:
        from PIL import Image, ImageDraw, ImageFilter
    except ModuleNotFoundError as exc:
        raise RuntimeError("Pillow is needed to generate the images: pip install pillow") from exc

    size = (width, height)
    mask = Image.linear_gradient("L").rotate(rng.uniform(0, 360)).resize(size)
    colours = [tuple(rng.randrange(256) for _ in range(3)) for _ in range(2)]
    picture = Image.composite(
        Image.new("RGB", size, colours[0]), Image.new("RGB", size, colours[1]), mask
    )
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(3, 8)):
        x, y, side = rng.randrange(width), rng.randrange(height), rng.randint(4, max(5, width // 3))
        shape = draw.ellipse if rng.random() < 0.6 else draw.rectangle
        shape((x, y, x + side, y + side), fill=tuple(rng.randrange(256) for _ in range(3)))
    picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.5, 2.0)))
    if grain:
        noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
        picture = Image.blend(picture, noise, 0.06)
    return picture


def _encode(picture: Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "jpg":
        picture.save(buffer, "JPEG", quality=78, optimize=True)
    else:
        picture.quantize(48).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
