"""Image encoding with Pillow: one source decoded once, then every variant it needs.

Runs in worker processes. Pixels are made right before anything is resized: EXIF orientation
applied, colours converted to sRGB from any embedded ICC profile, palette and 16-bit images
made 8-bit RGB or RGBA (alpha kept), and nothing of the source's metadata written back (no
EXIF, so no camera GPS; no XMP; no ICC profile, since the pixels are sRGB). Resizing uses
Lanczos on premultiplied alpha, so transparent edges do not turn dark.

Every encoder runs single-threaded: the output bytes are then the same on every machine (libavif
writes different bytes with more threads), and the build runs one encode per core instead.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps, features

from ..media_types import content_type

FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "avif": "AVIF", "gif": "GIF"}
EXTENSION = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "avif": ".avif", "gif": ".gif"}
MIME = {name: content_type("image" + ext) for name, ext in EXTENSION.items()}  # media_types


class ImageError(Exception):
    """A source image that cannot be used: corrupt, truncated, or too large to decode safely."""


@dataclass(frozen=True, slots=True)
class Probe:
    width: int  # as displayed, after EXIF orientation
    height: int
    format: str  # "jpeg", "png", "gif", "webp"
    alpha: bool
    animated: bool


@dataclass(frozen=True, slots=True)
class Spec:
    """One variant: a width and a format, with that format's settings."""

    width: int
    format: str
    quality: int = 0
    effort: int = 0  # AVIF speed, WebP method

    def key(self) -> str:
        return f"{self.width}:{self.format}:{self.quality}:{self.effort}"


def encoder_versions() -> str:
    """What the bytes of an encode depend on besides its input and settings."""
    return (
        ";".join(
            f"{name}={features.version(name)}" for name in ("avif", "webp", "libjpeg_turbo", "zlib")
        )
        + f";pillow={Image.__version__}"
    )


def probe(data: bytes) -> Probe:
    """Size and kind of an image, from its header (no pixels decoded)."""
    with _guard():
        im = Image.open(io.BytesIO(data))
        fmt = (im.format or "").lower()
        if fmt == "mpo":
            fmt = "jpeg"
        if fmt not in ("jpeg", "png", "gif", "webp"):
            raise ImageError(f"unsupported image format {im.format}")
        width, height = im.size
        if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # orientations that swap the sides
            width, height = height, width
        animated = getattr(im, "n_frames", 1) > 1 or bool(getattr(im, "is_animated", False))
        alpha = im.mode in ("RGBA", "LA", "PA", "RGBa") or (
            im.mode == "P" and "transparency" in im.info
        )
        return Probe(width, height, fmt, alpha, animated)


def encode(data: bytes, specs: list[Spec]) -> list[bytes]:
    """The variants of the image `data`, in the order of `specs`."""
    with _guard():
        im = Image.open(io.BytesIO(data))
        im.load()
        im = prepare(im)
        return [_save(_resized(im, spec.width), spec) for spec in specs]


def prepare(im: Image.Image) -> Image.Image:
    """Upright, sRGB, 8-bit RGB or RGBA, without metadata."""
    icc = im.info.get("icc_profile")
    im = ImageOps.exif_transpose(im)
    alpha = im.mode in ("RGBA", "LA", "PA", "RGBa") or (
        im.mode == "P" and "transparency" in im.info
    )
    if im.mode == "CMYK" and not icc:
        im = im.convert("RGB")
    target = "RGBA" if alpha else "RGB"
    if icc and not _is_srgb(icc):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(target)
            im = ImageCms.profileToProfile(im, source, _SRGB, outputMode=target)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: the pixels are taken as sRGB
    if im.mode != target:
        im = im.convert(target)
    im.info = {}
    return im


def _is_srgb(icc: bytes) -> bool:
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        description = ImageCms.getProfileDescription(profile) or ""
    except (ImageCms.PyCMSError, OSError):
        return False
    return "srgb" in description.lower()


_SRGB = ImageCms.createProfile("sRGB")


def _resized(im: Image.Image, width: int) -> Image.Image:
    if width >= im.width:
        return im
    height = max(1, round(im.height * width / im.width))
    if im.mode == "RGBA":
        return im.convert("RGBa").resize((width, height), Image.LANCZOS).convert("RGBA")
    return im.resize((width, height), Image.LANCZOS)


def _save(im: Image.Image, spec: Spec) -> bytes:
    out = io.BytesIO()
    fmt = spec.format
    if fmt == "jpeg":
        im.convert("RGB").save(out, "JPEG", quality=spec.quality, optimize=True, progressive=True)
    elif fmt == "png":
        im.save(out, "PNG", optimize=True)
    elif fmt == "webp":
        im.save(out, "WEBP", quality=spec.quality, method=spec.effort, exact=False)
    elif fmt == "avif":
        im.save(out, "AVIF", quality=spec.quality, speed=spec.effort, max_threads=1)
    elif fmt == "gif":
        im.save(out, "GIF", optimize=True)
    else:
        raise ValueError(f"unknown format {fmt}")
    return out.getvalue()


class _guard:
    """Turns Pillow's failures into `ImageError`s with a message for a person."""

    def __enter__(self) -> None:
        self._warnings = warnings.catch_warnings()
        self._warnings.__enter__()
        warnings.simplefilter("error", Image.DecompressionBombWarning)

    def __exit__(self, kind, exc, tb) -> bool:
        self._warnings.__exit__(kind, exc, tb)
        if exc is None or isinstance(exc, ImageError):
            return False
        if isinstance(exc, (Image.DecompressionBombError, Image.DecompressionBombWarning)):
            raise ImageError(f"image is too large to decode safely: {exc}") from None
        if isinstance(exc, Image.UnidentifiedImageError):
            raise ImageError("not an image Pillow can read (corrupt, or not an image)") from None
        if isinstance(exc, (OSError, SyntaxError, ValueError, EOFError)):
            raise ImageError(f"corrupt or truncated image: {exc}") from None
        return False
