"""Shorter spellings of single tokens, for minified output (what esbuild's `--minify` writes):

- numbers: `0.5` -> `.5`, `4.0` -> `4`, `1000` -> `1e3`, `0.001` -> `.001` (decimal literals
  only, and only when the value is exactly the same double);
- strings in double quotes, the quote gzip sees most (`'a"b'` stays: it would need escapes);
- `true` -> `!0`, `false` -> `!1`, `undefined` -> `void 0` (the walker decides where these are
  safe: not before `.` or `**`, not a shadowed `undefined`).

Each function returns the new bytes, or None to keep the token as written.
"""

from __future__ import annotations

import math

LITERALS = {b"true": b"!0", b"false": b"!1", b"undefined": b"void 0"}


def number(raw: bytes) -> bytes | None:
    """A decimal literal's shortest spelling with the same value."""
    if not raw or raw[:1] not in b"0123456789." or b"_" in raw or raw.endswith(b"n"):
        return None
    if raw[:2].lower() in (b"0x", b"0o", b"0b") or (
        len(raw) > 1 and raw[:1] == b"0" and raw[1:2].isdigit()
    ):
        return None  # hex, octal, binary, legacy octal: kept
    try:
        value = float(raw)
    except ValueError:
        return None
    if not math.isfinite(value):
        return None
    best = raw
    for candidate in _spellings(value):
        if len(candidate) < len(best) and float(candidate) == value:
            best = candidate
    return best if best != raw else None


def _spellings(value: float) -> list[bytes]:
    text = repr(value)  # the shortest round-trip form, Python and JavaScript agree on it
    out = []
    if text.endswith(".0"):
        text = text[:-2]
    mantissa, _, exponent = text.partition("e")
    if mantissa.startswith("0."):
        mantissa = mantissa[1:]
    out.append((mantissa + ("e" + str(int(exponent)) if exponent else "")).encode())
    if not exponent and "." not in mantissa:
        digits = mantissa.rstrip("0")
        zeros = len(mantissa) - len(digits)
        if zeros > 2 and digits:
            out.append(f"{digits}e{zeros}".encode())
    elif not exponent and mantissa.startswith(".") and len(mantissa) > 4:
        digits = mantissa[1:].lstrip("0")
        out.append(f"{digits}e-{len(mantissa) - 1}".encode())
    return out


def string(raw: bytes) -> bytes | None:
    """A single-quoted string in double quotes, when that is no longer."""
    if len(raw) < 2 or raw[:1] != b"'":
        return None
    body = raw[1:-1]
    out = bytearray(b'"')
    i = 0
    while i < len(body):
        c = body[i]
        if c == 0x5C:  # backslash: an escape, kept as written except \'
            pair = body[i : i + 2]
            out += b"'" if pair == b"\\'" else pair
            i += 2
            continue
        out += b'\\"' if c == 0x22 else bytes((c,))
        i += 1
    out += b'"'
    return bytes(out) if len(out) <= len(raw) else None
