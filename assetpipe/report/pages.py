"""The page report: what a first visit of each page downloads, and how much, from the built
files themselves (`dist/.assetpipe/report.json`).

For each page it reads the output HTML as a browser would and follows what it loads:

- *initial* (before the page can render): the HTML, render-blocking stylesheets (a `<link
  rel="stylesheet">` that is not loaded the non-blocking way) and classic scripts (neither
  `async` nor `defer`), entry scripts, `modulepreload`
  chunks and every chunk they import statically, the main image (a `rel="preload" as="image"`,
  else an `<img fetchpriority="high">`), and preloaded fonts;
- *total* (everything the page loads without a user acting): the initial files, every
  stylesheet, the fonts and images the page's CSS names (`@font-face` takes its first source, an
  `image-set()` its first candidate the browser supports), every `<img>` (lazy ones
  included), and the icons (`rel="icon"`) and web app manifest, which Chromium fetches too
  (not the manifest's own icons, which it fetches for installing the app, if at all), and the
  images the page's scripts name (`import logo from './logo.svg'`, `new URL('./x.png',
  import.meta.url)`: a script names an image to show it, and the build knows which it names,
  though not when it shows them); chunks loaded with `import()` are listed apart as `lazy_js`.

An image with a `srcset` counts once, as the candidate the reference browser picks: a window
`VIEWPORT` CSS pixels wide at device pixel ratio `DPR`, which supports AVIF and WebP (`<picture>`
takes its first `<source>` of a supported type whose media matches). Font-relative lengths in
`sizes` and media queries (`em`, `rem`, `ch`, `ex`) are of the initial font, as browsers
compute them there: 16 px of Chromium's default standard font, Times New Roman, which Linux
renders with the metric-compatible Liberation Serif (`fonts-liberation`): its "0" is 8 px wide
(`ch`) and its x-height 7.34375 px (`ex`). `report.json` states these under `reference`.
Requests count files (one request each); external URLs are not counted.

Sizes: `bytes` as written, `gzip` (level 9) and `brotli` (quality 5, what a CDN compressing on
the fly sends) for text files; images, fonts and other compressed formats travel as they are,
so their three figures are equal.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

import tinycss2

from .. import compression
from ..cache import Sizes
from ..html.tokenize import StartTag, tokenize
from ..media_types import is_text, kind
from ..pipeline.values import OutputFile

VERSION = 1
VIEWPORT = 1280
DPR = 1.0
# The initial font `sizes` and media queries measure `em`/`ch`/`ex` with (see above); a test
# checks these against what Chromium measures
REFERENCE_FONT = "Times New Roman (Liberation Serif), 16px"
FONT_SIZE = 16.0
CH = 8.0
EX = 7.34375
_SUPPORTED_TYPES = ("image/avif", "image/webp", "image/jpeg", "image/png", "image/gif", "")
_FONT_EXT = (".woff2", ".woff", ".ttf", ".otf")


# -- sizes ---------------------------------------------------------------------------------------


def _brotli(data: bytes) -> int:
    return len(compression.brotli(data))


def _gzip(data: bytes) -> int:
    return len(compression.gzip(data))


def compressed_sizes(
    outputs: Sequence[OutputFile], memo: dict[str, Sizes] | None = None
) -> dict[str, tuple[int, int, int]]:
    """(bytes, gzip, brotli) of every output; files that are not text keep their size.
    `memo` (kept across the builds of `watch`) saves compressing unchanged files again."""
    sizes: dict[str, tuple[int, int, int]] = {}
    todo: list[OutputFile] = []
    for o in outputs:
        if not is_text(o.path) or o.path.endswith(".map"):  # maps: for developer tools only
            n = len(o.data)
            sizes[o.path] = (n, n, n)
            continue
        kept = memo.get(o.path) if memo is not None else None
        if kept is not None and kept.data == o.data:
            sizes[o.path] = kept.figures
        else:
            todo.append(o)

    def measure(o: OutputFile) -> tuple[int, int, int]:
        return (len(o.data), _gzip(o.data), _brotli(o.data))

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # zlib, brotli free the GIL
        for o, figures in zip(todo, pool.map(measure, todo), strict=True):
            sizes[o.path] = figures
            if memo is not None:
                memo[o.path] = Sizes(o.data, figures)
    return sizes


# -- choosing what a browser loads -------------------------------------------------------------


_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)(px|vw|em|rem|ch|ex)\s*$", re.IGNORECASE)
_FONT_UNITS = {"em": FONT_SIZE, "rem": FONT_SIZE, "ch": CH, "ex": EX}  # of the initial font
_FEATURE = re.compile(r"\(\s*(min|max)-width\s*:\s*(\d+(?:\.\d+)?)(px|em|rem)\s*\)", re.IGNORECASE)


def _length(text: str, viewport: float) -> float | None:
    m = _LENGTH.match(text)
    if not m:
        return None
    value, unit = float(m[1]), m[2].lower()
    return value * viewport / 100 if unit == "vw" else value * _FONT_UNITS.get(unit, 1)


def media_matches(media: str | None, viewport: float) -> bool:
    """Whether a media query holds for the reference window (`viewport` wide, landscape):
    `(min-width)`/`(max-width)` and `(orientation)` joined by `and`, `not (...)` (the
    art-directed preloads' form), `all` and `screen`; anything else (print, ...) does not."""
    if not media or media.strip().lower() in ("all", "screen"):
        return True
    text = re.sub(r"^\s*(only\s+)?(screen|all)\s+and\s+", "", media.strip(), flags=re.I)
    return _condition(text, viewport) is True


def _condition(text: str, viewport: float) -> bool | None:
    """A media condition's value in the reference window; None when it cannot be told."""
    text = text.strip()
    if text.lower().startswith("not ") or text.lower().startswith("not("):
        inner = _condition(text[3:], viewport)
        return None if inner is None else not inner
    parts = _split_and(text)
    if len(parts) > 1:
        values = [_condition(p, viewport) for p in parts]
        return None if None in values else all(values)
    if text.startswith("(") and text.endswith(")") and _split_and(text[1:-1]) is not None:
        inner = text[1:-1].strip()
        if inner.startswith("(") or inner.lower().startswith("not"):
            return _condition(inner, viewport)
    m = _FEATURE.fullmatch(text)
    if m:
        px = float(m[2]) * (FONT_SIZE if m[3].lower() != "px" else 1)
        return viewport >= px if m[1].lower() == "min" else viewport <= px
    m = re.fullmatch(r"\(\s*orientation\s*:\s*(portrait|landscape)\s*\)", text, re.I)
    if m:
        return m[1].lower() == "landscape"
    return None


def _split_and(text: str) -> list[str] | None:
    """`text` split at its top-level `and`s; None when its parentheses do not balance."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|\band\b", text, re.I):
        if m[0] == "(":
            depth += 1
        elif m[0] == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            parts.append(text[start : m.start()])
            start = m.end()
    if depth:
        return None
    parts.append(text[start:])
    return [p.strip() for p in parts]


def slot_width(sizes: str | None, viewport: float) -> float:
    """The width `sizes` gives an image in the reference window (100vw when it says nothing
    usable; `auto` is skipped, as the layout width is not known here)."""
    for entry in _split_commas(sizes or ""):
        if entry.lower() == "auto":
            continue
        if entry.startswith("("):
            depth, end = 0, 0
            for i, c in enumerate(entry):
                depth += c == "("
                depth -= c == ")"
                if depth == 0:
                    end = i + 1
                    break
            condition, length = entry[:end], entry[end:].strip()
            if not media_matches(condition, viewport):
                continue
            entry = length
        width = _length(entry, viewport)
        if width is not None:
            return width
    return viewport


def _split_commas(text: str) -> list[str]:
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        depth += c == "("
        depth -= c == ")"
        if c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [e for e in out if e]


def pick_candidate(
    srcset: str | None, src: str | None, sizes: str | None, viewport: float, dpr: float
) -> str | None:
    """The URL a browser loads for an image: from `srcset` (w descriptors with `sizes`, or x
    descriptors), else `src`."""
    candidates: list[tuple[float, str, str]] = []
    for item in _split_commas(srcset or ""):
        url, _, descriptor = item.partition(" ")
        descriptor = descriptor.strip().lower()
        if descriptor.endswith("w") and descriptor[:-1].isdigit():
            candidates.append((float(descriptor[:-1]), "w", url))
        elif descriptor.endswith("x"):
            try:
                candidates.append((float(descriptor[:-1]), "x", url))
            except ValueError:
                continue
        else:
            candidates.append((1.0, "x", url))
    if not candidates:
        return src
    if any(k == "w" for _, k, _ in candidates):
        need = slot_width(sizes, viewport) * dpr
        widths = sorted((v, u) for v, k, u in candidates if k == "w")
    else:
        need = dpr
        widths = sorted((v, u) for v, _, u in candidates)
    for value, url in widths:
        if value >= need:
            return url
    return widths[-1][1]


# -- reading a page ------------------------------------------------------------------------------


@dataclass
class _Found:
    blocking_css: list[str] = field(default_factory=list)
    css: list[str] = field(default_factory=list)
    js: list[str] = field(default_factory=list)  # entry scripts and modulepreloads
    classic_js: list[str] = field(default_factory=list)
    blocking_js: list[str] = field(default_factory=list)  # classic, neither async nor defer
    fonts: list[str] = field(default_factory=list)  # preloaded
    main_image: str | None = None
    images: list[str] = field(default_factory=list)
    inlined_css: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # icons, the web app manifest


def _noscript_ends(text: str, tags: list[StartTag]) -> list[tuple[int, int]]:
    lower = None
    spans = []
    for t in tags:
        if t.name == "noscript":
            lower = lower or text.lower()
            end = lower.find("</noscript", t.end)
            spans.append((t.end, end if end >= 0 else len(text)))
    return spans


def read_page(text: str, viewport: float = VIEWPORT, dpr: float = DPR) -> _Found:
    """The URLs a page's HTML loads, by role (as written, in document order)."""
    found = _Found()
    tags = list(tokenize(text))
    hidden = _noscript_ends(text, tags)
    picture: list[StartTag] | None = None
    preload_image: str | None = None
    priority_image: str | None = None
    for tag in tags:
        if any(a <= tag.start < b for a, b in hidden):
            continue
        name = tag.name
        if name == "link":
            rel = (tag.get("rel") or "").lower().split()
            href = tag.get("href")
            media = tag.get("media")
            if "stylesheet" in rel and href:
                found.css.append(href)
                deferred = media and media.strip().lower() == "print" and tag.get("onload")
                if not deferred and media_matches(media, viewport):
                    found.blocking_css.append(href)
            elif "modulepreload" in rel and href:
                found.js.append(href)
            elif ("manifest" in rel or "icon" in rel) and href:
                found.other.append(href)  # Chromium fetches icons and the manifest too
            elif "preload" in rel:
                kind_ = (tag.get("as") or "").lower()
                if kind_ == "style" and href:
                    found.css.append(href)
                elif kind_ == "font" and href:
                    found.fonts.append(href)
                elif (
                    kind_ == "image"
                    and preload_image is None
                    and media_matches(tag.get("media"), viewport)
                ):
                    preload_image = pick_candidate(
                        tag.get("imagesrcset"), href, tag.get("imagesizes"), viewport, dpr
                    )
        elif name == "script":
            src = tag.get("src")
            if src:
                kind_ = (tag.get("type") or "").strip().lower()
                if kind_ == "module":
                    found.js.append(src)
                elif kind_ in ("", "text/javascript", "application/javascript"):
                    found.classic_js.append(src)
                    if tag.attr("async") is None and tag.attr("defer") is None:
                        found.blocking_js.append(src)
        elif name == "style" and tag.content:
            found.inlined_css.append(text[tag.content[0] : tag.content[1]])
        elif name == "picture":
            picture = []
        elif name in ("video", "audio"):
            picture = None
        elif name == "source" and picture is not None:
            picture.append(tag)
        elif name == "img":
            url = None
            for source in picture or ():
                type_ = (source.get("type") or "").strip().lower()
                if type_ in _SUPPORTED_TYPES and media_matches(source.get("media"), viewport):
                    url = pick_candidate(
                        source.get("srcset"), None, source.get("sizes"), viewport, dpr
                    )
                    if url:
                        break
            picture = None
            url = url or pick_candidate(
                tag.get("srcset"), tag.get("src"), tag.get("sizes"), viewport, dpr
            )
            if url:
                found.images.append(url)
                if (tag.get("fetchpriority") or "").lower() == "high" and priority_image is None:
                    priority_image = url
    found.main_image = preload_image or priority_image
    return found


def css_urls(text: str, memo: dict | None = None) -> tuple[list[str], list[str]]:
    """`_css_urls`, from `memo` (by text) for a stylesheet or inlined CSS seen before."""
    if "url(" not in text and "src(" not in text:
        lower = text.lower()
        if "url(" not in lower and "src(" not in lower:
            return [], []
    if memo is None:
        return _css_urls(text)
    found = memo.get(text)
    if found is None:
        found = memo[text] = _css_urls(text)
    return found


def _css_urls(text: str) -> tuple[list[str], list[str]]:
    """(fonts, images) a stylesheet loads: each `@font-face`'s first `src` URL, and every other
    `url()` (of an `image-set()`, the first candidate of a supported type; of a property
    declared twice in a rule, the later declaration's, which is the one a browser uses)."""
    fonts: list[str] = []
    images: list[str] = []

    def values(tokens: Iterable[Any], into: list[str], first_only: bool = False) -> None:
        for t in tokens:
            if t.type == "url":
                into.append(t.value)
                if first_only:
                    return
            elif t.type == "function":
                name = t.lower_name
                if name in ("url", "src"):
                    strings = [a.value for a in t.arguments if a.type == "string"]
                    into.extend(strings[:1])
                    if first_only and strings:
                        return
                elif name in ("image-set", "-webkit-image-set"):
                    for option in _split_tokens(t.arguments):
                        if _option_type(option) in _SUPPORTED_TYPES:
                            url = _option_url(option)
                            if url:
                                into.append(url)
                            break
                    if first_only:
                        return
                else:
                    values(t.arguments, into, first_only)
            elif t.type in ("() block", "[] block", "{} block"):
                values(t.content, into, first_only)

    def rules(nodes: Iterable[Any], font_face: bool = False) -> None:
        for node in nodes:
            if node.type == "at-rule":
                if node.content is None:
                    continue
                if node.lower_at_keyword == "font-face":
                    for decl in tinycss2.parse_blocks_contents(node.content):
                        if decl.type == "declaration" and decl.lower_name == "src":
                            values(decl.value, fonts, True)
                elif node.lower_at_keyword in ("media", "supports", "layer", "container", "scope"):
                    rules(tinycss2.parse_blocks_contents(node.content))
            elif node.type == "qualified-rule":
                body = tinycss2.parse_blocks_contents(node.content)
                rules([n for n in body if n.type != "declaration"])
                last: dict[str, list[str]] = {}  # a later declaration of a property wins
                for decl in body:
                    if decl.type == "declaration":
                        last[decl.lower_name] = urls = []
                        values(decl.value, urls)
                for urls in last.values():
                    images.extend(urls)

    rules(tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True))
    return fonts, images


def _option_type(option: list[Any]) -> str:
    for a in option:
        if a.type == "function" and a.lower_name == "type":
            return "".join(x.value for x in a.arguments if x.type == "string").lower()
    return ""


def _option_url(option: list[Any]) -> str | None:
    for a in option:
        if a.type in ("url", "string"):
            return a.value
        if a.type == "function" and a.lower_name in ("url", "src"):
            strings = [x.value for x in a.arguments if x.type == "string"]
            if strings:
                return strings[0]
    return None


def _split_tokens(tokens: list[Any]) -> list[list[Any]]:
    out: list[list[Any]] = [[]]
    for t in tokens:
        if t.type == "literal" and t.value == ",":
            out.append([])
        elif t.type not in ("whitespace", "comment"):
            out[-1].append(t)
    return [o for o in out if o]


# -- the report ----------------------------------------------------------------------------------


def _resolve(url: str, referrer: str, base: str) -> str | None:
    """The output path a URL written in the file `referrer` points at, or None (external)."""
    parts = urlsplit(url)
    if parts.scheme or url.startswith("//"):
        if base.startswith(("http://", "https://")) and url.startswith(base):
            return posixpath.normpath(unquote(urlsplit(url[len(base) :]).path)).lstrip("/")
        return None
    path = unquote(parts.path)
    if not path:
        return None
    if path.startswith("/"):
        prefix = base if base.startswith("/") else "/"
        if not path.startswith(prefix):
            return None
        path = path[len(prefix) :]
    else:
        path = posixpath.join(posixpath.dirname(referrer), path)
    path = posixpath.normpath(path)
    if path.startswith("..") or path == ".":
        return None
    return path


def _static_imports(manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    """Output file of each chunk → the output files it imports statically."""
    entries = manifest.get("entries", {})
    out: dict[str, list[str]] = {}
    for entry in entries.values():
        file = entry.get("file")
        if file and file.endswith(".js"):
            out[file] = [entries[k]["file"] for k in entry.get("imports", ()) if k in entries]
    return out


def _script_images(manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    """Output file of each chunk → the images it names (an imported image's URL, `new URL()`),
    as the manifest lists them: its `assets`, in their processed form (an image's fallback)."""
    entries = manifest.get("entries", {})
    out: dict[str, list[str]] = {}
    for entry in entries.values():
        file = entry.get("file", "")
        if file.endswith(".js") and entry.get("assets"):
            files = (entries[k]["file"] for k in entry["assets"] if k in entries)
            out[file] = [f for f in files if kind(f) == "image"]
    return out


def _lazy_imports(manifest: Mapping[str, Any]) -> dict[str, list[str]]:
    entries = manifest.get("entries", {})
    return {
        e["file"]: [entries[k]["file"] for k in e.get("dynamicImports", ()) if k in entries]
        for e in entries.values()
        if e.get("file", "").endswith(".js")
    }


def _closure(start: Iterable[str], graph: Mapping[str, list[str]]) -> list[str]:
    seen: dict[str, None] = {}
    todo = list(start)
    while todo:
        f = todo.pop(0)
        if f in seen:
            continue
        seen[f] = None
        todo.extend(graph.get(f, ()))
    return list(seen)


def _figures(files: Iterable[str], sizes: Mapping[str, tuple[int, int, int]]) -> dict[str, int]:
    files = [f for f in dict.fromkeys(files) if f in sizes]
    return {
        "requests": len(files),
        "bytes": sum(sizes[f][0] for f in files),
        "gzip": sum(sizes[f][1] for f in files),
        "brotli": sum(sizes[f][2] for f in files),
    }


def page_report(
    page: str,
    file: str,
    texts: Mapping[str, str],
    sizes: Mapping[str, tuple[int, int, int]],
    imports: Mapping[str, list[str]],
    lazy: Mapping[str, list[str]],
    base: str,
    css_memo: dict | None = None,
    script_images: Mapping[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The report of one page: `page` its source path, `file` its output path; `texts` the
    output text files by path, `sizes` every output's (bytes, gzip, brotli); `imports`,
    `lazy` and `script_images` by chunk file, from the manifest."""
    found = read_page(texts[file])

    def out(urls: Iterable[str], referrer: str = file) -> list[str]:
        paths = (_resolve(u, referrer, base) for u in urls)
        return [p for p in dict.fromkeys(paths) if p is not None and p in sizes]

    stylesheets = out(found.css)
    blocking = out(found.blocking_css)
    entry_js = out(found.js)
    js = _closure(entry_js, imports)
    classic = out(found.classic_js)
    blocking_js = out(found.blocking_js)
    lazy_entries = [x for j in js for x in lazy.get(j, ())]
    lazy_js = [f for f in _closure(lazy_entries, imports) if f not in js]
    main = out([found.main_image] if found.main_image else [])
    preloaded_fonts = out(found.fonts)
    css_fonts: list[str] = []
    css_images: list[str] = []
    for sheet_text, referrer in [
        *((texts.get(s, ""), s) for s in stylesheets),
        *((t, file) for t in found.inlined_css),
    ]:
        fonts, images = css_urls(sheet_text, css_memo)
        css_fonts += out(fonts, referrer)
        css_images += out(images, referrer)
    images = out(found.images)
    images += [f for j in js for f in (script_images or {}).get(j, ()) if f in sizes]

    initial = [file, *blocking, *blocking_js, *js, *main, *preloaded_fonts]
    total = [
        *initial,
        *stylesheets,
        *classic,
        *css_fonts,
        *css_images,
        *images,
        *out(found.other),
    ]
    inlined = "".join(found.inlined_css).encode()
    css = _figures(stylesheets, sizes)
    if inlined:
        css["inlined_bytes"] = len(inlined)
        css["inlined_gzip"] = _gzip(inlined)
        css["gzip"] += css["inlined_gzip"]  # the budget counts CSS however it arrives
        css["brotli"] += _brotli(inlined)
        css["bytes"] += len(inlined)
    all_files = list(dict.fromkeys(total))
    return {
        "page": page,
        "file": file,
        "initial": _figures(initial, sizes),
        "total": _figures(total, sizes),
        "html": _figures([file], sizes),
        "css": css,
        "js": _figures([*js, *classic], sizes),
        "images": _figures([*images, *css_images, *main], sizes),
        "fonts": _figures([*preloaded_fonts, *css_fonts], sizes),
        "lazy_js": _figures(lazy_js, sizes),
        "render_blocking": blocking + blocking_js,
        "main_image": main[0] if main else None,
        "files": sorted(
            (
                {
                    "file": f,
                    "kind": kind(f),
                    "initial": f in initial,
                    "bytes": sizes[f][0],
                    "gzip": sizes[f][1],
                    "brotli": sizes[f][2],
                }
                for f in all_files
            ),
            key=lambda r: (-r["gzip"], r["file"]),
        ),
    }


def make_report(
    outputs: Sequence[OutputFile],
    manifest: Mapping[str, Any],
    pages: Sequence[str],
    base: str,
    sizes: Mapping[str, tuple[int, int, int]],
) -> dict[str, Any]:
    """The whole report: pages (largest total first) and every file's sizes (`sizes`: from
    `compressed_sizes`)."""
    entries = manifest.get("entries", {})
    texts = {
        o.path: o.data.decode("utf-8", "replace")
        for o in outputs
        if o.path.endswith((".html", ".css"))
    }
    imports = _static_imports(manifest)
    lazy = _lazy_imports(manifest)
    script_images = _script_images(manifest)
    rows = []
    css_memo: dict[str, tuple[list[str], list[str]]] = {}  # a stylesheet is read once
    for page in pages:
        file = entries.get(page, {}).get("file")
        if file in texts:
            rows.append(
                page_report(page, file, texts, sizes, imports, lazy, base, css_memo, script_images)
            )
    rows.sort(key=lambda r: (-r["total"]["gzip"], r["page"]))
    return {
        "version": VERSION,
        "reference": {
            "viewport": VIEWPORT,
            "dpr": DPR,
            "gzip_level": compression.GZIP_LEVEL,
            "brotli_quality": compression.BROTLI_QUALITY,
            "font": REFERENCE_FONT,
            "font_size_px": FONT_SIZE,
            "ch_px": CH,
            "ex_px": EX,
        },
        "pages": rows,
        "files": {
            o.path: {
                "bytes": sizes[o.path][0],
                "gzip": sizes[o.path][1],
                "brotli": sizes[o.path][2],
                "kind": kind(o.path),
            }
            for o in sorted(outputs, key=lambda o: o.path)
        },
    }
