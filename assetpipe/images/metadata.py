"""Location metadata out of images the build copies as they are (icons, animated images, every
image with `[images] optimize = false`): a phone's photo carries where it was taken.

Lossless: the pixels and every other byte stay. In JPEG, PNG and WebP files the EXIF block
loses its GPS directory (its orientation, which browsers apply, stays) and XMP packets, which
may hold a location too (`exif:GPSLatitude`, `photoshop:City`), are dropped. Re-encoded
variants carry no metadata at all (`encode.py`).
"""

from __future__ import annotations

import struct
import zlib

from PIL import Image

GPS_IFD = 0x8825
_XMP = b"http://ns.adobe.com/xap/1.0/\x00"
_EXIF = b"Exif\x00\x00"


def strip_location(data: bytes) -> bytes:
    """`data` without location metadata (the same bytes when it has none, or is no JPEG, PNG
    or WebP, or cannot be read as one)."""
    try:
        if data.startswith(b"\xff\xd8"):
            return _jpeg(data)
        if data.startswith(b"\x89PNG\r\n\x1a\n"):
            return _png(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp(data)
    except (ValueError, struct.error, IndexError, SyntaxError, OSError):
        pass  # a damaged file: left to the browser, as before
    return data


def has_location(data: bytes) -> bool:
    return strip_location(data) != data


def _exif_without_gps(tiff: bytes) -> bytes | None:
    """A TIFF-structured EXIF block without its GPS directory (None: it has none)."""
    exif = Image.Exif()
    exif.load(tiff)
    if GPS_IFD not in exif:
        return None
    del exif[GPS_IFD]
    raw = exif.tobytes()
    return raw[len(_EXIF) :] if raw.startswith(_EXIF) else raw


def _jpeg(data: bytes) -> bytes:
    out = bytearray(data[:2])
    i = 2
    changed = False
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the image data follows, copied as it is
            break
        length = struct.unpack(">H", data[i + 2 : i + 4])[0]
        segment = data[i : i + 2 + length]
        body = segment[4:]
        if marker == 0xE1 and body.startswith(_XMP):
            changed = True
        elif marker == 0xE1 and body.startswith(_EXIF):
            tiff = _exif_without_gps(body[len(_EXIF) :])
            if tiff is None:
                out += segment
            else:
                changed = True
                new = _EXIF + tiff
                out += b"\xff\xe1" + struct.pack(">H", len(new) + 2) + new
        else:
            out += segment
        i += 2 + length
    if not changed:
        return data
    return bytes(out + data[i:])


def _png(data: bytes) -> bytes:
    out = bytearray(data[:8])
    i = 8
    changed = False
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i : i + 8])
        chunk = data[i : i + 12 + length]
        body = chunk[8 : 8 + length]
        if kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00"):
            changed = True
        elif kind == b"eXIf" and (tiff := _exif_without_gps(body)) is not None:
            changed = True
            out += struct.pack(">I4s", len(tiff), kind) + tiff
            out += struct.pack(">I", zlib.crc32(kind + tiff))
        else:
            out += chunk
        i += 12 + length
        if kind == b"IEND":
            break
    return bytes(out) if changed else data


def _webp(data: bytes) -> bytes:
    out = bytearray()
    i = 12
    changed = False
    while i + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[i : i + 8])
        padded = length + (length & 1)
        body = data[i + 8 : i + 8 + length]
        if kind == b"XMP ":
            changed = True
        elif kind == b"EXIF" and (tiff := _exif_without_gps(body)) is not None:
            changed = True
            out += struct.pack("<4sI", kind, len(tiff)) + tiff + (b"\x00" if len(tiff) & 1 else b"")
        else:
            out += data[i : i + 8 + padded]
        i += 8 + padded
    if not changed:
        return data
    if out[:4] == b"VP8X":  # its flags say which chunks there are: no XMP now
        out[8] &= ~0x04
    return b"RIFF" + struct.pack("<I", len(out) + 4) + b"WEBP" + bytes(out)
