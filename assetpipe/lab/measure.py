"""One load of one page in Chromium, throttled, and its metrics: the throttling presets, the
script that records paint, LCP and layout-shift entries, network accounting, and CLS as
web-vitals computes it. Used by `run.audit` for every run of every page."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from .cdp import Browser, CdpError

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


class PageFailed(Exception):
    """A page did not load (navigation error, HTTP error status, timeout)."""


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


def emulation(preset: Throttle) -> list[tuple[str, dict[str, Any]]]:
    """The commands that put a page's session under `preset`: its network, CPU and screen."""
    commands: list[tuple[str, dict[str, Any]]] = [
        ("Network.enable", {}),
        ("Network.setCacheDisabled", {"cacheDisabled": False}),
    ]
    if preset.down_kbps:
        conditions = {
            "offline": False,
            "latency": preset.latency_ms,
            "downloadThroughput": preset.download,
            "uploadThroughput": preset.upload,
        }
        commands.append(("Network.emulateNetworkConditions", conditions))
    if preset.cpu_rate > 1:
        commands.append(("Emulation.setCPUThrottlingRate", {"rate": preset.cpu_rate}))
    screen = {
        "width": preset.width,
        "height": preset.height,
        "deviceScaleFactor": preset.scale,
        "mobile": preset.mobile,
    }
    return [*commands, ("Emulation.setDeviceMetricsOverride", screen), ("Page.enable", {})]


def open_page(browser: Browser, session: str, url: str, timeout: float) -> None:
    """Navigate the session's page to `url` and wait until it has fired its load event and its
    network has been quiet for `QUIET` seconds; PageFailed if it cannot load or is an HTTP
    error."""
    started = time.monotonic()
    navigation = browser.call("Page.navigate", session, url=url, timeout=timeout)
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
    browser.wait(NetworkQuiet(), session, max(0.0, timeout - (time.monotonic() - started)))


def _measure(browser: Browser, session: str, url: str, preset: Throttle, timeout: float) -> Load:
    def call(method: str, **params: Any) -> dict[str, Any]:
        return browser.call(method, session, **params)

    for method, params in emulation(preset):
        call(method, **params)
    call("Page.addScriptToEvaluateOnNewDocument", source=OBSERVER_JS)
    open_page(browser, session, url, timeout)

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


class NetworkQuiet:
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


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)
