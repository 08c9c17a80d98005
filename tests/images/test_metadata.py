"""Location metadata out of copied images, on small JPEG, PNG and WebP files made with Pillow:
the GPS directory and XMP packets go; the pixels, the orientation browsers apply and the other
EXIF tags stay; a file with no location, another format or a damaged one is left byte for byte."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from assetpipe.images.metadata import GPS_IFD, has_location, strip_location

XMP = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><photoshop:City>Leiden</photoshop:City></x:xmpmeta>'


def _image(fmt: str, *, gps: bool = True, xmp: bool = False) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90°
    exif[0x010F] = "PhoneCam"
    if gps:
        ifd = exif.get_ifd(GPS_IFD)
        ifd[1], ifd[2] = "N", (52.0, 9.0, 36.0)
    out = io.BytesIO()
    extra = {}
    if xmp and fmt == "PNG":  # Pillow writes a PNG's XMP packet as an iTXt chunk it is given
        extra["pnginfo"] = PngInfo()
        extra["pnginfo"].add_itxt("XML:com.adobe.xmp", XMP.decode())
    elif xmp:
        extra["xmp"] = XMP
    pixels = Image.new("RGB", (16, 8), (30, 120, 200))
    pixels.putpixel((3, 4), (255, 0, 0))
    pixels.save(out, fmt, exif=exif, **extra)
    return out.getvalue()


def _pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.convert("RGB").tobytes()


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_gps_goes_orientation_camera_and_pixels_stay(fmt: str):
    photo = _image(fmt)
    assert has_location(photo)
    stripped = strip_location(photo)
    assert not has_location(stripped)
    assert len(stripped) < len(photo)
    with Image.open(io.BytesIO(stripped)) as im:
        exif = im.getexif()
        assert im.format == fmt and im.size == (16, 8)
        assert GPS_IFD not in exif
        assert exif[0x0112] == 6 and exif[0x010F] == "PhoneCam"
    assert _pixels(stripped) == _pixels(photo)
    assert strip_location(stripped) == stripped  # once is enough


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_xmp_packets_are_dropped(fmt: str):
    photo = _image(fmt, gps=False, xmp=True)
    assert b"Leiden" in photo and has_location(photo)
    stripped = strip_location(photo)
    assert b"Leiden" not in stripped and b"photoshop:City" not in stripped
    assert _pixels(stripped) == _pixels(photo)
    with Image.open(io.BytesIO(stripped)) as im:
        assert im.getexif()[0x010F] == "PhoneCam"
        im.load()  # still a valid file (WebP: the VP8X flags no longer announce XMP)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_an_image_without_a_location_keeps_every_byte(fmt: str):
    if fmt == "GIF":
        out = io.BytesIO()
        Image.new("RGB", (4, 4)).save(out, fmt)
        plain = out.getvalue()
    else:
        plain = _image(fmt, gps=False)  # orientation and camera, no GPS, no XMP
    assert strip_location(plain) == plain
    assert not has_location(plain)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"GIF89a",
        b"<svg/>",
        b"\xff\xd8\xff\xe1\x00",  # a JPEG cut inside its first segment
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x10eXIf\x00",  # an eXIf chunk cut short
        b"RIFF\x10\x00\x00\x00WEBPEXIF\x04\x00\x00\x00MM\x00",
    ],
    ids=["empty", "gif", "svg", "cut-jpeg", "cut-png", "cut-webp"],
)
def test_other_or_damaged_files_are_left_as_they_are(data: bytes):
    assert strip_location(data) == data
    assert not has_location(data)


def test_a_truncated_photo_still_loses_its_location_before_the_image_data():
    photo = _image("JPEG")
    cut = photo[: len(photo) - 20]  # the scan is cut; the metadata before it is whole
    stripped = strip_location(cut)
    assert has_location(cut) and not has_location(stripped)
    assert stripped.endswith(cut[-100:])
