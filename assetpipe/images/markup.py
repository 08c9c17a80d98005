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

from ..html.refs import ImgTag, TagInfo
from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Ref
from .lcp import Main, guess
from .pagestyle import PageStyle
from .variants import ImageSet

SKIP = "data-assetpipe-skip"
_WIDTH = re.compile(r"\s\d+w(,|$)")  # a width descriptor in a srcset
# The one format a bare `<img srcset>` offers: every current browser decodes WebP (Safari
# since 14, 2020), while AVIF reached Edge only in 2024; `src` keeps the original format.
UNWRAPPED = "image/webp"


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
    text: str,
    images: tuple[ImgTag, ...],
    refs_at: dict[int, Ref],
    sets: dict[str, ImageSet],
    options: MarkupOptions,
    style: PageStyle,
) -> Main:
    """The page's likely largest contentful paint: the first `<img>` with
    `fetchpriority="high"`, else (with `priority = "auto"`) `lcp.guess`'s `<img>` or CSS
    background."""
    for tag in images:
        if tag.img.get("fetchpriority") == "high":
            return Main(img=tag.img.start)
    if options.priority != "auto":
        return Main()

    def eligible(tag: ImgTag) -> bool:
        img = tag.img
        return not (
            img.has(SKIP)
            or (img.get("loading") or "").lower() == "lazy"
            or (img.get("fetchpriority") or "").lower() == "low"
        )

    def lazy(tag: ImgTag) -> bool:  # measured, to warn when it would be the largest
        img = tag.img
        return (
            (img.get("loading") or "").lower() == "lazy"
            and not img.has(SKIP)
            and (img.get("fetchpriority") or "").lower() != "low"
        )

    def size_of(tag: ImgTag) -> tuple[int, int] | None:
        image = _image_of(tag.img, refs_at, sets)
        width, height = _number(tag.img.get("width")), _number(tag.img.get("height"))
        if image is not None:
            if width and not height:
                height = round(width * image.height / image.width)
            elif height and not width:
                width = round(height * image.width / image.height)
            elif not width:
                width, height = image.width, image.height
        if width and height:  # an art-directed picture: as tall as its tallest source's image
            for source in tag.sources:
                shown = next((c[2] for c in _candidates(source, refs_at, sets) if c[2]), None)
                if shown is not None and source.has("media"):
                    height = max(height, round(width * shown.height / shown.width))
        return (width, height) if width else None

    found = guess(text, images, style, size_of, eligible, lazy)
    if found.background is not None and found.background not in sets:
        return Main(lazy=found.lazy)
    return found


def background_preload(image: ImageSet) -> tuple[str, tuple[Link, ...]]:
    """The preload of a CSS background that is the LCP: the file its `image-set()` offers
    first (`images/css.py` writes the widest variant of each modern format, then the
    fallback), so the browser fetches it once."""
    mime = image.modern[0] if image.modern else image.mime
    out = _Links()
    url = out.url(image.of(mime)[-1].key)
    return (
        f'<link rel="preload" as="image" type="{mime}" imagesrcset="{url}" fetchpriority="high">',
        tuple(out.links),
    )


def rewrite(
    tag: ImgTag,
    text: str,
    refs_at: dict[int, Ref],
    sets: dict[str, ImageSet],
    options: MarkupOptions,
    main: bool,
    early: bool = False,
    wrap: bool = True,
    sized: bool = True,
    fixed: bool = True,
    ratio: bool = False,
) -> tuple[list[tuple[int, int, str, tuple[Link, ...]]], str | None, tuple[Link, ...]]:
    """Edits (start, end, html, links) for the tag and its `<picture>`'s `<source>`s, and the
    preload `<link>`s (html, links) when it is the main image. An `early` image (before the
    main one: a header's logo) is on the first screen, so it is not made lazy. An `<img>` the
    author did not put in a `<picture>` goes in a `<picture style="display:contents">` when
    `wrap` (`layout.py` found no rule that would match differently), else stays a bare `<img>`
    whose `srcset` is WebP (`UNWRAPPED`). `sized`: `width`/`height` may be added
    (`layout.sizing`); `fixed`: the width does not come from the file, so `w` descriptors
    and `sizes="auto"` may be used (else each format is offered at the file's own size);
    `ratio`: no CSS gives it an `aspect-ratio`, so it may get the file's (`_exact_ratio`)."""
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
    srcset = _srcsets(img, refs_at, sets, image, out, fixed)
    lazy = not main and (
        (img.get("loading") or "").lower() == "lazy"
        or (options.lazy and not early and not img.has("loading"))
    )
    # `auto`: a lazy image's layout width, where browsers know it (Chrome 126+); the
    # default after it elsewhere. Only when its box does not need the file's size (the UA
    # gives `sizes="auto"` images `contain: size`, 300x150 until CSS or attributes say)
    boxed = fixed and (sized or (img.has("width") and img.has("height")))
    auto = lazy and boxed
    sizes = img.get("sizes") or (f"auto, {options.sizes}" if auto else options.sizes)
    bare = not tag.in_picture and not wrap
    own = UNWRAPPED if bare and UNWRAPPED in srcset else None
    attrs = _img_attributes(
        img,
        refs_at,
        image if sized else None,
        srcset.get(own),
        sizes,
        options,
        main,
        out,
        early,
        always=own is not None,
        ratio=_exact_ratio(image) if ratio and image is not None else None,
    )
    # in a `display: contents` `<picture>`, a `<source>` would be a flex or grid item
    hidden = "" if tag.in_picture else " hidden"
    offered = {(s.get("type") or "").lower() for s in tag.sources if not s.has("media")}
    sources = "".join(
        f'<source{hidden} type="{mime}" srcset="{text}"'
        + (f' sizes="{_attr(sizes)}">' if _WIDTH.search(text) else ">")
        for mime, text in srcset.items()
        if mime is not None and mime not in offered and not bare
    )
    html = f"{sources}<img {attrs}>"
    if not tag.in_picture and not bare:
        html = f'<picture style="display:contents">{html}</picture>'
    edits.append((img.start, img.end, html, tuple(out.links)))
    if not main or image is None:
        return edits, None, ()
    if any(source.has("media") for source in tag.sources):
        preloads, links = _art_directed_preloads(tag, refs_at, sets, image, sizes)
        return edits, preloads, links
    best = own or next((m for m in ("image/avif", "image/webp") if m in srcset), None)
    if best is not None:  # the same candidates as the `<source>`, so it is one fetch
        return edits, _preload(best, srcset[best], sizes), tuple(out.links)
    return edits, None, ()


def _exact_ratio(image: ImageSet) -> str | None:
    """`W/H` of the file when one of its variants has another ratio (a whole-pixel height:
    480x320 for a 640x427 photo), else None. Written as `aspect-ratio` on the `<img>`, it
    keeps the box the file's shape whichever variant loads, as `width`/`height` alone do not
    (their `auto W/H` yields to the loaded file's ratio)."""
    if all(v.height * image.width == v.width * image.height for v in image.variants):
        return None
    return f"{image.width}/{image.height}"


def _preload(mime: str, srcset: str, sizes: str, media: str | None = None) -> str:
    attrs = f' imagesizes="{_attr(sizes)}"' if _WIDTH.search(srcset) else ""
    if media is not None:
        attrs += f' media="{_attr(media)}"'
    return (
        f'<link rel="preload" as="image" type="{mime}" imagesrcset="{srcset}"{attrs} '
        'fetchpriority="high">'
    )


def _art_directed_preloads(
    tag: ImgTag, refs_at, sets, image: ImageSet, sizes: str
) -> tuple[str | None, tuple[Link, ...]]:
    """One preload per `<source media>` and one for the `<img>`, each with a `media` that
    holds exactly when the browser would pick that one: its own condition and none of the
    earlier ones (`(a) and (not (b))`, Media Queries 4). None when a condition is not a
    plain `(feature)` list (a media type, a comma list) or a `<source>` has no `media`."""
    out = _Links()
    lines: list[str] = []
    earlier: list[str] = []
    for source in tag.sources:
        media = (source.get("media") or "").strip()
        if not media or not media.startswith("(") or "," in media:
            return None, ()
        found = _source_srcsets(source, refs_at, sets, out)
        if found is None:
            return None, ()
        texts, fallback = found
        mime = next((m for m in ("image/avif", "image/webp") if m in texts), None)
        if mime is None:
            return None, ()
        own = media if " or " not in media.lower() else f"({media})"
        condition = " and ".join([own, *(f"(not {_group(m)})" for m in earlier)])
        own_sizes = source.get("sizes") or sizes
        lines.append(_preload(mime, texts[mime], own_sizes, condition))
        earlier.append(media)
    srcset = _srcsets(tag.img, refs_at, sets, image, out)
    mime = next((m for m in ("image/avif", "image/webp") if m in srcset), None)
    if mime is None:
        return None, ()
    condition = " and ".join(f"(not {_group(m)})" for m in earlier)
    lines.append(_preload(mime, srcset[mime], sizes, condition))
    return "\n".join(lines), tuple(out.links)


def _group(media: str) -> str:
    """A media condition as one `<media-in-parens>`: as written when it is one parenthesised
    group (`(orientation: portrait)`), else in parentheses."""
    depth = 0
    for i, c in enumerate(media):
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth == 0 and i < len(media) - 1:
            return f"({media})"
    return media


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
    img: TagInfo, refs_at, sets, image: ImageSet | None, out: _Links, fixed: bool = True
) -> dict[str | None, str]:
    """srcset text per type (None: the fallback's, for the `<img>`). Not `fixed`: the image
    is laid out at its file's size, so each format offers its widest file with the density
    that keeps that size (`0.8x` for a 1920 px file of a 2400 px image)."""
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
                parts += _offered(s, mime, descriptor, out)
            if parts:
                result[mime] = ", ".join(_unique(parts))
        fallback = []
        for ref, descriptor, _ in candidates:
            fallback.append(
                f"{out.url(ref.target)}{ref.suffix}{' ' + descriptor if descriptor else ''}"
            )
        result[None] = ", ".join(fallback)
        return result
    if image is None:
        return result
    if not fixed:
        for mime in image.modern:
            widest = image.of(mime)[-1]
            descriptor = _density("", widest.width, image.width)
            result[mime] = out.url(widest.key) + (f" {descriptor}" if descriptor else "")
        return result
    for mime in image.modern:
        result[mime] = _srcset_text(image.of(mime), out)
    result[None] = _srcset_text(image.of(image.mime), out)
    return result


def _offered(image: ImageSet, mime: str, descriptor: str, out: _Links) -> list[str]:
    """An author's `srcset` candidate in another format: with a width descriptor, every
    variant, each with its width scaled as the author's is to the file's (`2048w` for a
    2048 px file: `480w`, `960w`, ... `1920w`, so a phone is not sent the widest); else the
    widest variant, its density scaled to keep the file's size."""
    variants = image.of(mime)
    if descriptor.endswith("w") and descriptor[:-1].isdigit() and image.width:
        scale = int(descriptor[:-1]) / image.width
        return [f"{out.url(v.key)} {max(1, round(v.width * scale))}w" for v in variants]
    widest = variants[-1]
    descriptor = _density(descriptor, widest.width, image.width)
    return [f"{out.url(widest.key)}{' ' + descriptor if descriptor else ''}"]


def _unique(parts: list[str]) -> list[str]:
    """Candidates with a descriptor seen before left out (a `srcset` may not repeat one)."""
    seen: set[str] = set()
    kept = []
    for part in parts:
        descriptor = part.rsplit(" ", 1)[-1] if " " in part else "1x"
        if descriptor not in seen:
            seen.add(descriptor)
            kept.append(part)
    return kept


def _density(descriptor: str, width: int, full: int) -> str:
    """A density descriptor (`2x`, or none: 1x) for a file `width` px wide standing for one
    `full` px wide: scaled, so the image keeps its laid-out size. Width descriptors stay."""
    if width == full or not full or (descriptor and not descriptor.endswith("x")):
        return descriptor
    try:
        density = float(descriptor[:-1]) if descriptor else 1.0
    except ValueError:
        return descriptor
    return f"{round(density * width / full, 4):g}x"


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
    always: bool = False,
    ratio: str | None = None,
) -> str:
    """The `<img>`'s attributes; `srcset` is added even with one candidate when `always`
    (a bare `<img>` whose `srcset` is another format than its `src`)."""
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
        if name == "style" and ratio is not None and value is not None:  # theirs, then ours
            value = f"{value.rstrip().rstrip(';')};aspect-ratio:{ratio}"
        parts.append(name if value is None else f'{name}="{_attr_raw(value)}"')
    if srcset is not None and "srcset" not in seen and (always or _WIDTH.search(srcset)):
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
    if ratio is not None and "style" not in seen:  # (an author's: appended to, above)
        parts.append(f'style="aspect-ratio:{ratio}"')
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
    out = _Links()
    found = _source_srcsets(source, refs_at, sets, out)
    if found is None:
        return None
    texts, fallback_parts = found
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


def _source_srcsets(source: TagInfo, refs_at, sets, out: _Links):
    """A `<source>`'s srcset per modern type, and its fallback candidates; None when it is
    not one assetpipe offers in other formats."""
    kind = source.get("type")
    candidates = list(_candidates(source, refs_at, sets))
    if not candidates or (kind and kind not in ("image/jpeg", "image/png", "image/gif")):
        return None
    texts = {}
    for mime in ("image/avif", "image/webp"):
        parts = []
        for _, descriptor, s in candidates:
            if s is None or mime not in s.modern:
                parts = []
                break
            if descriptor.endswith("w") or len(candidates) > 1:
                parts += _offered(s, mime, descriptor, out)
            else:  # one file: every width of it
                parts.append(_srcset_text(s.of(mime), out))
        if parts:
            texts[mime] = ", ".join(_unique(parts))
    fallback_parts = []
    for ref, descriptor, s in candidates:
        if s is not None and not descriptor and len(candidates) == 1:
            fallback_parts.append(_srcset_text(s.of(s.mime), out))
        else:
            fallback_parts.append(f"{out.url(ref.target)}{ref.suffix} {descriptor}".strip())
    return texts, fallback_parts


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
