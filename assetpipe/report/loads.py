"""What a page loads, as written in its output HTML and CSS: the URLs a browser fetches, by role.

`read_page` reads a page's tags as the reference browser (`browser.py`) does: which
stylesheets and scripts block rendering, which modules, fonts, icons and images it loads (of
an image with a `srcset`, the candidate the reference browser picks), and its main image.
`css_urls` reads a stylesheet: the first source of each `@font-face`, and every other `url()`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import tinycss2

from ..html.tokenize import StartTag, tokenize
from .browser import DPR, SUPPORTED_IMAGE_TYPES, VIEWPORT, media_matches, pick_candidate


@dataclass
class PageLoads:
    """The URLs a page's HTML loads, by role, as written, in document order."""

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


def read_page(text: str, viewport: float = VIEWPORT, dpr: float = DPR) -> PageLoads:
    """The URLs a page's HTML loads, by role (as written, in document order)."""
    found = PageLoads()
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
                if type_ in SUPPORTED_IMAGE_TYPES and media_matches(source.get("media"), viewport):
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
                        if _option_type(option) in SUPPORTED_IMAGE_TYPES:
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
