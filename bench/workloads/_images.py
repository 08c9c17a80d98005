"""Helpers of the image workloads (``images``, ``images-warm``, ``images-bytes``); not a workload.

- :func:`display_size`, :func:`make_plan`: the photos' sizes as displayed (EXIF orientation
  applied) and the ``plan.json`` both encoders of ``images`` read: per photo, the widths to
  make (each target width, capped at the photo's own: never upscaled).
- :class:`Quality`: how close an encoded variant is to its source. The reference is the source
  made upright and sRGB (ImageCms from its ICC profile, as a browser shows it) and resized with
  Pillow's Lanczos to the variant's size; the score is the SSIM of the luminance (Pillow's ``L``,
  scikit-image's ``structural_similarity``, ``data_range=255``), and the colour error is the
  mean absolute difference of the RGB channels (0-255). :func:`inspect_files` runs it in a
  child process (``python -m bench.workloads._images``), so the decoded images never grow the
  bench's own process, whose peak memory a tool forked from it would report as its own.
- :class:`VariantChecks`: the check of an ``images`` contender: every planned file there and no
  other, each decodes as its format at the planned width (height within 1 px of the source's
  aspect), SSIM and colour error per file within bounds; figures for the table, and each
  contender's bytes and SSIM next to assetpipe's on the info line. Results are kept by the
  variant's SHA-256: the encoders are deterministic, so later rounds cost no scoring.
- :func:`tree_digest`: a short digest of a folder's files, as the version of a cached copy.
- :data:`PAGE_BYTES`, :func:`page_image_bytes`: the image responses of one page in headless
  Chromium (a 1280 x 900 window: a 1280 x 757 viewport, DPR 1), before and after scrolling
  to the bottom; :func:`image_figures` sums them.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import os
import re
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.browser import dump_dom, serve
from bench.harness import REPO_DIR, CheckFailed, Context, Figures

EXTENSIONS = {"webp": ".webp", "avif": ".avif"}
PIL_FORMATS = {"webp": "WEBP", "avif": "AVIF"}
MIN_SSIM = 0.85  # below this, a variant is not the same picture (wrong crop, orientation, ...)
MAX_RGB_ERROR = 8.0  # mean |RGB difference|; an Adobe RGB photo left unconverted is at ~13


def require_scikit_image() -> None:
    """Raise with a message for a person when scikit-image (not an assetpipe dependency) is
    missing: the ``images`` workload scores quality with its SSIM."""
    try:
        import skimage.metrics  # noqa: F401
    except ImportError:
        raise ValueError(
            "the images workload scores quality with scikit-image's SSIM, which is not "
            "installed: `.venv/bin/pip install scikit-image`"
        ) from None


# --- the plan ---------------------------------------------------------------------------------


def display_size(path: Path) -> tuple[int, int]:
    """Width and height of an image as displayed: sides swapped for EXIF orientations 5-8."""
    from PIL import Image

    with Image.open(path) as im:
        width, height = im.size
        if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):
            width, height = height, width
    return width, height


def plan_widths(width: int, targets: Sequence[int]) -> list[int]:
    """Each target width capped at the image's own (never upscaled), without repeats."""
    return sorted({min(target, width) for target in targets})


def make_plan(photos: Sequence[Path], targets: Sequence[int], formats: Sequence[str]) -> dict:
    return {
        "photos": [
            {
                "src": str(photo),
                "name": photo.stem,
                "widths": plan_widths(display_size(photo)[0], targets),
            }
            for photo in photos
        ],
        "formats": list(formats),
    }


def planned_files(plan: dict) -> dict[str, tuple[dict, int, str]]:
    """``{file name: (photo, width, format)}`` of every output the plan asks for."""
    return {
        f"{photo['name']}-{width}{EXTENSIONS[fmt]}": (photo, width, fmt)
        for photo in plan["photos"]
        for width in photo["widths"]
        for fmt in plan["formats"]
    }


def tree_digest(*roots: Path) -> str:
    """A digest of every file's relative path and bytes under ``roots`` (files or folders)."""
    digest = hashlib.sha256()
    for root in roots:
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file())
        for path in files:
            digest.update(str(path.relative_to(root.parent)).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


# --- quality ----------------------------------------------------------------------------------


class Quality:
    """Scores variants against their sources (the references are kept for the next variant of
    the same photo). Used by :func:`inspect_files`, in a child process."""

    def __init__(self) -> None:
        self._upright: dict[str, object] = {}

    def upright(self, src: str):
        """The source, upright, in sRGB, 8-bit RGB (what a browser shows)."""
        if src not in self._upright:
            from PIL import Image, ImageCms, ImageOps

            with Image.open(src) as opened:
                icc = opened.info.get("icc_profile")
                im = ImageOps.exif_transpose(opened)
                if icc:
                    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
                    description = ImageCms.getProfileDescription(profile) or ""
                    if "srgb" not in description.lower():
                        srgb = ImageCms.createProfile("sRGB")
                        im = ImageCms.profileToProfile(im, profile, srgb, outputMode="RGB")
                self._upright[src] = im.convert("RGB")
        return self._upright[src]

    def inspect(self, src: str, data: bytes) -> dict:
        """``{"format", "width", "height", "ssim", "rgb_error"}`` of the variant ``data`` of
        ``src``, or ``{"error": ...}`` when it does not decode."""
        import numpy as np
        from PIL import Image
        from skimage.metrics import structural_similarity

        try:
            with Image.open(io.BytesIO(data)) as im:
                im.load()
                decoded_format, rgb = im.format, im.convert("RGB")
        except Exception as exc:  # any decoder failure means a broken file
            return {"error": f"does not decode ({exc})"}
        reference = self.upright(src)
        if reference.size != rgb.size:
            reference = reference.resize(rgb.size, Image.LANCZOS)
        luma = [np.asarray(im.convert("L"), dtype=np.float64) for im in (reference, rgb)]
        diff = np.abs(np.asarray(reference, dtype=np.int16) - np.asarray(rgb, dtype=np.int16))
        return {
            "format": decoded_format,
            "width": rgb.width,
            "height": rgb.height,
            "ssim": float(structural_similarity(luma[0], luma[1], data_range=255)),
            "rgb_error": float(diff.mean()),
        }


def inspect_files(items: Sequence[tuple[str, Path]]) -> list[dict]:
    """:meth:`Quality.inspect` of each (source, variant file), in a child process, so that the
    decoded images never grow the bench process (a timed tool forked from it would report the
    bench's peak memory as its own)."""
    if not items:
        return []
    request = json.dumps([[src, str(path)] for src, path in items])
    result = subprocess.run(
        [sys.executable, "-m", "bench.workloads._images"],
        input=request,
        capture_output=True,
        text=True,
        cwd=REPO_DIR,
        env={**os.environ, "PYTHONPATH": str(REPO_DIR)},
        timeout=600,
    )
    if result.returncode != 0:
        raise CheckFailed(f"scoring the variants failed:\n{result.stderr[-1500:]}")
    return json.loads(result.stdout)


def _inspect_main() -> None:
    quality = Quality()
    items = json.loads(sys.stdin.read())
    print(json.dumps([quality.inspect(src, Path(path).read_bytes()) for src, path in items]))


# --- the check of an ``images`` contender ------------------------------------------------------


class VariantChecks:
    """Checks of the ``images`` contenders; keeps bytes and SSIM per contender for the info
    line (``bytes/assetpipe``: each contender's total bytes over assetpipe's)."""

    def __init__(self, ctx: Context, plan: dict, baseline: str = "assetpipe") -> None:
        self.ctx = ctx
        self.plan = plan
        self.files = planned_files(plan)
        self.sizes = {p["src"]: display_size(Path(p["src"])) for p in plan["photos"]}
        self.inspected: dict[tuple[str, str], dict] = {}  # (source, SHA-256 of variant): result
        self.baseline = baseline
        self.totals: dict[str, Figures] = {}

    def check(self, name: str) -> Callable[[Path], Figures]:
        def check(out: Path) -> Figures:
            figures = self.figures(out)
            self.totals[name] = figures
            self._info()
            return figures

        return check

    def figures(self, out: Path) -> Figures:
        if not out.is_dir():
            raise CheckFailed(f"no output folder {out}")
        found = sorted(p.name for p in out.iterdir())
        missing = sorted(set(self.files) - set(found))
        extra = sorted(set(found) - set(self.files))
        if missing or extra:
            raise CheckFailed(f"missing {missing[:6]} ({len(missing)}), unexpected {extra[:6]}")
        keys = {}
        for file_name, (photo, _, _) in self.files.items():
            digest = hashlib.sha256((out / file_name).read_bytes()).hexdigest()
            keys[file_name] = (photo["src"], digest)
        new = sorted({key: name for name, key in keys.items() if key not in self.inspected}.items())
        results = inspect_files([(src, out / name) for (src, _), name in new])
        self.inspected.update(zip((key for key, _ in new), results, strict=True))
        bytes_by_format: dict[str, int] = {fmt: 0 for fmt in self.plan["formats"]}
        ssim_by_format: dict[str, list[float]] = {fmt: [] for fmt in self.plan["formats"]}
        errors: list[float] = []
        problems: list[str] = []
        for file_name, (photo, width, fmt) in sorted(self.files.items()):
            seen = self.inspected[keys[file_name]]
            source_w, source_h = self.sizes[photo["src"]]
            want_h = source_h * width / source_w
            if "error" in seen:
                problems.append(f"{file_name}: {seen['error']}")
            elif seen["format"] != PIL_FORMATS[fmt]:
                problems.append(f"{file_name}: is {seen['format']}, not {PIL_FORMATS[fmt]}")
            elif seen["width"] != width or abs(seen["height"] - want_h) > 1:
                problems.append(
                    f"{file_name}: {seen['width']}x{seen['height']}, want {width}x{want_h:.0f}"
                )
            elif seen["ssim"] < MIN_SSIM or seen["rgb_error"] > MAX_RGB_ERROR:
                problems.append(
                    f"{file_name}: SSIM {seen['ssim']:.4f} (min {MIN_SSIM}), "
                    f"RGB error {seen['rgb_error']:.1f} (max {MAX_RGB_ERROR})"
                )
            else:
                bytes_by_format[fmt] += (out / file_name).stat().st_size
                ssim_by_format[fmt].append(seen["ssim"])
                errors.append(seen["rgb_error"])
        if problems:
            raise CheckFailed("; ".join(problems[:8]) + (" ..." if len(problems) > 8 else ""))
        every = [s for scores in ssim_by_format.values() for s in scores]
        figures: Figures = {"files": len(self.files), "bytes": sum(bytes_by_format.values())}
        for fmt in self.plan["formats"]:
            figures[f"{fmt}_bytes"] = bytes_by_format[fmt]
        figures["ssim"] = round(statistics.fmean(every), 5)
        for fmt in self.plan["formats"]:
            figures[f"ssim_{fmt}"] = round(statistics.fmean(ssim_by_format[fmt]), 5)
        figures["ssim_min"] = round(min(every), 5)
        figures["rgb_error"] = round(statistics.fmean(errors), 3)
        return figures

    def _info(self) -> None:
        base = self.totals.get(self.baseline)
        if base:
            self.ctx.info[f"bytes/{self.baseline}"] = (
                ", ".join(
                    f"{name} {f['bytes'] / base['bytes']:.3f}"
                    for name, f in self.totals.items()
                    if name != self.baseline
                )
                or "n/a"
            )
        self.ctx.info["ssim"] = ", ".join(
            f"{name} {f['ssim']:.4f}" for name, f in self.totals.items()
        )


# --- image bytes a browser downloads -----------------------------------------------------------

# Waits for the load event, notes the image responses so far and which <img> are in the
# viewport, scrolls down half a viewport at a time to the bottom (so every lazy image comes
# near the viewport), waits for every <img> to finish, and writes what it saw into the page.
# Sizes are `encodedBodySize`: the body bytes as sent (the loopback server does not compress).
PAGE_BYTES = """<script>
addEventListener("load", async () => {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const path = (url) => new URL(url, location.href).pathname;
  const IMAGE = /\\.(avif|webp|jpe?g|png|gif|svg)$/i;
  const responses = () => performance.getEntriesByType("resource")
    .filter((e) => IMAGE.test(path(e.name)))
    .map((e) => [path(e.name), e.encodedBodySize, e.initiatorType]);
  const settled = () => Promise.race([wait(5000), Promise.all([...document.images].map((img) =>
    img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })))]);
  await wait(200);
  const inView = [...document.images].filter((img) => {
    const r = img.getBoundingClientRect();
    return r.width > 0 && r.bottom > 0 && r.top < innerHeight && r.left < innerWidth;
  }).map((img) => path(img.currentSrc || img.src));
  const initial = responses();
  const height = document.documentElement.scrollHeight;
  for (let y = 0; y < height; y += innerHeight / 2) { scrollTo(0, y); await wait(150); }
  scrollTo(0, height);
  await settled();
  await wait(300);
  const images = [...document.images].map((img) =>
    [path(img.currentSrc || img.src), img.complete && img.naturalWidth > 0,
     img.naturalWidth, Math.round(img.getBoundingClientRect().width)]);
  const out = document.createElement("pre");
  out.id = "page-bytes";
  out.textContent = JSON.stringify({viewport: [innerWidth, innerHeight, devicePixelRatio],
                                    initial, all: responses(), inView, images});
  document.body.append(out);
});
</script>"""

_PAGE_BYTES = re.compile(r'<pre id="page-bytes">(.*?)</pre>', re.S)
RASTER = (".avif", ".webp", ".jpg", ".jpeg", ".png", ".gif")


def page_image_bytes(folder: Path, page: str) -> dict:
    """What Chromium downloads of ``folder/page`` (served on loopback): the raw report of
    :data:`PAGE_BYTES` (``viewport``, ``initial`` and ``all`` responses as [path, bytes,
    initiator], ``inView`` image paths, ``images`` as [path, loaded, natural width, CSS width])."""
    with serve(folder, inject=PAGE_BYTES) as base:
        dom = dump_dom(base + page, budget_ms=15000)
    match = _PAGE_BYTES.search(dom)
    if match is None:
        raise CheckFailed(f"no image report in the DOM of {page}:\n{dom[-800:]}")
    return json.loads(html.unescape(match[1]))


def image_figures(report: dict, viewport_width: int = 1280) -> Figures:
    """Figures of a :func:`page_image_bytes` report; raises when the page was not loaded as
    meant (another viewport, an image that did not load, a response without a size).

    The page's images are the responses of its ``<img>``, CSS and ``<link rel=preload>``; the
    browser's own fetches of the ``<link rel=icon>`` files (initiator ``other``, which may come
    before or after the load event) are counted apart, as ``icon_bytes``. ``unused_bytes``:
    page images that no ``<img>`` shows and no stylesheet asked for (a preload of another
    candidate than the one the ``<img>`` picks, or an image fetched twice in two sizes).
    """
    width = report["viewport"][0]
    if width != viewport_width:
        raise CheckFailed(f"the viewport is {width} px wide, not {viewport_width}")
    broken = [path for path, loaded, _, _ in report["images"] if not loaded]
    if broken:
        raise CheckFailed(f"images that did not load: {broken}")
    unsized = [path for path, size, _ in report["all"] if size <= 0]
    if unsized:
        raise CheckFailed(f"image responses without a body size: {unsized}")
    page = {path: size for path, size, kind in report["all"] if kind != "other"}
    icons = {path: size for path, size, kind in report["all"] if kind == "other"}
    css = {path for path, _, kind in report["all"] if kind == "css"}
    shown = {path for path, _, _, _ in report["images"]}
    initial = {path for path, _, kind in report["initial"] if kind != "other"}
    return {
        "image_requests": sum(kind != "other" for _, _, kind in report["all"]),
        "image_bytes": sum(page.values()),
        "raster_bytes": sum(size for path, size in page.items() if path.endswith(RASTER)),
        "initial_bytes": sum(page[path] for path in initial if path in page),
        "in_view_bytes": sum(page.get(path, 0) for path in set(report["inView"])),
        "unused_bytes": sum(size for path, size in page.items() if path not in shown | css),
        "avif_requests": sum(path.endswith(".avif") for path in page),
        "icon_bytes": sum(icons.values()),
    }


def referenced_images(page: Path) -> list[Path]:
    """The files of ``page``'s ``<img src>`` (relative URLs), in order, without repeats."""
    found: list[Path] = []
    for match in re.finditer(r"<img\b[^>]*?(?<![\w-])src=\"([^\"]+)\"", page.read_text("utf-8")):
        path = (page.parent / match[1]).resolve()
        if path not in found:
            found.append(path)
    return found


def file_listing(root: Path, exclude: Sequence[str] = (".assetpipe",)) -> dict[str, int]:
    """``{relative path: size}`` of every file under ``root`` (top-level ``exclude`` skipped)."""
    listing: dict[str, int] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        if Path(dirpath) == root:
            dirnames[:] = [d for d in dirnames if d not in exclude]
        for name in filenames:
            path = Path(dirpath, name)
            listing[str(path.relative_to(root))] = path.stat().st_size
    return listing


if (
    __name__ == "__main__"
):  # the child of inspect_files: JSON [[source, variant file], ...] on stdin
    _inspect_main()
