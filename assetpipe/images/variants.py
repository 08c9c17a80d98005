"""The images stage: every raster image a page shows, in AVIF, WebP and its own format, at the
widths it may be displayed at; encodes cached and run on every core.

Widths: the configured ones below the image's own width, and its own width when it is below the
largest configured one (never upscaled). At each width: a fallback in the source's format
(JPEG re-encoded, PNG and GIF optimised losslessly) and each modern format, which is kept only
when it is smaller than the fallback. An animated image is left as it is.

Each encode is cached under a key of the source's bytes, the variant (width, format, quality,
effort) and the encoders' versions, so a rebuild with unchanged images encodes nothing and a
changed setting re-encodes only the variants it affects. Output names: the largest fallback is
`assets/<name>-<hash>.<ext>` (what any plain reference to the image gets), the others
`assets/<name>-<width>-<hash>.<ext>`.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from ..cache import Cache
from ..pipeline.hashing import output_template
from ..pipeline.values import Blob, Rendered
from .encode import EXTENSION, MIME, ImageError, Probe, Spec, encode, encoder_versions, probe
from .metadata import strip_location

RASTER = (".jpg", ".jpeg", ".png", ".gif", ".webp")


@dataclass(frozen=True, slots=True)
class ImageOptions:
    widths: tuple[int, ...] = (480, 960, 1440, 1920)
    formats: tuple[str, ...] = ("avif", "webp")
    avif_quality: int = 55
    avif_speed: int = 6
    webp_quality: int = 80
    webp_method: int = 4
    jpeg_quality: int = 82
    jobs: int = 0  # 0: one per core
    keep_location: bool = False  # animated images, copied: keep their GPS (`metadata.py`)


@dataclass(frozen=True, slots=True)
class Variant:
    key: str  # the Rendered source key of the file
    width: int
    height: int
    mime: str


@dataclass(frozen=True, slots=True)
class ImageSet:
    """An image's outputs: the fallback (its main file) and every variant, widest last."""

    source: str
    width: int  # as displayed (EXIF orientation applied)
    height: int
    mime: str  # the fallback's type
    variants: tuple[Variant, ...]

    def of(self, mime: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.mime == mime), key=lambda v: v.width)

    @property
    def modern(self) -> list[str]:
        order = ("image/avif", "image/webp")
        return [m for m in order if m != self.mime and any(v.mime == m for v in self.variants)]


@dataclass(frozen=True, slots=True)
class ImageFailure:
    source: str
    message: str


_VARIANT = re.compile(r"(.+)#(\d+)(\.[a-z]+)")


def variant_key(path: str, width: int, ext: str) -> str:
    """The key of an image's variant among the build's files: `img/a.jpg#480.avif`."""
    return f"{path}#{width}{ext}"


def parse_variant_key(key: str) -> tuple[str, int, str] | None:
    """(image path, width, extension) of a variant key, or None for any other file."""
    m = _VARIANT.fullmatch(key)
    return (m[1], int(m[2]), m[3]) if m and m[3] in EXTENSION.values() else None


def widths_for(width: int, configured: tuple[int, ...]) -> list[int]:
    """The configured widths below the image's own (less one within 10% of it, which would
    save little), and its own when the largest configured one is not below it."""
    largest = max(configured)
    chosen = [w for w in sorted(set(configured)) if w < width * 0.9 or (w < width and w == largest)]
    if width <= largest:
        chosen.append(width)
    return chosen or [width]


def specs_for(p: Probe, options: ImageOptions) -> list[Spec]:
    specs = []
    for w in widths_for(p.width, options.widths):
        specs.append(_spec(w, p.format, options))
        for fmt in options.formats:
            if fmt != p.format:
                specs.append(_spec(w, fmt, options))
    return specs


def _spec(width: int, fmt: str, o: ImageOptions) -> Spec:
    if fmt == "avif":
        return Spec(width, fmt, o.avif_quality, o.avif_speed)
    if fmt == "webp":
        return Spec(width, fmt, o.webp_quality, o.webp_method)
    if fmt == "jpeg":
        return Spec(width, fmt, o.jpeg_quality)
    return Spec(width, fmt)


def process_images(
    sources: list[tuple[str, bytes | Path]],
    options: ImageOptions,
    cache: Cache,
    assets_dir: str,
    progress: Callable[[int, int], None] | None = None,
    store: Callable[[bytes], bytes | Blob] | None = None,
) -> tuple[dict[str, ImageSet], list[Rendered], list[ImageFailure]]:
    """Variants of every source (path, its bytes or the file to read them from); returns
    their sets, files and failures. `store` keeps each encode (a `BlobStore`'s `put`, so a
    large site's encodes stay on disk); by default, in memory. A source given as a file is
    read when it is needed, one at a time, so memory holds no more than a few images."""
    keep = store or (lambda data: data)
    versions = encoder_versions()
    plans: dict[str, _Plan] = {}
    failures: list[ImageFailure] = []
    copies: list[Rendered] = []
    for path, origin in sources:
        try:
            data = _load(origin)
            p = probe(data)
        except (ImageError, OSError) as exc:
            failures.append(ImageFailure(path, str(exc)))
            continue
        if p.animated:  # left as it is, but for where it was made
            copies.append(
                Rendered(
                    path,
                    _name(path, assets_dir, None, posixpath.splitext(path)[1]),
                    None,
                    keep(data if options.keep_location else strip_location(data)),
                )
            )
            continue
        specs = specs_for(p, options)
        digest = hashlib.sha256(data).hexdigest()
        keys = [Cache.key("image", versions, digest, s.key()) for s in specs]
        plan = _Plan(p, specs, keys, data if isinstance(origin, bytes) else origin, digest)
        plans[path] = plan
    # (a remote cache: one object per image, all its variants; named by its bytes alone, so a
    # changed option finds the variants it does not change)
    cache.prefetch_sets("images", {_set(versions, pl.digest): pl.keys for pl in plans.values()})
    results: dict[str, list[bytes | Blob | None]] = {}
    jobs: list[tuple[str, bytes | Path, str, list[Spec], list[int]]] = []
    for path, plan in plans.items():
        found = [cache.get("images", k) for k in plan.keys]
        results[path] = [keep(f) if f is not None else None for f in found]
        missing = [i for i, f in enumerate(found) if f is None]
        if missing:
            jobs.append((path, plan.origin, plan.digest, [plan.specs[i] for i in missing], missing))
        else:
            cache.put_set("images", _set(versions, plan.digest), plan.keys)
    total = sum(len(j[3]) for j in jobs)
    done = 0
    if jobs:
        workers = options.jobs or os.cpu_count() or 1
        for path, encoded, indexes, error in _run(jobs, workers):
            if error is not None:
                failures.append(ImageFailure(path, error))
                plans.pop(path, None)
                continue
            plan = plans[path]
            made = {}
            for i, blob in zip(indexes, encoded, strict=True):
                cache.put("images", plan.keys[i], blob)
                results[path][i] = keep(blob)
                made[plan.keys[i]] = blob
            cache.put_set("images", _set(versions, plan.digest), plan.keys, made)
            done += len(indexes)
            if progress:
                progress(done, total)
    sets: dict[str, ImageSet] = {}
    rendered: list[Rendered] = list(copies)
    for path, plan in sorted(plans.items()):
        image_set, files = _outputs(path, plan.probe, plan.specs, results[path], assets_dir)
        sets[path] = image_set
        rendered.extend(files)
    return sets, rendered, failures


def _set(versions: str, digest: str) -> str:
    """The name of an image's set of variants in a remote cache."""
    return Cache.key("image-set", versions, digest)


@dataclass(frozen=True, slots=True)
class _Plan:
    probe: Probe
    specs: list[Spec]
    keys: list[str]  # the cache key of each spec's encode
    origin: bytes | Path  # the source's bytes, or its file (read again to encode)
    digest: str  # the SHA-256 of the source's bytes, as the keys were made from


def _load(origin: bytes | Path, digest: str | None = None) -> bytes:
    """A source's bytes; from a file, checked against `digest` (the bytes the keys were made
    from: a file changed since would put its encodes under the old bytes' keys)."""
    if isinstance(origin, bytes):
        return origin
    data = Path(origin).read_bytes()
    if digest is not None and hashlib.sha256(data).hexdigest() != digest:
        raise ImageError("the file changed during the build; build again")
    return data


def _run(jobs, workers: int):
    """Encode in worker processes (or here, for a single small job); yields each source's."""
    if workers <= 1 or len(jobs) == 1:
        for path, origin, digest, specs, indexes in jobs:
            encoded, error = _encode_job(origin, digest, specs)
            yield path, encoded, indexes, error
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_setup)
    try:
        futures = {
            pool.submit(_encode_job, origin, digest, specs): (path, indexes)
            for path, origin, digest, specs, indexes in jobs
        }
        for future in as_completed(futures):  # results are placed by path: order is free
            path, indexes = futures.pop(future)  # (its encodes go with it, once handled)
            encoded, error = future.result()
            yield path, encoded, indexes, error
    except BaseException:  # Ctrl-C, or the build stopped: no waiting for the queued encodes
        workers_left = list((pool._processes or {}).values())  # (no public way to stop them)
        manager = pool._executor_manager_thread
        pool.shutdown(wait=False, cancel_futures=True)
        for process in workers_left:
            process.terminate()
        # Let the pool's manager thread see its workers gone and close its wake-up pipe now:
        # closing it while the interpreter exits races with concurrent.futures' exit hook,
        # which then writes to the closed pipe (a traceback after "Aborted!"; CPython 3.11).
        if manager is not None:
            manager.join(timeout=3)
        raise
    pool.shutdown()


def _worker_setup() -> None:
    """Workers leave Ctrl-C to the build, which stops them (no traceback from each)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _encode_job(
    origin: bytes | Path, digest: str, specs: list[Spec]
) -> tuple[list[bytes] | None, str | None]:
    try:
        return encode(_load(origin, digest), specs), None
    except (ImageError, OSError) as exc:
        return None, str(exc)


def _outputs(
    path: str, p: Probe, specs: list[Spec], blobs: list, assets_dir: str
) -> tuple[ImageSet, list[Rendered]]:
    fallback = {s.width: b for s, b in zip(specs, blobs, strict=True) if s.format == p.format}
    largest = max(fallback)
    files: list[Rendered] = []
    variants: list[Variant] = []
    for spec, blob in zip(specs, blobs, strict=True):
        if spec.format != p.format and len(blob) >= len(fallback[spec.width]):
            continue  # not smaller than the fallback: not worth a request
        ext = EXTENSION[spec.format]
        is_main = spec.format == p.format and spec.width == largest
        key = path if is_main else variant_key(path, spec.width, ext)
        width = spec.width
        height = max(1, round(p.height * width / p.width))
        files.append(
            Rendered(key, _name(path, assets_dir, None if is_main else width, ext), None, blob)
        )
        variants.append(Variant(key, width, height, MIME[spec.format]))
    return ImageSet(path, p.width, p.height, MIME[p.format], tuple(variants)), files


def _name(path: str, assets_dir: str, width: int | None, ext: str) -> str:
    template = output_template(posixpath.splitext(path)[0] + ext, assets_dir)
    if width is None:
        return template
    return template.replace("-[hash]", f"-{width}-[hash]")
