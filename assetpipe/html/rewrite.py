"""Pages: rewrite a page's references, in place, keeping every other byte as written.

Each reference span becomes a placeholder plus the query and fragment the author wrote. Module
scripts point at their chunks; an inline module script's text is replaced by its bundled code;
and before the first module script (or modulepreload) of the page go, in this order, the import
map (chunks by stable name, when on), `<link rel="modulepreload">` for every chunk the page's
entries import statically, and `<link rel="stylesheet">` for the CSS those chunks import.
Inserted lines take the indentation of the tag they precede.

With critical CSS on (`css/critical.py`), each stylesheet link becomes the page's critical CSS
in a `<style>` and a link that loads the whole stylesheet without blocking rendering, and the
web fonts the critical rules use for the page's first screen are preloaded before the first
of them.
"""

from __future__ import annotations

import json

from ..css.critical import Page
from ..css.fonts import fold_fonts
from ..css.inline import PageCritical, Styles
from ..images import markup
from ..images.css import add_image_sets
from ..images.layout import sizing, wrappable
from ..images.pagestyle import page_style
from ..js.bundle import PageBundle
from ..pipeline.hashing import (
    PLACEHOLDER,
    PLACEHOLDER_PREFIX,
    placeholder,
    shift_placeholders,
)
from ..pipeline.values import Link, Parsed, Rendered
from .refs import ABSOLUTE_KINDS, find_head_end
from .tokenize import tokenize


class _Edits:
    def __init__(self) -> None:
        self.edits: list[tuple[int, int, str, tuple[Link, ...]]] = []  # start, end, text, links

    def add(self, start: int, end: int, text: str, links: tuple[Link, ...] = ()) -> None:
        self.edits.append((start, end, text, links))

    def apply(self, text: str) -> tuple[str, tuple[Link, ...]]:
        pieces: list[str] = []
        links: list[Link] = []
        pos = 0
        for start, end, new, local in sorted(self.edits, key=lambda e: (e[0], e[1])):
            if start < pos:
                continue
            pieces.append(text[pos:start])
            pieces.append(shift_placeholders(new, len(links)) if local else new)
            links.extend(local)
            pos = end
        pieces.append(text[pos:])
        return "".join(pieces), tuple(links)


def render_page(
    parsed: Parsed,
    scripts,
    bundle: PageBundle | None,
    chunk_of: dict[str, str],
    stable_paths: dict[str, str],
    *,
    import_map: bool,
    styles: Styles | None = None,
    strategy: str = "media",
    images: dict | None = None,
    image_options: markup.MarkupOptions | None = None,
    sheets: dict | None = None,
    warnings: list[tuple[str, str, int, int]] | None = None,
    speculation: str = "",
    head: tuple[str, tuple[Link, ...]] | None = None,
) -> Rendered:
    """The page's output; what looks wrong in its markup goes to `warnings` as (code,
    message, offset, length) in its text. Edits, in order: every reference to a placeholder,
    stylesheet links to their critical CSS, inline modules to their code and the bundle's tags
    before the first module script, images, then the first-screen fonts' preloads; then, at the
    end of the head (`_add_to_head`), the `speculation` tags (`html/speculation.py`) of a page
    with links to pages and no speculation rules of its own, and `head`, the HTML (with its own
    placeholders and links) that every page gets there (`rum.tag`)."""
    text = parsed.text or ""
    head_end = scripts.head_end if scripts is not None else find_head_end(text)
    edits = _Edits()
    refs_at = {ref.raw.start: ref for ref in parsed.refs}
    _reference_edits(parsed, chunk_of, edits)
    css, linked = _page_css(parsed, scripts, bundle, styles, strategy, refs_at)
    first_style = -1  # where the page's first stylesheet is (font preloads go before it)
    if css is not None:
        for tag, ref in linked:
            html, links = css.link(
                ref.target, ref.suffix, tag.media, tag.others, _indentation(text, tag.start)
            )
            edits.add(tag.start, tag.end, html, links)
            first_style = tag.start if first_style < 0 else first_style
    if bundle is not None and scripts is not None:
        at = _script_edits(
            parsed, scripts, bundle, chunk_of, stable_paths, css, edits, import_map=import_map
        )
        if at >= 0 and first_style < 0 and bundle.css:
            first_style = at
    if images and scripts is not None:  # (also a page whose LCP is a CSS background)
        _images(
            parsed,
            scripts,
            refs_at,
            images,
            image_options or markup.MarkupOptions(),
            edits,
            sheets or {},
            bundle.css if bundle is not None else (),
            warnings if warnings is not None else [],
        )
    if css is not None and css.fonts and first_style >= 0:
        html, links = css.font_preloads()
        indent = _indentation(text, first_style)
        edits.add(first_style, first_style, "".join(line + "\n" + indent for line in html), links)
    if speculation and scripts is not None and scripts.page_links and not scripts.speculation_rules:
        _add_to_head(text, head_end, speculation, edits)
    if head is not None:
        _add_to_head(text, head_end, head[0], edits, head[1])
    new, links = edits.apply(text)
    if images and any(r.raw.kind == "css-url" and r.target in images for r in parsed.refs):
        new, links = _style_image_sets(new, links, images)  # a background in a <style> block
    stats = (
        (css.inlined, css.full_size, css.left_out) if css is not None and css.full_size else None
    )
    return Rendered(parsed.path, parsed.path, new, None, links, critical=stats)


def _reference_edits(parsed: Parsed, chunk_of: dict[str, str], edits: _Edits) -> None:
    """Each reference's URL becomes a placeholder (a module script's: its chunk's); a module
    no entry runs is left as written."""
    for ref in parsed.refs:
        raw = ref.raw
        target = ref.target
        if raw.module and not ref.public and target in chunk_of:
            target = chunk_of[target]
        elif raw.module and not ref.public and target not in chunk_of:
            continue  # a module no entry runs: left as written
        style = "module" if raw.kind in ("import", "dynamic-import") else "url"
        style = "absolute" if raw.kind in ABSOLUTE_KINDS else style  # for crawlers
        edits.add(
            raw.start, raw.end, placeholder(0) + ref.suffix, (Link(target, style, ref.public),)
        )


def _page_css(parsed: Parsed, scripts, bundle, styles, strategy: str, refs_at: dict):
    """(the page's critical CSS, or None without `styles`; the stylesheet links it replaces,
    as (tag, ref))."""
    if styles is None:
        return None, []
    linked = []
    for tag in scripts.stylesheets if scripts is not None else ():
        ref = refs_at.get(tag.href_start)
        if ref is not None and not ref.public and styles.has(ref.target):
            linked.append((tag, ref))
    wanted = [(ref.target, tag.media) for tag, ref in linked]
    if bundle is not None:
        wanted += [(s, None) for s in bundle.css if styles.has(s)]
    css = _PageCss(parsed.path, parsed.text or "", styles, strategy, parsed.refs, wanted)
    return css, linked


def _script_edits(
    parsed: Parsed,
    scripts,
    bundle: PageBundle,
    chunk_of: dict[str, str],
    stable_paths: dict[str, str],
    css,
    edits: _Edits,
    *,
    import_map: bool,
) -> int:
    """Inline modules replaced by their bundled code, and the import map, modulepreloads and
    chunk stylesheets before the first module script; returns where those went (-1: none)."""
    text = parsed.text or ""
    for key, start, end in scripts.inline:
        code = bundle.inline.get(key)
        if code is not None:
            edits.add(start, end, code.text or "", code.links)
    if not scripts.module_tags:
        return -1
    at = scripts.module_tags[0]
    indent = _indentation(text, at)
    preloaded = {
        chunk_of.get(r.target) for r in parsed.refs if r.raw.kind == "link" and r.raw.module
    }
    head, links = _head(bundle, stable_paths, preloaded, css, indent, import_map=import_map)
    if not head:
        return -1
    edits.add(at, at, "".join(line + "\n" + indent for line in head), links)
    return at


def _style_image_sets(text: str, links: tuple[Link, ...], images: dict):
    """The page's `<style>` blocks with an `image-set()` after each background whose image has
    modern variants, as stylesheets get (`images/css.py`)."""
    pieces: list[str] = []
    pos = 0
    for tag in tokenize(text):
        if tag.name != "style" or tag.content is None:
            continue
        start, end = tag.content
        if PLACEHOLDER_PREFIX not in text[start:end]:
            continue
        css, links = add_image_sets(text[start:end], links, images)
        pieces += [text[pos:start], css]
        pos = end
    if not pieces:
        return text, links
    pieces.append(text[pos:])
    return "".join(pieces), links


def _images(
    parsed: Parsed,
    scripts,
    refs_at,
    images: dict,
    options: markup.MarkupOptions,
    edits: _Edits,
    sheets: dict,
    bundle_css,
    warnings: list[tuple[str, str, int, int]],
) -> None:
    """`<img>` to `<picture>` where no rule would match differently (`images/layout.py`),
    else a bare `<img srcset>`; the likely LCP image (`images/lcp.py`) preloaded before
    `</head>`."""
    text = parsed.text or ""
    style = page_style(text, parsed.refs, scripts, sheets, bundle_css)
    main = markup.main_image(text, scripts.images, refs_at, images, options, style)
    if main.lazy >= 0:
        tag = next(t.img for t in scripts.images if t.img.start == main.lazy)
        warnings.append(
            (
                "lazy-lcp",
                "this image is likely the largest on a phone's first screen (the LCP), but "
                'loading="lazy" makes the browser wait for layout before fetching it: remove '
                'loading="lazy" (the build then preloads it with fetchpriority="high")',
                tag.start,
                tag.end - tag.start,
            )
        )
    candidates = [
        t.img.start for t in scripts.images if not t.in_picture and not t.img.has(markup.SKIP)
    ]
    wrap = wrappable(text, candidates, style)
    sized, fixed, ratio = sizing(
        text, [(t.img.start, t.img.has("width")) for t in scripts.images], style
    )
    preloads: list[tuple[str, tuple[Link, ...]]] = []
    if main.background is not None:
        preloads.append(markup.background_preload(images[main.background]))
    for tag in scripts.images:
        start = tag.img.start
        # before the main image (a header's logo): on the first screen, so not lazy
        early = start in main.early
        changes, preload, links = markup.rewrite(
            tag,
            text,
            refs_at,
            images,
            options,
            start == main.img,
            early,
            start in wrap,
            start in sized,
            start in fixed,
            start in ratio,
        )
        for start, end, html, local in changes:
            edits.add(start, end, html, local)
        if preload:
            preloads.append((preload, links))
    if scripts.head_end < 0:
        return
    for preload, links in preloads:
        _add_to_head(text, scripts.head_end, preload, edits, links)


class _PageCss:
    """A page's stylesheets made non-blocking, with the CSS the page needs inlined before each.

    Strategy "media": `<link rel="stylesheet" media="print" onload="this.media='all'">`;
    "preload": `<link rel="preload" as="style" onload="this.rel='stylesheet'">`; both with a
    `<noscript>` fallback. A stylesheet under the threshold replaces its link whole.
    """

    def __init__(
        self, path: str, html: str, styles: Styles, strategy: str, refs, wanted: list
    ) -> None:
        self.path = path
        self.wanted = wanted  # (stylesheet, media) of every link made non-blocking, in order
        self.critical: PageCritical | None = None
        self.styles = styles
        self.strategy = strategy
        self.page: Page | None = None
        self.html = html
        self.fonts: list[Link] = []
        self.shown: list[tuple[str, tuple[Link, ...]]] = []  # the inlined CSS, with its links
        self.preloaded = {r.target for r in refs if r.raw.kind == "link"}
        self.inlined = 0
        self.full_size = 0
        self.left_out = 0

    def link(
        self, source: str, suffix: str, media: str | None, others: str, indent: str
    ) -> tuple[str, tuple[Link, ...]]:
        styles = self.styles
        self.full_size += len(styles.sheets[source].text or "")
        if self.critical is None:
            self.critical = styles.page(self.path, self.html, self._page, self.wanted)
            self.left_out = self.critical.left_out
        part = self.critical.parts[(source, media)]
        text, links, fonts = part.text, part.links, part.fonts
        self.inlined += len(text)
        self.shown.append((text, tuple(links)))
        if part.whole:
            media_attr = f' media="{_attr(media)}"' if media else ""
            return f"<style{media_attr}>{text}</style>", tuple(links)
        for font in fonts:
            m = PLACEHOLDER.fullmatch(font)
            if (
                m
                and not links[int(m[1])].public
                and links[int(m[1])].target not in self.preloaded
                and links[int(m[1])] not in self.fonts
            ):
                self.fonts.append(links[int(m[1])])
        href = placeholder(len(links)) + suffix
        all_links = (*links, Link(source, "url"))
        extra = f" {others}" if others else ""
        restore = _attr(media or "all").replace("'", "\\'")
        if self.strategy == "preload":
            load = (
                f'<link rel="preload" as="style" href="{href}"'
                f"{f' media={chr(34)}{_attr(media)}{chr(34)}' if media else ''}{extra} "
                "onload=\"this.onload=null;this.rel='stylesheet'\">"
            )
        else:
            load = (
                f'<link rel="stylesheet" href="{href}" media="print"{extra} '
                f"onload=\"this.media='{restore}'\">"
            )
        fallback = (
            f'<noscript><link rel="stylesheet" href="{href}"'
            f"{f' media={chr(34)}{_attr(media)}{chr(34)}' if media else ''}{extra}>"
            "</noscript>"
        )
        style = f"<style>{text}</style>\n{indent}" if text else ""
        return f"{style}{load}\n{indent}{fallback}", all_links

    def _page(self) -> Page:
        if self.page is None:
            self.page = Page(self.html)
        return self.page

    def font_preloads(self) -> tuple[list[str], tuple[Link, ...]]:
        """Preloads of the fonts the inlined rules use that the first screen shows
        (`css/fonts.py`, `fold_fonts`): a font only text further down uses is not worth
        delaying the rest of the page for."""
        first_screen = set(fold_fonts(self.shown, self._page().tree))
        chosen = [link for link in self.fonts if link in first_screen]
        lines = []
        for i, link in enumerate(chosen):
            kind = _FONT_TYPES.get(link.target.rsplit(".", 1)[-1].lower(), "")
            type_attr = f' type="{kind}"' if kind else ""
            lines.append(
                f'<link rel="preload" href="{placeholder(i)}" as="font"{type_attr} crossorigin>'
            )
        return lines, tuple(chosen)


_FONT_TYPES = {"woff2": "font/woff2", "woff": "font/woff", "ttf": "font/ttf", "otf": "font/otf"}


def _attr(value: str | None) -> str:
    return (value or "").replace("&", "&amp;").replace('"', "&quot;")


def _head(
    bundle: PageBundle,
    stable_paths: dict[str, str],
    preloaded: set,
    css: _PageCss | None,
    indent: str,
    *,
    import_map: bool,
) -> tuple[list[str], tuple[Link, ...]]:
    lines: list[str] = []
    links: list[Link] = []

    def link(target: str, public: bool = False) -> str:
        links.append(Link(target, "url", public))
        return placeholder(len(links) - 1)

    if import_map and bundle.import_map:
        imports = {link(stable_paths[c], public=True): link(c) for c in bundle.import_map}
        lines.append('<script type="importmap">' + json.dumps({"imports": imports}) + "</script>")
    for chunk in bundle.preload:
        if chunk in preloaded:
            continue  # the author preloads it already
        lines.append(f'<link rel="modulepreload" href="{link(chunk)}">')
    for source in bundle.css:
        if css is not None and css.styles.has(source):
            html, local = css.link(source, "", None, "", indent)
            lines.append(shift_placeholders(html, len(links)))
            links.extend(local)
        else:
            lines.append(f'<link rel="stylesheet" href="{link(source)}">')
    return lines, tuple(links)


def _add_to_head(
    text: str, head_end: int, html: str, edits: _Edits, links: tuple[Link, ...] = ()
) -> None:
    """`html` (lines) at the end of the head: before `</head>` (at `head_end`), on lines of its
    own indented as the head's content when `</head>` is on a line of its own; in a page without
    `</head>`, before `<body>` (with its indentation), else at the end of the page."""
    at, closing = head_end, True
    if at < 0:
        at, closing = text.lower().find("<body"), False
    if at < 0:
        edits.add(
            len(text), len(text), ("\n" if text[-1:] not in ("", "\n") else "") + html + "\n", links
        )
        return
    line_start = text.rfind("\n", 0, at) + 1
    if line_start and text[line_start:at].strip() == "":
        indent = _head_indentation(text, line_start, at) if closing else text[line_start:at]
        lines = "".join(f"{indent}{line}\n" for line in html.split("\n"))
        edits.add(line_start, line_start, lines, links)
    else:
        edits.add(at, at, html.replace("\n", ""), links)


def _head_indentation(text: str, line_start: int, at: int) -> str:
    """The indentation of a line inserted before `</head>`, on its own line from `line_start`
    to `at`: the head's content's (the line above, when deeper), else two spaces more."""
    own = text[line_start:at]
    above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    indent = above[: len(above) - len(above.lstrip(" \t"))]
    return indent if len(indent) > len(own) and indent.startswith(own) else own + "  "


def _indentation(text: str, at: int) -> str:
    line_start = text.rfind("\n", 0, at) + 1
    prefix = text[line_start:at]
    return prefix if prefix.strip() == "" else ""
