"""Speculative loading (`[prefetch]`): the rules and fallback pages get, what is never
speculated on, and, in Chromium, a prefetch on hover, a prerendered next page, the fallback."""

from __future__ import annotations

import contextlib
import functools
import json
import re
import threading
import time
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.diagnostics import ConfigError
from assetpipe.html.refs import find_references
from assetpipe.html.speculation import glob_regexp, rules, tags, without_rules

from ..browser import LivePage
from ..conftest import require_tool, tree_bytes
from ..rum.collector import make

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
</head>
<body>
  <h1>{title}</h1>
  {links}
</body>
</html>
"""


def page(title: str, *links: str) -> str:
    return PAGE.format(title=title, links="\n  ".join(links))


LINKS = (
    '<a href="next.html">next</a>',
    '<a href="/about/">about</a>',
    '<a href="files/report.pdf">a download by its name</a>',
    '<a href="saved.html" download>saved</a>',
    '<a href="promo.html" rel="sponsored nofollow">promo</a>',
    '<a href="/account/settings.html">account</a>',
    '<a href="https://example.com/">elsewhere</a>',
)
SITE = {
    "index.html": page("Home", *LINKS),
    "next.html": page("Next", '<a href="index.html">home</a>'),
    "about/index.html": page("About", '<a href="../index.html">home</a>'),
    "saved.html": page("Saved"),
    "promo.html": page("Promo"),
    "account/settings.html": page("Settings"),
    "lonely.html": page("Lonely", '<a href="#top">top</a>', '<a href="mailto:a@b.c">mail</a>'),
    "files/report.pdf": b"%PDF-1.4\n",
}
EXCLUDE = '[prefetch]\nexclude = ["/account/*"]\n'


def head_scripts(html: str) -> list[str]:
    return re.findall(r"<script[^>]*>.*?</script>", html.split("</head>")[0])


# -- the rules --------------------------------------------------------------------------------


def test_the_default_rules_prefetch_page_links_on_hover():
    got = rules("prefetch", "moderate", (), "/")
    (rule,) = got["prefetch"]
    assert rule["source"] == "document" and rule["eagerness"] == "moderate"
    conditions = rule["where"]["and"]
    assert conditions[0] == {"href_matches": "/*"}  # same origin, under the site
    assert {"not": {"href_matches": "/*.:ext"}} in conditions[1]["or"]  # a file by its name
    assert {"not": {"selector_matches": "[rel~=nofollow i], [download]"}} in conditions


def test_the_base_path_and_exclude_globs_become_url_patterns():
    rule = rules("prerender", "eager", ("/account/*", "/a(b)?"), "/docs/")["prerender"][0]
    conditions = rule["where"]["and"]
    assert conditions[0] == {"href_matches": "/docs/*"}
    assert {"not": {"href_matches": "/account/*"}} in conditions
    assert {"not": {"href_matches": "/a\\(b\\)\\?"}} in conditions  # literal characters
    # a base that is a URL (assets on a CDN) says nothing of the pages' path
    assert rules("prefetch", "moderate", (), "https://cdn.example/")["prefetch"][0]["where"]["and"][
        0
    ] == {"href_matches": "/*"}


def test_the_fallback_regexp_matches_what_the_globs_say():
    pattern = re.compile(glob_regexp(("/account/*", "/logout")))
    assert pattern.match("/account/a/b.html") and pattern.match("/logout")
    assert not pattern.match("/logout/now") and not pattern.match("/accounts")
    assert glob_regexp(()) == ""


def test_off_is_nothing_and_conservative_has_no_fallback():
    assert tags("off", "moderate", (), "/") == ""
    conservative = tags("prefetch", "conservative", (), "/")
    assert conservative.count("<script") == 1 and "speculationrules" in conservative


def test_a_glob_cannot_end_the_script_element():
    text = tags("prefetch", "moderate", ("/a</script>*",), "/")
    assert text.count("</script>") == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[prefetch]\nmode = "always"\n', "must be one of 'prefetch', 'prerender', 'off'"),
        ('[prefetch]\neagerness = "hover"\n', "must be one of 'immediate'"),
        ('[prefetch]\nexclude = ["account/*"]\n', "expected a URL path glob"),
    ],
)
def test_bad_settings_are_configuration_errors(tmp_path: Path, text: str, expected: str):
    (tmp_path / "c.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(str(tmp_path / "c.toml"), cwd=tmp_path)
    assert expected in "\n".join(d.message for d in caught.value.diagnostics)


def test_which_pages_have_links_to_pages_and_rules_of_their_own():
    found = find_references(SITE["index.html"])
    assert found.page_links and not found.speculation_rules
    lonely = find_references(SITE["lonely.html"])
    assert not lonely.page_links
    own = find_references('<script type="speculationrules">{}</script><a href="x.html">x</a>')
    assert own.speculation_rules


def test_the_audit_serves_pages_without_their_rules():
    text = page("x", '<a href="y.html">y</a>').replace(
        "</head>", '<script type="SpeculationRules">{"prefetch":[]}</script>\n</head>'
    )
    assert (
        without_rules(text.encode())
        == page("x", '<a href="y.html">y</a>').replace("</head>", "\n</head>").encode()
    )
    assert without_rules(b"<p>no rules</p>") == b"<p>no rules</p>"


# -- in the build -----------------------------------------------------------------------------


def test_pages_with_links_get_the_rules_before_head_end(tmp_path: Path):
    out = make(tmp_path, "site", SITE, EXCLUDE)
    html = (out / "index.html").read_text()
    scripts = head_scripts(html)
    assert [s.split(">")[0] for s in scripts] == [
        '<script type="speculationrules"',
        '<script type="module"',
    ]
    assert '\n  <script type="speculationrules">' in html  # indented as the head's content
    data = json.loads(scripts[0].split(">", 1)[1].rsplit("</script>", 1)[0])
    assert data == rules("prefetch", "moderate", ("/account/*",), "/")
    # a page without links to pages gets nothing, byte for byte
    assert (out / "lonely.html").read_text() == SITE["lonely.html"]


def test_a_page_with_its_own_rules_keeps_them_alone(tmp_path: Path):
    own = page("Own", '<a href="next.html">next</a>').replace(
        "</head>",
        '  <script type="speculationrules">{"prerender":[{"urls":["next.html"]}]}</script>\n'
        "</head>",
    )
    out = make(tmp_path, "site", {"index.html": own, "next.html": page("Next")})
    assert (out / "index.html").read_text() == own


def test_mode_off_builds_what_was_built_before(tmp_path: Path):
    off = make(tmp_path, "off", SITE, '[prefetch]\nmode = "off"\n')
    on = make(tmp_path, "on", SITE)
    added = "".join(f"  {line}\n" for line in tags("prefetch", "moderate", (), "/").split("\n"))
    assert (on / "index.html").read_text().replace(added, "") == (off / "index.html").read_text()
    assert "<script" not in (off / "index.html").read_text()
    assert set(tree_bytes(off)) == set(tree_bytes(on))  # the same files, only pages differ


# -- in Chromium ------------------------------------------------------------------------------


class _Recorder(SimpleHTTPRequestHandler):
    """Serves a folder and records each request's path and `Sec-Purpose` header."""

    seen: list[tuple[str, str | None]]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        self.seen.append((self.path, self.headers.get("Sec-Purpose")))
        super().do_GET()


@contextlib.contextmanager
def recording(folder: Path, filter=None) -> Iterator[tuple[str, list]]:
    seen: list[tuple[str, str | None]] = []
    attrs = {"seen": seen}
    if filter is not None:  # the pages as `filter` makes them

        def send_head(self):
            path = Path(self.translate_path(self.path))
            path = path / "index.html" if path.is_dir() else path
            if path.suffix != ".html" or not path.is_file():
                return SimpleHTTPRequestHandler.send_head(self)
            import io

            body = filter(path.read_bytes())
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            return io.BytesIO(body)

        attrs["send_head"] = send_head
    handler = functools.partial(type("Handler", (_Recorder,), attrs), directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", seen
    finally:
        server.shutdown()
        server.server_close()


def speculated(seen: list, wait: float = 3.0) -> set[str]:
    """The paths fetched speculatively (`Sec-Purpose: prefetch...`) within `wait` seconds."""
    time.sleep(wait)
    return {path for path, purpose in seen if purpose and "prefetch" in purpose}


def test_chromium_speculates_only_on_the_sites_pages(tmp_path: Path):
    """Eagerness "immediate": every link the rules match is prefetched at once; the download,
    the nofollow and download links, the excluded folder and the other site never are."""
    out = make(tmp_path, "site", SITE, EXCLUDE + 'eagerness = "immediate"\n')
    with recording(out) as (url, seen):
        live = LivePage(url)
        try:
            live.wait_until("document.readyState === 'complete'")
            assert speculated(seen) == {"/next.html", "/about/"}
        finally:
            live.close()


def test_chromium_prefetches_a_link_when_the_mouse_rests_on_it(tmp_path: Path):
    out = make(tmp_path, "site", SITE)
    with recording(out) as (url, seen):
        live = LivePage(url)
        try:
            live.wait_until("document.readyState === 'complete'")
            assert speculated(seen, 1.0) == set()  # moderate: nothing before the hover
            x, y = live.evaluate(
                "(() => { const r = document.querySelector('a[href=\"next.html\"]')"
                ".getBoundingClientRect(); return [r.left + 5, r.top + r.height / 2]; })()"
            )
            live.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=x, y=y)
            assert speculated(seen) == {"/next.html"}
            live.evaluate("document.querySelector('a[href=\"next.html\"]').click()")
            live.wait_until("document.title === 'Next'")
            assert [p for p, _ in seen].count("/next.html") == 1  # the click used the prefetch
        finally:
            live.close()


def test_a_linked_page_is_prerendered_and_shown_on_the_click(tmp_path: Path):
    from assetpipe.lab.cdp import Browser
    from assetpipe.lab.measure import PRESETS
    from assetpipe.lab.navigate import navigate
    from assetpipe.server.audit import StaticServer

    out = make(tmp_path, "site", SITE, '[prefetch]\nmode = "prerender"\n')
    with (
        StaticServer(out, immutable_dir="assets") as server,
        Browser.launch(require_tool("chromium", "chromium-browser", "google-chrome")) as browser,
    ):
        shown = navigate(browser, server.url, server.url + "next.html", PRESETS["none"])
        assert shown.speculation == "Ready"
        assert shown.started_prerendering and shown.prerendered  # activationStart > 0
        assert shown.lcp_ms is not None
        with StaticServer(out, immutable_dir="assets", page_filter=without_rules) as plain:
            loaded = navigate(browser, plain.url, plain.url + "next.html", PRESETS["none"])
        assert not loaded.started_prerendering and not loaded.prerendered
        assert loaded.speculation == ""


def _no_speculation_rules(live: LivePage, connection: str = "") -> None:
    """Chromium as a browser without speculation rules (and, optionally, another connection)."""
    live.call(
        "Page.addScriptToEvaluateOnNewDocument",
        session=True,
        source="HTMLScriptElement.supports = (type) => type !== 'speculationrules';" + connection,
    )


@pytest.mark.parametrize(
    ("connection", "expected"),
    [
        ("", {"/next.html", "/about/"}),
        ("Object.defineProperty(navigator, 'connection', {value: {saveData: true}});", set()),
        ("Object.defineProperty(navigator, 'connection', {value: {effectiveType: '2g'}});", set()),
    ],
    ids=["fast", "save-data", "2g"],
)
def test_the_fallback_prefetches_links_in_view_when_idle(
    tmp_path: Path, connection: str, expected: set
):
    """Pages served without their rules, in a Chromium that says it has none: the fallback's
    `<link rel=prefetch>`es, for the same links the rules would take, unless data is scarce."""
    out = make(tmp_path, "site", SITE, EXCLUDE)
    with recording(out, filter=without_rules) as (url, seen):
        live = LivePage("about:blank")
        try:
            _no_speculation_rules(live, connection)
            live.call("Page.navigate", session=True, url=url)
            live.wait_until("document.readyState === 'complete' && document.title === 'Home'")
            assert speculated(seen) == expected
            links = live.evaluate(
                "[...document.querySelectorAll('link[rel=prefetch]')].map(l => l.href)"
            )
            assert sorted(links) == sorted(url + path.lstrip("/") for path in expected)
        finally:
            live.close()


def test_audit_navigations_clicks_to_the_next_page_with_and_without_rules(tmp_path: Path):
    """`assetpipe audit --navigations`: the click from each page to its first link to another
    page, prerendered with the rules and loaded without them, in one run, in the table and JSON."""
    from ..conftest import run_cli

    out = make(tmp_path, "site", SITE, '[prefetch]\nmode = "prerender"\n')
    args = ("audit", "--out", str(out), "--throttle", "none", "--runs", "1", "--page", "/")
    result = run_cli(*args, "--navigations", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (navigation,) = json.loads(result.stdout)["navigations"]
    assert navigation["page"] == "index.html" and navigation["to"] == "/next.html"
    (run,) = navigation["runs"]
    assert run["prerendered"] and run["started_prerendering"] and run["speculation"] == "Ready"
    (plain,) = navigation["runs_without_speculation"]
    assert not plain["prerendered"] and plain["lcp_ms"] > 0
    table = run_cli(*args, "--navigations", cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith("index.html ->"))
    assert row.endswith("1/1")  # prerendered in the one run
