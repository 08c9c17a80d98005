"""Render: give every discovered file its output form, with placeholders where references go.

Each reference span is replaced by a placeholder (`hashing.placeholder(i)`) followed by the
query and fragment the author wrote; placeholder i stands for `Rendered.links[i]`. Then, per role:
pages keep every other byte as written; stylesheets are checked and minified by Lightning CSS;
scripts are minified by rjsmin; manifests are re-serialised; other files are copied as bytes.

Output names come from one template, ``<assets_dir>/[name]-[hash][ext]``; `[name]` is the source
file's stem reduced to URL-safe characters, so no output URL ever needs escaping.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..cache import Cache, Memo
from ..css import minify as css_minify
from ..css import webfonts
from ..css.data_urls import extract_data_urls
from ..css.fonts import FontOptions
from ..css.imports import inline_imports
from ..css.inline import Styles
from ..diagnostics import Diagnostic, LineIndex, Location, error, warning
from ..html import webmanifest
from ..html.rewrite import render_page
from ..images import svg
from ..images.css import add_image_sets
from ..images.markup import MarkupOptions
from ..images.metadata import strip_location
from ..js import minify as js_minify
from ..js.bundle import Bundle
from ..rum import RumOptions
from ..rum import rendered as rum_script
from ..rum import tag as rum_tag
from .hashing import output_template, placeholder
from .locate import split_url
from .urls import page_url
from .values import Blob, Held, Link, Parsed, Ref, Rendered, Spooled, read_again


@dataclass(frozen=True, slots=True)
class RenderOptions:
    assets_dir: str
    base: str
    minify: bool
    import_map: bool = True
    critical: bool = True
    strategy: str = "media"
    inline_threshold: int = 2048
    critical_max: int = 14 * 1024  # bytes of gzip a page inlines at most; 0: no cap
    critical_include: tuple[str, ...] = ()
    critical_exclude: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    images: MarkupOptions = MarkupOptions()
    fonts: FontOptions = FontOptions()
    inline_limit: int = 4096  # a data: URL in a stylesheet with more bytes becomes a file
    rum: RumOptions = RumOptions()  # real-user monitoring's script tag in every page (`[rum]`)
    speculation: str = ""  # what pages with links get before `</head>` (`[prefetch]`)


def render(
    files: dict[str, Parsed],
    root: str,
    options: RenderOptions,
    cache: Cache,
    bundled: Bundle | None = None,
    scripts: dict | None = None,
    images: dict | None = None,
    produced: frozenset[str] = frozenset(),
    memo: Memo | None = None,
    store: Held | None = None,
) -> tuple[list[Rendered], list[Diagnostic]]:
    """Every file's output form: assets first, then stylesheets with their `@import`s inlined,
    then pages (which inline critical CSS from those stylesheets, and show `images`, the
    image stage's sets, in `<picture>`s). Files in `produced` the image stage made already.
    `store` keeps each page's rendered text and each file copied as bytes (in memory up to a
    limit, then on disk, so that 10,000 pages are not all in memory at once); by default, in
    memory. With `options.rum` on, pages end their `<head>` with the monitoring script's tag
    and the script is one more file (`assetpipe/rum`)."""
    diagnostics: list[Diagnostic] = []
    # CSS minification, critical CSS and font subsets come from (and go to) a remote cache as
    # one pack per set of stylesheets and options, which decide most of them
    stylesheets = sorted(f"{p}\0{f.text}" for p, f in files.items() if f.role == "css")
    if stylesheets:
        cache.open_group("styles", Cache.key("styles", repr(options), *stylesheets))
    rendered = _render_assets(files, root, options, cache, images, produced, diagnostics, store)
    sheets = inline_imports(
        {p: r for p, r in rendered.items() if p in files and files[p].role == "css"}
    )
    web_fonts = _web_fonts(sheets, rendered, files, options.fonts, cache, root, diagnostics)
    sheets = web_fonts.sheets
    rendered.update(sheets)
    styles = _styles(sheets, options, cache, memo) if options.critical else None
    for parsed in files.values():
        if parsed.role == "page":
            page = _render_page(
                parsed, root, options, bundled, scripts, images, sheets, styles, diagnostics
            )
            if page is not None:
                page = webfonts.rewrite_page(page, web_fonts)
                rendered[parsed.path] = _kept(page, store)
    if options.rum.endpoint:  # the script the pages load
        script = rum_script(options.assets_dir, options.minify)
        rendered[script.source] = script
    return list(rendered.values()), diagnostics


def _kept(page: Rendered, store: Held | None) -> Rendered:
    """The page with its text in `store`'s spool file, if it does not hold it in memory."""
    if store is None or not isinstance(page.text, str):
        return page
    kept = store.text(page.text)
    return replace(page, text=kept) if isinstance(kept, Spooled) else page


def _render_assets(
    files: dict[str, Parsed],
    root: str,
    options: RenderOptions,
    cache: Cache,
    images: dict | None,
    produced: frozenset[str],
    diagnostics: list[Diagnostic],
    store: Callable[[bytes], bytes | Blob] | None = None,
) -> dict[str, Rendered]:
    """Every file but pages (and what the image stage made): stylesheets with their large
    `data:` URLs as files of their own."""
    rendered: dict[str, Rendered] = {}
    for parsed in files.values():
        if parsed.role == "page" or parsed.path in produced:
            continue
        try:
            rendered[parsed.path], recovered = _render(parsed, root, options, cache, images, store)
            if parsed.role == "css":
                rendered[parsed.path], extracted = extract_data_urls(
                    rendered[parsed.path], options.inline_limit, options.assets_dir
                )
                rendered.update((f.source, f) for f in extracted)
            if recovered:
                diagnostics.append(_css_skipped(parsed, root))
        except css_minify.CssError as exc:
            diagnostics.append(_css_diagnostic(parsed, root, exc))
        except svg.SvgError as exc:
            diagnostics.append(_svg_diagnostic(parsed, root, exc))
    return rendered


def _styles(sheets: dict, options: RenderOptions, cache: Cache, memo: Memo | None) -> Styles:
    """What pages inline of the stylesheets (`css/inline.py`), minified as the build is."""
    return Styles(
        sheets,
        threshold=options.inline_threshold,
        cap=options.critical_max,
        include=options.critical_include,
        exclude=options.critical_exclude,
        readable=not options.minify,
        memo=memo.critical if memo is not None else None,
        cache=cache,
        cache_id=repr((options.minify, options.targets)),
        minify=lambda css: css_minify.minify(
            css,
            "critical CSS",
            cache,
            options.targets if options.minify else (),
            readable=not options.minify,
        ),
        compact=None if options.minify else lambda css: css_minify.minify(css, "stylesheet", cache),
    )


def _render_page(
    parsed: Parsed,
    root: str,
    options: RenderOptions,
    bundled: Bundle | None,
    scripts: dict | None,
    images: dict | None,
    sheets: dict,
    styles: Styles | None,
    diagnostics: list[Diagnostic],
) -> Rendered | None:
    """A page (`html/rewrite.py`), with its warnings located in its text; None, with an
    error, for a page whose file changed since discovery read it (its text is read again)."""
    text = _text_of(parsed)
    if text is None:
        diagnostics.append(
            error(
                "changed-during-build",
                f"{parsed.path} changed during the build",
                Location(os.path.join(root, parsed.path)),
                "build again",
            )
        )
        return None
    parsed = replace(parsed, text=text)
    warnings: list[tuple[str, str, int, int]] = []
    page = render_page(
        parsed,
        (scripts or {}).get(parsed.path),
        bundled.pages.get(parsed.path) if bundled else None,
        bundled.chunk_of if bundled else {},
        bundled.stable_paths if bundled else {},
        import_map=options.import_map,
        styles=styles,
        strategy=options.strategy,
        images=images,
        image_options=options.images,
        sheets=sheets,
        warnings=warnings,
        speculation=options.speculation,
        head=rum_tag(options.rum),
    )
    lines = LineIndex(text) if warnings else None
    for code, message, offset, length in warnings:
        where = lines.locate(os.path.join(root, parsed.path), offset, length)
        diagnostics.append(warning(code, message, where))
    return page


def _text_of(parsed: Parsed) -> str | None:
    """A file's text as discovery read it (from its file again, if discovery let it go);
    None if the file no longer holds it."""
    return read_again(parsed.text) if isinstance(parsed.text, Blob) else parsed.text or ""


def _web_fonts(sheets, rendered, files, options, cache, root, diagnostics) -> webfonts.WebFonts:
    """The stylesheets with web-font fallbacks (and, with `subset`, the font files cut down
    to what the pages show: they replace their files in `rendered`)."""
    pages = (  # (read one at a time: discovery may have let the pages' texts go)
        (_text_of(p) or "" for p in files.values() if p.role == "page") if options.subset else ()
    )
    found = webfonts.apply(sheets, rendered, pages, options, cache)
    rendered.update(found.files)
    for source, message in found.problems:
        diagnostics.append(
            warning(
                "font",
                f"no fallback or subset for the web font {source}: {message}",
                Location(os.path.join(root, source)),
            )
        )
    return found


_RASTER = (".jpg", ".jpeg", ".png", ".webp")


def _render(
    parsed: Parsed,
    root: str,
    options: RenderOptions,
    cache: Cache,
    images: dict | None = None,
    store: Callable[[bytes], bytes | Blob] | None = None,
) -> tuple[Rendered, bool]:
    """The file's output form, and whether parts of a stylesheet that browsers skip (and
    Lightning CSS refuses) were left out."""
    path = parsed.path
    output = path if parsed.role == "download" else output_template(path, options.assets_dir)
    if parsed.text is None:
        with open(os.path.join(root, path), "rb") as f:
            data = f.read()
        if path.lower().endswith(_RASTER) and not options.images.keep_location:  # no GPS
            data = strip_location(data)
        return Rendered(path, output, None, store(data) if store else data), False
    if parsed.role == "manifest":
        return _render_manifest(parsed, output, options), False
    text, links = _edit(parsed.text, parsed.refs)
    recovered = False
    if parsed.role == "css":
        if options.minify:
            text, recovered = css_minify.stylesheet(text, path, cache, options.targets)
        else:  # readable (`--no-minify`, watch): the author's text, once checked
            recovered = css_minify.check(text, path)
        if images:
            text, links = add_image_sets(text, links, images)
    elif parsed.role == "js-classic" and options.minify:
        text = js_minify.minify(text, cache)
    elif parsed.role == "svg" and options.minify:
        text = svg.minify(text)
    return Rendered(path, output, text, None, links), recovered


def _edit(text: str, refs: tuple[Ref, ...]) -> tuple[str, tuple[Link, ...]]:
    pieces: list[str] = []
    links: list[Link] = []
    pos = 0
    for ref in refs:  # sorted by start, non-overlapping
        raw = ref.raw
        if raw.start < pos:
            continue
        pieces.append(text[pos : raw.start])
        style = "module" if raw.kind in ("import", "dynamic-import") else "url"
        pieces.append(placeholder(len(links)) + ref.suffix)
        links.append(Link(ref.target, style, ref.public))
        pos = raw.end
    pieces.append(text[pos:])
    return "".join(pieces), tuple(links)


def _render_manifest(parsed: Parsed, output: str, options: RenderOptions) -> Rendered:
    by_url = {r.raw.url: r for r in parsed.refs}
    links: list[Link] = []

    def image_url(url: str) -> str | None:
        ref = by_url.get(url)
        if ref is None:
            return None
        links.append(Link(ref.target, "url", ref.public))
        return placeholder(len(links) - 1) + url[split_url(url) or len(url) :]

    def to_page(url: str) -> str:
        site_path = webmanifest.resolve_page(url, parsed.path)
        return page_url(site_path, posixpath.dirname(output), options.base)

    text = webmanifest.render(parsed.text or "", image_url, to_page, minify=options.minify)
    return Rendered(parsed.path, output, text, None, tuple(links))


def _css_diagnostic(parsed: Parsed, root: str, exc: css_minify.CssError) -> Diagnostic:
    """Locate a CSS error in the source as written (the checked text had placeholders in it)."""
    abspath = os.path.join(root, parsed.path)
    source = parsed.text or ""
    try:
        css_minify.check(source, parsed.path)
        located = exc
    except css_minify.CssError as original:
        located = original
    if located.line:
        loc = LineIndex(source).at(abspath, located.line, located.column)
    else:
        loc = LineIndex(source).locate(abspath, 0)
    return error("css-syntax", f"invalid CSS: {located.message}", loc)


def _css_skipped(parsed: Parsed, root: str) -> Diagnostic:
    """One warning per stylesheet for what was left out (vendor CSS may have dozens)."""
    source = parsed.text or ""
    spans = css_minify.skipped(source)
    start, end = spans[0] if spans else (0, 1)
    what = " ".join(source[start:end].split())
    if len(what) > 60:
        what = what[:57] + "..."
    more = f" (and {len(spans) - 1} more)" if len(spans) > 1 else ""
    return warning(
        "css-skipped",
        f"left out '{what}'{more}: browsers skip it (an old IE hack or an invalid media "
        "query) and Lightning CSS cannot parse it",
        LineIndex(source).locate(os.path.join(root, parsed.path), start, max(1, end - start)),
    )


def _svg_diagnostic(parsed: Parsed, root: str, exc: svg.SvgError) -> Diagnostic:
    """Locate an SVG error in the source as written (the parsed text had placeholders)."""
    source = parsed.text or ""
    try:
        svg.minify(source)
        located = exc
    except svg.SvgError as original:
        located = original
    abspath = os.path.join(root, parsed.path)
    loc = LineIndex(source).at(abspath, located.line, located.column)
    return error("svg-syntax", f"invalid SVG: {located.message}", loc)
