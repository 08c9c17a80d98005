"""`<img>` to `<picture>`: each shown image offered in AVIF and WebP at every width, with its
fallback, its size, and the loading priority it deserves.

    <picture>
      <source type="image/avif" srcset="a-480.avif 480w, a-960.avif 960w" sizes="...">
      <source type="image/webp" srcset="..." sizes="...">
      <img src="a.jpg" srcset="a-480.jpg 480w, a.jpg 960w" sizes="..." width="960" height="640"
           alt="..." loading="lazy" decoding="async">
    </picture>

Every attribute the author wrote is kept; `sizes` is the author's or the configured default;
`width`/`height` come from the image as displayed (EXIF orientation applied) when the author
gave neither, or the missing one from the aspect ratio. An author's `srcset` keeps its
candidates and descriptors, each candidate offered in the modern formats too. Inside an
existing `<picture>`, each `<source>` (art direction) is offered in the modern formats with
its `media`, and the `<img>` gets its own. The page's likely main image (the first that is not
lazy by its author and is at least 300 px wide) gets `fetchpriority="high"` and a preload;
every other one `loading="lazy" decoding="async"`; an author's `loading`/`fetchpriority` wins.
`data-assetpipe-skip` on an `<img>` leaves it as written (its URL still points at the
optimised file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..hashing import placeholder
from ..html.refs import ImgTag, TagInfo
from ..model import Link, Ref
from .variants import ImageSet

SKIP = "data-assetpipe-skip"
_WIDTH = re.compile(r"\s\d+w(,|$)")  # a width descriptor in a srcset
MAIN_MIN_WIDTH = 300


@dataclass(frozen=True, slots=True)
class MarkupOptions:
    sizes: str = "100vw"
    lazy: bool = True
    priority: str = "auto"
    keep_location: bool = False  # images copied as they are keep their GPS (`metadata.py`)


class _Links:
    def __init__(self) -> None:
        self.links: list[Link] = []

    def url(self, target: str) -> str:
        self.links.append(Link(target, "url"))
        return placeholder(len(self.links) - 1)


def main_image(
    images: tuple[ImgTag, ...],
    refs_at: dict[int, Ref],
    sets: dict[str, ImageSet],
    options: MarkupOptions,
) -> int:
    """Which `<img>` (its start) is the page's likely largest contentful paint, or -1."""
    for tag in images:
        if tag.img.get("fetchpriority") == "high":
            return tag.img.start
    if options.priority != "auto":
        return -1
    for tag in images:
        img = tag.img
        if (
            img.has(SKIP)
            or (img.get("loading") or "").lower() == "lazy"
            or (img.get("fetchpriority") or "").lower() == "low"
        ):
            continue
        image = _image_of(img, refs_at, sets)
        width = _number(img.get("width")) or (image.width if image else 0)
        if width >= MAIN_MIN_WIDTH:
            return img.start
    return -1


def rewrite(
    tag: ImgTag,
    text: str,
    refs_at: dict[int, Ref],
    sets: dict[str, ImageSet],
    options: MarkupOptions,
    main: bool,
    early: bool = False,
) -> tuple[list[tuple[int, int, str, tuple[Link, ...]]], str | None, tuple[Link, ...]]:
    """Edits (start, end, html, links) for the tag and its `<picture>`'s `<source>`s, and the
    preload `<link>` (html, links) when it is the main image. An `early` image (before the
    main one: a header's logo) is on the first screen, so it is not made lazy."""
    img = tag.img
    if img.has(SKIP):
        span = _span_of(text, img, SKIP)
        return ([(span[0], span[1], "", ())] if span else []), None, ()
    image = _image_of(img, refs_at, sets)
    edits = []
    for source in tag.sources:
        edit = _source(source, refs_at, sets, img.get("sizes") or options.sizes)
        if edit is not None:
            edits.append(edit)
    if image is None and not any(_candidates(img, refs_at, sets)):
        return edits, None, ()
    out = _Links()
    srcset = _srcsets(img, refs_at, sets, image, out)
    lazy = not main and (
        (img.get("loading") or "").lower() == "lazy"
        or (options.lazy and not early and not img.has("loading"))
    )
    # `auto`: a lazy image's layout width, where browsers know it (Chrome 126+); the
    # default after it elsewhere
    sizes = img.get("sizes") or (f"auto, {options.sizes}" if lazy else options.sizes)
    attrs = _img_attributes(img, refs_at, image, srcset.get(None), sizes, options, main, out, early)
    offered = {(s.get("type") or "").lower() for s in tag.sources if not s.has("media")}
    sources = "".join(
        f'<source type="{mime}" srcset="{text}"'
        + (f' sizes="{_attr(sizes)}">' if _WIDTH.search(text) else ">")
        for mime, text in srcset.items()
        if mime is not None and mime not in offered
    )
    html = f"{sources}<img {attrs}>"
    if not tag.in_picture:
        html = f"<picture>{html}</picture>"
    edits.append((img.start, img.end, html, tuple(out.links)))
    art_directed = any(source.has("media") for source in tag.sources)
    if main and image is not None and not art_directed:  # (which one shows depends on media)
        best = next((m for m in ("image/avif", "image/webp") if m in srcset), None)
        if best is not None:  # the same candidates as the `<source>`, so it is one fetch
            preload = (
                f'<link rel="preload" as="image" type="{best}" '
                f'imagesrcset="{srcset[best]}" imagesizes="{_attr(sizes)}" '
                'fetchpriority="high">'
            )
            return edits, preload, tuple(out.links)
    return edits, None, ()


def _image_of(tag: TagInfo, refs_at: dict[int, Ref], sets: dict[str, ImageSet]) -> ImageSet | None:
    for name, _, start, _ in tag.attrs:
        if name == "src":
            ref = _ref_in(refs_at, start)
            if ref is not None and not ref.public:
                return sets.get(ref.target)
    return None


def _ref_in(refs_at: dict[int, Ref], start: int) -> Ref | None:
    """The reference in the attribute value starting at `start` (values may start with
    spaces, which references skip)."""
    for offset in range(0, 8):
        ref = refs_at.get(start + offset)
        if ref is not None:
            return ref
    return None


def _candidates(tag: TagInfo, refs_at: dict[int, Ref], sets: dict[str, ImageSet]):
    """The author's `srcset` candidates: (ref, descriptor, image set or None)."""
    for name, value, start, end in tag.attrs:
        if name != "srcset" or value is None:
            continue
        refs = sorted(
            (r for s, r in refs_at.items() if start <= s < end), key=lambda r: r.raw.start
        )
        for i, ref in enumerate(refs):
            stop = refs[i + 1].raw.start if i + 1 < len(refs) else end
            rest = _between(value, ref.raw.end - start, stop - start)
            yield ref, rest, sets.get(ref.target) if not ref.public else None


def _between(value: str, start: int, end: int) -> str:
    """The descriptor written after a candidate's URL ("480w", "2x"), without the comma."""
    return value[start:end].split(",")[0].strip()


def _srcsets(
    img: TagInfo, refs_at, sets, image: ImageSet | None, out: _Links
) -> dict[str | None, str]:
    """srcset text per type (None: the fallback's, for the `<img>`)."""
    candidates = list(_candidates(img, refs_at, sets))
    result: dict[str | None, str] = {}
    if candidates:  # the author's candidates, each offered in every format it has
        mimes = ["image/avif", "image/webp"]
        for mime in mimes:
            parts = []
            for _, descriptor, s in candidates:
                if s is None or mime not in s.modern:
                    parts = []
                    break
                widest = s.of(mime)[-1]
                parts.append(f"{out.url(widest.key)}{' ' + descriptor if descriptor else ''}")
            if parts:
                result[mime] = ", ".join(parts)
        fallback = []
        for ref, descriptor, _ in candidates:
            fallback.append(
                f"{out.url(ref.target)}{ref.suffix}{' ' + descriptor if descriptor else ''}"
            )
        result[None] = ", ".join(fallback)
        return result
    if image is None:
        return result
    for mime in image.modern:
        result[mime] = _srcset_text(image.of(mime), out)
    result[None] = _srcset_text(image.of(image.mime), out)
    return result


def _srcset_text(variants, out: _Links) -> str:
    if len(variants) == 1:  # one width: nothing to choose from
        return out.url(variants[0].key)
    return ", ".join(f"{out.url(v.key)} {v.width}w" for v in variants)


def _img_attributes(
    img: TagInfo,
    refs_at,
    image: ImageSet | None,
    srcset: str | None,
    sizes: str,
    options: MarkupOptions,
    main: bool,
    out: _Links,
    early: bool = False,
) -> str:
    parts: list[str] = []
    seen: set[str] = set()
    for name, value, start, _ in img.attrs:
        if name in seen:
            continue
        seen.add(name)
        if name == "src":
            ref = _ref_in(refs_at, start)
            if ref is not None and not ref.public:
                parts.append(f'src="{out.url(ref.target)}{ref.suffix}"')
                continue
        if name == "srcset" and srcset is not None:
            parts.append(f'srcset="{srcset}"')
            continue
        parts.append(name if value is None else f'{name}="{_attr_raw(value)}"')
    if srcset is not None and "srcset" not in seen and _WIDTH.search(srcset):
        parts.append(f'srcset="{srcset}"')
    if "sizes" not in seen and srcset is not None and _WIDTH.search(srcset):
        parts.append(f'sizes="{_attr(sizes)}"')
    if image is not None:
        width, height = _number(img.get("width")), _number(img.get("height"))
        if not width and not height:
            parts.append(f'width="{image.width}" height="{image.height}"')
        elif width and not height:
            parts.append(f'height="{round(width * image.height / image.width)}"')
        elif height and not width:
            parts.append(f'width="{round(height * image.width / image.height)}"')
    if main:
        if "fetchpriority" not in seen:
            parts.append('fetchpriority="high"')
    elif options.lazy and not early:
        if "loading" not in seen:
            parts.append('loading="lazy"')
        if "decoding" not in seen:
            parts.append('decoding="async"')
    return " ".join(parts)


def _source(
    source: TagInfo, refs_at, sets, sizes: str
) -> tuple[int, int, str, tuple[Link, ...]] | None:
    """An art-directed `<source>`: offered in the modern formats, then as written."""
    kind = source.get("type")
    candidates = list(_candidates(source, refs_at, sets))
    if not candidates or (kind and kind not in ("image/jpeg", "image/png", "image/gif")):
        return None
    out = _Links()
    texts = {}
    for mime in ("image/avif", "image/webp"):
        parts = []
        for _, descriptor, s in candidates:
            if s is None or mime not in s.modern:
                parts = []
                break
            if descriptor.endswith("w") or len(candidates) > 1:
                parts.append(f"{out.url(s.of(mime)[-1].key)} {descriptor}".strip())
            else:  # one file: every width of it
                parts.append(_srcset_text(s.of(mime), out))
        if parts:
            texts[mime] = ", ".join(parts)
    fallback_parts = []
    for ref, descriptor, s in candidates:
        if s is not None and not descriptor and len(candidates) == 1:
            fallback_parts.append(_srcset_text(s.of(s.mime), out))
        else:
            fallback_parts.append(f"{out.url(ref.target)}{ref.suffix} {descriptor}".strip())
    others = " ".join(
        (name if value is None else f'{name}="{_attr_raw(value)}"')
        for name, value, _, _ in source.attrs
        if name not in ("srcset", "type")
    )
    if not source.has("sizes") and any(
        _WIDTH.search(t) for t in (*texts.values(), *fallback_parts)
    ):
        others = f'{others} sizes="{_attr(sizes)}"'.strip()
    extra = f" {others}" if others else ""
    html = "".join(f'<source type="{mime}" srcset="{text}"{extra}>' for mime, text in texts.items())
    html += f'<source srcset="{", ".join(fallback_parts)}"{extra}' + (
        f' type="{kind}">' if kind else ">"
    )
    return source.start, source.end, html, tuple(out.links)


def _span_of(text: str, tag: TagInfo, name: str) -> tuple[int, int] | None:
    """Where attribute `name` (with the space before it and any value) is written in the tag,
    to remove it. The tokenizer gives value spans only, so the name is found after the end of
    the attribute before it."""
    pos = tag.start + 1
    for n, _, _, vend in tag.attrs:
        if n == name:
            start = text.find(name, pos, tag.end)
            if start < 0:
                return None
            end = (
                vend + (1 if vend >= 0 and text[vend : vend + 1] in "\"'" else 0)
                if vend >= 0
                else start + len(name)
            )
            while start > tag.start and text[start - 1] in " \t\n\r\f":
                start -= 1
            return start, end
        if vend >= 0:
            pos = vend
    return None


def _number(value: str | None) -> int:
    try:
        return int(float(value)) if value else 0
    except ValueError:
        return 0


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;")


def _attr_raw(value: str) -> str:
    """A value as the author wrote it (entities already escaped), re-quoted safely."""
    return value.replace('"', "&quot;")
