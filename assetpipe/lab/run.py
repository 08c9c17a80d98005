"""`assetpipe audit`: load each page of a site in headless Chromium, throttled, and measure it.

The stages, in order:
1. find the site's pages: a build's HTML outputs from its manifest (keyed by source path, which
   budgets match), or, for a folder that is not a build, every `*.html` outside `public/` and
   `node_modules/` (root-absolute URLs then fall back to `public/`, as Vite's dev server does);
2. serve the folder on loopback the way a CDN serves it (`serve.StaticServer`);
3. load every page `runs` times, each time as a first visit in a fresh browser context, under
   a throttling preset (network latency and bandwidth, CPU slowdown, a viewport), and read its
   metrics once the load event fired and the network has been quiet for a second;
4. take each metric's median over the runs and check it against the `lcp_ms` and `cls` budgets.

The result is data (`AuditResult`); problems are diagnostics (no Chromium, a page that fails
to load, an exceeded budget). Nothing here prints.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urldefrag, urlsplit

from ..diagnostics import Diagnostic, Location, error, warning
from ..html.speculation import without_rules
from ..report.budgets import limits_for
from ..server.audit import StaticServer
from .cdp import Browser, CdpError, find_browser
from .measure import PRESETS, Load, PageFailed, Throttle, load_page
from .navigate import Navigation, navigate, page_links


@dataclass(frozen=True, slots=True)
class Page:
    path: str  # output path relative to the folder: "about/index.html"
    source: str  # source path (the manifest key) that budgets match; `path` when unbuilt
    url: str  # URL path relative to the base: "about/"


@dataclass(frozen=True, slots=True)
class Site:
    root: Path
    built: bool  # a build (has a manifest), else a source folder served as it is
    pages: tuple[Page, ...]
    src: Path  # where page sources live (for diagnostics)
    fallback: Path | None  # served at / when root has no such file (public/ of an unbuilt site)


@dataclass(frozen=True, slots=True)
class PageResult:
    """A page's medians over its loads (each metric's own median)."""

    page: str
    source: str
    fcp_ms: int | None
    lcp_ms: int | None
    cls: float
    bytes: int
    requests: int
    runs: tuple[Load, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "source": self.source,
            "fcp_ms": self.fcp_ms,
            "lcp_ms": self.lcp_ms,
            "cls": self.cls,
            "bytes": self.bytes,
            "requests": self.requests,
            "runs": [load.to_json() for load in self.runs],
        }


@dataclass(frozen=True, slots=True)
class NavigationResult:
    """A click from `page` to its first link to another page, measured on that page (medians
    over the runs), with the site's speculation rules and without them."""

    page: str  # the page clicked on (output path)
    source: str
    to: str  # the URL path of the page the link leads to
    lcp_ms: int | None  # with the rules: from activation when it was prerendered
    fcp_ms: int | None
    without_lcp_ms: int | None  # the same navigation, the pages served without the rules
    without_fcp_ms: int | None
    prerendered: int  # runs in which the next page was prerendered before the click
    runs: tuple[Navigation, ...]
    without: tuple[Navigation, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "source": self.source,
            "to": self.to,
            "lcp_ms": self.lcp_ms,
            "fcp_ms": self.fcp_ms,
            "without_speculation": {"lcp_ms": self.without_lcp_ms, "fcp_ms": self.without_fcp_ms},
            "prerendered_runs": self.prerendered,
            "runs": [n.to_json() for n in self.runs],
            "runs_without_speculation": [n.to_json() for n in self.without],
        }


@dataclass(frozen=True, slots=True)
class AuditResult:
    throttle: Throttle
    root: str
    built: bool
    url: str | None
    pages: tuple[PageResult, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    browser: str | None = None
    navigations: tuple[NavigationResult, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


Progress = Callable[[str, int, int], None]  # (page, run, runs)


def audit(
    config: Any,
    *,
    pages: tuple[str, ...] = (),
    throttle: str = "slow-4g",
    runs: int = 3,
    chromium: str | None = None,
    progress: Progress | None = None,
    navigations: bool = False,
) -> AuditResult:
    """Audit the folder `config.build.out` (built or not); see the module docstring. With
    `navigations`, each page's click to its first link to another page is measured too
    (`lab/navigate.py`), with the pages' speculation rules and without."""
    preset = PRESETS[throttle]
    root = Path(config.build.out)
    notes: list[Diagnostic] = []

    def failed(*diagnostics: Diagnostic, browser: str | None = None) -> AuditResult:
        return AuditResult(
            preset, str(root), False, None, (), (*notes, *diagnostics), browser=browser
        )

    site, problems = find_site(root, config, pages)
    if site is None or problems:
        return failed(*problems)
    executable = find_browser(chromium)
    if executable is None:
        return failed(no_browser(chromium))
    base = config.build.base
    if not (base.startswith("/") and base.endswith("/")):
        base = "/"
        if config.build.base.startswith(("http://", "https://")):
            notes.append(
                warning(
                    "audit-base",
                    f"build.base is the URL {config.build.base}: the audit serves the folder "
                    "at / on loopback, so files the pages load from that URL are not measured",
                )
            )
    results: list[PageResult] = []
    navigated: list[NavigationResult] = []
    diagnostics: list[Diagnostic] = []
    immutable = config.build.assets_dir if site.built else None
    with StaticServer(root, base=base, immutable_dir=immutable, fallback=site.fallback) as server:
        try:
            browser = Browser.launch(executable)
        except CdpError as exc:
            return failed(error("no-browser", f"cannot start Chromium: {exc}"), browser=executable)
        with browser:
            for page in site.pages:
                loads: list[Load] = []
                url = server.url + quote(page.url)
                for run in range(runs):
                    if progress is not None:
                        progress(page.path, run, runs)
                    try:
                        loads.append(load_page(browser, url, preset))
                    except (PageFailed, CdpError) as exc:
                        diagnostics.append(
                            error("page-load", f"{page.path}: {exc}", _location(site, page))
                        )
                        break
                if len(loads) == runs:
                    result = summarize(page, loads)
                    results.append(result)
                    diagnostics.extend(check_budgets(result, config.budgets, site, page))
                if browser.process.poll() is not None:
                    diagnostics.append(error("page-load", "Chromium exited during the audit"))
                    break
            if navigations and browser.process.poll() is None:
                with StaticServer(
                    root,
                    base=base,
                    immutable_dir=immutable,
                    fallback=site.fallback,
                    page_filter=without_rules,
                ) as plain:
                    moves, problems = _navigations(
                        browser, site, server, plain, preset, runs, progress
                    )
                navigated += moves
                diagnostics += problems
            if progress is not None:
                progress("", runs, runs)
    return AuditResult(
        preset,
        str(root),
        site.built,
        server.url,
        tuple(results),
        (*notes, *diagnostics),
        browser=executable,
        navigations=tuple(navigated),
    )


def _navigations(
    browser: Browser,
    site: Site,
    server: StaticServer,
    plain: StaticServer,
    preset: Throttle,
    runs: int,
    progress: Progress | None,
) -> tuple[list[NavigationResult], list[Diagnostic]]:
    """Each page's first link to another page of the site, clicked `runs` times on `server`
    (the pages as built) and as many on `plain` (the same pages without speculation rules),
    alternately, so that both see the same machine."""
    found: list[NavigationResult] = []
    problems: list[Diagnostic] = []
    screen = replace(preset, latency_ms=0, down_kbps=0, up_kbps=0, cpu_rate=1)
    for page in site.pages:
        url = server.url + quote(page.url)
        try:
            link = _next_page(server, url, page_links(browser, url, screen))
            if link is None:
                problems.append(
                    warning(
                        "audit-navigation",
                        f"{page.path}: no visible link to another page of the site to click",
                        _location(site, page),
                    )
                )
                continue
            with_rules: list[Navigation] = []
            without: list[Navigation] = []
            to = urlsplit(link).path
            for run in range(runs):
                if progress is not None:
                    progress(f"{page.path} -> {to}", run, runs)
                with_rules.append(navigate(browser, url, link, preset))
                plain_url, plain_link = (
                    plain.url + quote(page.url),
                    plain.url + link[len(server.url) :],
                )
                without.append(navigate(browser, plain_url, plain_link, preset))
        except (PageFailed, CdpError) as exc:
            problems.append(error("page-load", f"{page.path}: {exc}", _location(site, page)))
            if browser.process.poll() is not None:
                break
            continue
        found.append(_summarize_navigations(page, to, with_rules, without))
    return found, problems


def _next_page(server: StaticServer, url: str, links: list[str]) -> str | None:
    """The first link that leads to another page of the site served by `server`."""
    here = urldefrag(url).url
    for link in links:
        target = urldefrag(link).url
        parts = urlsplit(target)
        if target == here or not target.startswith(server.url) or parts.query:
            continue
        rel = unquote(parts.path)[len(server.base) :]
        file = server.find(rel)
        if file is not None and file.suffix == ".html":
            return target
    return None


def _summarize_navigations(
    page: Page, to: str, runs: list[Navigation], without: list[Navigation]
) -> NavigationResult:
    def median(values: list[float | None]) -> int | None:
        present = [v for v in values if v is not None]
        return round(statistics.median(present)) if present else None

    return NavigationResult(
        page=page.path,
        source=page.source,
        to=to,
        lcp_ms=median([n.lcp_ms for n in runs]),
        fcp_ms=median([n.fcp_ms for n in runs]),
        without_lcp_ms=median([n.lcp_ms for n in without]),
        without_fcp_ms=median([n.fcp_ms for n in without]),
        prerendered=sum(n.prerendered for n in runs),
        runs=tuple(runs),
        without=tuple(without),
    )


def no_browser(chromium: str | None) -> Diagnostic:
    if chromium:
        return error("no-browser", f"no Chromium at {chromium}: pass the path of an executable")
    return error(
        "no-browser",
        "no Chromium found: install it (Debian: apt-get install chromium) or pass --chromium PATH",
    )


# --- 1. the pages ---------------------------------------------------------------------------


def find_site(
    root: Path, config: Any, selected: tuple[str, ...] = ()
) -> tuple[Site | None, list[Diagnostic]]:
    """The site in `root` and the pages to audit (all, or those `selected` names)."""
    if not root.is_dir():
        return None, [
            error(
                "no-pages",
                f"{root} does not exist: build the site first (assetpipe build --out {root}), "
                "or pass --out with the folder to audit",
            )
        ]
    manifest = _read_manifest(root)
    if manifest is not None:
        pages = [
            Page(entry["file"], source, _url_path(entry["file"]))
            for source, entry in manifest.get("entries", {}).items()
            if isinstance(entry, dict) and str(entry.get("file", "")).endswith(".html")
        ]
        src = Path(config.build.src)
        site = Site(root, True, (), src if src.is_dir() else root, None)
    else:
        public = config.build.public_dir
        pages = [
            Page(rel, rel, _url_path(rel))
            for rel in (p.relative_to(root).as_posix() for p in root.rglob("*.html"))
            if not rel.startswith(public + "/")
            and "node_modules" not in rel.split("/")
            and not any(part.startswith(".") for part in rel.split("/"))
        ]
        fallback = root / public
        site = Site(root, False, (), root, fallback if fallback.is_dir() else None)
    pages.sort(key=lambda p: p.path)
    if not pages:
        return None, [error("no-pages", f"no pages (*.html) in {root}")]
    chosen, problems = select_pages(pages, selected, root, config.build.base)
    return Site(site.root, site.built, tuple(chosen), site.src, site.fallback), problems


def select_pages(
    pages: list[Page], selected: tuple[str, ...], root: Path, base: str = "/"
) -> tuple[list[Page], list[Diagnostic]]:
    """The pages `selected` names (`about/index.html`, `about/`, `/about`, `index.html`,
    `/`, or a URL path under `base`), in the order given; all pages when none are."""
    if not selected:
        return pages, []
    chosen: list[Page] = []
    problems: list[Diagnostic] = []
    for name in selected:
        wanted = urlsplit(name.strip()).path
        if base.startswith("/") and base != "/" and wanted.startswith(base):
            wanted = wanted[len(base) :]
        wanted = wanted.lstrip("/")
        candidates = {wanted, wanted.rstrip("/") + "/index.html", wanted + ".html"}
        if wanted in ("", "/"):
            candidates = {"index.html"}
        match = next((p for p in pages if p.path in candidates or p.source in candidates), None)
        if match is None:
            known = ", ".join(p.path for p in pages[:8]) + (", ..." if len(pages) > 8 else "")
            problems.append(error("no-pages", f"no page {name} in {root} (pages: {known})"))
        elif match not in chosen:
            chosen.append(match)
    return chosen, problems


def _read_manifest(root: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((root / ".assetpipe" / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _url_path(path: str) -> str:
    """The URL path of the page at output path `path`: `about/index.html` -> `about/`."""
    if path == "index.html":
        return ""
    if path.endswith("/index.html"):
        return path[: -len("index.html")]
    return path


def _location(site: Site, page: Page) -> Location:
    source = site.src / page.source
    return Location(str(source if source.is_file() else site.root / page.path))


# --- 4. medians and budgets -----------------------------------------------------------------


def summarize(page: Page, loads: list[Load]) -> PageResult:
    def median(values: list[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return statistics.median(present) if present else None

    fcp = median([load.fcp_ms for load in loads])
    lcp = median([load.lcp_ms for load in loads])
    return PageResult(
        page=page.path,
        source=page.source,
        fcp_ms=None if fcp is None else round(fcp),
        lcp_ms=None if lcp is None else round(lcp),
        cls=round(median([load.cls for load in loads]) or 0.0, 4),
        bytes=round(median([load.bytes for load in loads]) or 0),
        requests=round(median([load.requests for load in loads]) or 0),
        runs=tuple(loads),
    )


def check_budgets(result: PageResult, budgets: Any, site: Site, page: Page) -> list[Diagnostic]:
    """Diagnostics for the `lcp_ms` and `cls` budgets the page's medians exceed: errors, or
    warnings when `budgets.on_exceed` is "warn"."""
    limits = limits_for(budgets, page.source)
    make = warning if budgets.on_exceed == "warn" else error
    found = []
    if limits.lcp_ms is not None and result.lcp_ms is not None and result.lcp_ms > limits.lcp_ms:
        found.append(
            make(
                "budget",
                f"{page.path}: LCP {result.lcp_ms:,} ms is over the budget of "
                f"{limits.lcp_ms:,} ms ({limits.where('lcp_ms')})",
                _location(site, page),
                *_lcp_note(result),
            )
        )
    if limits.cls is not None and result.cls > limits.cls:
        found.append(
            make(
                "budget",
                f"{page.path}: CLS {result.cls:.3f} is over the budget of {limits.cls:g} "
                f"({limits.where('cls')})",
                _location(site, page),
            )
        )
    return found


def _lcp_note(result: PageResult) -> list[str]:
    load = min(result.runs, key=lambda r: abs((r.lcp_ms or 0) - (result.lcp_ms or 0)))
    if not load.lcp_element:
        return []
    what = load.lcp_element + (f" ({load.lcp_url})" if load.lcp_url else "")
    return [f"the largest contentful paint is {what}"]
