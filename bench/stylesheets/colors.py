"""Colours as Chromium serialises computed values, compared by the colour they are.

Lowering CSS for older browsers (`css.targets`) writes `oklch(0.6 0.15 30)` as `lab(52.2 45.9
33)` (Safari 15 reads `lab()` but not `oklch()`), and `color-mix()` is computed once at build
time instead of by the browser: the same colour in another notation, or within rounding.
:func:`split` takes the colours out of a computed value; :func:`same` says whether two colours
are within :data:`TOLERANCE` of each other in sRGB (0-255 per channel, unclamped, so wide-gamut
colours compare too) and alpha.
"""

from __future__ import annotations

import math
import re

TOLERANCE = 0.5  # per sRGB channel, 0-255: half a step of an 8-bit colour
_FUNCTION = re.compile(r"\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(([^()]*)\)")
_NUMBER = re.compile(r"^(-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)(%|deg)?$")


def split(value: str) -> tuple[str, list[tuple[float, float, float, float]]]:
    """``value`` with every colour replaced by ``§``, and the colours as sRGB (0-255) + alpha;
    a colour function that cannot be read stays in the text."""
    colors: list[tuple[float, float, float, float]] = []

    def one(match: re.Match[str]) -> str:
        rgba = _to_srgb(match[1], match[2])
        if rgba is None:
            return match[0]
        colors.append(rgba)
        return "§"

    return _FUNCTION.sub(one, value), colors


def same(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    if abs(a[3] - b[3]) > 0.005:
        return False
    if a[3] == 0:  # transparent is transparent in any colour
        return True
    return all(abs(x - y) <= TOLERANCE for x, y in zip(a[:3], b[:3], strict=True))


def _numbers(args: str) -> tuple[list[tuple[float, str]], float] | None:
    text = args.replace(",", " ")
    alpha = 1.0
    if "/" in text:
        text, _, alpha_text = text.partition("/")
        read = _read(alpha_text.strip())
        if read is None:
            return None
        alpha = read[0] / 100 if read[1] == "%" else read[0]
    parts = text.split()
    out = []
    for part in parts:
        read = _read(part)
        if read is None:
            if part == "none":
                out.append((0.0, ""))
                continue
            return None
        out.append(read)
    return out, alpha


def _read(text: str) -> tuple[float, str] | None:
    m = _NUMBER.match(text)
    return (float(m[1]), m[2] or "") if m else None


def _to_srgb(name: str, args: str) -> tuple[float, float, float, float] | None:
    space = None
    if name == "color":
        head, _, args = args.strip().partition(" ")
        space = head
    read = _numbers(args)
    if read is None:
        return None
    values, alpha = read
    if name in ("rgb", "rgba") and len(values) >= 3:
        if len(values) == 4:
            alpha = values[3][0] / 100 if values[3][1] == "%" else values[3][0]
        r, g, b = (v * 2.55 if unit == "%" else v for v, unit in values[:3])
        return r, g, b, alpha
    if len(values) != 3:
        return None
    x, y, z = (v for v, _ in values)
    if name == "oklch":
        h = math.radians(z)
        return _from_linear(_oklab_to_linear(x, y * math.cos(h), y * math.sin(h)), alpha)
    if name == "oklab":
        return _from_linear(_oklab_to_linear(x, y, z), alpha)
    if name in ("lab", "lch"):
        a, b = (
            (y, z)
            if name == "lab"
            else (y * math.cos(math.radians(z)), y * math.sin(math.radians(z)))
        )
        return _from_linear(_xyz_d65_to_linear(_d50_to_d65(_lab_to_xyz_d50(x, a, b))), alpha)
    if space == "srgb":
        return x * 255, y * 255, z * 255, alpha
    if space == "srgb-linear":
        return _from_linear((x, y, z), alpha)
    if space == "display-p3":
        linear = tuple(_decode(c) for c in (x, y, z))
        return _from_linear(_xyz_d65_to_linear(_mul(_P3_TO_XYZ, linear)), alpha)
    if space in ("xyz", "xyz-d65"):
        return _from_linear(_xyz_d65_to_linear((x, y, z)), alpha)
    if space == "xyz-d50":
        return _from_linear(_xyz_d65_to_linear(_d50_to_d65((x, y, z))), alpha)
    return None  # hsl(), hwb(): Chromium computes them to rgb() anyway


def _mul(m, v):
    return tuple(sum(m[i][j] * v[j] for j in range(3)) for i in range(3))


def _decode(c: float) -> float:  # the sRGB (and display-p3) transfer function, inverted
    s = math.copysign(1, c)
    c = abs(c)
    return s * (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)


def _encode(c: float) -> float:
    s = math.copysign(1, c)
    c = abs(c)
    return s * (12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055)


def _from_linear(rgb, alpha: float) -> tuple[float, float, float, float]:
    r, g, b = (_encode(c) * 255 for c in rgb)
    return r, g, b, alpha


def _oklab_to_linear(L: float, a: float, b: float):  # noqa: N803 (the colour science names)
    l_ = L + 0.3963377774 * a + 0.2158037573 * b
    m_ = L - 0.1055613458 * a - 0.0638541728 * b
    s_ = L - 0.0894841775 * a - 1.2914855480 * b
    lms = (l_**3, m_**3, s_**3)
    return _mul(
        (
            (4.0767416621, -3.3077115913, 0.2309699292),
            (-1.2684380046, 2.6097574011, -0.3413193965),
            (-0.0041960863, -0.7034186147, 1.7076147010),
        ),
        lms,
    )


def _lab_to_xyz_d50(L: float, a: float, b: float):  # noqa: N803
    kappa, epsilon = 24389 / 27, 216 / 24389
    fy = (L + 16) / 116
    fx, fz = a / 500 + fy, fy - b / 200
    x = fx**3 if fx**3 > epsilon else (116 * fx - 16) / kappa
    y = ((L + 16) / 116) ** 3 if kappa * epsilon < L else L / kappa
    z = fz**3 if fz**3 > epsilon else (116 * fz - 16) / kappa
    return x * 0.3457 / 0.3585, y, z * (1 - 0.3457 - 0.3585) / 0.3585


def _d50_to_d65(xyz):
    return _mul(
        (
            (0.955473421488075, -0.02309845494876471, 0.06325924320057072),
            (-0.0283697093338637, 1.0099953980813041, 0.021041441191917323),
            (0.012314014864481998, -0.020507649298898964, 1.330365926242124),
        ),
        xyz,
    )


def _xyz_d65_to_linear(xyz):
    return _mul(
        (
            (3.2409699419045226, -1.537383177570094, -0.4986107602930034),
            (-0.9692436362808796, 1.8759675015077202, 0.04155505740717559),
            (0.05563007969699366, -0.20397695888897652, 1.0569715142428786),
        ),
        xyz,
    )


_P3_TO_XYZ = (
    (0.4865709486482162, 0.26566769316909306, 0.1982172852343625),
    (0.2289745640697488, 0.6917385218365064, 0.079286914093745),
    (0.0, 0.04511338185890264, 1.043944368900976),
)
