"""Budgets checked against a hand-made report: sizes as users write them, the limits a page
gets (globs override, 0 lifts), and the messages a build fails or warns with, naming the page,
the figure, the budget and the configuration key it comes from."""

from __future__ import annotations

import pytest

from assetpipe.config import BudgetsConfig
from assetpipe.report.budgets import (
    LIMIT_KEYS,
    Limits,
    check_budgets,
    check_limit,
    limits_for,
    parse_size,
    show_size,
)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("170 KB", 170_000),
        ("1.5 MB", 1_500_000),
        ("900 B", 900),
        ("64 KiB", 65_536),
        ("2048", 2048),
        ("  1 gb ", 1_000_000_000),
        ("2MiB", 2 * 1024**2),
    ],
)
def test_sizes_as_written(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "KB", "-1 KB", "1,5 MB", "10 kilobytes", "1 KB 2"])
def test_sizes_that_are_not(text):
    with pytest.raises(ValueError, match="is not a size such as"):
        parse_size(text)


def test_sizes_are_shown_as_budgets_are_written():
    assert show_size(900) == "900 B"
    assert show_size(170_000) == "170 KB"
    assert show_size(1_520_000) == "1.52 MB"
    assert show_size(1_500) == "1.5 KB"
    assert show_size(123_456) == "123 KB"
    assert show_size(2 * 1000**3) == "2 GB"


def test_what_is_wrong_with_a_limit():
    assert check_limit("page_js_gzip", "170 KB") is None
    assert check_limit("page_js_gzip", 170) == 'expected a size such as "170 KB", got 170'
    assert "is not a size" in check_limit("asset_gzip", "big")
    assert check_limit("page_requests", 15) is None
    assert check_limit("page_requests", -1) == "expected a whole number, 0 or more, got -1"
    assert check_limit("lcp_ms", True) is not None
    assert check_limit("cls", 0.1) is None and check_limit("cls", 0) is None
    assert check_limit("cls", "0.1") == "expected a number such as 0.05, got '0.1'"
    assert check_limit("page_gzip", "1 KB") == (
        f"unknown budget 'page_gzip' (known: {', '.join(LIMIT_KEYS)})"
    )


BUDGETS = BudgetsConfig(
    page_js_gzip="10 KB",
    page_requests=5,
    asset_gzip="20 KB",
    pages=(
        ("gallery/*", {"page_requests": 0, "page_total_gzip": "50 KB"}),
        ("gallery/big/*", {"page_requests": 100}),  # never reached: the first match wins
        ("blog/*", {"page_js_gzip": ""}),
    ),
)


def test_limits_for_a_page_glob_overrides_and_lifts():
    assert limits_for(BUDGETS, "index.html") == Limits(
        page_js_gzip=10_000, page_requests=5, asset_gzip=20_000
    )
    gallery = limits_for(BUDGETS, "gallery/big/index.html")  # `*` crosses folders
    assert gallery.page_requests is None and gallery.page_total_gzip == 50_000
    assert gallery.page_js_gzip == 10_000
    assert gallery.glob == "gallery/*"
    assert gallery.where("page_total_gzip") == 'budgets.pages."gallery/*".page_total_gzip'
    assert gallery.where("page_js_gzip") == "budgets.page_js_gzip"
    assert limits_for(BUDGETS, "blog/post.html").page_js_gzip is None
    assert limits_for(BudgetsConfig(), "index.html") == Limits()


def _page(page, js, css, total, requests, files):
    return {
        "page": page,
        "js": {"gzip": js},
        "css": {"gzip": css},
        "total": {"gzip": total, "requests": requests},
        "files": files,
    }


FILES = [
    {"file": "assets/app-AAAA1111.js", "gzip": 9_000, "kind": "js"},
    {"file": "assets/photo-BBBB2222.jpg", "gzip": 30_000, "kind": "image"},
    {"file": "assets/vendor-CCCC3333.js", "gzip": 3_000, "kind": "js"},
    {"file": "assets/site-DDDD4444.css", "gzip": 2_000, "kind": "css"},
]
REPORT = {
    "pages": [
        _page("index.html", 12_000, 2_000, 44_000, 6, FILES),
        _page("gallery/index.html", 9_000, 2_000, 60_000, 40, FILES),
        _page("about.html", 1_000, 1_000, 2_000, 5, []),  # exactly at a limit passes
    ],
    "files": {
        "index.html": {"gzip": 25_000, "kind": "html"},
        "assets/photo-BBBB2222.jpg": {"gzip": 30_000, "kind": "image"},
        "assets/app-AAAA1111.js.map": {"gzip": 40_000, "kind": "map"},
        "assets/app-AAAA1111.js": {"gzip": 9_000, "kind": "js"},
    },
}


def test_exceeded_budgets_are_errors_naming_page_figure_and_key():
    found = check_budgets(REPORT, BUDGETS, "src/")
    assert [(d.severity, d.code) for d in found] == [("error", "budget")] * 4
    js, requests, gallery_total, asset = found
    assert js.message == (
        "index.html loads 12 KB of JavaScript (gzip), over its budget of 10 KB "
        "(budgets.page_js_gzip)"
    )
    assert js.location.path == "src/index.html"
    assert js.notes == ("largest: assets/app-AAAA1111.js 9 KB, assets/vendor-CCCC3333.js 3 KB",)
    assert requests.message == (
        "index.html makes 6 requests on a first visit, over its budget of 5 (budgets.page_requests)"
    )
    assert requests.notes[0].startswith("largest: assets/app-AAAA1111.js 9 KB, assets/photo")
    assert gallery_total.message == (
        "gallery/index.html transfers 60 KB on a first visit (gzip), over its budget of "
        '50 KB (budgets.pages."gallery/*".page_total_gzip)'
    )
    assert gallery_total.location.path == "src/gallery/index.html"
    # one file over asset_gzip: not the page itself, not a source map
    assert asset.message == (
        "assets/photo-BBBB2222.jpg is 30 KB (gzip), over the budget of 20 KB for one file "
        "(budgets.asset_gzip)"
    )
    assert asset.location is None


def test_on_exceed_warn_makes_warnings():
    warn = BudgetsConfig(page_js_gzip="10 KB", on_exceed="warn")
    found = check_budgets(REPORT, warn, "src")
    assert [d.severity for d in found] == ["warning"]
    assert found[0].location.path == "src/index.html"


def test_no_budgets_no_diagnostics():
    assert check_budgets(REPORT, BudgetsConfig(), "src") == []
