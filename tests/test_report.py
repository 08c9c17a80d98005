"""The page report, budgets and `build --compare`: figures checked against the files on disk and
against what Chromium really loads; budgets failing and passing through the command line."""

from __future__ import annotations

import gzip
import json
import shutil
import time
from pathlib import Path

import brotli
import pytest

from assetpipe.media_types import is_text
from assetpipe.report.browser import media_matches, pick_candidate, slot_width
from assetpipe.report.compare import unhashed

from .browser import LivePage, serve
from .conftest import ROOT, run_cli, tree_bytes


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def demo(tmp_path_factory, cache) -> Path:
    """A copy of the demo site's sources, built once into `dist/` beside them."""
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "site_src", root / "src")
    result = build(root, cache)
    assert result.returncode == 0, result.stderr
    return root


def build(root: Path, cache: Path, *args: str, out: str = "dist"):
    return run_cli(
        "build", "--src", "src", "--out", out, "--cache-dir", str(cache), *args, cwd=root
    )


def load_report(dist: Path) -> dict:
    return json.loads((dist / ".assetpipe" / "report.json").read_text())


def test_every_figure_is_that_of_the_files_on_disk(demo: Path):
    dist = demo / "dist"
    report = load_report(dist)
    assert {p["page"] for p in report["pages"]} == {
        p.relative_to(dist).as_posix() for p in dist.rglob("*.html")
    }
    for path, figures in report["files"].items():
        data = (dist / path).read_bytes()
        assert figures["bytes"] == len(data)
        if is_text(path) and not path.endswith(".map"):  # HTML, CSS, JS, SVG, JSON, text
            assert figures["gzip"] == len(gzip.compress(data, compresslevel=9, mtime=0))
            assert figures["brotli"] == len(brotli.compress(data, quality=5))
        else:  # images and fonts travel as they are; maps are for developer tools only
            assert figures["gzip"] == figures["brotli"] == len(data)
    for page in report["pages"]:
        files = {f["file"]: f for f in page["files"]}
        total, initial = page["total"], page["initial"]
        assert total["requests"] == len(files)
        assert total["bytes"] == sum((dist / f).stat().st_size for f in files)
        assert total["gzip"] == sum(report["files"][f]["gzip"] for f in files)
        initial_files = [f for f, row in files.items() if row["initial"]]
        assert initial["requests"] == len(initial_files) and page["file"] in initial_files
        assert initial["gzip"] == sum(report["files"][f]["gzip"] for f in initial_files)
        assert initial["gzip"] < total["gzip"]
        assert page["render_blocking"] == []  # critical CSS inlined, the rest non-blocking
    home = next(p for p in report["pages"] if p["page"] == "index.html")
    # the main image is the preloaded AVIF, and loads before render
    assert home["main_image"].endswith(".avif")
    assert home["main_image"] in (dist / "index.html").read_text()
    assert next(f for f in home["files"] if f["file"] == home["main_image"])["initial"]
    assert home["js"]["requests"] == 2 and home["lazy_js"]["requests"] == 1  # the lightbox


def test_the_total_is_what_chromium_loads_at_the_reference_size(demo: Path):
    """The report's model of a browser (1280 px wide, DPR 1, AVIF): the same files as
    Chromium's own resource list after scrolling to the bottom."""
    dist = demo / "dist"
    report = load_report(dist)
    with serve(dist) as url:
        for name in ("index.html", "gallery/index.html", "blog/first-light.html"):
            page = next(p for p in report["pages"] if p["page"] == name)
            live = LivePage(url + name)
            try:
                live.wait_until("document.readyState === 'complete'")
                live.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                loaded = _settled(live)
            finally:
                live.close()
            expected = {f["file"] for f in page["files"]} - {name}
            # the manifest's icons: fetched by Chromium for installing the app, now and then
            manifest = next(dist.glob("assets/site-*.webmanifest"))
            icons = {f"assets/{i['src']}" for i in json.loads(manifest.read_text())["icons"]}
            assert loaded - icons == expected, name


def test_images_a_script_shows_are_counted(tmp_path: Path, cache: Path):
    """The vite starters' way: `import hero from './hero.png'` and `<img src=${hero}>` written
    by the script. The report counts what Chromium loads (the JavaScript's images too)."""
    from PIL import Image

    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    Image.new("RGB", (40, 30), (10, 120, 200)).save(src / "img" / "hero.png")
    (src / "img" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>\n')
    (src / "index.html").write_text(
        '<!doctype html><link rel="icon" href="data:,"><div id="app"></div>'
        '<script type="module" src="main.js"></script>\n'
    )
    (src / "main.js").write_text(
        "import hero from './img/hero.png'\n"
        'const logo = new URL("./img/logo.svg", import.meta.url).href\n'
        "document.querySelector('#app').innerHTML = `<img src=${hero}><img src=${logo}>`\n"
    )
    assert build(tmp_path, cache).returncode == 0
    dist = tmp_path / "dist"
    page = load_report(dist)["pages"][0]
    files = {f["file"] for f in page["files"]}
    assert page["images"]["requests"] == 2
    assert {f for f in files if not f.endswith((".html", ".js"))} == {
        *(p.relative_to(dist).as_posix() for p in dist.glob("assets/*.png")),
        *(p.relative_to(dist).as_posix() for p in dist.glob("assets/*.svg")),
    }
    with serve(dist) as url:
        live = LivePage(url + "index.html")
        try:
            live.wait_until(
                "document.images.length === 2"
                " && [...document.images].every(i => i.complete && i.naturalWidth > 0)"
            )
            loaded = _settled(live)
        finally:
            live.close()
    assert loaded == files - {"index.html"}


def _settled(live: LivePage) -> set[str]:
    """The local resources the page loaded, once their number stopped growing."""
    script = (
        "performance.getEntriesByType('resource').map(e => new URL(e.name))"
        ".filter(u => u.host === location.host).map(u => u.pathname.slice(1))"
    )
    seen: list[str] = []
    for _ in range(40):
        time.sleep(0.25)
        now = live.evaluate(script)
        if now == seen and now:
            break
        seen = now
    return set(seen)


def test_the_reference_font_is_what_chromium_measures_sizes_with(demo: Path):
    """`sizes="(min-width: 72rem) 68ch"` depends on the initial font: the report's reference
    (`report.json` `reference`) is what Chromium measures in a media query and on an element
    with the initial font. Without fonts-liberation, Chromium on Linux falls back to DejaVu
    Serif, whose "0" is 10.2 px wide, and picks other image candidates than the report says."""
    reference = load_report(demo / "dist")["reference"]
    assert (reference["font_size_px"], reference["ch_px"]) == (16, 8)
    (demo / "units.html").write_text(
        '<!doctype html><div id="ch" style="font: initial; width: 100ch"></div>'
        '<div id="ex" style="font: initial; width: 100ex"></div>'
        '<div id="em" style="font: initial; width: 100em"></div>\n'
    )
    with serve(demo) as url:
        live = LivePage(url + "units.html")
        try:
            live.wait_until("document.readyState === 'complete'")
            measured = live.evaluate(
                "({ch: ch.getBoundingClientRect().width / 100,"
                " ex: ex.getBoundingClientRect().width / 100,"
                " em: em.getBoundingClientRect().width / 100,"
                " ch_mq: [matchMedia(`(min-width: ${innerWidth / 8 - 0.1}ch)`).matches,"
                "         matchMedia(`(min-width: ${innerWidth / 8 + 0.1}ch)`).matches]})"
            )
        finally:
            live.close()
    hint = "Chromium's initial font is not Liberation Serif: install fonts-liberation"
    assert measured["em"] == reference["font_size_px"], hint
    assert measured["ch"] == reference["ch_px"], hint
    assert measured["ex"] == pytest.approx(reference["ex_px"], abs=0.01), hint
    assert measured["ch_mq"] == [True, False], hint  # media queries measure the same `ch`


def test_reference_browser_choices():
    assert slot_width("(max-width: 600px) 100vw, 50vw", 1280) == 640
    assert slot_width("auto, (min-width: 70em) 40rem, 100vw", 1280) == 640
    assert slot_width(None, 1280) == 1280
    assert slot_width("(min-width: 72rem) 68ch, 100vw", 1280) == 544  # ch: 8 px
    srcset = "a-480.avif 480w, a-960.avif 960w, a-1440.avif 1440w"
    assert pick_candidate(srcset, "a.jpg", "50vw", 1280, 1) == "a-960.avif"
    assert pick_candidate(srcset, "a.jpg", "100vw", 1280, 2) == "a-1440.avif"
    assert pick_candidate("a.png 1x, a2.png 2x", "a.png", None, 1280, 1) == "a.png"
    assert pick_candidate(None, "a.jpg", None, 1280, 1) == "a.jpg"
    assert media_matches("(min-width: 800px) and (max-width: 1400px)", 1280)
    assert not media_matches("print", 1280) and not media_matches("(max-width: 40em)", 1280)
    # the art-directed preloads' conditions (`images/markup.py`): exactly one holds
    conditions = [
        "(min-width: 800px)",
        "(orientation: portrait) and (not (min-width: 800px))",
        "(not (min-width: 800px)) and (not (orientation: portrait))",
    ]
    assert [media_matches(c, 1280) for c in conditions] == [True, False, False]
    assert [media_matches(c, 600) for c in conditions] == [False, False, True]
    assert not media_matches("(prefers-color-scheme: dark)", 1280)  # not known: not taken


def write_config(root: Path, text: str) -> None:
    (root / "assetpipe.toml").write_text(text)


def test_an_exceeded_budget_fails_the_build_and_keeps_the_previous_output(demo, cache):
    before = tree_bytes(demo / "dist")
    write_config(
        demo,
        '[budgets]\npage_js_gzip = "1 KB"\npage_requests = 15\n'
        '[budgets.pages."gallery/*"]\npage_requests = 0\n',
    )
    try:
        result = build(demo, cache, "--compare", "dist")
    finally:
        (demo / "assetpipe.toml").unlink()
    assert result.returncode == 1
    # CI still learns what changed since the last build: nothing, here
    assert result.stdout.startswith("Compared with dist:") and "No file changed" in result.stdout
    assert "Traceback" not in result.stderr
    home = next(p for p in load_report(demo / "dist")["pages"] if p["page"] == "index.html")
    js = home["js"]["gzip"]
    largest = max((f for f in home["files"] if f["kind"] == "js"), key=lambda f: f["gzip"])
    assert (
        f"src/index.html: error[budget]: index.html loads {js / 1000:.2f} KB of JavaScript "
        "(gzip), over its budget of 1 KB (budgets.page_js_gzip)"
    ) in result.stderr
    assert f"note: largest: {largest['file']} " in result.stderr  # what to look at first
    # gallery/ has 20 requests, over 15, but its own table lifts that limit
    assert "gallery/index.html makes" not in result.stderr
    assert "gallery/index.html loads" in result.stderr  # the JS budget still applies there
    assert tree_bytes(demo / "dist") == before  # nothing replaced


def test_a_budget_can_warn_instead(demo, cache, tmp_path):
    write_config(
        demo, '[budgets]\non_exceed = "warn"\npage_total_gzip = "100 KB"\nasset_gzip = "200 KB"\n'
    )
    try:
        result = build(demo, cache, "--out", str(tmp_path / "d"))
    finally:
        (demo / "assetpipe.toml").unlink()
    assert result.returncode == 0, result.stderr
    assert (
        "warning[budget]: gallery/index.html transfers" in result.stderr
        and "over its budget of 100 KB (budgets.page_total_gzip)" in result.stderr
    )
    assert "index.html transfers" in result.stderr.replace("gallery/index.html", "")
    # the original dune grass photograph (225 KB) is over the one-file budget
    assert "assets/dune-grass-by-the-sea-" in result.stderr
    assert "over the budget of 200 KB for one file (budgets.asset_gzip)" in result.stderr


def test_compare_prints_what_grew(demo, cache, tmp_path):
    root = tmp_path / "site"
    shutil.copytree(demo / "src", root / "src")
    shutil.copytree(demo / "dist", root / "dist")
    page = root / "src" / "about" / "index.html"
    page.write_text(
        page.read_text().replace(
            "</main>", '<img src="../img/photos/coffee-cup.jpg" alt=""></main>'
        )
    )
    result = build(root, cache, "--compare", "dist")  # the previous build, read before
    assert result.returncode == 0, result.stderr
    sizes = result.stdout.split("| page | first visit (gzip) |")[1]  # (after the cache figure)
    row = next(line for line in sizes.splitlines() if line.startswith("| about/"))
    old = next(p for p in load_report(demo / "dist")["pages"] if p["page"] == "about/index.html")
    new = next(p for p in load_report(root / "dist")["pages"] if p["page"] == "about/index.html")
    growth = new["total"]["gzip"] - old["total"]["gzip"]
    assert growth > 10_000  # the photograph
    assert f"(+{growth / 1000:.1f} kB, +{growth / old['total']['gzip']:.1%})" in row
    requests = old["total"]["requests"]
    assert f"| {requests} → {requests + 1} (+1, " in row  # one more request
    assert "| about/index.html | " in result.stdout.split("| file |")[1]  # the page's HTML grew
    data = json.loads(build(root, cache, "--compare", str(demo / "dist"), "--json").stdout)
    about = next(r for r in data["comparison"]["pages"] if r["page"] == "about/index.html")
    assert about["new"]["total"] - about["old"]["total"] == growth
    # a manifest alone: files' sizes only
    alone = tmp_path / "manifest.json"
    shutil.copy(demo / "dist" / ".assetpipe" / "manifest.json", alone)
    result = build(root, cache, "--compare", str(alone))
    assert "comparing files only" in result.stdout and "| file | size |" in result.stdout
    missing = build(root, cache, "--compare", "nowhere/report.json")
    assert missing.returncode == 2 and "error: --compare: cannot read nowhere" in missing.stderr


def test_hashes_are_taken_out_of_names_to_match_files():
    assert unhashed("assets/home-3fA9c1Qz.js") == "assets/home.js"
    assert unhashed("assets/home-3fA9c1Qz.js.map") == "assets/home.js.map"
    assert unhashed("assets/coffee-cup-480-7IjlLO94.avif") == "assets/coffee-cup-480.avif"
    assert unhashed("about/index.html") == "about/index.html"
