"""`assetpipe audit` in real headless Chromium: the built demo site and its unbuilt sources,
throttling that really applies, budgets, a missing browser; the loopback server it uses."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from assetpipe import compression
from assetpipe.config import load_config
from assetpipe.lab.measure import PRESETS, worst_shift_window
from assetpipe.pipeline.build import build
from assetpipe.server.audit import StaticServer

from .conftest import ROOT, require_tool

DEMO_PAGES = [
    "about/index.html",
    "blog/first-light.html",
    "blog/index.html",
    "blog/weather-watching.html",
    "gallery/index.html",
    "index.html",
]


def audit_cli(*args: str, cwd: Path, env: dict[str, str] | None = None):
    """`assetpipe audit ARGS` in a subprocess (the command object itself until the group
    registers it), without a terminal and without the caller's ASSETPIPE_* settings."""
    from assetpipe.commands import main

    if "audit" in main.commands:
        command = [sys.executable, "-m", "assetpipe", "audit"]
    else:
        code = "from assetpipe.commands.audit import audit; audit(prog_name='assetpipe audit')"
        command = [sys.executable, "-c", code]
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("ASSETPIPE_")}
    full_env.update(env or {})
    return subprocess.run(
        [*command, *args], cwd=cwd, env=full_env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_tool("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    """The demo site, built (images optimised: LCP depends on them) into a temporary folder."""
    out = tmp_path_factory.mktemp("demo") / "dist"
    overrides = {
        "build.src": str(ROOT / "site_src"),
        "build.out": str(out),
        "build.cache_dir": str(out.parent / "cache"),
    }
    build(load_config(cwd=out.parent, overrides=overrides)[0])
    return out


@pytest.fixture(scope="module")
def unthrottled(demo: Path, chromium: str) -> dict:
    """`audit --throttle none --runs 1 --json` over the whole built demo (found on PATH)."""
    result = audit_cli(
        "--out", str(demo), "--throttle", "none", "--runs", "1", "--json", cwd=demo.parent
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def test_every_built_page_is_measured(demo: Path, unthrottled: dict):
    report = unthrottled
    assert report["ok"] is True and report["built"] is True and report["throttle"] == "none"
    assert report["diagnostics"] == []
    assert [p["page"] for p in report["pages"]] == DEMO_PAGES
    files = [p for p in demo.rglob("*") if p.is_file() and ".assetpipe" not in p.parts]
    for page in report["pages"]:
        assert len(page["runs"]) == 1
        run = page["runs"][0]
        assert 0 < page["fcp_ms"] <= page["lcp_ms"], page
        assert run["fcp_ms"] <= run["lcp_ms"]
        assert page["cls"] >= 0
        # the page's own request, and no more than the build holds (plus the browser's icon)
        assert 2 <= page["requests"] <= len(files) + 1, page
        html = (demo / page["page"]).read_bytes()
        assert page["bytes"] >= len(compression.gzip(html)), page
        assert page["bytes"] <= sum(f.stat().st_size for f in files)
        if run["lcp_url"] and run["lcp_url"].startswith("/"):  # an image: served, so counted
            image = demo / run["lcp_url"].lstrip("/")
            assert image.is_file(), run
            assert page["bytes"] >= image.stat().st_size
    gallery = next(p for p in unthrottled["pages"] if p["page"] == "gallery/index.html")
    about = next(p for p in unthrottled["pages"] if p["page"] == "about/index.html")
    assert gallery["requests"] > about["requests"]  # twelve photographs against two


def test_slow_4g_throttling_applies(demo: Path, unthrottled: dict, chromium: str):
    result = audit_cli(
        "--out", str(demo), "--page", "/", "--runs", "1", "--json", "--chromium", chromium,
        cwd=demo.parent,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["throttle"] == "slow-4g"  # the default
    assert report["conditions"]["latency_ms"] == 562.5
    assert report["conditions"]["viewport"]["width"] == 412
    (home,) = report["pages"]
    fast = next(p for p in unthrottled["pages"] if p["page"] == "index.html")
    # the page itself costs one 562.5 ms round trip, and its LCP image another
    assert home["fcp_ms"] >= 562
    assert home["lcp_ms"] >= fast["lcp_ms"] + 1000, (home, fast)
    if home["lcp_ms"] >= 2000:  # the goal, met on a quiet machine (README); a busy one may not
        run = home["runs"][0]
        pytest.xfail(
            f"goal not met: the home page's LCP under slow-4g is {home['lcp_ms']:,} ms "
            f"(over 2,000 ms); its LCP element is {run['lcp_element']} {run['lcp_url']}"
        )


def test_budgets_fail_the_audit_or_warn(demo: Path, chromium: str, tmp_path: Path):
    (tmp_path / "assetpipe.toml").write_text("[budgets]\nlcp_ms = 1\ncls = 0.5\n")
    args = ("--out", str(demo), "--page", "index.html", "--throttle", "none", "--runs", "1")
    failed = audit_cli(*args, "--chromium", chromium, cwd=tmp_path)
    assert failed.returncode == 1, failed.stderr
    assert "error[budget]: index.html: LCP" in failed.stderr
    assert "over the budget of 1 ms (budgets.lcp_ms)" in failed.stderr
    assert "CLS" not in failed.stderr
    assert "audit failed: 1 error" in failed.stderr
    assert "index.html" in failed.stdout  # the table is still printed

    (tmp_path / "assetpipe.toml").write_text(
        '[budgets]\non_exceed = "warn"\n[budgets.pages."index.html"]\nlcp_ms = 1\n'
    )
    warned = audit_cli(*args, "--json", "--chromium", chromium, cwd=tmp_path)
    assert warned.returncode == 0, warned.stderr
    report = json.loads(warned.stdout)
    assert report["ok"] is True
    (diagnostic,) = report["diagnostics"]
    assert diagnostic["severity"] == "warning" and diagnostic["code"] == "budget"
    assert diagnostic["message"].endswith('(budgets.pages."index.html".lcp_ms)')
    assert diagnostic["file"].endswith("index.html")


def test_a_missing_browser_is_reported_clearly(demo: Path, tmp_path: Path):
    named = audit_cli("--out", str(demo), "--chromium", "/nonexistent/chromium", cwd=tmp_path)
    assert named.returncode == 1
    assert "error[no-browser]: no Chromium at /nonexistent/chromium" in named.stderr
    assert "Traceback" not in named.stderr and named.stdout == ""

    bare = audit_cli("--out", str(demo), cwd=tmp_path, env={"PATH": str(tmp_path)})
    assert bare.returncode == 1
    assert (
        "error[no-browser]: no Chromium found: install it (Debian: apt-get install chromium) "
        "or pass --chromium PATH"
    ) in bare.stderr
    assert "Traceback" not in bare.stderr


def test_nothing_to_audit_is_an_error(tmp_path: Path):
    missing = audit_cli("--out", "nowhere", cwd=tmp_path)
    assert missing.returncode == 1
    assert "error[no-pages]: nowhere does not exist: build the site first" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = audit_cli("--out", "empty", "--json", cwd=tmp_path)
    assert empty.returncode == 1
    assert json.loads(empty.stdout)["diagnostics"][0]["message"] == "no pages (*.html) in empty"
    bad = audit_cli("--out", "empty", "--throttle", "slow-2g", cwd=tmp_path)
    assert bad.returncode == 2  # a usage error


def test_an_unbuilt_folder_is_audited_as_it_is(tmp_path: Path, chromium: str):
    site = tmp_path / "site"
    shutil.copytree(ROOT / "site_src", site)
    (site / "public" / "stray.html").write_text("<p>not a page</p>")
    listed = audit_cli("--out", "site", "--page", "nowhere/", "--chromium", chromium, cwd=tmp_path)
    assert listed.returncode == 1
    assert "no page nowhere/ in site (pages: about/index.html, blog/first-light.html" in (
        listed.stderr
    )
    assert "public/stray.html" not in listed.stderr
    result = audit_cli(
        "--out", "site", "--page", "about/", "--throttle", "none", "--runs", "1", "--json",
        "--chromium", chromium, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["built"] is False
    (about,) = report["pages"]
    assert about["page"] == "about/index.html"
    assert 0 < about["fcp_ms"] <= about["lcp_ms"]
    # the unbuilt page loads its sources: three @imported stylesheets, full-size photographs
    assert about["runs"][0]["lcp_url"].startswith("/img/photos/")
    assert about["requests"] >= 8


def test_the_server_serves_like_a_cdn(tmp_path: Path):
    root = tmp_path / "out"
    (root / "assets").mkdir(parents=True)
    (root / "blog").mkdir()
    (root / "public").mkdir()
    (root / ".assetpipe").mkdir()
    css = "body { color: red }\n" * 200
    (root / "assets" / "main-abc.css").write_text(css)
    (root / "blog" / "index.html").write_text("<!doctype html><p>blog</p>" * 20)
    (root / "public" / "favicon.ico").write_bytes(b"\0" * 100)
    (root / ".assetpipe" / "manifest.json").write_text("{}")

    def get(server, path, encoding="gzip, deflate, br"):
        conn = http.client.HTTPConnection(urlsplit(server.url).netloc, timeout=10)
        conn.request("GET", path, headers={"Accept-Encoding": encoding})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        return response, body

    with StaticServer(root, base="/docs/", immutable_dir="assets", fallback=root / "public") as s:
        response, body = get(s, "/docs/assets/main-abc.css")
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/css; charset=utf-8"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.headers["Vary"] == "Accept-Encoding"
        if response.headers["Content-Encoding"] == "br":
            import brotli

            assert brotli.decompress(body).decode() == css
        else:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(body).decode() == css
        response, body = get(s, "/docs/assets/main-abc.css", encoding="gzip")
        assert (
            response.headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == css.encode()
        )
        response, body = get(s, "/docs/assets/main-abc.css", encoding="identity")
        assert "Content-Encoding" not in response.headers and body == css.encode()

        response, _ = get(s, "/docs/blog")
        assert response.status == 301 and response.headers["Location"] == "/docs/blog/"
        response, _ = get(s, "/docs/blog/")
        assert response.status == 200 and response.headers["Cache-Control"] == "no-cache"
        response, body = get(s, "/docs/favicon.ico")  # from the fallback folder
        assert response.status == 200 and body == b"\0" * 100
        assert response.headers["Content-Type"] == "image/x-icon"
        assert get(s, "/docs/.assetpipe/manifest.json")[0].status == 404
        assert get(s, "/assets/main-abc.css")[0].status == 404  # outside the base
        assert get(s, "/docs/../out/blog/index.html")[0].status == 404


def test_a_page_that_fails_to_load_is_named(tmp_path: Path, chromium: str):
    from assetpipe.lab.cdp import Browser
    from assetpipe.lab.measure import PageFailed, load_page

    (tmp_path / "index.html").write_text("<h1>hello</h1>")
    with StaticServer(tmp_path) as server, Browser.launch(chromium) as browser:
        load = load_page(browser, server.url, PRESETS["none"])
        assert load.fcp_ms is not None and load.lcp_ms is not None and load.requests >= 1
        assert load.lcp_element == "h1"
        with pytest.raises(PageFailed, match="HTTP 404"):
            load_page(browser, server.url + "missing.html", PRESETS["none"])


def test_layout_shift_takes_the_worst_session_window():
    # web-vitals: windows of shifts under 1 s apart and at most 5 s long; the largest sum wins
    shifts = [(100.0, 0.1, ()), (900.0, 0.1, ()), (2500.0, 0.15, ())]
    assert sum(s[1] for s in worst_shift_window(shifts)) == pytest.approx(0.2)
    steady = [(float(t), 0.01, ()) for t in range(0, 7000, 500)]  # never a 1 s gap
    assert len(worst_shift_window(steady)) == 10  # capped at 5 s: 0 ms .. 4,500 ms
    assert worst_shift_window([]) == []


def test_the_command_offers_every_preset():
    from assetpipe.commands.audit import THROTTLES

    assert set(THROTTLES) == set(PRESETS)
    assert PRESETS["slow-4g"].download == pytest.approx(1474.56 * 1024 / 8)
    assert PRESETS["slow-4g"].cpu_rate == 4
