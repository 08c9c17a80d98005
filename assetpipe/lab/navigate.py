"""`assetpipe audit --navigations`: a visitor on one page clicks a link to the next, and the
next page's paint is measured from the click, with the site's speculation rules and without.

One navigation, in a fresh browser context under the audit's throttling:
1. load page A and wait until its network is quiet;
2. move the mouse over A's link to B (what `eagerness = "moderate"` waits for) and wait until
   the browser says its speculation is ready (or failed; at most `DWELL_TIMEOUT`), then until
   the network is quiet again;
3. click it, as a mouse does, and wait until B is the page shown, loaded and quiet;
4. read B's metrics from its buffered performance entries, as web-vitals reports them for a
   prerendered page: LCP and FCP from activation (`startTime - activationStart`, at least 0).

Chromium runs prerenders only for a DevTools client attached to the *tab* (a client attached
to the page would not see the prerendered page become the tab's page), so the audit attaches
to the tab and lets it attach to its pages: the page shown, and a prerendered page, which gets
the same throttling as soon as it starts (it waits for the debugger) so that both navigations
load under the same network and CPU.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

from .cdp import Browser, CdpError
from .measure import (
    QUIET,
    NetworkQuiet,
    PageFailed,
    Throttle,
    emulation,
    open_page,
    worst_shift_window,
)

DWELL_TIMEOUT = 15.0  # seconds to wait for a speculation to be ready after the hover
LOAD_TIMEOUT = 60.0

# The page's links with a box, in document order: [href, x, y] of each one's centre once it is
# scrolled into view (read one at a time, since scrolling moves the others).
LINKS_JS = r"""
JSON.stringify([...document.querySelectorAll("a[href]")]
  .filter((a) => a.getClientRects().length)
  .map((a) => a.href))
"""

POINT_JS = r"""
((href) => {
  const a = [...document.querySelectorAll("a[href]")]
    .find((a) => a.href === href && a.getClientRects().length);
  if (!a) return null;
  a.scrollIntoView({ block: "center", inline: "nearest" });
  const r = a.getClientRects()[0];
  return JSON.stringify([r.left + Math.min(r.width / 2, 20), r.top + r.height / 2]);
})
"""

# In every document of the tab, before its own scripts: whether it started as a prerender.
STARTED_JS = "window.__assetpipePrerendering = document.prerendering === true;"

# B's metrics from its buffered entries (`takeRecords` right after `observe` returns them).
METRICS_JS = r"""
(() => {
  const nav = performance.getEntriesByType("navigation")[0] || {};
  const out = { activation: nav.activationStart || 0, type: nav.type || null,
                started: window.__assetpipePrerendering === true, fcp: null, lcp: null,
                shifts: [] };
  const read = (type, handle) => {
    try {
      const o = new PerformanceObserver(() => {});
      o.observe({ type, buffered: true });
      o.takeRecords().forEach(handle);
      o.disconnect();
    } catch (e) {}
  };
  read("paint", (e) => { if (e.name === "first-contentful-paint") out.fcp = e.startTime; });
  read("largest-contentful-paint", (e) => { out.lcp = e.startTime; });
  read("layout-shift", (e) => { if (!e.hadRecentInput) out.shifts.push([e.startTime, e.value]); });
  return JSON.stringify(out);
})()
"""


@dataclass(frozen=True, slots=True)
class Navigation:
    """One click from a page to the next, measured on the next page."""

    lcp_ms: float | None  # from activation (a prerendered page) or from the navigation's start
    fcp_ms: float | None
    cls: float
    prerendered: bool  # activationStart > 0: the page was prerendered before the click
    started_prerendering: bool  # `document.prerendering` was true when the page started
    speculation: str  # what Chromium reported for the link's URL: "Ready", "Failure: ...", ""

    def to_json(self) -> dict[str, Any]:
        return {
            "lcp_ms": None if self.lcp_ms is None else round(self.lcp_ms, 1),
            "fcp_ms": None if self.fcp_ms is None else round(self.fcp_ms, 1),
            "cls": round(self.cls, 4),
            "prerendered": self.prerendered,
            "started_prerendering": self.started_prerendering,
            "speculation": self.speculation,
        }


class _Tab:
    """A fresh browser context's tab, attached as a tab, with its pages' sessions."""

    def __init__(self, browser: Browser, preset: Throttle) -> None:
        self.browser = browser
        self.preset = preset
        self.context = browser.call("Target.createBrowserContext")["browserContextId"]
        self.page_target = browser.call(
            "Target.createTarget", url="about:blank", browserContextId=self.context
        )["targetId"]
        tabs = browser.call("Target.getTargets", filter=[{"type": "tab"}])["targetInfos"]
        tab = next(t for t in tabs if t.get("browserContextId") == self.context)
        attached = browser.call("Target.attachToTarget", targetId=tab["targetId"], flatten=True)
        self.session = attached["sessionId"]
        self.pages: dict[str, str] = {}  # target id -> session id, of the tab's pages
        self.status: dict[str, str] = {}  # URL -> the last speculation status Chromium reported
        self._lock = threading.Lock()
        browser.on_event(self.session, self._attached)
        browser.call(
            "Target.setAutoAttach",
            self.session,
            autoAttach=True,
            waitForDebuggerOnStart=True,
            flatten=True,
        )
        deadline = time.monotonic() + 10
        while self.page_target not in self.pages:
            if time.monotonic() > deadline:
                raise CdpError("the tab's page was not attached")
            time.sleep(0.02)
        self.page = self.pages[self.page_target]
        self.setup(self.page, wait=True)

    def _attached(self, event: dict[str, Any]) -> None:
        """On the reader thread: a page of the tab (the one shown, or a prerender) attached;
        throttle it like the first, then let it run. Must not wait for replies."""
        if event["method"] != "Target.attachedToTarget":
            return
        params = event["params"]
        info = params["targetInfo"]
        if info.get("type") != "page":
            return
        session = params["sessionId"]
        with self._lock:
            self.pages[info["targetId"]] = session
        if info["targetId"] != self.page_target:
            self.setup(session, wait=False)
        if params.get("waitingForDebugger"):
            self.browser.send("Runtime.runIfWaitingForDebugger", session)

    def _speculation(self, event: dict[str, Any]) -> None:
        if event["method"] in ("Preload.prerenderStatusUpdated", "Preload.prefetchStatusUpdated"):
            self._status(event["params"])

    def _status(self, params: dict[str, Any]) -> None:
        url = params.get("key", {}).get("url") or params.get("prefetchUrl") or ""
        status = params.get("status", "")
        reason = params.get("prerenderStatus") or params.get("prefetchStatus") or ""
        if status == "Failure" and reason:
            status = f"Failure: {reason}"
        with self._lock:
            self.status[url] = status

    def setup(self, session: str, wait: bool) -> None:
        """The audit's throttling and screen on a page's session (from an event handler,
        `wait=False`: without waiting for the replies)."""
        commands = [
            *emulation(self.preset),
            ("Page.addScriptToEvaluateOnNewDocument", {"source": STARTED_JS}),
            ("Preload.enable", {}),
        ]
        for method, params in commands:
            if wait:
                self.browser.call(method, session, **params)
            else:
                self.browser.send(method, session, **params)

    def close(self) -> None:
        for session in [self.session, *self.pages.values()]:
            self.browser.forget(session)
        try:
            self.browser.call("Target.disposeBrowserContext", browserContextId=self.context)
        except CdpError:
            if self.browser.process.poll() is None:
                raise


def page_links(browser: Browser, url: str, preset: Throttle) -> list[str]:
    """The URLs of the links of the page at `url` that have a box, in document order."""
    tab = _Tab(browser, preset)
    try:
        open_page(browser, tab.page, url, LOAD_TIMEOUT)
        return json.loads(_evaluate(tab, tab.page, LINKS_JS))
    finally:
        tab.close()


def navigate(
    browser: Browser,
    url: str,
    link: str,
    preset: Throttle,
    timeout: float = LOAD_TIMEOUT,
    before_click: Callable[[], None] | None = None,
) -> Navigation:
    """Load `url`, hover its link to `link`, click it once the browser's speculation (if any)
    is ready, and measure the page it shows. `before_click` runs just before the click (a
    trace starts there: `bench/scripts/activation_trace.py`)."""
    tab = _Tab(browser, preset)
    try:
        open_page(browser, tab.page, url, timeout)
        for event in browser.events(tab.page):  # statuses reported before the handler was set
            if event["method"].startswith("Preload.") and "StatusUpdated" in event["method"]:
                tab._status(event["params"])
        browser.on_event(tab.page, tab._speculation)
        point = _evaluate(tab, tab.page, f"({POINT_JS})({json.dumps(link)})")
        if point is None:
            raise PageFailed(f"{url} has no visible link to {link}")
        x, y = json.loads(point)
        _mouse(tab, "mouseMoved", x, y)
        _settle(tab, link)
        if before_click is not None:
            before_click()
        _mouse(tab, "mousePressed", x, y)
        _mouse(tab, "mouseReleased", x, y)
        session = _shown(tab, link, timeout)
        metrics = json.loads(_evaluate(tab, session, METRICS_JS))
        activation = metrics["activation"] or 0.0

        def since_activation(value: float | None) -> float | None:
            return None if value is None else max(0.0, value - activation)

        worst = worst_shift_window([(t, v, ()) for t, v in metrics["shifts"]])
        return Navigation(
            lcp_ms=since_activation(metrics["lcp"]),
            fcp_ms=since_activation(metrics["fcp"]),
            cls=sum(value for _, value, _ in worst),
            prerendered=activation > 0,
            started_prerendering=metrics["started"],
            speculation=tab.status.get(link, ""),
        )
    finally:
        tab.close()


def _settle(tab: _Tab, link: str) -> None:
    """After the hover: until the speculation for `link` is ready or has failed (or, when
    none starts within a second, a page without rules), then until the network is quiet."""
    started = time.monotonic()
    while time.monotonic() - started < DWELL_TIMEOUT:
        time.sleep(0.05)
        status = tab.status.get(link, "")
        if status == "Ready" or status.startswith("Failure"):
            break
        if not status and time.monotonic() - started > 1.0:
            break
    tab.browser.wait(NetworkQuiet(), tab.page, DWELL_TIMEOUT)


def _shown(tab: _Tab, link: str, timeout: float) -> str:
    """The session of the page the tab shows once it is `link`, loaded and quiet."""
    browser = tab.browser
    deadline = time.monotonic() + timeout
    want = urldefrag(link).url
    while time.monotonic() < deadline:
        with tab._lock:
            sessions = list(tab.pages.values())
        for session in reversed(sessions):  # the newest page first: a prerender activated
            try:
                state = _evaluate(
                    tab,
                    session,
                    "JSON.stringify([location.href, document.prerendering === true,"
                    " document.readyState, document.visibilityState])",
                    timeout=2,
                )
            except (CdpError, PageFailed):
                continue  # a page that went away
            href, prerendering, ready, visibility = json.loads(state)
            if (
                urldefrag(href).url == want
                and not prerendering
                and ready == "complete"
                and visibility == "visible"
            ):
                browser.wait(NetworkQuiet(), session, max(QUIET, deadline - time.monotonic()))
                return session
        time.sleep(0.05)
    raise PageFailed(f"the click did not show {link} within {timeout:.0f} s")


def _mouse(tab: _Tab, kind: str, x: float, y: float) -> None:
    params: dict[str, Any] = {"type": kind, "x": x, "y": y}
    if kind != "mouseMoved":
        params.update(button="left", clickCount=1)
    tab.browser.call("Input.dispatchMouseEvent", tab.page, **params)


def _evaluate(tab: _Tab, session: str, expression: str, timeout: float = 30.0) -> Any:
    reply = tab.browser.call(
        "Runtime.evaluate",
        session,
        timeout=timeout,
        expression=expression,
        returnByValue=True,
        awaitPromise=True,
    )
    if "exceptionDetails" in reply:
        raise PageFailed(f"a script of the audit failed: {reply['exceptionDetails'].get('text')}")
    return reply.get("result", {}).get("value")
