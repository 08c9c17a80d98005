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

An image with a `srcset` counts once, as the candidate the reference browser picks. Requests
count files (one request each); external URLs are not counted.

This module assembles the report; its parts are `loads.py` (what a page's HTML and CSS load),
`browser.py` (the reference browser: its window, media queries, `sizes` and `srcset`, the
initial font) and `sizes.py` (each output's bytes, gzip and Brotli sizes).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from .. import compression
from ..media_types import kind
from ..pipeline.values import OutputFile, data_bytes
from .browser import CH, DPR, EX, FONT_SIZE, REFERENCE_FONT, VIEWPORT
from .loads import css_urls, read_page

VERSION = 1


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


class _Texts(Mapping[str, str]):
    """The output pages and stylesheets as text, decoded when a page's report reads them (a
    stylesheet once): 10,000 pages decoded at once would double their memory."""

    def __init__(self, outputs: Sequence[OutputFile]) -> None:
        self._data = {o.path: o.data for o in outputs if o.path.endswith((".html", ".css"))}
        self._sheets: dict[str, str] = {}

    def __getitem__(self, path: str) -> str:
        found = self._sheets.get(path)
        if found is None:
            found = data_bytes(self._data[path]).decode("utf-8", "replace")
            if path.endswith(".css"):
                self._sheets[path] = found
        return found

    def __contains__(self, path: object) -> bool:
        return path in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


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
        css["inlined_gzip"] = len(compression.gzip(inlined))
        css["gzip"] += css["inlined_gzip"]  # the budget counts CSS however it arrives
        css["brotli"] += len(compression.brotli(inlined))
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
    `sizes.compressed_sizes`)."""
    entries = manifest.get("entries", {})
    texts = _Texts(outputs)
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
