"""Every element's computed style and box, read from one headless Chromium over DevTools.

:class:`Chromium` keeps one browser (:class:`assetpipe.lab.cdp.Browser`, the project's own
DevTools client) and opens a fresh tab per load: the viewport is emulated before navigating
(1280x900 as a desktop, 390x844 as a phone), the HTTP cache is off, and :data:`SNAPSHOT` runs
once the page has loaded. It waits for the stylesheets (a built page swaps its non-blocking
``<link media="print" onload>`` in on load), two frames and ``document.fonts.ready`` twice (a
swapped-in stylesheet can start new font loads), then freezes every animation (transitions
finished, keyframe animations paused at 250 ms, so ``animate.css`` gives the same transform on
both sides), and returns:

- ``props``: the computed properties read (every longhand Chromium lists, custom properties
  aside: their computed value is their token text, which a minifier rewrites; what they do
  shows in the properties that use them);
- ``elements``: ``[path, label, values, box, pseudo]`` for ``<html>``, ``<body>`` and every
  element in the body, in document order. ``path`` names an element by tag and position among
  its kept siblings of that tag (``html>body>main[0]>img[2]``), seeing through ``<picture>``
  (so an ``<img>`` that assetpipe wrapped keeps its path) and leaving out what assetpipe adds
  and what never renders (``<link>``, ``<style>``, ``<script>``, ``<noscript>``,
  ``<source>``, ``<template>``, ``<picture>``). ``box`` is ``getBoundingClientRect()`` in page
  coordinates (to 0.01 px; :mod:`.compare` sees a box move when an edge moved 0.5 px);
  ``pseudo`` has the full computed style of ``::before`` and ``::after`` (when they generate
  content), ``::marker`` (list items), ``::placeholder`` (inputs with a placeholder) and
  ``::file-selector-button``;
- ``fonts``: the web fonts that loaded (family, weight, style);
- ``sheets``: the stylesheets in effect (their URL and media, ``inline`` for ``<style>``).

:meth:`Page.force_states` turns transitions off (the final snapshot compared them already),
then forces ``:hover`` on every element of the body and ``:focus`` / ``:focus-visible`` on
links and form controls (CSS.forcePseudoState) for a second snapshot of the same load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from assetpipe.lab.cdp import Browser, CdpError, find_browser

VIEWPORTS: dict[str, tuple[int, int, bool]] = {
    "1280x900": (1280, 900, False),
    "390x844": (390, 844, True),
}

SNAPSHOT = r"""(async (wait) => {
  const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const fonts = () => Promise.race([document.fonts.ready, new Promise((r) => setTimeout(r, 3000))]);
  if (wait) {
    if (document.readyState !== "complete") {
      await new Promise((r) => addEventListener("load", r, { once: true }));
    }
    await frames(); await fonts(); await frames(); await fonts();
  }
  await frames();  // forced states too: their animations and transitions must have started
  for (const a of document.getAnimations()) {
    try {
      if (a instanceof CSSTransition) a.finish(); else { a.pause(); a.currentTime = 250; }
    } catch (e) { try { a.cancel(); } catch (e2) {} }
  }
  const SKIP = new Set(["link", "style", "script", "noscript", "source", "template", "meta",
                        "title", "base"]);
  const props = [...getComputedStyle(document.documentElement)].filter((p) => !p.startsWith("--"));
  const read = (cs) => props.map((p) => cs.getPropertyValue(p));
  const hundredth = (v) => Math.round(v * 100) / 100;
  const kids = (el) => {
    const out = [];
    for (const c of el.children) {
      if (SKIP.has(c.localName)) continue;
      if (c.localName === "picture") out.push(...kids(c)); else out.push(c);
    }
    return out;
  };
  const elements = [];
  const visit = (el, path) => {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const box = [hundredth(r.left + scrollX), hundredth(r.top + scrollY), hundredth(r.width),
                 hundredth(r.height)];
    const pseudo = {};
    for (const p of ["::before", "::after"]) {
      const ps = getComputedStyle(el, p);
      if (ps.content !== "none" && ps.content !== "normal") pseudo[p] = read(ps);
    }
    if (cs.display.includes("list-item")) {
      pseudo["::marker"] = read(getComputedStyle(el, "::marker"));
    }
    if (el.hasAttribute("placeholder")) {
      pseudo["::placeholder"] = read(getComputedStyle(el, "::placeholder"));
    }
    if (el.localName === "input" && el.type === "file") {
      pseudo["::file-selector-button"] = read(getComputedStyle(el, "::file-selector-button"));
    }
    const classes = (el.getAttribute("class") || "").trim().split(/\s+/).filter(Boolean);
    const label = [el.localName, ...classes].join(".") + (el.id ? "#" + el.id : "");
    elements.push([path, label, read(cs), box, pseudo]);
    if (el === document.documentElement) { visit(document.body, path + ">body"); return; }
    const seen = {};
    for (const c of kids(el)) {
      const n = seen[c.localName] || 0;
      seen[c.localName] = n + 1;
      visit(c, `${path}>${c.localName}[${n}]`);
    }
  };
  visit(document.documentElement, "html");
  const loaded = [...document.fonts].filter((f) => f.status === "loaded");
  const face = (f) => `${f.family.replace(/^["']|["']$/g, "")} ${f.weight} ${f.style}`;
  const fontList = [...new Set(loaded.map(face))].sort();
  const sheets = [...document.styleSheets].map((s) => [s.href || "inline", s.media.mediaText]);
  const text = JSON.stringify({ props, elements, fonts: fontList, sheets });
  return text.replaceAll(location.origin, "");
})"""

NO_TRANSITIONS = """(() => {
  const style = document.createElement("style");
  style.textContent = "*, ::before, ::after, ::marker, ::placeholder, ::file-selector-button " +
    "{ transition: none !important; }";
  document.head.append(style);
  return getComputedStyle(document.body).color;
})()"""

# Forced for the "hover" snapshot: :hover everywhere, focus on what takes focus.
FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]"


class BrowserMissing(Exception):
    """No Chromium on this machine."""


@dataclass
class Page:
    """One loaded tab; :meth:`snapshot` reads it, :meth:`close` closes it."""

    browser: Browser
    target: str
    session: str

    def evaluate(self, expression: str, timeout: float = 90) -> Any:
        result = self.browser.call(
            "Runtime.evaluate",
            self.session,
            timeout=timeout,
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CdpError(f"page script failed: {text}")
        return result["result"].get("value")

    def snapshot(self, *, wait: bool = True) -> dict[str, Any]:
        return json.loads(self.evaluate(f"{SNAPSHOT}({'true' if wait else 'false'})"))

    def force_states(self) -> None:
        """Force :hover on every element of the body, and :focus / :focus-visible on links and
        form controls (all at once: a check of every :hover and :focus rule, not a real
        pointer)."""
        call, session = self.browser.call, self.session
        # transitions off first, so the forced states apply at once (transitions of
        # ::file-selector-button and other pseudo-elements are not in getAnimations(), so they
        # cannot be finished); the final snapshot compared transition-* already
        self.evaluate(NO_TRANSITIONS)
        call("DOM.enable", session)
        call("CSS.enable", session)
        root = call("DOM.getDocument", session, depth=0)["root"]["nodeId"]
        hover = call("DOM.querySelectorAll", session, nodeId=root, selector="body, body *")
        focus = set(
            call("DOM.querySelectorAll", session, nodeId=root, selector=FOCUSABLE)["nodeIds"]
        )
        for node in hover["nodeIds"]:  # sent without waiting: the session answers in order
            states = ["hover", "focus", "focus-visible"] if node in focus else ["hover"]
            self.browser.send(
                "CSS.forcePseudoState", session, nodeId=node, forcedPseudoClasses=states
            )
        call("Runtime.evaluate", session, expression="0", timeout=120)

    def close(self) -> None:
        try:
            self.browser.call("Target.closeTarget", targetId=self.target)
        finally:
            self.browser.forget(self.session)


class Chromium:
    """One headless Chromium for many loads (use as a context manager)."""

    def __init__(self, executable: str | None = None) -> None:
        path = find_browser(executable)
        if path is None:
            raise BrowserMissing("no Chromium on PATH (chromium, chromium-browser, google-chrome)")
        self.browser = Browser.launch(path)

    def open(self, url: str, viewport: str, *, timeout: float = 60) -> Page:
        """A new tab at ``viewport`` (a key of :data:`VIEWPORTS`) that has loaded ``url``."""
        width, height, mobile = VIEWPORTS[viewport]
        call = self.browser.call
        target = call("Target.createTarget", url="about:blank")["targetId"]
        session = call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        page = Page(self.browser, target, session)
        try:
            call(
                "Emulation.setDeviceMetricsOverride",
                session,
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=mobile,
            )
            call("Network.enable", session)
            call("Network.setCacheDisabled", session, cacheDisabled=True)
            call("Page.enable", session)
            seen = len(self.browser.events(session))
            call("Page.navigate", session, url=url)

            def loaded(events: list[dict[str, Any]]) -> bool:
                return any(e["method"] == "Page.loadEventFired" for e in events[seen:])

            if not self.browser.wait(loaded, session, timeout):
                raise CdpError(f"{url} did not load in {timeout:.0f} s")
        except BaseException:
            page.close()
            raise
        return page

    def close(self) -> None:
        self.browser.close()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
