"""Configuration: the typed schema, discovery of the file, `[env.NAME]` overrides, validation.

The schema is a set of frozen dataclasses, one per table; a field's metadata carries its
documentation and an optional check. Loading collects every problem (syntax, unknown keys with
the nearest known one, wrong types, bad values), each named by its dotted key, and raises one
`ConfigError` with all of them. Precedence: defaults < file < `[env.NAME]` < command-line flags.

Relative paths in the file are relative to the working folder, like the command-line defaults.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import os
import re
import tomllib
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import ConfigError, Diagnostic, LineIndex, Location, error, warning
from .report.budgets import PAGE_KEYS, check_limit

CONFIG_CANDIDATES = ("config/assetpipe.toml", "assetpipe.toml")
# Tables the product contract names that later versions fill in; until then they hold no keys.
FUTURE_TABLES: tuple[str, ...] = ()


def _doc(text: str, check: Any = None, **more: Any) -> dict[str, Any]:
    """A field's metadata: its documentation, an optional check of a value from the file, and
    `convert` (the file's value as the field holds it), `merge` (a table that flags add keys
    to instead of replacing it), `expected` (what a wrong type is told to be instead)."""
    return {"doc": text, "check": check, **more}


def _check_base(value: str) -> str | None:
    if value in ("", "./"):
        return None
    if value.startswith("/") or re.match(r"^https?://[^/]+", value):
        return None
    return "must be a path starting with '/', a URL (https://cdn.example.com/), or './'"


def _check_site_url(value: str) -> str | None:
    if value == "" or re.fullmatch(r"https?://[^/?#\s@]+(/[^?#\s]*)?", value):
        return None
    return "must be the site's address, such as 'https://example.com' (no query or fragment)"


def _check_define(value: dict) -> str | None:
    from .js.defines import json_text, key_problem

    problems = []
    for key, given in value.items():
        problem = key_problem(key) or json_text(given)[1]
        if problem:
            problems.append(f'"{key}": {problem}')
    return "; ".join(problems) or None


def _define_pairs(value: dict) -> tuple[tuple[str, str], ...]:
    from .js.defines import json_text

    return tuple(sorted((key, json_text(given)[0] or "") for key, given in value.items()))


def _check_env_prefix(value: list[str]) -> str | None:
    if "" in value:
        return "an empty prefix would put every variable of the .env files in the output"
    return None


def _check_entries(value: list[str]) -> str | None:
    for entry in value:
        if not entry or entry.startswith("/") or "\\" in entry or ".." in entry.split("/"):
            return (
                f"{entry!r}: must be a path or glob inside the source folder, such as 'src/main.ts'"
            )
    return None


def _check_dir_name(value: str) -> str | None:
    if not value or value.startswith(("/", ".")) or "\\" in value or ".." in value.split("/"):
        return "must be a relative folder name such as 'assets'"
    return None


@dataclass(frozen=True, slots=True)
class BuildConfig:
    src: str = field(default="site_src", metadata=_doc("Source folder (the site)."))
    out: str = field(
        default="dist",
        metadata=_doc(
            "Output folder, replaced whole on success. An existing folder is replaced only if "
            "assetpipe wrote it (it has `.assetpipe/manifest.json`) or it is empty."
        ),
    )
    cache_dir: str = field(
        default=".assetpipe-cache", metadata=_doc("Cache folder (safe to delete).")
    )
    base: str = field(
        default="/",
        metadata=_doc(
            "Public URL path the site is served from: `/`, `/docs/`, `https://cdn.example.com/`, "
            "or `./` for relative URLs everywhere (a site that works from any folder).",
            _check_base,
        ),
    )
    site_url: str = field(
        default="",
        metadata=_doc(
            'The site\'s address (`"https://example.com"`): the preview images of `<meta>` tags '
            "(`og:image`, `twitter:image`, ...) and the page URLs for crawlers (`og:url`, `<link "
            'rel="canonical">`) are written as absolute URLs under it, as crawlers need. Without '
            "it they are root-relative, with a `relative-preview` warning (a `base` that is a URL "
            "makes them absolute already).",
            _check_site_url,
        ),
    )
    public_dir: str = field(
        default="public",
        metadata=_doc(
            "Folder under the source folder copied byte for byte to the output root.",
            _check_dir_name,
        ),
    )
    assets_dir: str = field(
        default="assets", metadata=_doc("Output folder of the hashed files.", _check_dir_name)
    )
    minify: bool = field(
        default=True,
        metadata=_doc(
            "Minify CSS and JavaScript (`--no-minify` keeps them readable; CSS is still checked)."
        ),
    )
    sourcemap: bool = field(
        default=True,
        metadata=_doc("Write `assets/<chunk>-<hash>.js.map` beside every JavaScript chunk."),
    )
    development: bool = field(
        default=False,
        metadata=_doc(
            'A development build (what `watch` makes): the manifest says `"development": true` and '
            "`deploy` refuses to upload it."
        ),
    )
    inline_sourcemaps: bool = field(
        default=False,
        metadata=_doc(
            "Put each chunk's source map inside it as a `data:` URL instead of a `.map` file "
            "beside it (`watch` does)."
        ),
    )
    entries: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Scripts (`.js`, `.mjs`, `.ts`, `.tsx`, `.jsx`) and stylesheets (`.css`) to build "
            "without an HTML page naming them, for pages a server renders from templates: paths "
            'relative to the source folder, or globs (`"src/*.ts"`; `**` spans folders). Each '
            "is bundled, code-split with the others and the pages' scripts, and hashed; the "
            "manifest says which file each became.",
            _check_entries,
        ),
    )
    vite_manifest: bool = field(
        default=False,
        metadata=_doc(
            "Also write `.vite/manifest.json` in Vite's format, for the server integrations "
            "that read it (django-vite, vite_ruby, Laravel's). Chunks then import each other by "
            "their hashed names, as Vite's do, since those integrations print no import map "
            "(this turns `js.import_map` off)."
        ),
    )
    exclude: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Glob patterns (relative to the source folder, or file names) of files that are not "
            "part of the site."
        ),
    )
    define: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=_doc(
            "`[build.define]`: global expressions (`__APP_VERSION__`, `process.env.API`, "
            "`globalThis.DEBUG`) replaced by JSON values in every module; a string value is JSON "
            'text (`"__APP_VERSION__" = \'"1.2.0"\'`), other TOML values are taken as they are. '
            "`--define KEY=JSON` adds to it.",
            _check_define,
            convert=_define_pairs,
            merge=True,
            expected="""a table of JSON values ([build.define] "__DEV__" = false)""",
        ),
    )
    inline_limit: int = field(
        default=4096,
        metadata=_doc(
            "A `data:` URL in a stylesheet (a font, an image) whose data is over this many bytes "
            "becomes a hashed file the stylesheet's `url()` points at, as Vite's "
            "`assetsInlineLimit`; `0` extracts every one.",
            lambda value: None if value >= 0 else "must be 0 or more",
        ),
    )
    env_prefix: tuple[str, ...] = field(
        default=("VITE_", "PUBLIC_"),
        metadata=_doc(
            "Variables of the `.env` files whose names start with one of these reach "
            "`import.meta.env`; no other does (an empty prefix is refused).",
            _check_env_prefix,
        ),
    )


@dataclass(frozen=True, slots=True)
class JsConfig:
    import_map: bool = field(
        default=True,
        metadata=_doc(
            "Chunks import each other by stable names (`./ui.js`) that every page's `<script "
            'type="importmap">` maps to the hashed files, so a change to one module renames only '
            "its own chunk. `false`: chunks import hashed names directly (for runtimes without "
            "import maps, such as Node); `build.vite_manifest` turns it off."
        ),
    )
    tree_shaking: bool = field(
        default=True,
        metadata=_doc(
            'Drop top-level code nothing uses, and modules whose package declares `"sideEffects": '
            "false` when nothing from them is used."
        ),
    )
    vendor_chunk: bool = field(
        default=True,
        metadata=_doc(
            "Put the packages (`node_modules`) that a set of entries shares in a chunk of their "
            "own, apart from the app's code, so a change to the app leaves it cached."
        ),
    )


def _check_strategy(value: str) -> str | None:
    return None if value in ("media", "preload") else "must be 'media' or 'preload'"


def _check_targets(value: list[str]) -> str | None:
    if not value:
        return None
    import lightningcss  # only when there are targets to check

    try:
        lightningcss.process_stylesheet("", browsers_list=list(value))
    except ValueError as exc:
        return str(exc).replace("Validation of browsers_list failed: ", "")
    return None


def _check_size(value: int) -> str | None:
    return None if value >= 0 else "must be 0 or more"


# Vite 7's default `build.target`/`cssTarget`, 'baseline-widely-available': without targets,
# Lightning CSS assumes the newest browsers, drops fallbacks (`-webkit-backdrop-filter`,
# `height: 100vh` before `100dvh`) and prints media queries in range syntax (Safari 16.4+)
CSS_TARGETS = ("chrome 107", "edge 107", "firefox 104", "safari 16")


@dataclass(frozen=True, slots=True)
class CssConfig:
    critical: bool = field(
        default=True,
        metadata=_doc(
            "Inline each page's critical CSS and load the full stylesheets without "
            "blocking rendering."
        ),
    )
    critical_strategy: str = field(
        default="media",
        metadata=_doc(
            'How full stylesheets load: `"media"` (`media="print"`, switched to the link\'s own '
            'media on load) or `"preload"` (`rel="preload"`, made a stylesheet on load). Both '
            "add a `<noscript>` fallback; both use an inline `onload` attribute (allow it in a "
            "Content-Security-Policy, or turn `critical` off).",
            _check_strategy,
        ),
    )
    inline_threshold: int = field(
        default=2048,
        metadata=_doc(
            "A stylesheet of at most this many bytes once minified (also in a `--no-minify` build) "
            "replaces its link whole.",
            _check_size,
        ),
    )
    critical_max_kb: int = field(
        default=14,
        metadata=_doc(
            "A page inlines at most this many KB of gzip of critical CSS (what fits the first "
            "round trips); beyond it, the rules for what comes latest in the page stay in the "
            "stylesheets, and the summary says how much. `0`: no cap.",
            _check_size,
        ),
    )
    critical_include: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            "Rules whose selector contains one of these strings are always inlined: state that "
            'scripts add after load (the demo: `"aria-current"`).'
        ),
    )
    critical_exclude: tuple[str, ...] = field(
        default=(),
        metadata=_doc("Rules whose selector contains one of these strings are never inlined."),
    )
    targets: tuple[str, ...] = field(
        default=CSS_TARGETS,
        metadata=_doc(
            'Browserslist queries (`[">= 0.5%", "not dead"]`): Lightning CSS lowers and '
            "prefixes for them (colour functions, nesting, ...). The default is Vite 7's "
            "`baseline-widely-available`. `[]` lowers nothing and keeps the author's fallbacks and "
            "media queries as written. A `--no-minify` build (and `watch`) keeps the author's CSS, "
            "unlowered.",
            _check_targets,
        ),
    )


def _check_range(low: int, high: int):
    def check(value: int) -> str | None:
        return None if low <= value <= high else f"must be from {low} to {high}"

    return check


def _check_widths(value: list[int]) -> str | None:
    if not value or any(w <= 0 for w in value):
        return "must be a list of widths in pixels, such as [480, 960, 1440, 1920]"
    return None


def _check_formats(value: list[str]) -> str | None:
    wrong = [f for f in value if f not in ("avif", "webp")]
    return f"unknown format {wrong[0]!r} (avif, webp)" if wrong else None


def _check_priority(value: str) -> str | None:
    return None if value in ("auto", "off") else "must be 'auto' or 'off'"


@dataclass(frozen=True, slots=True)
class ImagesConfig:
    optimize: bool = field(
        default=True,
        metadata=_doc(
            "Make AVIF, WebP and optimised variants of the images pages show, and `<picture>` "
            "markup for them. `false`: images are copied as they are."
        ),
    )
    widths: tuple[int, ...] = field(
        default=(480, 960, 1440, 1920),
        metadata=_doc(
            "Widths of the variants; an image also gets its own width when it is below the "
            "largest, and is never upscaled.",
            _check_widths,
        ),
    )
    formats: tuple[str, ...] = field(
        default=("avif", "webp"),
        metadata=_doc(
            'Modern formats to make (`"avif"`, `"webp"`: either or both).', _check_formats
        ),
    )
    avif_quality: int = field(
        default=55, metadata=_doc("AVIF quality (1–100).", _check_range(1, 100))
    )
    avif_speed: int = field(
        default=6,
        metadata=_doc("AVIF encoder speed (0 slowest … 10 fastest).", _check_range(0, 10)),
    )
    webp_quality: int = field(
        default=80, metadata=_doc("WebP quality (1–100).", _check_range(1, 100))
    )
    webp_method: int = field(
        default=4, metadata=_doc("WebP effort (0 fastest … 6 slowest).", _check_range(0, 6))
    )
    jpeg_quality: int = field(
        default=82,
        metadata=_doc(
            "Quality of the JPEG fallbacks (PNG and GIF fallbacks are lossless).",
            _check_range(1, 100),
        ),
    )
    sizes: str = field(
        default="100vw",
        metadata=_doc(
            "The `sizes` of an image whose author gave none (lazy images get `auto, ` before it)."
        ),
    )
    lazy: bool = field(
        default=True,
        metadata=_doc('`loading="lazy" decoding="async"` on every image but the main one.'),
    )
    priority: str = field(
        default="auto",
        metadata=_doc(
            '`"auto"`: the page\'s likely main (LCP) image gets `fetchpriority="high"` and a '
            'preload; `"off"`: none does (an author\'s `fetchpriority="high"` still counts).',
            _check_priority,
        ),
    )
    jobs: int = field(
        default=0,
        metadata=_doc("Encoding processes; `0` is one per core (`--jobs`).", _check_range(0, 256)),
    )
    keep_location: bool = field(
        default=False,
        metadata=_doc(
            "Keep EXIF GPS and XMP in images copied as they are (icons, animated images, `optimize "
            "= false`); by default they are stripped losslessly (orientation kept). Variants never "
            "carry metadata."
        ),
    )


def _one_of(*choices: str):
    def check(value: str) -> str | None:
        shown = ", ".join(repr(c) for c in choices)
        return None if value in choices else f"must be one of {shown}"

    return check


def _check_prefix(value: str) -> str | None:
    if value.startswith("/") or "\\" in value or ".." in value.split("/"):
        return "must be a key prefix such as 'site/' (no leading '/', no '..')"
    return None


def _check_url(value: str) -> str | None:
    if value and not re.match(r"^https?://[^/]+", value):
        return "must be an http:// or https:// URL"
    return None


def _check_headers(value: dict) -> str | None:
    for glob, header in value.items():
        if not isinstance(header, str) or not header or "\n" in header:
            return f"{glob!r} must map to a header value (a non-empty string)"
    return None


@dataclass(frozen=True, slots=True)
class DeployConfig:
    bucket: str = field(default="", metadata=_doc("The bucket (`--bucket`); required to deploy."))
    prefix: str = field(
        default="",
        metadata=_doc(
            'Key prefix of the site in the bucket (`--prefix`, `"site/"`).', _check_prefix
        ),
    )
    region: str = field(
        default="", metadata=_doc("The bucket's region (`--region`); `\"\"` is the SDK's default.")
    )
    endpoint_url: str = field(
        default="",
        metadata=_doc(
            "An S3-compatible endpoint (`--endpoint-url`: Cloudflare R2, MinIO, Backblaze B2); "
            '`""` is AWS.',
            _check_url,
        ),
    )
    addressing_style: str = field(
        default="auto",
        metadata=_doc(
            '`"path"` (endpoint/bucket/key, for most S3-compatible stores such as MinIO), '
            '`"virtual"`, or `"auto"`.',
            _one_of("auto", "path", "virtual"),
        ),
    )
    concurrency: int = field(
        default=16, metadata=_doc("Uploads in flight at once.", _check_range(1, 128))
    )
    cache_control: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=_doc(
            "`Cache-Control` by glob over output paths, first match wins (a glob without `/` also "
            'matches the file name in any folder): `{ "sw.js" = "no-cache" }`.',
            _check_headers,
        ),
    )
    content_type: tuple[tuple[str, str], ...] = field(
        default=(),
        metadata=_doc(
            '`Content-Type` by glob over output paths, first match wins: `{ "*.data" = '
            '"application/octet-stream" }`.',
            _check_headers,
        ),
    )
    precompress: bool = field(
        default=False,
        metadata=_doc(
            "Upload text files (HTML, CSS, JavaScript, SVG, JSON, ...) and WebAssembly "
            "gzip-compressed (level 9), with `Content-Encoding: gzip`, for stores and CDNs that "
            "do not compress."
        ),
    )
    acl: str = field(
        default="",
        metadata=_doc('A canned ACL for every object (`"public-read"`); `""` sends none.'),
    )
    checksums: str = field(
        default="when_supported",
        metadata=_doc(
            'Request checksums: `"when_supported"` (the SDK\'s default) or `"when_required"`, '
            "for stores that reject the newest SDKs' default checksums (Cloudflare R2, Backblaze "
            "B2).",
            _one_of("when_supported", "when_required"),
        ),
    )
    retry_mode: str = field(
        default="standard",
        metadata=_doc(
            'botocore\'s retry mode: `"standard"`, or `"adaptive"` (which also slows down when '
            "throttled).",
            _one_of("standard", "adaptive"),
        ),
    )
    max_attempts: int = field(
        default=8,
        metadata=_doc(
            "Attempts per request, retries included (throttling, 5xx answers and dropped "
            "connections are retried with backoff).",
            _check_range(1, 50),
        ),
    )
    multipart_threshold: int = field(
        default=16,
        metadata=_doc("Files of at least this many MB go up in 8 MB parts.", _check_range(5, 5000)),
    )
    upload_manifest: bool = field(
        default=True,
        metadata=_doc(
            "Upload `.vite/manifest.json` (see `build.vite_manifest`) for servers that read it "
            "from the bucket; like a page, it is revalidated on every use (`public, max-age=0, "
            "must-revalidate`, or what `cache_control` gives it). `false` keeps it out of the "
            "bucket, for servers that read it from their own disk."
        ),
    )
    retain_days: int = field(
        default=7,
        metadata=_doc(
            "An old hashed file is deleted only once it has been unused for at least this many "
            "days (open tabs and cached pages still load it until then) ...",
            _check_range(0, 3650),
        ),
    )
    retain_deploys: int = field(
        default=3,
        metadata=_doc("... and none of the last this many deploys used it.", _check_range(1, 1000)),
    )
    max_deletes: int = field(
        default=256,
        metadata=_doc(
            "Most objects one deploy deletes, unless `--force`.", _check_range(0, 100000)
        ),
    )


@dataclass(frozen=True, slots=True)
class CdnConfig:
    provider: str = field(
        default="",
        metadata=_doc(
            '`"cloudfront"`, `"cloudflare"`, `"fastly"`, or `""` for none (`--cdn PROVIDER:ID`).',
            _one_of("", "cloudfront", "cloudflare", "fastly"),
        ),
    )
    id: str = field(
        default="",
        metadata=_doc("The CloudFront distribution id, Cloudflare zone id or Fastly service id."),
    )
    base_url: str = field(
        default="",
        metadata=_doc(
            "The site's public URL, for purges by URL (Cloudflare, Fastly): "
            '`"https://www.example.com"`.',
            _check_url,
        ),
    )
    wildcard_threshold: int = field(
        default=500,
        metadata=_doc(
            "CloudFront: more paths than this are purged as one wildcard (`/*`, or `/docs/*` under "
            "a `base` path); at most 3,000, the paths CloudFront lets a distribution have in "
            "progress (when earlier invalidations hold them, the paths go as the wildcard too).",
            _check_range(1, 3000),
        ),
    )
    fastly_purge: str = field(
        default="url",
        metadata=_doc(
            'Fastly: `"url"` purges each URL; `"surrogate-key"` purges by key (each object gets '
            "its path as `x-amz-meta-surrogate-key`; map it to `Surrogate-Key` in the service).",
            _one_of("url", "surrogate-key"),
        ),
    )
    soft_purge: bool = field(
        default=False,
        metadata=_doc("Fastly: mark stale instead of evicting (`Fastly-Soft-Purge: 1`)."),
    )
    api_url: str = field(
        default="",
        metadata=_doc(
            'The provider\'s API base URL, for a proxy; `""` is the official one.', _check_url
        ),
    )
    warm_url: str = field(
        default="",
        metadata=_doc(
            "Fetch the pages a deploy changed and their new initial assets through this URL "
            'after the purge (`--warm`), so the first visitors hit a warm cache: `"https://'
            'www.example.com/"`; `""` warms nothing. See the deploy guide.',
            _check_url,
        ),
    )
    warm_concurrency: int = field(
        default=6,
        metadata=_doc(
            "Warm-up requests in flight at once (`--warm-concurrency`); 6 is what a browser "
            "opens per host.",
            _check_range(1, 64),
        ),
    )


def _size_budget(value: str) -> str | None:
    return check_limit("page_total_gzip", value) if value else None


def _check_page_budgets(value: dict) -> str | None:
    for glob, table in value.items():
        if not isinstance(table, dict):
            return f'"{glob}": expected a table of budgets ({{ page_js_gzip = "100 KB" }})'
        for key, limit in table.items():
            if key not in PAGE_KEYS:
                hint = difflib.get_close_matches(key, PAGE_KEYS, n=1, cutoff=0.6)
                known = f"did you mean '{hint[0]}'?" if hint else f"known: {', '.join(PAGE_KEYS)}"
                return f'"{glob}": unknown budget {key!r}; {known}'
            problem = check_limit(key, limit)
            if problem:
                return f'"{glob}".{key}: {problem}'
    return None


def _check_float(value: float) -> str | None:
    return check_limit("cls", value)


@dataclass(frozen=True, slots=True)
class BudgetsConfig:
    page_js_gzip: str = field(
        default="",
        metadata=_doc(
            "Most JavaScript a page loads (its entry modules and their static imports; not "
            '`import()`), gzip: a size such as `"170 KB"`, `"1.5 MB"` or `"900 B"` (1 KB = 1,000 '
            'bytes; `KiB` is 1,024). `""`: no limit.',
            _size_budget,
        ),
    )
    page_css_gzip: str = field(
        default="",
        metadata=_doc(
            'Most CSS a page loads (stylesheets plus inlined CSS), gzip. `""`: no limit.',
            _size_budget,
        ),
    )
    page_total_gzip: str = field(
        default="",
        metadata=_doc(
            "Most bytes a first visit of a page transfers (text gzipped, images and fonts as they "
            'are). `""`: no limit.',
            _size_budget,
        ),
    )
    page_requests: int = field(
        default=0, metadata=_doc("Most requests a first visit of a page makes. `0`: no limit.")
    )
    asset_gzip: str = field(
        default="",
        metadata=_doc(
            "Largest transfer size of any one file under `assets/` (not the HTML, not source "
            'maps). `""`: no limit.',
            _size_budget,
        ),
    )
    lcp_ms: int = field(
        default=0,
        metadata=_doc(
            "Largest contentful paint in `assetpipe audit` (the median of its loads) and at the "
            "75th percentile of real visits (`assetpipe rum summarize`), in ms. `0`: no limit."
        ),
    )
    cls: float = field(
        default=0.0,
        metadata=_doc(
            "Cumulative layout shift in `assetpipe audit` (the median of its loads) and at the "
            "75th percentile of real visits (`assetpipe rum summarize`). `0`: no limit.",
            _check_float,
        ),
    )
    inp_ms: int = field(
        default=0,
        metadata=_doc(
            "Interaction to Next Paint at the 75th percentile of real visits (`assetpipe rum "
            'summarize`), in ms; web-vitals calls 200 ms or less "good". `0`: no limit.'
        ),
    )
    on_exceed: str = field(
        default="error",
        metadata=_doc(
            '`"error"`: an exceeded budget fails the build or audit (exit status 1; a failed build '
            'leaves the output as it was); `"warn"`: a warning.',
            _one_of("error", "warn"),
        ),
    )
    pages: tuple[tuple[str, dict], ...] = field(
        default=(),
        metadata=_doc(
            "Overrides by glob over page source paths, the first matching table wins: "
            '`[budgets.pages."gallery/*"]` with any of the `page_*` keys, `lcp_ms`, `cls` or '
            '`inp_ms`; `0` (or `""`) lifts a limit for these pages.',
            _check_page_budgets,
        ),
    )


@dataclass(frozen=True, slots=True)
class FontsConfig:
    fallbacks: bool = field(
        default=True,
        metadata=_doc(
            "Give every web font a metric-matched local fallback (`size-adjust`, "
            "`ascent-override`, `descent-override`, `line-gap-override` over Arial, Times New "
            "Roman or Courier New), named after it in every font list, so the swap to the web font "
            "moves nothing."
        ),
    )
    subset: bool = field(
        default=False,
        metadata=_doc(
            "Cut every web font down to the characters the site's pages show, with a "
            "`unicode-range` saying so; text that scripts add later may need characters it "
            "dropped."
        ),
    )


def _check_rum_endpoint(value: str) -> str | None:
    if value == "" or re.fullmatch(r"https?://[^/?#\s@]+(/\S*)?|/(?!/)\S*", value):
        return None
    return (
        "must be an absolute http:// or https:// URL ('https://rum.example.com/collect') or a "
        "path on the site starting with '/' ('/rum'), or '' for no monitoring"
    )


def _check_sample_rate(value: float) -> str | None:
    if 0 < value <= 1:
        return None
    return "must be a fraction of page views above 0 and at most 1 (0.1: one view in ten)"


@dataclass(frozen=True, slots=True)
class RumConfig:
    endpoint: str = field(
        default="",
        metadata=_doc(
            "Real-user monitoring: every page loads a small script (`assets/rum-<hash>.js`, "
            "async) that measures the page view's LCP, CLS, INP, FCP and TTFB and sends one "
            "JSON beacon to this URL when the page is hidden (`navigator.sendBeacon`): "
            '`"https://rum.example.com/collect"` or a path on the site such as `"/rum"`. '
            '`""`: nothing is injected. See docs/rum.md for what is collected.',
            _check_rum_endpoint,
        ),
    )
    sample_rate: float = field(
        default=1.0,
        metadata=_doc(
            "The fraction of page views measured (decided once per page load); the others "
            "observe nothing and send nothing. Above 0, at most 1.",
            _check_sample_rate,
            convert=float,
        ),
    )


def check_remote(value: str) -> str | None:
    if not value:
        return None
    if not re.match(r"^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?$", value):
        return "must be an S3 URL such as 's3://my-bucket/assetpipe-cache/' (or '' for none)"
    return None


@dataclass(frozen=True, slots=True)
class CacheConfig:
    remote: str = field(
        default="",
        metadata=_doc(
            "A shared cache in S3 (`s3://bucket/prefix/`) behind the local one, for CI runners "
            "that start empty: image encodes and module analyses are looked up locally, then "
            "there, and written to both. Also `--cache-remote` and `$ASSETPIPE_CACHE_REMOTE`.",
            check_remote,
        ),
    )
    mode: str = field(
        default="read-write",
        metadata=_doc(
            '`"read-write"` (main-branch CI), `"read-only"` (pull requests, forks: use what is '
            'there, write nothing) or `"off"`.',
            _one_of("read-write", "read-only", "off"),
        ),
    )
    endpoint_url: str = field(
        default="",
        metadata=_doc(
            "The remote's S3 endpoint, for S3-compatible stores (MinIO, R2); "
            "`$AWS_ENDPOINT_URL_S3` and `$AWS_ENDPOINT_URL` are honoured too. Credentials come "
            "from the standard AWS chain.",
            _check_url,
        ),
    )
    region: str = field(default="", metadata=_doc("The remote bucket's region (`AWS_REGION`)."))


def _check_url_globs(value: tuple[str, ...]) -> str | None:
    for glob in value:
        if not glob.startswith("/") or any(c in glob for c in " \t\n\\\"'<>`"):
            return f'{glob!r}: expected a URL path glob such as "/account/*" (starting with /)'
    return None


@dataclass(frozen=True, slots=True)
class PrefetchConfig:
    mode: str = field(
        default="prefetch",
        metadata=_doc(
            'What pages do with links to other pages of the site: `"prefetch"` (fetch the next '
            'page\'s HTML), `"prerender"` (load and render it in the background, so the click '
            'shows it at once), or `"off"`. Pages get a `<script type="speculationrules">`, and '
            "browsers without speculation rules a small script that prefetches links in the "
            "viewport when idle (not under Save-Data or on 2G).",
            _one_of("prefetch", "prerender", "off"),
        ),
    )
    eagerness: str = field(
        default="moderate",
        metadata=_doc(
            'When the browser acts, as the speculation rules spec defines it: `"immediate"` (as '
            'soon as the rules are seen), `"eager"`, `"moderate"` (on hover, on desktop; links '
            'in view for a while, on mobile), `"conservative"` (on pointer or touch down).',
            _one_of("immediate", "eager", "moderate", "conservative"),
        ),
    )
    exclude: tuple[str, ...] = field(
        default=(),
        metadata=_doc(
            'URL path globs never speculated on (`"/account/*"`, `"/logout"`; `*` matches any '
            "characters, `/` included). Links out of the site, to files that are not pages, "
            "with `rel=nofollow` or with `download` never are.",
            _check_url_globs,
        ),
    )


@dataclass(frozen=True, slots=True)
class Config:
    """The whole configuration, after discovery, env merge, validation and flags."""

    build: BuildConfig = field(default_factory=BuildConfig)
    js: JsConfig = field(default_factory=JsConfig)
    css: CssConfig = field(default_factory=CssConfig)
    fonts: FontsConfig = field(default_factory=FontsConfig)
    images: ImagesConfig = field(default_factory=ImagesConfig)
    deploy: DeployConfig = field(default_factory=DeployConfig)
    cdn: CdnConfig = field(default_factory=CdnConfig)
    budgets: BudgetsConfig = field(default_factory=BudgetsConfig)
    rum: RumConfig = field(default_factory=RumConfig)
    cache: CacheConfig = field(default_factory=CacheConfig)
    prefetch: PrefetchConfig = field(default_factory=PrefetchConfig)
    file: str | None = None  # the file it was read from, if any
    env: str | None = None

    @property
    def src(self) -> Path:
        return Path(self.build.src)

    @property
    def out(self) -> Path:
        return Path(self.build.out)

    @property
    def cache_dir(self) -> Path:
        return Path(self.build.cache_dir)


TABLES: dict[str, type] = {
    "build": BuildConfig,
    "js": JsConfig,
    "css": CssConfig,
    "fonts": FontsConfig,
    "images": ImagesConfig,
    "deploy": DeployConfig,
    "cdn": CdnConfig,
    "budgets": BudgetsConfig,
    "rum": RumConfig,
    "cache": CacheConfig,
    "prefetch": PrefetchConfig,
}


def find_config_file(explicit: str | None, cwd: Path) -> Path | None:
    """The file to read: `--config`, else `$ASSETPIPE_CONFIG`, else the first candidate present."""
    chosen = explicit or os.environ.get("ASSETPIPE_CONFIG") or None
    if chosen:
        path = cwd / chosen
        if not path.exists() or path.is_dir():  # (a device such as /dev/null reads as empty)
            how = "--config" if explicit else "$ASSETPIPE_CONFIG"
            what = "a folder" if path.is_dir() else "which does not exist"
            raise ConfigError([error("config-missing", f"{how} names {chosen}, {what}")])
        return path
    for candidate in CONFIG_CANDIDATES:
        if (cwd / candidate).is_file():
            return cwd / candidate
    return None


def load_config(
    config_file: str | None = None,
    env: str | None = None,
    overrides: dict[str, Any] | None = None,
    cwd: str | os.PathLike[str] | None = None,
) -> tuple[Config, list[Diagnostic]]:
    """Discover, read, merge and validate the configuration; returns it with any warnings.

    `overrides` maps dotted keys (``"build.out"``) to values from command-line flags; `None`
    values are ignored so that an absent flag never hides the file's value.
    """
    base = Path(cwd or os.getcwd())
    path = find_config_file(config_file, base)
    env = env or os.environ.get("ASSETPIPE_ENV") or None
    data: dict[str, Any] = {}
    problems: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    if path is not None:
        data = _read_toml(path)
    shown = str(path) if path else "configuration"

    envs = data.pop("env", {})
    if not isinstance(envs, dict):
        problems.append(
            error("config-type", "env: expected a table of [env.NAME] tables", Location(shown))
        )
        envs = {}
    for name, table in sorted(envs.items()):
        if not isinstance(table, dict):
            problems.append(error("config-type", f"env.{name}: expected a table", Location(shown)))
            continue
        _validate(table, f"env.{name}.", shown, problems)
    _validate(data, "", shown, problems)

    if env is not None:
        if env in envs and isinstance(envs[env], dict):
            data = _merge(data, envs[env])
        else:
            known = ", ".join(sorted(envs)) or "none"
            notes.append(
                warning(
                    "config-env",
                    f"no [env.{env}] table in {shown} (known: {known}); "
                    "using the base configuration",
                    None,
                )
            )
    if problems:
        raise ConfigError(problems)

    tables = {name: _instantiate(cls, data.get(name, {})) for name, cls in TABLES.items()}
    config = Config(**tables, file=str(path) if path else None, env=env)
    for dotted, value in sorted((overrides or {}).items()):
        if value is not None:
            config = _override(config, dotted, value)
    return config, notes


def _read_toml(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        loc = (
            LineIndex(text).at(str(path), int(match[1]), int(match[2]))
            if match
            else Location(str(path))
        )
        raise ConfigError([error("config-syntax", f"invalid TOML: {message}", loc)]) from None


def _validate(data: dict[str, Any], prefix: str, shown: str, problems: list[Diagnostic]) -> None:
    where = Location(shown)
    all_keys = {f"{t}.{f.name}" for t, cls in TABLES.items() for f in dataclasses.fields(cls)}
    for table, content in data.items():
        key = prefix + table
        if table in FUTURE_TABLES:
            if isinstance(content, dict) and content:
                problems.append(
                    error(
                        "config-unsupported",
                        f"[{key}] is not supported by this version of assetpipe yet "
                        f"(keys: {', '.join(sorted(content))})",
                        where,
                    )
                )
            continue
        if table not in TABLES:
            hint = _suggest(table, [*TABLES, *FUTURE_TABLES, "env"] if not prefix else [*TABLES])
            if not isinstance(content, dict):
                hint = hint or _suggest_dotted(table, all_keys)
            problems.append(error("config-unknown-key", f"unknown key '{key}'{hint}", where))
            continue
        if not isinstance(content, dict):
            problems.append(error("config-type", f"{key}: expected a table", where))
            continue
        fields = {f.name: f for f in dataclasses.fields(TABLES[table])}
        types = field_types(TABLES[table])
        for name, value in content.items():
            dotted = f"{key}.{name}"
            if name not in fields:
                hint = _suggest(name, list(fields)) or _suggest_dotted(name, all_keys)
                problems.append(error("config-unknown-key", f"unknown key '{dotted}'{hint}", where))
                continue
            problem = _check_value(fields[name], types[name], value)
            if problem:
                problems.append(error("config-value", f"{dotted}: {problem}", where))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# What a field of each type takes from the file: (accepts the value, what it expected instead).
# Keyed by the fields' real types (`typing.get_type_hints`); a test checks every field has one.
FILE_TYPES: dict[Any, tuple[Callable[[Any], bool], str]] = {
    bool: (lambda v: isinstance(v, bool), "true or false"),
    int: (_is_int, "an integer"),
    str: (lambda v: isinstance(v, str), "a string"),
    float: (lambda v: isinstance(v, int | float) and not isinstance(v, bool), "a number"),
    tuple[str, ...]: (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        "a list of strings",
    ),
    tuple[int, ...]: (lambda v: isinstance(v, list) and all(map(_is_int, v)), "a list of integers"),
    tuple[tuple[str, dict], ...]: (
        lambda v: isinstance(v, dict),
        'tables by glob ([budgets.pages."blog/*"])',
    ),
    tuple[tuple[str, str], ...]: (
        lambda v: isinstance(v, dict),
        'a table of strings ({ "*.html" = "..." })',
    ),
}


@functools.cache
def field_types(cls: type) -> dict[str, Any]:
    """The real type of each field of the table `cls` (its annotations are strings)."""
    return typing.get_type_hints(cls)


def _check_value(f: dataclasses.Field[Any], kind: Any, value: Any) -> str | None:
    """What is wrong with `value`, from the file, for the field `f` of type `kind`, if anything:
    its type first, then the field's own check."""
    accepts, expected = FILE_TYPES.get(kind, (None, ""))
    if accepts is not None and not accepts(value):
        return f"expected {f.metadata.get('expected', expected)}, got {_show(value)}"
    check = f.metadata.get("check")
    return check(value) if check else None


def _show(value: Any) -> str:
    kinds = {
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a table",
    }
    return f"{kinds.get(type(value), type(value).__name__)} ({value!r})"


def _suggest(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _suggest_dotted(name: str, dotted: set[str]) -> str:
    owners = sorted(k for k in dotted if k.split(".")[-1] == name)
    return f"; it belongs in '{owners[0]}'" if owners else ""


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _instantiate(cls: type, values: dict[str, Any]) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    converted = {}
    for k, v in values.items():
        convert = fields[k].metadata.get("convert")
        if convert is not None:
            converted[k] = convert(v)
        else:
            converted[k] = (
                tuple(v) if isinstance(v, list) else tuple(v.items()) if isinstance(v, dict) else v
            )
    return cls(**converted)


def _override(config: Config, dotted: str, value: Any) -> Config:
    table, key = dotted.split(".", 1)
    current = getattr(config, table)
    f = next(f for f in dataclasses.fields(current) if f.name == key)
    if f.metadata.get("merge"):  # `--define K=V`: one more key, the file's others kept
        value = tuple(sorted({**dict(getattr(current, key)), **dict(value)}.items()))
    return dataclasses.replace(config, **{table: dataclasses.replace(current, **{key: value})})


def describe() -> list[tuple[str, str, str]]:
    """(dotted key, default, documentation) for every key: the configuration reference."""
    rows = []
    for table, cls in TABLES.items():
        for f in dataclasses.fields(cls):
            default = f.default if f.default is not dataclasses.MISSING else f.default_factory()
            rows.append((f"{table}.{f.name}", repr(default), f.metadata.get("doc", "")))
    return rows
