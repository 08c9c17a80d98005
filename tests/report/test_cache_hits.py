"""The cache-hit figure: on hand-made manifests and reports (what is served by the cache and
what is refetched, the shares, page weights, new pages), the page-weight file with its errors,
and, the acceptance test, a one-module change whose figure is what headless Chromium really
refetches when it comes back to each page."""

from __future__ import annotations

import json
import shutil
import struct
import zlib
from pathlib import Path

import pytest

from assetpipe import api
from assetpipe.report.cache_hits import (
    PageWeights,
    PageWeightsError,
    cache_hits,
    page_for,
    read_page_weights,
    weight_warnings,
)
from assetpipe.report.compare import format_markdown

from ..conftest import ROOT, require_tool, run_cli, site_config, write_files


def _out(sha: str, immutable: bool) -> dict:
    return {"sha256": sha, "immutable": immutable}


OLD = {
    "index.html": _out("i1", False),
    "about/index.html": _out("a1", False),
    "favicon.ico": _out("f1", False),
    "assets/ui-AAAAAAAA.js": _out("u1", True),
    "assets/home-BBBBBBBB.js": _out("h1", True),
    "assets/site-CCCCCCCC.css": _out("c1", True),
    "assets/photo-DDDDDDDD.avif": _out("p1", True),
}
NEW = {
    **OLD,
    "index.html": _out("i2", False),  # names the new ui chunk: changed
    "assets/ui-EEEEEEEE.js": _out("u2", True),  # the changed module: a new name
    "contact.html": _out("k1", False),
}


def _file(path: str, gzip: int) -> dict:
    return {"file": path, "gzip": gzip}


REPORT = {
    "pages": [
        {
            "page": "index.html",
            "file": "index.html",
            "files": [
                _file("index.html", 1_000),
                _file("assets/ui-EEEEEEEE.js", 500),
                _file("assets/home-BBBBBBBB.js", 1_500),
                _file("assets/site-CCCCCCCC.css", 2_000),
                _file("favicon.ico", 1_000),
            ],
        },
        {
            "page": "about/index.html",
            "file": "about/index.html",
            "files": [
                _file("about/index.html", 1_000),
                _file("assets/site-CCCCCCCC.css", 2_000),
                _file("assets/photo-DDDDDDDD.avif", 6_000),
                _file("favicon.ico", 1_000),
            ],
        },
        {"page": "contact.html", "file": "contact.html", "files": [_file("contact.html", 900)]},
    ]
}


def test_same_name_or_same_bytes_is_served_the_rest_refetched():
    result = cache_hits(OLD, REPORT, NEW)
    home, about = result["pages"]  # worst first
    assert home == {
        "page": "index.html",
        "file": "index.html",
        "requests": 5,
        "served": 3,  # home and site by their hashed names, favicon.ico by a 304
        "bytes": 6_000,
        "served_bytes": 4_500,
        "share_requests": 0.6,
        "share_bytes": 0.75,
        "refetched": ["assets/ui-EEEEEEEE.js", "index.html"],
        "weight": 1.0,
    }
    assert (about["served"], about["requests"], about["refetched"]) == (4, 4, [])
    assert result["new_pages"] == ["contact.html"]  # no one comes back to it: not counted
    assert result["site"] == {
        "pages": 2,
        "share_requests": 0.8,  # (0.6 + 1.0) / 2: each page alike
        "share_bytes": 0.875,
        "requests": 9,
        "served": 7,
        "bytes": 16_000,
        "served_bytes": 14_500,
    }
    assert result["figure"] == "gzip" and result["weights"] is None


def test_an_unhashed_file_is_served_only_with_the_same_bytes():
    new = {**NEW, "favicon.ico": _out("f2", False)}  # a new icon at the same URL: a 200
    home = cache_hits(OLD, REPORT, new)["pages"][0]
    assert home["refetched"] == ["assets/ui-EEEEEEEE.js", "favicon.ico", "index.html"]


def test_page_weights_by_source_path_or_url_path():
    weights = PageWeights(
        "weights.csv",
        (("/", 3.0, 2), ("/about/", 0.5, 3), ("about/index.html", 0.5, 4), ("/gone/", 9.0, 5)),
    )
    result = cache_hits(OLD, REPORT, NEW, weights=weights)
    assert [(r["page"], r["weight"]) for r in result["pages"]] == [
        ("index.html", 3.0),
        ("about/index.html", 1.0),  # two keys of one page add up
    ]
    assert result["site"]["share_requests"] == 0.7  # (3 * 0.6 + 1 * 1.0) / 4
    assert result["weights"] == "weights.csv" and result["unmatched_weights"] == ["/gone/"]
    [warning] = weight_warnings(result, weights)
    assert warning.code == "page-weights" and (warning.location.path, warning.location.line) == (
        "weights.csv",
        5,
    )
    # a page the file does not name weighs 0; no weight at all: no site figure
    only_about = PageWeights("w.json", (("about/index.html", 1.0, 1),))
    assert cache_hits(OLD, REPORT, NEW, weights=only_about)["site"]["share_requests"] == 1.0
    none = cache_hits(OLD, REPORT, NEW, weights=PageWeights("w.json", ()))
    assert none["site"]["share_requests"] is None and none["site"]["pages"] == 0


def test_url_paths_name_pages_under_the_base():
    pages = {"index.html": "index.html", "blog/index.html": "blog/index.html", "a.html": "a.html"}
    assert page_for("/", pages) == "index.html"
    assert page_for("/blog", pages) == page_for("/blog/", pages) == "blog/index.html"
    assert page_for("/a", pages) == page_for("https://example.com/a.html", pages) == "a.html"
    assert page_for("/docs/blog/", pages, base="/docs/") == "blog/index.html"
    assert page_for("/docs", pages, base="/docs/") == "index.html"
    assert page_for("/nope/", pages) is None and page_for("nope.html", pages) is None


def test_reading_page_weight_files(tmp_path: Path):
    csv = tmp_path / "weights.csv"
    csv.write_text("page,views\n# exported from analytics\n/,1200\n\nblog/index.html, 30.5\n")
    assert read_page_weights(str(csv)).entries == (("/", 1200.0, 3), ("blog/index.html", 30.5, 5))
    js = tmp_path / "weights.json"
    js.write_text('{\n "/": 3,\n "/about/": 1\n}\n')
    assert read_page_weights(str(js)).entries == (("/", 3.0, 2), ("/about/", 1.0, 3))

    def error(text: str, name: str = "w.csv") -> str:
        path = tmp_path / name
        path.write_text(text)
        with pytest.raises(PageWeightsError) as caught:
            read_page_weights(str(path))
        return str(caught.value).removeprefix(str(path))

    assert error("page,weight\n/,1\n/about/,many\n") == (
        ":3: the weight 'many' of '/about/' is not a number"
    )
    assert error("/,1\n/a/,2,3\n") == ":2: expected two fields, page,weight; found 3"
    assert error("/,-1\n") == ":1: the weight of '/' must be a number >= 0"
    assert (
        error('{\n "/": 1,\n "/a/": "x"\n}', "w.json") == ":3: the weight of '/a/' is not a number"
    )
    assert error('{\n "/": 1,\n', "w.json").startswith(":3: not JSON: ")
    assert error("[1, 2]", "w.json") == ':1: expected a JSON object {"page": weight}'
    with pytest.raises(PageWeightsError, match="cannot read it"):
        read_page_weights(str(tmp_path / "missing.csv"))


def test_markdown_leads_with_the_figure():
    comparison = {"pages": [], "files": [], "figure": "gzip", "total": {"old": 1, "new": 1}}
    comparison["cache_hits"] = cache_hits(OLD, REPORT, NEW)
    lines = format_markdown(comparison, "dist").splitlines()
    assert lines[2] == (
        "Returning visitors: 80.0% of requests and 87.5% of bytes (gzip) served by the browser "
        "cache (mean of 2 pages, each page alike)."
    )
    assert "| index.html | 3 / 5 (60.0%) | 4.5 kB / 6.0 kB (75.0%) |" in lines
    assert "| contact.html | new: no returning visitor | |" in lines
    assert "Refetched on index.html: assets/ui-EEEEEEEE.js, index.html" in lines
    comparison["cache_hits"] = None
    assert format_markdown(comparison, "dist").splitlines()[2].startswith("No cache-hit figure")


# -- a real build, a real browser --------------------------------------------------------------

UI_JS = 'export const GREETING = "Welcome back";\nexport function greet(el) { el.textContent = GREETING; }\n'
SITE: dict[str, str | bytes] = {
    "index.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title>'
        '<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="css/site.css">'
        '<script type="module" src="js/home.js"></script></head>'
        '<body><h1 id="hi">Home</h1><img src="img/photo.png" width="64" height="48" alt="">'
        "<button>open</button></body></html>\n"
    ),
    "about/index.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>About</title>'
        '<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="../css/site.css">'
        '</head><body><h1>About</h1><img src="../img/photo.png" width="64" height="48" alt="">'
        "</body></html>\n"
    ),
    "blog/index.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blog</title>'
        '<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="../css/site.css">'
        '<script type="module" src="../js/blog.js"></script></head>'
        '<body><h1 id="hi">Blog</h1><p id="date"></p></body></html>\n'
    ),
    "contact.html": (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Contact</title>'
        '<link rel="icon" href="/favicon.ico"><link rel="stylesheet" href="css/site.css">'
        '<script type="module" src="js/contact.js"></script></head>'
        '<body><h1>Contact</h1><p id="date"></p></body></html>\n'
    ),
    "public/favicon.ico": b"\0\0\1\0" + bytes(60),
    "css/site.css": "body { font: 16px/1.5 sans-serif; margin: 2rem }\nh1 { color: #c8553d }\n",
    "js/lib/ui.js": UI_JS,
    "js/lib/format.js": "export const day = (d) => d.toISOString().slice(0, 10);\n",
    "js/lib/dialog.js": 'import { GREETING } from "./ui.js";\nexport const open = () => alert(GREETING);\n',
    "js/home.js": (
        'import { greet } from "./lib/ui.js";\ngreet(document.getElementById("hi"));\n'
        'document.querySelector("button").onclick = () => import("./lib/dialog.js")'
        ".then((m) => m.open());\n"
    ),
    "js/blog.js": (
        'import { greet } from "./lib/ui.js";\nimport { day } from "./lib/format.js";\n'
        'greet(document.getElementById("hi"));\n'
        'document.getElementById("date").textContent = day(new Date(0));\n'
    ),
    "js/contact.js": (
        'import { day } from "./lib/format.js";\n'
        'document.getElementById("date").textContent = day(new Date(0));\n'
    ),
}


def _png(width: int, height: int) -> bytes:
    """A small striped PNG (no Pillow needed to make it)."""
    raw = b"".join(
        b"\0" + b"".join(bytes((x * 4 % 256, y * 5 % 256, 128)) for x in range(width))
        for y in range(height)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def test_the_figure_is_what_chromium_refetches_after_a_one_module_change(tmp_path: Path):
    from .revisits import measure

    chromium = require_tool("chromium", "chromium-browser", "google-chrome")
    src = write_files(tmp_path / "src", {**SITE, "img/photo.png": _png(64, 48)})
    out = tmp_path / "dist"
    config, _ = api.load_config(
        None,
        overrides={
            "build.src": str(src),
            "build.out": str(out),
            "build.cache_dir": str(tmp_path / "cache"),
        },
        cwd=str(tmp_path),
    )
    api.build(config)  # version A, served
    pages = sorted(
        p["file"] for p in json.loads((out / ".assetpipe/report.json").read_text())["pages"]
    )
    built: dict = {}

    def deploy() -> None:  # version B: one string of a module two pages import
        (src / "js/lib/ui.js").write_text(UI_JS.replace("Welcome back", "Good to see you"))
        baseline = api.load_baseline(str(out))  # before the build replaces it, as CI reads it
        built["result"] = api.build(config, baseline=baseline)

    seen = measure(chromium, out, pages, deploy)
    hits = built["result"].report["cache_hits"]
    assert hits == json.loads((out / ".assetpipe/report.json").read_text())["cache_hits"]
    rows = {r["file"]: r for r in hits["pages"]}
    report_files = {
        p["file"]: {f["file"] for f in p["files"]} for p in built["result"].report["pages"]
    }
    for page in pages:
        visit, row = seen[page], rows[page]
        assert visit.requested == report_files[page], page  # the report's list of what loads
        assert sorted(visit.refetched) == row["refetched"], page
        assert (visit.served, len(visit.requested)) == (row["served"], row["requests"]), page
    # the changed module: a new chunk name on the two pages that import it, and their HTML
    assert [rows[p]["served"] == rows[p]["requests"] for p in pages] == [True, False, True, False]
    assert rows["index.html"]["refetched"][1] == "index.html"
    served = sum(v.served / len(v.requested) for v in seen.values()) / len(seen)
    assert hits["site"]["share_requests"] == round(served, 4)


def test_build_compare_with_page_weights_on_the_command_line(tmp_path: Path):
    write_files(tmp_path / "src", {**SITE, "img/photo.png": _png(64, 48)})
    build = ("build", "--src", "src", "--out", "dist", "--cache-dir", "cache")
    assert run_cli(*build, cwd=tmp_path).returncode == 0
    weights = tmp_path / "w.csv"
    weights.write_text("page,views\n/,x\n")
    for extra, message in [
        (("--page-weights", "w.csv"), "error: --page-weights needs --compare OLD\n"),
        (("--compare", "dist", "--page-weights", "w.csv"), "error: --page-weights: w.csv:2: "),
        (("--compare", "dist", "--page-weights", "none.csv"), "error: --page-weights: none.csv: "),
    ]:
        failed = run_cli(*build, *extra, cwd=tmp_path)
        assert failed.returncode == 2 and failed.stderr.startswith(message), failed.stderr
        assert "Traceback" not in failed.stderr

    (tmp_path / "src/js/lib/ui.js").write_text(UI_JS.replace("Welcome back", "Hello again"))
    weights.write_text("page,views\n/,3\n/about/,1\n/nowhere/,5\n")
    result = run_cli(*build, "--compare", "dist", "--page-weights", "w.csv", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    hits = data["comparison"]["cache_hits"]
    report = json.loads((tmp_path / "dist/.assetpipe/report.json").read_text())
    assert report["cache_hits"] == hits  # written by the build's report stage
    rows = {r["page"]: r for r in hits["pages"]}
    assert [rows[p]["weight"] for p in sorted(rows)] == [1.0, 0.0, 0.0, 3.0]
    home = rows["index.html"]["share_requests"]
    assert hits["site"]["share_requests"] == round((3 * home + 1.0) / 4, 4) and home < 1
    [warning] = [d for d in data["diagnostics"] if d["code"] == "page-weights"]
    assert "'/nowhere/' is no page of this build" in warning["message"]
    assert (warning["file"], warning["line"]) == ("w.csv", 4)

    again = run_cli(*build, "--compare", "dist", cwd=tmp_path)  # nothing changed since
    assert again.returncode == 0, again.stderr
    assert (
        "Returning visitors: 100.0% of requests and 100.0% of bytes (gzip) served by the browser "
        "cache (mean of 4 pages, each page alike)."
    ) in again.stdout.splitlines()


def test_a_one_module_change_of_the_demo_keeps_over_90_percent_of_requests_cached(
    tmp_path: Path,
):
    """The demo site (docs/report.md, "The cache-hit figure"): one string of `js/lib/ui.js`,
    the module every scripted page imports, changes; only its chunk and those pages' HTML (its
    new name is in their import map) are refetched."""
    src = tmp_path / "src"
    shutil.copytree(ROOT / "site_src", src)
    out = tmp_path / "dist"
    config = site_config(ROOT / "config/assetpipe.toml", src, out, tmp_path / "cache", tmp_path)
    api.build(config)
    ui = src / "js/lib/ui.js"
    ui.write_text(ui.read_text().replace('label ?? "items"', 'label ?? "entries"'))
    hits = api.build(config, baseline=api.load_baseline(str(out))).report["cache_hits"]
    assert hits["site"]["share_requests"] >= 0.9 and hits["site"]["share_bytes"] >= 0.9
    assert hits["new_pages"] == []
    refetched = {f for r in hits["pages"] for f in r["refetched"]}
    [chunk] = [f for f in refetched if f.startswith("assets/")]
    assert chunk.startswith("assets/ui-") and chunk.endswith(".js")
    assert refetched - {chunk} == {"index.html", "blog/index.html", "gallery/index.html"}
