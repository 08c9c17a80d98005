"""The build summary from hand-made outputs, sizes and page report: figures per kind and in
all, each page's row with its inlined critical CSS, the largest files pages load, and the table
printed after a build."""

from __future__ import annotations

import pytest

from assetpipe.pipeline.values import OutputFile, Rendered
from assetpipe.report.summary import format_summary, human, summarize

OUTPUTS = [
    OutputFile("index.html", b"x" * 100, "index.html", False),
    OutputFile("about/index.html", b"x" * 50, "about/index.html", False),
    OutputFile("assets/app-AAAA1111.js", b"y" * 2000, "js/app.js", True),
    OutputFile("assets/app-AAAA1111.js.map", b"z" * 5000, "js/app.js", True),
    OutputFile("assets/photo-BBBB2222.png", b"p" * 1500, "img/photo.png", True),
]
SIZES = {
    "index.html": (100, 60, 50),
    "about/index.html": (50, 40, 30),
    "assets/app-AAAA1111.js": (2000, 800, 700),
    "assets/app-AAAA1111.js.map": (5000, 5000, 5000),
    "assets/photo-BBBB2222.png": (1500, 1500, 1500),
}


def _page(name, gzip, requests, files):
    return {
        "page": name,
        "total": {"gzip": gzip, "bytes": gzip * 2, "requests": requests},
        "initial": {"gzip": gzip - 10},
        "js": {"gzip": 800},
        "css": {"gzip": 0},
        "files": [{"file": f} for f in files],
    }


REPORT = {
    "pages": [
        _page(
            "index.html",
            2360,
            3,
            ["index.html", "assets/app-AAAA1111.js", "assets/photo-BBBB2222.png"],
        ),
        _page("about/index.html", 40, 1, ["about/index.html"]),
    ],
    "files": {
        "index.html": {"gzip": 60, "bytes": 100},
        "about/index.html": {"gzip": 40, "bytes": 50},
        "assets/app-AAAA1111.js": {"gzip": 800, "bytes": 2000},
        "assets/photo-BBBB2222.png": {"gzip": 1500, "bytes": 1500},
        "assets/legacy-CCCC3333.js": {"gzip": 9000, "bytes": 9000},  # no page loads it
    },
}
RENDERED = [Rendered("index.html", "index.html", "", None, critical=(1200, 4800, 300))]


def test_figures_per_kind_and_in_all():
    summary = summarize(OUTPUTS, SIZES, REPORT, RENDERED)
    assert summary["total"] == {"files": 5, "bytes": 8650, "gzip": 7400}
    assert summary["kinds"] == {  # in the fixed order, kinds with no file left out
        "html": {"files": 2, "bytes": 150, "gzip": 100},
        "js": {"files": 1, "bytes": 2000, "gzip": 800},
        "image": {"files": 1, "bytes": 1500, "gzip": 1500},
        "sourcemap": {"files": 1, "bytes": 5000, "gzip": 5000},
    }
    assert list(summary["kinds"]) == ["html", "js", "image", "sourcemap"]


def test_page_rows_and_their_critical_css():
    home, about = summarize(OUTPUTS, SIZES, REPORT, RENDERED)["pages"]
    assert home == {
        "page": "index.html",
        "files": 3,
        "bytes": 4720,
        "gzip": 2360,
        "initial": {"gzip": 2350},
        "js_gzip": 800,
        "css_gzip": 0,
        "critical_css": {"inlined": 1200, "stylesheets": 4800, "ratio": 0.25, "left_out": 300},
    }
    assert "critical_css" not in about


def test_the_largest_files_are_those_pages_load():
    largest = summarize(OUTPUTS, SIZES, REPORT, RENDERED)["largest_files"]
    assert [f["file"] for f in largest] == [
        "assets/photo-BBBB2222.png",
        "assets/app-AAAA1111.js",
        "index.html",
        "about/index.html",
    ]
    assert largest[1] == {"file": "assets/app-AAAA1111.js", "gzip": 800, "bytes": 2000}


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "0 B"),
        (999, "999 B"),
        (1000, "1.0 kB"),
        (12_345, "12.3 kB"),
        (2_500_000, "2.5 MB"),
        (3e12, "3000.0 GB"),
    ],
)
def test_human_sizes(n, text):
    assert human(n) == text


def test_the_printed_summary():
    summary = summarize(OUTPUTS, SIZES, REPORT, RENDERED)
    text = format_summary(summary, [("scan", 0.01), ("render", 0.25)], "dist")
    lines = text.splitlines()
    assert lines[0] == "built 2 pages, 5 files (8.7 kB, 7.4 kB gzip) into dist/ in 0.26 s"
    home = next(line for line in lines if line.strip().startswith("index.html"))
    assert home.split()[:6] == ["index.html", "3", "2.4", "kB", "2.4", "kB"]
    assert home.endswith("1.2 kB of 4.8 kB (25%), 300 B over the cap left out")
    assert "  assets/photo-BBBB2222.png" in text and "legacy" not in text
    assert lines[-1] == "  scan 10 ms · render 250 ms"
    one = dict(summary, pages=summary["pages"][:1])
    assert format_summary(one, [], "out").startswith("built 1 page, 5 files")


def test_pages_beyond_the_first_are_counted():
    summary = summarize(OUTPUTS, SIZES, REPORT, RENDERED)
    text = format_summary(summary, [], "dist", max_pages=1)
    assert "about/index.html" not in text.split("largest files")[0]
    assert "  ... and 1 more pages (--json lists all)" in text


def test_the_page_table_header_lines_up_with_its_rows():
    text = format_summary(summarize(OUTPUTS, SIZES, REPORT, RENDERED), [], "dist")
    lines = text.splitlines()
    header = next(line for line in lines if "requests" in line)
    home = next(line for line in lines if line.strip().startswith("index.html"))
    assert header.index("requests") + len("requests") == home.index(" 3 ") + 2


def test_entries_list_what_their_tags_load_and_replace_an_empty_page_table():
    outputs = [
        OutputFile("assets/main-A.js", b"x" * 100, "src/main.ts", True),
        OutputFile("assets/shared-B.js", b"x" * 50, "_shared.js", True),
        OutputFile("assets/main-C.css", b"x" * 20, "src/main.css", True),
        OutputFile("assets/lazy-D.js", b"x" * 70, "src/lazy.ts", True),
    ]
    sizes = {o.path: (len(o.data), len(o.data) // 2, len(o.data) // 3) for o in outputs}
    manifest = {
        "version": 1,
        "entries": {
            "src/main.ts": {
                "file": "assets/main-A.js",
                "imports": ["_shared.js"],
                "dynamicImports": ["src/lazy.ts"],  # not loaded by the tags
                "css": ["assets/main-C.css"],
                "isEntry": True,
            },
            "_shared.js": {"file": "assets/shared-B.js", "imports": [], "css": []},
            "src/lazy.ts": {"file": "assets/lazy-D.js", "imports": ["_shared.js"], "css": []},
        },
    }
    report = {"pages": [], "files": {}}
    summary = summarize(outputs, sizes, report, [], manifest)
    assert summary["entries"] == [{"entry": "src/main.ts", "files": 3, "bytes": 170, "gzip": 85}]
    text = format_summary(summary, [("scan", 0.01)], "dist")
    assert text.splitlines()[0].startswith("built 1 entry, 4 files")
    assert "src/main.ts" in text and "page (first visit" not in text
    assert "entries" not in summarize(outputs, sizes, report, [], None)
