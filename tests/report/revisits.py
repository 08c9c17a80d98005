"""What headless Chromium really refetches when a visitor comes back after a deploy: the
measurement the cache-hit figure (`assetpipe/report/cache_hits.py`) is checked against.

For each page P, one browser context (its own HTTP cache, kept for the whole run) visits every
page of build A: a returning visitor whose cache is warm with the old site. Then build B
replaces A in the served folder (as a deploy replaces the site), and each context visits its
page P once more. What that second visit asks for (`Network.requestWillBeSent`) is what P
requests; what the server answers `200` in that time is what it refetched (a `304` or a file
the browser did not ask the server for came from the cache). One context per page, not one
for all: in a shared cache the first page to load B's new chunk would fetch it for the others.

The server is the audit's (`assetpipe.server.audit.StaticServer`): immutable hashed files under
`assets/`, `no-cache` and an ETag on the rest, as S3 and CDNs serve them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from assetpipe.lab.cdp import Browser
from assetpipe.server.audit import StaticServer

QUIET = 0.4  # seconds without a network event that end a visit (icons come after `load`)


@dataclass(frozen=True, slots=True)
class Revisit:
    """Page P's second visit: the files it requested and those the server sent again."""

    requested: frozenset[str]
    refetched: frozenset[str]

    @property
    def served(self) -> int:
        return len(self.requested - self.refetched)


def measure(
    chromium: str,
    folder: Path,
    pages: list[str],
    deploy: Callable[[], None],
    warm_with_site: bool = True,
) -> dict[str, Revisit]:
    """Serve `folder` (build A), warm one context per page with every page of A (or, not
    `warm_with_site`, with that page alone), call `deploy()` (which puts build B in
    `folder`), and revisit each page in its context."""
    with StaticServer(folder, immutable_dir="assets") as server, Browser.launch(chromium) as b:
        sessions = {page: _open_tab(b) for page in pages}
        for mine, session in sessions.items():
            for page in pages if warm_with_site else [mine]:
                _visit(b, session, server.url + page)
        deploy()
        found = {}
        for page, session in sessions.items():
            answered = len(server.statuses)
            events = _visit(b, session, server.url + page)
            requested = {
                _path(e["params"]["request"]["url"], server.url)
                for e in events
                if e["method"] == "Network.requestWillBeSent"
            }
            sent = {
                p.removeprefix("/") for p, status in server.statuses[answered:] if status == 200
            }
            requested.discard(None)
            found[page] = Revisit(
                frozenset(_index(p) for p in requested), frozenset(_index(p) for p in sent)
            )
        return found


def _open_tab(browser: Browser) -> str:
    context = browser.call("Target.createBrowserContext")["browserContextId"]
    target = browser.call("Target.createTarget", url="about:blank", browserContextId=context)
    session = browser.call("Target.attachToTarget", targetId=target["targetId"], flatten=True)
    browser.call("Network.enable", session["sessionId"])
    browser.call(  # the page report's reference browser: 1,280 CSS px at DPR 1
        "Emulation.setDeviceMetricsOverride",
        session["sessionId"],
        width=1280,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.call("Page.enable", session["sessionId"])
    return session["sessionId"]


def _visit(browser: Browser, session: str, url: str) -> list[dict]:
    """Navigate, wait for `load` and then for the network to stay quiet; the visit's events."""
    start = len(browser.events(session))
    browser.call("Page.navigate", session, url=url)
    loaded = browser.wait(
        lambda events: any(e["method"] == "Page.loadEventFired" for e in events[start:]),
        session,
        30,
    )
    assert loaded, f"{url} did not load"
    while True:
        seen = len(browser.events(session))
        time.sleep(QUIET)
        if len(browser.events(session)) == seen:
            return browser.events(session)[start:]


def _path(url: str, site: str) -> str | None:
    """The output path of a URL of the site (None: another origin, `data:`)."""
    if not url.startswith(site):
        return None
    return unquote(urlsplit(url).path)[len(urlsplit(site).path) :]


def _index(path: str) -> str:
    return path + "index.html" if path == "" or path.endswith("/") else path


def main(argv: list[str]) -> int:
    """`python -m tests.report.revisits [--warm-page] A B`: Chromium's revisits of build B's
    pages after build A (two output folders; B built with `--compare A`), beside B's cache-hit
    figure; `--warm-page`: each context visited only its own page of A, not the whole site.
    The web app manifest is left out of both: the off-the-record contexts used here never
    fetch it (a normal profile does, from its cache), and it is no page's own request."""
    import json
    import shutil
    import tempfile

    from assetpipe.lab.cdp import find_browser

    warm_with_site = "--warm-page" not in argv
    old, new = (Path(a) for a in argv if not a.startswith("--"))
    report = json.loads((new / ".assetpipe/report.json").read_text())
    hits = {row["file"]: row for row in report["cache_hits"]["pages"]}
    with tempfile.TemporaryDirectory() as tmp:
        served = Path(tmp) / "site"
        shutil.copytree(old, served)

        def deploy() -> None:
            shutil.rmtree(served)
            shutil.copytree(new, served)

        chromium = find_browser()
        assert chromium, "no Chromium"
        seen = measure(chromium, served, sorted(hits), deploy, warm_with_site)
    shares = []
    print("page | Chromium: from cache / requested | figure | refetched (Chromium; figure)")
    for page, visit in seen.items():
        row = hits[page]
        files = [f["file"] for p in report["pages"] if p["file"] == page for f in p["files"]]
        manifests = sum(f.endswith(".webmanifest") for f in files)
        requested = {f for f in visit.requested if not f.endswith(".webmanifest")}
        cached = len(requested - visit.refetched)
        shares.append(cached / len(requested))
        print(
            f"{page} | {cached} / {len(requested)} | {row['served'] - manifests} / "
            f"{row['requests'] - manifests} | {sorted(visit.refetched)}; {row['refetched']}"
        )
    site = report["cache_hits"]["site"]["share_requests"]
    print(f"site: Chromium {sum(shares) / len(shares):.2%} of requests; figure {site:.2%}")
    return 0


if __name__ == "__main__":
    import sys

    raise SystemExit(main(sys.argv[1:]))
