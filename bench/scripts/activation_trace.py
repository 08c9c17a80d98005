"""Where the time of a prerendered click goes, from a Chromium trace of the activation.

    python bench/scripts/activation_trace.py DIST PAGE LINK [--runs N] [--throttle slow-4g]
                                             [--trace OUT.json]

DIST is a built folder whose pages have `[prefetch] mode = "prerender"`; PAGE the page clicked
from (`about/`), LINK the page it links to (`/`). Each run is one `audit --navigations` click
(lab/navigate.py: hover, wait for the prerender to be ready, click), recorded with browser-wide
tracing, and prints the time of each step from the browser's commit of the activation:

- the click's navigation finds the prerendered page to activate;
- the browser commits the activation (`RenderFrameHostImpl::DidCommitPageActivation`);
- the renderer activates the page (`WebViewImpl::ActivatePrerenderedPage`);
- its first main frame: style, layout and paint, which Chromium does not do for a hidden
  prerendered page (`ProxyMain::BeginMainFrame`);
- the compositor has the frame (commit), then its tiles are rastered and the images in them
  decoded (`LayerTreeHostImpl::ActivateSyncTree`), the frame is submitted and presented;

and the LCP the page reports from its activation, as the audit reads it (tracing adds a few
ms). `--trace` keeps the last run's trace (open it in Perfetto or chrome://tracing).
"""

from __future__ import annotations

import argparse
import base64
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from assetpipe.lab.cdp import Browser, find_browser
from assetpipe.lab.measure import PRESETS
from assetpipe.lab.navigate import navigate
from assetpipe.server.audit import StaticServer

CATEGORIES = ",".join(
    [
        "devtools.timeline",
        "disabled-by-default-devtools.timeline",
        "disabled-by-default-devtools.timeline.frame",
        "blink",
        "cc",
        "viz",
        "loading",
        "navigation",
        "toplevel",
    ]
)

STEPS = (
    "the click's navigation finds the prerender",
    "browser commits the activation",
    "renderer activates the page",
    "first main frame starts",
    "compositor has the frame",
    "tiles rastered, images decoded",
    "frame submitted",
    "frame presented",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dist", type=Path)
    parser.add_argument("page")
    parser.add_argument("link")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", default="slow-4g", choices=sorted(PRESETS))
    parser.add_argument("--trace", type=Path)
    args = parser.parse_args()
    executable = find_browser()
    if executable is None:
        print("no Chromium on PATH", file=sys.stderr)
        return 1
    preset = PRESETS[args.throttle]
    rows: list[tuple[list[float], float]] = []
    with StaticServer(args.dist, immutable_dir="assets") as server:
        base = server.url.rstrip("/") + "/"
        page, link = base + args.page.lstrip("/"), base + args.link.lstrip("/")
        with Browser.launch(executable) as browser:
            for _ in range(args.runs):
                events, lcp = _traced_click(browser, page, link, preset)
                steps = _steps(events)
                rows.append((steps, lcp))
                print("  ".join(f"{t:6.1f}" for t in steps), f"  LCP {lcp:.0f} ms", flush=True)
                if args.trace:
                    args.trace.write_text(json.dumps({"traceEvents": events}))
    print(f"\nmedian of {len(rows)} clicks, ms from the browser's commit of the activation:")
    for i, step in enumerate(STEPS):
        print(f"{statistics.median(r[0][i] for r in rows):8.1f}  {step}")
    print(
        f"{statistics.median(r[1] for r in rows):8.1f}  LCP from activation, as the page reports it"
    )
    return 0


def _traced_click(
    browser: Browser, page: str, link: str, preset: Any
) -> tuple[list[dict[str, Any]], float]:
    """One audit click from `page` to `link` (`lab/navigate.py`), traced browser-wide from just
    before the click: the trace's events, and the next page's LCP from activation."""
    before = _completed(browser)

    def start() -> None:
        browser.call("Tracing.start", categories=CATEGORIES, transferMode="ReturnAsStream")

    moved = navigate(browser, page, link, preset, before_click=start)
    browser.call("Tracing.end")
    if not browser.wait(lambda _: len(_completed(browser)) > len(before), None, 60):
        raise SystemExit("the trace did not complete")
    data = _read_stream(browser, _completed(browser)[-1]["params"]["stream"])
    if not moved.prerendered:
        raise SystemExit(f"{link} was not prerendered (speculation: {moved.speculation!r})")
    events = json.loads(data)
    events = events["traceEvents"] if isinstance(events, dict) else events
    return events, moved.lcp_ms or 0.0


def _completed(browser: Browser) -> list[dict[str, Any]]:
    return [e for e in browser.events(None) if e["method"] == "Tracing.tracingComplete"]


def _read_stream(browser: Browser, handle: str) -> str:
    chunks = []
    while True:
        reply = browser.call("IO.read", handle=handle, size=1 << 20)
        data = reply.get("data", "")
        chunks.append(base64.b64decode(data).decode() if reply.get("base64Encoded") else data)
        if reply.get("eof"):
            break
    browser.call("IO.close", handle=handle)
    return "".join(chunks)


def _steps(events: list[dict[str, Any]]) -> list[float]:
    """The ms of each of STEPS after the browser's commit of the activation."""
    threads = {
        (e["pid"], e["tid"]): e["args"]["name"]
        for e in events
        if e.get("ph") == "M" and e.get("name") == "thread_name"
    }
    timed = sorted((e for e in events if "ts" in e and e.get("ph") != "M"), key=lambda e: e["ts"])

    def first(
        name: str,
        after: int = 0,
        pid: int | None = None,
        thread: str | None = None,
        phase: str | None = None,
    ) -> dict[str, Any]:
        for e in timed:
            if (
                e["name"] == name
                and e["ts"] >= after
                and (pid is None or e["pid"] == pid)
                and (thread is None or threads.get((e["pid"], e["tid"])) == thread)
                and (phase is None or e.get("ph") == phase)
            ):
                return e
        raise SystemExit(f"no {name} event in the trace")

    found = first("PrerenderHostRegistry::FindPotentialHostToActivate")
    commit = first("RenderFrameHostImpl::DidCommitPageActivation", found["ts"])
    activate = first("WebViewImpl::ActivatePrerenderedPage", commit["ts"])
    pid, start = activate["pid"], activate["ts"]
    frame = first("ProxyMain::BeginMainFrame", start, pid)
    ready = first("ProxyImpl::ReadyToCommit", start, pid)
    tiles = first("LayerTreeHostImpl::ActivateSyncTree", start, pid, "Compositor")
    submit = first(
        "SubmitCompositorFrameToPresentationCompositorFrame", tiles["ts"], pid, "Compositor", "b"
    )
    shown = first(
        "SubmitCompositorFrameToPresentationCompositorFrame", submit["ts"], pid, "Compositor", "e"
    )
    marks = (found, commit, activate, frame, ready, tiles, submit, shown)
    return [(e["ts"] - commit["ts"]) / 1000 for e in marks]


if __name__ == "__main__":
    sys.exit(main())
