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
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..budgets import limits_for
from ..diagnostics import Diagnostic, Location, error, warning
from .cdp import Browser, CdpError, find_browser
from .serve import StaticServer

LOAD_TIMEOUT = 60.0  # seconds for a page to fire its load event and go quiet
QUIET = 1.0  # seconds without a request in flight that end a load


@dataclass(frozen=True, slots=True)
class Throttle:
    """A throttling preset: network conditions, CPU slowdown and the emulated screen."""

    name: str
    latency_ms: float  # added to every request's round trip
    down_kbps: float  # 0: the network is not throttled
    up_kbps: float
    kbit: int  # bits in the source's kbit: 1,024 for Chrome DevTools, 1,000 for WebPageTest
    cpu_rate: float  # 4: the page's main thread runs four times slower
    width: int
    height: int
    scale: float  # device pixel ratio
    mobile: bool

    @property
    def download(self) -> float:
        """Bytes per second, as `Network.emulateNetworkConditions` takes them."""
        return self.down_kbps * self.kbit / 8

    @property
    def upload(self) -> float:
        return self.up_kbps * self.kbit / 8

    def describe(self) -> str:
        """`slow-4g: 562.5 ms latency, 1,474.56 kbit/s down, ...; 412x823 at 1.75x, mobile`."""
        screen = f"{self.width}x{self.height} at {self.scale:g}x{', mobile' if self.mobile else ''}"
        if not self.down_kbps:
            return f"{self.name}: no network or CPU throttling; {screen}"
        return (
            f"{self.name}: {self.latency_ms:g} ms latency, {self.down_kbps:,g} kbit/s down, "
            f"{self.up_kbps:,g} kbit/s up, {self.cpu_rate:g}x CPU slowdown; {screen}"
        )


PRESETS: dict[str, Throttle] = {
    # Chrome DevTools' "Slow 4G", Lighthouse's mobile default (DevTools throttling): 562.5 ms,
    # 1,474.56 kbit/s down, 675 kbit/s up (DevTools' kbit is 1,024 bits), 4x CPU, on
    # Lighthouse's mobile screen (a Moto G Power: 412x823 CSS px at 1.75x).
    "slow-4g": Throttle("slow-4g", 562.5, 1474.56, 675, 1024, 4, 412, 823, 1.75, True),
    # WebPageTest's "3G Fast": 150 ms, 1,600 kbit/s down, 768 kbit/s up; 4x CPU, same screen.
    "fast-3g": Throttle("fast-3g", 150, 1600, 768, 1000, 4, 412, 823, 1.75, True),
    # Unthrottled, on Lighthouse's desktop screen.
    "none": Throttle("none", 0, 0, 0, 1000, 1, 1350, 940, 1, False),
}

# Runs before any of the page's own scripts, in every document of the target: records paint,
# largest-contentful-paint and layout-shift entries (buffered: those before it ran too).
OBSERVER_JS = r"""
(() => {
  if (window !== window.top) return;
  const m = { fcp: null, lcp: null, lcpElement: null, lcpUrl: null, shifts: [], observers: [] };
  const describe = (el) => {
    if (!el) return null;
    let text = el.tagName.toLowerCase();
    if (el.id) text += "#" + el.id;
    for (const c of [...el.classList].slice(0, 2)) text += "." + c;
    return text;
  };
  const handlers = {
    paint: (e) => { if (e.name === "first-contentful-paint") m.fcp = e.startTime; },
    "largest-contentful-paint": (e) => {
      m.lcp = e.startTime; m.lcpElement = describe(e.element); m.lcpUrl = e.url || null;
    },
    "layout-shift": (e) => {
      if (e.hadRecentInput) return;
      const moved = (e.sources || []).map((s) => describe(s.node)).filter(Boolean);
      m.shifts.push([e.startTime, e.value, moved]);
    },
  };
  for (const [type, handle] of Object.entries(handlers)) {
    try {
      const o = new PerformanceObserver((list) => list.getEntries().forEach(handle));
      o.observe({ type, buffered: true });
      m.observers.push([o, handle]);
    } catch (e) {}
  }
  m.read = () => {
    for (const [o, handle] of m.observers) o.takeRecords().forEach(handle);
    return JSON.stringify({
      fcp: m.fcp, lcp: m.lcp, lcpElement: m.lcpElement, lcpUrl: m.lcpUrl, shifts: m.shifts,
    });
  };
  Object.defineProperty(window, "__assetpipeAudit", { value: m });
})();
"""


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
class Load:
    """One load of one page."""

    fcp_ms: float | None
    lcp_ms: float | None
    cls: float
    bytes: int  # transferred: encoded bodies plus headers
    requests: int
    lcp_element: str | None = None
    lcp_url: str | None = None
    shifted: tuple[str, ...] = ()  # elements that moved in the worst layout-shift window

    def to_json(self) -> dict[str, Any]:
        return {
            "fcp_ms": _round(self.fcp_ms, 1),
            "lcp_ms": _round(self.lcp_ms, 1),
            "cls": round(self.cls, 4),
            "bytes": self.bytes,
            "requests": self.requests,
            "lcp_element": self.lcp_element,
            "lcp_url": self.lcp_url,
            "shifted": list(self.shifted),
        }


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
class AuditResult:
    throttle: Throttle
    root: str
    built: bool
    url: str | None
    pages: tuple[PageResult, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    browser: str | None = None

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


class PageFailed(Exception):
    """A page did not load (navigation error, HTTP error status, timeout)."""


Progress = Callable[[str, int, int], None]  # (page, run, runs)


def audit(
    config: Any,
    *,
    pages: tuple[str, ...] = (),
    throttle: str = "slow-4g",
    runs: int = 3,
    chromium: str | None = None,
    progress: Progress | None = None,
) -> AuditResult:
    """Audit the folder `config.build.out` (built or not); see the module docstring."""
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


# --- 3. one load ----------------------------------------------------------------------------


def load_page(browser: Browser, url: str, preset: Throttle, timeout: float = LOAD_TIMEOUT) -> Load:
    """Load `url` once as a first visit (a fresh browser context: empty cache, no cookies, no
    open connections) under `preset`, and measure it."""
    context = browser.call("Target.createBrowserContext")["browserContextId"]
    try:
        target = browser.call("Target.createTarget", url="about:blank", browserContextId=context)[
            "targetId"
        ]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        try:
            return _measure(browser, session, url, preset, timeout)
        finally:
            browser.forget(session)
    finally:
        try:
            browser.call("Target.disposeBrowserContext", browserContextId=context)
        except CdpError:
            if browser.process.poll() is None:
                raise


def _measure(browser: Browser, session: str, url: str, preset: Throttle, timeout: float) -> Load:
    def call(method: str, **params: Any) -> dict[str, Any]:
        return browser.call(method, session, **params)

    call("Network.enable")
    call("Network.setCacheDisabled", cacheDisabled=False)
    if preset.down_kbps:
        call(
            "Network.emulateNetworkConditions",
            offline=False,
            latency=preset.latency_ms,
            downloadThroughput=preset.download,
            uploadThroughput=preset.upload,
        )
    if preset.cpu_rate > 1:
        call("Emulation.setCPUThrottlingRate", rate=preset.cpu_rate)
    call(
        "Emulation.setDeviceMetricsOverride",
        width=preset.width,
        height=preset.height,
        deviceScaleFactor=preset.scale,
        mobile=preset.mobile,
    )
    call("Page.enable")
    call("Page.addScriptToEvaluateOnNewDocument", source=OBSERVER_JS)

    started = time.monotonic()
    navigation = call("Page.navigate", url=url, timeout=timeout)
    if navigation.get("errorText"):
        raise PageFailed(f"cannot load {url}: {navigation['errorText']}")
    loaded = browser.wait(
        lambda events: any(e["method"] == "Page.loadEventFired" for e in events), session, timeout
    )
    if not loaded:
        raise PageFailed(f"did not fire its load event within {timeout:.0f} s ({url})")
    status = _document_status(browser.events(session), navigation.get("loaderId"))
    if status is not None and status >= 400:
        raise PageFailed(f"the server answered HTTP {status} for {url}")
    quiet = _NetworkQuiet()
    browser.wait(quiet, session, max(0.0, timeout - (time.monotonic() - started)))

    reply = call(
        "Runtime.evaluate",
        expression="window.__assetpipeAudit ? window.__assetpipeAudit.read() : null",
        returnByValue=True,
    )
    value = reply.get("result", {}).get("value")
    if not isinstance(value, str):
        raise PageFailed(f"the metrics could not be read from {url}")
    metrics = json.loads(value)
    requests, transferred = _network_totals(browser.events(session))
    worst = worst_shift_window([(t, v, tuple(moved)) for t, v, moved in metrics["shifts"]])
    return Load(
        fcp_ms=metrics["fcp"],
        lcp_ms=metrics["lcp"],
        cls=sum(value for _, value, _ in worst),
        shifted=tuple(dict.fromkeys(name for _, _, moved in worst for name in moved)),
        bytes=transferred,
        requests=requests,
        lcp_element=metrics["lcpElement"],
        lcp_url=_local(metrics["lcpUrl"], url),
    )


def _counted(url: str) -> bool:
    return not url.startswith(("data:", "blob:"))


class _NetworkQuiet:
    """True once no request has been in flight for `QUIET` seconds (re-checked as events come)."""

    def __init__(self) -> None:
        self.seen = 0
        self.in_flight: set[str] = set()
        self.changed = time.monotonic()

    def __call__(self, events: list[dict[str, Any]]) -> bool:
        for event in events[self.seen :]:
            method, params = event["method"], event["params"]
            if method == "Network.requestWillBeSent" and _counted(params["request"]["url"]):
                self.in_flight.add(params["requestId"])
            elif method in ("Network.loadingFinished", "Network.loadingFailed"):
                self.in_flight.discard(params["requestId"])
            else:
                continue
            self.changed = time.monotonic()
        self.seen = len(events)
        return not self.in_flight and time.monotonic() - self.changed >= QUIET


def _document_status(events: list[dict[str, Any]], loader: str | None) -> int | None:
    for event in events:
        params = event["params"]
        if (
            event["method"] == "Network.responseReceived"
            and params.get("type") == "Document"
            and (loader is None or params.get("loaderId") == loader)
        ):
            return int(params["response"]["status"])
    return None


def _network_totals(events: list[dict[str, Any]]) -> tuple[int, int]:
    """Requests made (each redirect hop counts) and bytes transferred (`encodedDataLength`:
    bodies as sent plus headers), leaving out `data:` and `blob:` URLs."""
    requests = 0
    counted: set[str] = set()
    transferred = 0
    for event in events:
        method, params = event["method"], event["params"]
        if method == "Network.requestWillBeSent" and _counted(params["request"]["url"]):
            requests += 1
            counted.add(params["requestId"])
        elif method == "Network.loadingFinished" and params["requestId"] in counted:
            transferred += int(params["encodedDataLength"])
    return requests, transferred


def _local(url: str | None, page_url: str) -> str | None:
    """An LCP image's URL, shortened to its path when it is on the audit's own server."""
    if not url:
        return None
    origin = urlsplit(page_url)
    parts = urlsplit(url)
    return parts.path if parts.netloc == origin.netloc else url


Shift = tuple[float, float, tuple[str, ...]]  # start ms, value, what moved


def worst_shift_window(shifts: list[Shift]) -> list[Shift]:
    """The session window of layout shifts with the largest sum, as web-vitals finds it: shifts
    less than 1 s apart, in a window at most 5 s long. CLS is its sum (0 with no shifts)."""
    best: list[Shift] = []
    window: list[Shift] = []
    for shift in sorted(shifts):
        start = shift[0]
        if window and start - window[-1][0] < 1000 and start - window[0][0] < 5000:
            window.append(shift)
        else:
            window = [shift]
        if sum(s[1] for s in window) > sum(s[1] for s in best):
            best = list(window)
    return best


def cumulative_layout_shift(shifts: list[tuple[float, float]]) -> float:
    """CLS of shifts (start ms, value): the sum of the worst session window."""
    return sum(s[1] for s in worst_shift_window([(t, v, ()) for t, v in shifts]))


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


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
