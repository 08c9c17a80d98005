/* assetpipe real-user monitoring (docs/rum.md): one beacon per page view with the view's LCP,
   CLS, INP, FCP and TTFB, measured with PerformanceObserver as Google's web-vitals library
   (v4/v5) defines them, sent with navigator.sendBeacon when the page is first hidden.

   The page loads it as `<script async src=... data-endpoint data-sample-rate data-build>`.
   A page view not sampled observes nothing and sends nothing. A metric the browser does not
   report (no interaction: no INP; Safari and Firefox: no layout shifts, no LCP in Safari) is
   left out of the beacon, as is every metric of a page that was hidden before it happened. */
(() => {
  const config = document.currentScript?.dataset;
  if (!config || !(Math.random() < config.sampleRate) || !self.PerformanceObserver) return;

  const now = () => performance.now();
  const listen = (type, handler, options = true) => addEventListener(type, handler, options);
  const flushes = []; // take each observer's undelivered entries (before a beacon is sent)

  // Observe entries of `type` (buffered: also those before this script ran); false when the
  // browser does not support the type.
  const observe = (type, handle, options) => {
    try {
      if (PerformanceObserver.supportedEntryTypes.includes(type)) {
        const observer = new PerformanceObserver((list) => list.getEntries().forEach(handle));
        observer.observe({ type, buffered: true, ...options });
        const flush = () => observer.takeRecords().forEach(handle);
        flushes.push(flush);
        return flush;
      }
    } catch {}
    return false;
  };

  let activationStart; // a prerendered page's views start when it is shown, not loaded
  let hiddenAt; // when the page was first hidden: FCP and LCP after it do not count
  let view; // this page view: { nav, ttfb, fcp, lcp, cls }
  let sent; // this view's beacon went
  let lcpOpen; // LCP still follows new entries (until the first input or hidden)
  let session, sessionFirst, sessionLast; // the current layout-shift session window
  let longest, byId; // the ten longest interactions: { id, latency }, longest first
  let countBase, minId, maxId; // interactions before this view; ids seen (for the count)

  // Interactions so far: the browser's count, else estimated from interaction ids (which
  // Chromium increases by 7), as web-vitals does.
  const interactionCount = () =>
    performance.interactionCount ?? (maxId ? (maxId - minId) / 7 + 1 : 0);

  let hasShifts; // the browser reports layout shifts (Safari and Firefox do not)
  const begin = (nav, ttfb) => {
    view = { nav, ttfb, cls: hasShifts ? 0 : undefined };
    sent = lcpOpen = session = 0;
    longest = [];
    byId = new Map();
    countBase = interactionCount();
  };

  const paint = (entry) => {
    if (entry.name == "first-contentful-paint" && entry.startTime < hiddenAt) {
      view.fcp = Math.max(entry.startTime - activationStart, 0);
    }
  };

  const largest = (entry) => {
    if (lcpOpen && entry.startTime < hiddenAt) {
      view.lcp = Math.max(entry.startTime - activationStart, 0);
    }
  };

  // CLS: the largest session window (shifts less than 1 s apart, at most 5 s long), without
  // shifts right after an input.
  const shift = (entry) => {
    if (entry.hadRecentInput) return;
    const t = entry.startTime;
    if (session && t - sessionLast < 1000 && t - sessionFirst < 5000) {
      session += entry.value;
    } else {
      session = entry.value;
      sessionFirst = t;
    }
    sessionLast = t;
    view.cls = Math.max(view.cls, session);
  };

  // INP: each interaction's longest event; the worst interaction, skipping one per 50.
  const interaction = (entry) => {
    const id = entry.interactionId;
    if (!id) return;
    const known = byId.get(id);
    if (known) {
      known.latency = Math.max(known.latency, entry.duration);
    } else if (longest.length < 10 || entry.duration > longest[9].latency) {
      const item = { id, latency: entry.duration };
      byId.set(id, item);
      longest.push(item);
    } else {
      return;
    }
    longest.sort((a, b) => b.latency - a.latency);
    longest.splice(10).forEach((item) => byId.delete(item.id));
  };

  const count = (entry) => {
    const id = entry.interactionId;
    if (id) {
      minId = Math.min(minId ?? id, id);
      maxId = Math.max(maxId ?? id, id);
    }
  };

  const round = (value, digits = 1) => (value >= 0 ? +value.toFixed(digits) : undefined);

  const send = () => {
    if (sent) return;
    sent = 1;
    flushes.forEach((flush) => flush());
    lcpOpen = 0;
    const interactions = interactionCount() - countBase;
    const worst = longest[Math.min(longest.length - 1, (interactions / 50) | 0)];
    // after a bfcache restore, interactions too short to be timed are 8 ms (as in web-vitals)
    const untimed = interactions > 0 && view.nav == "back-forward-cache" ? 8 : undefined;
    navigator.sendBeacon(
      config.endpoint,
      JSON.stringify({
        v: 1,
        page: location.pathname,
        build: config.build,
        nav: view.nav,
        ect: navigator.connection?.effectiveType,
        lcp: round(view.lcp),
        cls: view.fcp >= 0 ? round(view.cls, 4) : undefined, // reported after FCP only
        inp: round(worst ? worst.latency : untimed),
        fcp: round(view.fcp),
        ttfb: round(view.ttfb),
      }),
    );
  };

  const hidden = (event) => {
    if (document.visibilityState == "hidden" || event.type == "pagehide") {
      hiddenAt = Math.min(hiddenAt, event.timeStamp);
      send();
    }
  };

  const start = () => {
    const entry = performance.getEntriesByType("navigation")[0];
    activationStart = entry?.activationStart || 0;
    hiddenAt = document.visibilityState == "hidden" ? 0 : Infinity;
    hasShifts = observe("layout-shift", shift); // (entries come in a later task: after begin)
    const responseStart = entry?.responseStart;
    begin(
      activationStart > 0
        ? "prerender"
        : document.wasDiscarded
          ? "restore"
          : entry?.type.replace(/_/g, "-") || "navigate",
      responseStart > 0 && responseStart < now()
        ? Math.max(responseStart - activationStart, 0)
        : undefined,
    );
    lcpOpen = 1;
    observe("paint", paint);
    const flushLargest = observe("largest-contentful-paint", largest);
    const stopLargest = () =>
      setTimeout(() => {
        if (flushLargest) flushLargest();
        lcpOpen = 0;
      });
    listen("keydown", stopLargest, { once: true, capture: true });
    listen("click", stopLargest, { once: true, capture: true });
    if ("interactionId" in (self.PerformanceEventTiming?.prototype || {})) {
      if (performance.interactionCount == null) observe("event", count, { durationThreshold: 0 });
      observe("event", interaction, { durationThreshold: 40 });
      observe("first-input", interaction);
    }
    listen("visibilitychange", hidden);
    listen("pagehide", hidden);
    // Back from the back/forward cache: a new page view, its paints timed from the restore.
    listen("pageshow", (event) => {
      if (!event.persisted) return;
      hiddenAt = Infinity;
      begin("back-forward-cache", 0);
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          view.fcp = view.lcp = now() - event.timeStamp;
        }),
      );
    });
  };

  if (document.prerendering) {
    document.addEventListener("prerenderingchange", start, { once: true });
  } else {
    start();
  }
})();
