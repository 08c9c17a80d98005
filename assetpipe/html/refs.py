"""References in HTML pages and SVG files, with the spans of their URL text.

What counts (SPEC "Source conventions"): `src` of img/source/video/audio/track/embed/input/script,
`srcset` and `imagesrcset` (parsed as the HTML standard does), `poster`, `data` of object,
the legacy `background` of body/table/td/th, `href` of `<link>` whose rel loads something
(stylesheet, icons, startup images, manifest, preload, modulepreload, prefetch),
`href`/`xlink:href` of SVG image/use/feImage, `url()` in `style` attributes and `<style>`
elements. Inline module scripts are listed for the bundler. Links (`<a href>`,
`<area href>`) are listed too, as kind `a-href`: one to a page keeps its path, one to another
file (a PDF, a zip) makes it published under its own name; so are `<iframe src>`/`<frame src>`
(kind `frame`) and `<link>`s that name a document rather than load it (`rel="alternate"` feeds,
`search`, `license`...: kind `alternate`, whose files keep their names, since readers keep the
URL). `<form action>` is not a reference.

Preview images and media in `<meta>` tags (`og:image`, `twitter:image`, `itemprop="image"`...)
are kind `meta`: published like icons, and written as absolute URLs, since crawlers do not
resolve relative ones (so is `<link rel="image_src">`). Page URLs for crawlers (`og:url`,
`twitter:url`, `twitter:player`: kind `meta-link`; `<link rel="canonical">`: kind `canonical`)
are links, written as absolute URLs too. `msapplication-TileImage` and its kin
are read by the browser, which does: kind `link`, like an icon.

Spans point at the attribute value as written, entities undecoded; `url` is the decoded value.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from ..css.refs import find_references as css_references
from ..css.refs import preprocess as css_preprocess
from ..pipeline.values import RawRef
from .tokenize import StartTag, tokenize

_SRC = {"img", "source", "video", "audio", "track", "embed", "input", "script"}
_SRCSET = {"img", "source"}
_SVG_HREF = {"image", "use", "feimage"}
_BACKGROUND = {"body", "table", "td", "th"}  # the legacy `background` attribute, still shown
_LINK_RELS = frozenset(
    {
        "stylesheet",
        "icon",
        "shortcut",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "fluid-icon",
        "apple-touch-startup-image",
        "manifest",
        "preload",
        "modulepreload",
        "prefetch",
    }
)
# `<link rel>`s that name a document without loading it (`link_loads` is empty for them)
_DOCUMENT_RELS = frozenset({"alternate", "search", "license", "help", "author", "prev", "next"})
# `<meta>` tags whose content is a file crawlers fetch (by `property`, `name` or `itemprop`):
# absolute URLs (Open Graph, Twitter cards, schema.org microdata)
_META_PREVIEW = frozenset(
    {
        "og:image",
        "og:image:url",
        "og:image:secure_url",
        "og:video",
        "og:video:url",
        "og:video:secure_url",
        "og:audio",
        "og:audio:url",
        "og:audio:secure_url",
        "twitter:image",
        "twitter:image:src",
        "twitter:player:stream",
        "image",
        "thumbnail",
        "thumbnailurl",
        "logo",
        "contenturl",
        "embedurl",
    }
)
# ... and those whose content is the URL of a page (or a file): absolute too
_META_PAGE = frozenset({"og:url", "twitter:url", "twitter:player"})
# References written as absolute URLs under `build.site_url` (`hashing.py`)
ABSOLUTE_KINDS = frozenset({"meta", "meta-link", "canonical"})
# ... and those the browser fetches (Windows tiles): relative URLs work, as for icons
_META_ICON = frozenset(
    {
        "msapplication-tileimage",
        "msapplication-square70x70logo",
        "msapplication-square150x150logo",
        "msapplication-wide310x150logo",
        "msapplication-square310x310logo",
        "msapplication-config",
    }
)
_JS_TYPES = frozenset(
    {
        "",
        "text/javascript",
        "application/javascript",
        "module",
        "text/ecmascript",
        "application/ecmascript",
        "application/x-javascript",
    }
)
_WS = "\t\n\f\r "
_STYLE_URL = re.compile(r"(?i:style)[^>]*?(?i:url)")


@dataclass(frozen=True, slots=True)
class PageRefs:
    refs: tuple[RawRef, ...]
    inline_modules: tuple[tuple[int, int], ...]  # the text of each inline module script
    module_tags: tuple[int, ...]  # where each module script or modulepreload tag starts
    import_map: tuple[int, int] | None  # the page's own `<script type="importmap">`
    stylesheets: tuple[StyleLink, ...] = ()  # `<link rel="stylesheet">`s, for critical CSS
    head_end: int = -1  # where `</head>` starts, or -1
    images: tuple[ImgTag, ...] = ()  # `<img>`s and the `<picture>` each is in, for variants
    page_links: bool = False  # an `<a>`/`<area>` whose href may lead to another page of the site
    speculation_rules: bool = False  # the page has its own `<script type="speculationrules">`


@dataclass(frozen=True, slots=True)
class TagInfo:
    """A tag as written: its span and its attributes (name, value as written or None, value
    span or (-1, -1)), in order."""

    start: int
    end: int
    attrs: tuple[tuple[str, str | None, int, int], ...]

    def get(self, name: str) -> str | None:
        for n, v, _, _ in self.attrs:
            if n == name:
                return v
        return None

    def has(self, name: str) -> bool:
        return any(n == name for n, _, _, _ in self.attrs)


@dataclass(frozen=True, slots=True)
class ImgTag:
    img: TagInfo
    sources: tuple[TagInfo, ...] = ()  # the `<source>`s of its `<picture>`, if it is in one
    in_picture: bool = False


@dataclass(frozen=True, slots=True)
class StyleLink:
    """A `<link rel="stylesheet">` tag: its span, its href value's span, its media query, and
    its other attributes as written (kept when the tag is rewritten)."""

    start: int
    end: int
    href_start: int
    href_end: int
    media: str | None
    others: str


def find_references(text: str, *, xml: bool = False) -> PageRefs:
    """Every reference of the page (or SVG, with ``xml=True``) `text`, in source order.

    The imports of inline module scripts are not references of the page: the bundler reads
    those scripts as modules (`inline_modules`).
    """
    refs: list[RawRef] = []
    inline: list[tuple[int, int]] = []
    module_tags: list[int] = []
    stylesheets: list[StyleLink] = []
    images: list[ImgTag] = []
    picture: list[TagInfo] | None = None
    import_map = None
    page_links = speculation_rules = False
    for tag in tokenize(text, xml=xml):
        _tag_refs(tag, text, refs)
        if tag.name in ("a", "area") and not page_links:
            page_links = _local_href(tag.get("href"))
        if tag.name == "picture":
            picture = []
        elif tag.name == "source" and picture is not None:
            picture.append(_info(tag))
        elif tag.name == "img":
            images.append(ImgTag(_info(tag), tuple(picture or ()), picture is not None))
            picture = None
        if tag.name == "link" and _is_stylesheet(tag):
            href = tag.attr("href")
            if href is not None and href.value:
                others = " ".join(
                    _attribute_text(a)
                    for a in tag.attrs
                    if a.name not in ("rel", "href", "media", "onload")
                )
                stylesheets.append(
                    StyleLink(
                        tag.start,
                        tag.end,
                        href.value_start,
                        href.value_end,
                        tag.get("media"),
                        others,
                    )
                )
        if tag.name == "script":
            kind = (tag.get("type") or "").strip().lower()
            if kind == "module":
                module_tags.append(tag.start)
                if tag.attr("src") is None and tag.content is not None:
                    inline.append(tag.content)
            elif kind == "importmap" and tag.content is not None:
                import_map = (tag.start, tag.content[1])
            elif kind == "speculationrules":
                speculation_rules = True
        elif tag.name == "link" and "modulepreload" in link_loads(tag):
            module_tags.append(tag.start)
    refs.sort(key=lambda r: r.start)
    head_end = find_head_end(text)
    return PageRefs(
        tuple(refs),
        tuple(inline),
        tuple(module_tags),
        import_map,
        tuple(stylesheets),
        head_end,
        tuple(images),
        page_links,
        speculation_rules,
    )


def _local_href(value: str | None) -> bool:
    """Whether a link's href may lead to another document of the same site: relative or
    root-relative, not a fragment of this page (`#top`), not `mailto:` or `https://...`."""
    url = (value or "").strip(_WS)
    if not url or url.startswith(("#", "//")):
        return False
    head = url.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    return ":" not in head


def _info(tag: StartTag) -> TagInfo:
    return TagInfo(
        tag.start, tag.end, tuple((a.name, a.value, a.value_start, a.value_end) for a in tag.attrs)
    )


def _attribute_text(a) -> str:
    """An attribute written again, its value as it was (entities and all)."""
    if a.value is None:
        return a.name
    quote = "'" if '"' in a.value else '"'
    return f"{a.name}={quote}{a.value}{quote}"


def _is_stylesheet(tag: StartTag) -> bool:
    rel = (tag.get("rel") or "").lower().split()
    return "stylesheet" in rel and "alternate" not in rel and tag.attr("disabled") is None


def find_head_end(text: str) -> int:
    """Where `</head>` starts (case-insensitively), or -1."""
    lower = text.lower()
    return lower.find("</head")


def script_kind(tag: StartTag) -> str | None:
    """'module', 'classic' or None (data blocks such as JSON or templates)."""
    t = (tag.get("type") or "").strip().lower()
    if t not in _JS_TYPES:
        return None
    return "module" if t == "module" else "classic"


def link_loads(tag: StartTag) -> set[str]:
    """The rel tokens of a `<link>` that make it load a resource."""
    rel = set((tag.get("rel") or "").lower().split())
    return rel & _LINK_RELS


def _document_link(tag: StartTag) -> bool:
    """A `<link>` that names a document (a feed, a search description) without loading it."""
    rel = set((tag.get("rel") or "").lower().split())
    return bool(rel & _DOCUMENT_RELS)


def meta_kind(tag: StartTag) -> str | None:
    """'meta' for a `<meta>` whose content is a preview file crawlers fetch, 'meta-link' for
    one whose content is a page's URL (`og:url`), 'link' for a tile image the browser
    fetches, None for other `<meta>` tags."""
    for key in ("property", "name", "itemprop"):
        value = (tag.get(key) or "").strip().lower()
        if value in _META_PREVIEW:
            return "meta"
        if value in _META_PAGE:
            return "meta-link"
        if value in _META_ICON:
            return "link"
    return None


def _tag_refs(tag: StartTag, text: str, out: list[RawRef]) -> None:
    name = tag.name
    if name in _SRC:
        a = tag.attr("src")
        if name == "input" and (tag.get("type") or "").lower() != "image":
            a = None
        module = False
        if name == "script":
            kind = script_kind(tag)
            a = a if kind else None
            module = kind == "module"
        if a is not None:
            _attr_ref(a, "img" if name in ("img", "input") else "src", out, module)
    if name in _SRCSET:
        _srcset_refs(tag.attr("srcset"), out)
    if name == "video":
        _attr_ref(tag.attr("poster"), "poster", out)
    elif name in _BACKGROUND:
        _attr_ref(tag.attr("background"), "poster", out)  # (shown, as a poster is)
    elif name == "object":
        _attr_ref(tag.attr("data"), "data", out)
    elif name == "link":
        rels = link_loads(tag)
        if rels:
            module = "modulepreload" in rels
            kind = (
                "stylesheet"
                if "stylesheet" in rels
                else ("manifest" if "manifest" in rels else "link")
            )
            _attr_ref(tag.attr("href"), kind, out, module)
            if "preload" in rels:
                _srcset_refs(tag.attr("imagesrcset"), out)
        elif "image_src" in (tag.get("rel") or "").lower().split():
            _attr_ref(tag.attr("href"), "meta", out)  # the preview image of old crawlers
        elif "canonical" in (tag.get("rel") or "").lower().split():
            _attr_ref(tag.attr("href"), "canonical", out)
        elif _document_link(tag):
            _attr_ref(tag.attr("href"), "alternate", out)
    elif name in _SVG_HREF:
        _attr_ref(tag.attr("href") or tag.attr("xlink:href"), "href", out)
    elif name in ("a", "area"):
        _attr_ref(tag.attr("href"), "a-href", out)
    elif name in ("iframe", "frame"):
        _attr_ref(tag.attr("src"), "frame", out)
    elif name == "meta":
        kind = meta_kind(tag)
        if kind is not None:
            _attr_ref(tag.attr("content"), kind, out)
    style = tag.attr("style") if tag.mentions(_STYLE_URL) else None
    if style is not None and style.value and "url" in style.value.lower():
        _css_refs(style.value, style.value_start, out, entities=True)
    content = tag.content
    if content is None:
        return
    start, end = content
    if name == "style":
        _css_refs(text[start:end], start, out, entities=False)


def _attr_ref(a, kind: str, out: list[RawRef], module: bool = False) -> None:
    if a is None or a.value is None:
        return
    raw = a.value
    value = html.unescape(raw) if "&" in raw else raw
    # Leading and trailing ASCII whitespace is stripped from URL attributes by browsers.
    lead = len(raw) - len(raw.lstrip(_WS))
    trail = len(raw) - len(raw.rstrip(_WS))
    value = value.strip(_WS)
    if not value:
        return
    out.append(RawRef(value, a.value_start + lead, a.value_end - trail, kind, "html", module))


def _srcset_refs(a, out: list[RawRef]) -> None:
    """Image candidate URLs, split as the HTML standard's srcset parsing algorithm does."""
    if a is None or not a.value:
        return
    value = a.value
    n = len(value)
    pos = 0
    while pos < n:
        while pos < n and (value[pos] in _WS or value[pos] == ","):
            pos += 1
        if pos >= n:
            break
        start = pos
        while pos < n and value[pos] not in _WS:
            pos += 1
        end = pos
        if value[end - 1] == ",":
            while end > start and value[end - 1] == ",":
                end -= 1
        else:
            depth = 0
            while pos < n:
                c = value[pos]
                if c == "(":
                    depth += 1
                elif c == ")":
                    depth = max(0, depth - 1)
                elif c == "," and depth == 0:
                    break
                pos += 1
        raw = value[start:end]
        url = html.unescape(raw) if "&" in raw else raw
        if url:
            out.append(RawRef(url, a.value_start + start, a.value_start + end, "srcset", "html"))


def _css_refs(raw: str, base: int, out: list[RawRef], *, entities: bool) -> None:
    """`url()`s of a `<style>` block or a `style` attribute (whose entities are decoded first).

    The CSS is tokenized in its decoded, preprocessed form; each URL's span is mapped back to
    the text as written, so the page is still rewritten in place.
    """
    css, where = _decoded(raw, entities)
    for r in css_references(css):
        start, end = where(r.start), where(r.end)
        exact = raw[start:end] == r.url
        out.append(
            RawRef(r.url, base + start, base + end, r.kind, r.escape if exact else "html", r.module)
        )


_ENTITY = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)|\r\n?|\f|\0")


def _decoded(raw: str, entities: bool):
    """`raw` with entities decoded (if asked) and CSS preprocessing, and a map back to `raw`."""
    if not ((entities and "&" in raw) or "\r" in raw or "\f" in raw or "\0" in raw):
        return raw, lambda i: i
    pieces: list[str] = []
    starts: list[tuple[int, int]] = []  # (decoded offset, raw offset) at each change
    pos = 0
    length = 0
    for m in _ENTITY.finditer(raw):
        chunk = m.group()
        if chunk[0] == "&" and not entities:
            continue
        pieces.append(raw[pos : m.start()])
        length += m.start() - pos
        decoded = html.unescape(chunk) if chunk[0] == "&" else css_preprocess(chunk)
        starts.append((length, m.start()))
        pieces.append(decoded)
        length += len(decoded)
        starts.append((length, m.end()))
        pos = m.end()
    pieces.append(raw[pos:])
    keys = [d for d, _ in starts]

    def where(i: int) -> int:
        k = bisect.bisect_right(keys, i) - 1
        if k < 0:
            return i
        d, r = starts[k]
        return r + (i - d) if k % 2 == 1 else r  # inside a decoded chunk: its start

    return "".join(pieces), where
