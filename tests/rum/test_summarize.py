"""`assetpipe rum summarize`: beacons read from logs (skipped lines located), each page's 75th
percentiles by nearest rank, URL paths mapped to a build's pages for `[budgets.pages]`, budgets
and `on_exceed`, the `--build` filter, and the command's table, JSON and exit statuses."""

from __future__ import annotations

import gzip
import json
import math
import random
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from assetpipe import api
from assetpipe.config import BudgetsConfig, Config
from assetpipe.report.beacons import METRICS, RumError, read_beacons
from assetpipe.report.rum import SitePages, find_page, p75, page_map, summarize

from ..conftest import run_cli, write_files


def beacon(page: str = "/", **fields: object) -> str:
    return json.dumps({"v": 1, "page": page, **fields}, separators=(",", ":"))


def summary(lines: list[str], budgets: BudgetsConfig | None = None, **options):
    site = options.pop("site", None)
    tally = read_beacons(lines, "beacons.jsonl", options.pop("build", None))
    return summarize(tally, budgets or BudgetsConfig(), site=site, **options)


# --- percentiles ------------------------------------------------------------------------------


def test_p75_is_the_nearest_rank():
    # rank ceil(0.75 n), 1-based, in sorted order: n=10 -> 8th, n=4 -> 3rd, n=5 -> 4th
    assert p75([7, 1, 9, 3, 10, 2, 8, 5, 4, 6]) == 8
    assert p75([40, 10, 30, 20]) == 30
    assert p75([5, 1, 3, 2, 4]) == 4
    assert p75([1234.5]) == 1234.5
    assert p75([100, 100, 100, 5000]) == 100  # a value of the data, never interpolated
    assert p75([]) is None


def test_p75_agrees_with_statistics_where_the_methods_meet():
    # With n = 4k + 1 values, the inclusive method's position 0.75 (n - 1) = 3k is a whole
    # rank, the nearest rank's ceil(0.75 n) = 3k + 1 (1-based): the same value.
    rng = random.Random(20)
    for k in range(1, 60):
        values = [rng.lognormvariate(7, 0.6) for _ in range(4 * k + 1)]
        assert p75(values) == statistics.quantiles(values, n=4, method="inclusive")[2]


def test_p75_is_the_smallest_value_with_three_quarters_at_or_below_it():
    rng = random.Random(75)
    for n in range(1, 200):
        values = [rng.choice([rng.randint(0, 50), rng.random()]) for _ in range(n)]
        v = p75(values)
        assert sum(x <= v for x in values) >= 0.75 * n  # at least 75% at or below
        assert sum(x < v for x in values) < 0.75 * n  # but not without it


# --- reading ----------------------------------------------------------------------------------


def test_beacons_embedded_in_log_lines_blank_lines_passed_over():
    lines = [
        beacon("/", lcp=1000) + "\n",
        "\n",
        "   \n",
        f'2026-11-27T10:00:00Z POST /rum 204 body={beacon("/blog/", lcp=2000)} ua="x"\n',
        f"[info] {beacon('/', lcp=3000, nav='reload')}",  # no newline at the end
    ]
    tally = read_beacons(lines, "access.log")
    assert (tally.lines, tally.beacons, tally.skipped) == (3, 3, 0)
    assert tally.pages["/"].views == 2
    assert list(tally.pages["/"].values[0]) == [1000, 3000]
    assert tally.pages["/blog/"].views == 1


def test_lines_that_are_not_beacons_are_counted_and_the_first_located():
    lines = [
        beacon("/"),
        "GET /health 200\n",  # no object at all: the first, on line 2
        '{"page": "/", "lcp": }\n',
        "[1, 2]\n".replace("[", "{").replace("]", "}"),  # {1, 2}: not JSON either
        '{"lcp": 1200}\n',  # no page
        '{"page": "blog/"}\n',  # not a URL path
        '{"page": "/", "nav": 3}\n',
        '{"page": "/", "v": 2}\n',
        'ts=1 msg="beacon" body={"page": "/"} status=204\n',  # first { to last }
    ]
    result = summary(lines)
    assert (result.lines, result.beacons, result.skipped) == (9, 2, 7)
    first = result.diagnostics[0]
    assert first.code == "rum-line" and not first.is_error
    assert first.render().splitlines()[0] == (
        "beacons.jsonl:2:1: warning[rum-line]: skipped 7 lines that are not beacons; the first: "
        "not JSON (no {...} in the line)"
    )
    assert "GET /health 200" in first.render()  # the line is shown

    reasons = []
    for line in lines[2:8]:
        tally = read_beacons([line], "b")
        reasons.append(tally.first_skipped.reason)
    assert reasons == [
        "not JSON: Expecting value",
        "not JSON: Expecting property name enclosed in double quotes",
        'no "page"',
        '"page" is not a URL path ("/blog/")',
        '"nav" is not a string',
        'beacon version 2 ("v"); this assetpipe reads 1',
    ]
    bad_json = read_beacons(['at 10:00 {"page": "/", "lcp": }'], "b").first_skipped
    assert (bad_json.line, bad_json.column) == (1, 31)  # where the parser stopped, in the line


def test_hostile_lines_are_skipped_and_shown_without_their_control_characters():
    lines = [
        "\x1b]0;owned\x07\x1b[2J garbage\r\n",  # escape sequences a terminal would obey
        '{"a":' * 50_000 + "1" + "}" * 50_000,  # deeper than Python's recursion limit
        '{"page": "/\\u001b[31m"}',  # a path no browser sends
        "\ufffd\x00{" + beacon("/") + "}\x00",  # not JSON: the braces around the beacon
        beacon("/"),
    ]
    tally = read_beacons(lines, "b")
    assert (tally.lines, tally.skipped, tally.beacons) == (5, 4, 1)
    assert tally.first_skipped.text == "\ufffd]0;owned\ufffd\ufffd[2J garbage"
    reasons = [read_beacons([line], "b").first_skipped.reason for line in lines[1:3]]
    assert reasons == ["JSON nested too deeply", '"page" is not a URL path ("/blog/")']


def test_metric_values_that_are_not_finite_numbers_are_ignored_not_the_view():
    lines = [
        '{"page": "/", "lcp": "1200", "cls": 0.1}',
        '{"page": "/", "lcp": -1, "inp": true, "fcp": NaN, "ttfb": 1e400}',
        '{"page": "/", "lcp": ' + "9" * 400 + ', "cls": null, "inp": [3]}',
        '{"page": "/", "lcp": 800, "inp": 0}',
        '{"page": "/", "ttfb": ["a very long list of values", 1, 2, 3, 4, 5, 6, 7]}',
    ]
    result = summary(lines)
    assert (result.beacons, result.ignored) == (5, 8)  # null is a missing value, not a bad one
    row = result.all
    assert row.views == 5
    assert [row.figure(m).values for m in METRICS] == [1, 1, 1, 0, 0]
    assert row.figure("lcp").p75 == 800 and row.figure("inp").p75 == 0
    assert row.figure("fcp").p75 is None
    long = read_beacons(lines[-1:], "b").first_ignored.reason
    assert (
        long == '"ttfb": ["a very long list of values", 1, 2, 3,… is not a finite number, 0 or more'
    )
    warning = next(d for d in result.diagnostics if d.code == "rum-value")
    assert warning.render().splitlines()[0] == (
        'beacons.jsonl:1:1: warning[rum-value]: ignored 8 metric values; the first: "lcp": '
        '"1200" is not a finite number, 0 or more'
    )


def test_no_beacons_is_an_error_that_says_why():
    empty = summary([])
    assert not empty.ok and empty.all is None
    assert empty.diagnostics[-1].message == "no beacons in beacons.jsonl: it is empty"
    junk = summary(["hello\n", "world\n"])
    assert junk.diagnostics[-1].message == (
        "no beacons in beacons.jsonl: none of its 2 lines is a beacon"
    )
    assert [d.code for d in junk.diagnostics] == ["rum-line", "rum-empty"]


# --- grouping ---------------------------------------------------------------------------------


def test_rows_by_views_then_path_navigation_and_connection_shares():
    lines = [
        beacon("/b/", nav="navigate", ect="4g", lcp=1),
        beacon("/a/", nav="prerender", ect="3g", lcp=2),
        beacon("/c/", nav="back-forward-cache", lcp=3),
        beacon("/c/", nav="navigate", ect="4g", lcp=4),
        beacon("/b/", nav="something-new", ect="4g", lcp=5),
        beacon("/c/", ect="slow-2g", lcp=6),
    ]
    result = summary(lines)
    assert [(r.page, r.views) for r in result.pages] == [("/c/", 3), ("/b/", 2), ("/a/", 1)]
    assert result.all.views == 6 and result.all.figure("lcp").p75 == 5
    assert result.all.nav == (
        ("navigate", 2),
        ("back-forward-cache", 1),
        ("prerender", 1),
        ("something-new", 1),
        ("unknown", 1),
    )
    assert result.all.ect == (("4g", 3), ("3g", 1), ("slow-2g", 1), ("unknown", 1))
    assert result.pages[0].ect == (("4g", 1), ("slow-2g", 1), ("unknown", 1))


def test_the_build_filter_counts_only_that_build():
    lines = [beacon("/", build="aaa", lcp=100)] * 3 + [beacon("/", build="bbb", lcp=9000)] * 2
    lines.append(beacon("/", lcp=50))  # no build
    result = summary(lines, build="aaa")
    assert (result.beacons, result.all.figure("lcp").p75) == (3, 100)
    assert result.builds == (("aaa", 3), ("bbb", 2), ("", 1))
    assert result.to_json()["other_builds"] == 3
    none = summary(lines, build="ccc")
    assert not none.ok
    assert none.diagnostics[-1].message == (
        "no beacons of build ccc in beacons.jsonl (builds: (none) (1), aaa (3), bbb (2))"
    )


# --- budgets ----------------------------------------------------------------------------------


def test_budgets_pass_fail_and_not_judged_below_min_views():
    lines = [beacon("/", lcp=v, cls=0.2, inp=v / 10) for v in (1000, 2000, 3000, 4000)]
    lines += [beacon("/rare/", lcp=9000, inp=900)]
    budgets = BudgetsConfig(lcp_ms=2500, cls=0.25, inp_ms=300)
    result = summary(lines, budgets, min_views=2)
    home = result.pages[0]
    assert [(f.metric, f.p75, f.status) for f in home.figures] == [
        ("lcp", 3000, "fail"),
        ("cls", 0.2, "pass"),
        ("inp", 300, "pass"),  # at the budget is within it
        ("fcp", None, None),
        ("ttfb", None, None),
    ]
    rare = result.pages[1]
    assert rare.figure("lcp").status == "few" and rare.figure("cls").status is None
    assert result.all.figure("lcp").status == "fail"  # p75 of 5 is 4000
    assert [d.message for d in result.diagnostics] == [
        "all pages: LCP p75 4,000 ms (of 5 page views) is over the budget of 2,500 ms "
        "(budgets.lcp_ms)",
        "all pages: INP p75 400 ms (of 5 page views) is over the budget of 300 ms (budgets.inp_ms)",
        "/: LCP p75 3,000 ms (of 4 page views) is over the budget of 2,500 ms (budgets.lcp_ms)",
    ]
    assert all(d.is_error for d in result.diagnostics) and not result.ok
    assert home.figure("lcp").budget_key == "budgets.lcp_ms"


def test_on_exceed_warn_makes_them_warnings():
    lines = [beacon("/", cls=0.3)]
    result = summary(lines, BudgetsConfig(cls=0.1, on_exceed="warn"))
    assert result.ok
    d, page = result.diagnostics  # all pages', then the page's
    assert not d.is_error and not page.is_error
    assert d.message == (
        "all pages: CLS p75 0.300 (of 1 page view) is over the budget of 0.1 (budgets.cls)"
    )


SITE = SitePages(
    "dist",
    {
        "index.html": "index.html",
        "blog/index.html": "blog/index.html",
        "blog/first-light.html": "blog/first-light.html",
        "about.html": "about.html",
    },
)


def test_url_paths_name_pages_as_a_server_serves_them():
    known = page_map(SITE.pages)
    assert find_page("/", known) == ("/", "index.html")
    assert find_page("/index.html", known) == ("/", "index.html")
    for path in ("/blog/", "/blog", "/blog/index.html"):
        assert find_page(path, known) == ("/blog/", "blog/index.html")
    assert find_page("/blog/first-light", known) == (
        "/blog/first-light.html",
        "blog/first-light.html",
    )
    assert find_page("/about", known) == ("/about.html", "about.html")
    assert find_page("/docs/about.html", known, "/docs/") == ("/about.html", "about.html")
    assert find_page("/bl%6fg/", known) == ("/blog/", "blog/index.html")
    assert find_page("/nope/", known) is None


def test_page_overrides_apply_through_a_build_and_paths_of_one_page_are_one_row():
    budgets = BudgetsConfig(
        lcp_ms=2000,
        pages=(("blog/*", {"lcp_ms": 5000}), ("about.html", {"lcp_ms": 0})),
    )
    lines = [beacon("/blog/", lcp=4000), beacon("/blog", lcp=4500)]
    lines += [beacon("/blog/index.html", lcp=4800), beacon("/about", lcp=9000)]
    lines += [beacon("/search/", lcp=2500)]  # no such page: site-wide budgets
    result = summary(lines, budgets, site=SITE, src="site_src")
    blog, about, search = result.pages
    assert (blog.page, blog.source, blog.views) == ("/blog/", "blog/index.html", 3)
    assert blog.figure("lcp").status == "pass"  # 4800 against the glob's 5000
    assert blog.figure("lcp").budget_key == 'budgets.pages."blog/*".lcp_ms'
    assert about.figure("lcp").budget is None  # 0 lifts it
    assert (search.source, search.figure("lcp").status) == (None, "fail")
    failed = [d for d in result.diagnostics if d.is_error]
    assert [d.message.split(":")[0] for d in failed] == ["all pages", "/search/"]
    assert failed[1].location is None

    over = summary([beacon("/blog/", lcp=6000)], budgets, site=SITE, src="site_src")
    (d,) = over.diagnostics[1:]  # after all pages' own
    assert d.location.path == "site_src/blog/index.html"
    assert '(budgets.pages."blog/*".lcp_ms)' in d.message


def test_without_a_build_rows_are_url_paths_and_globs_are_not_applied():
    budgets = BudgetsConfig(lcp_ms=2000, pages=(("blog/*", {"lcp_ms": 5000}),))
    result = summary([beacon("/blog/", lcp=4000), beacon("/blog", lcp=4000)], budgets)
    assert [r.page for r in result.pages] == ["/blog", "/blog/"]
    assert result.diagnostics[0].code == "rum-site"
    assert '[budgets.pages."blog/*"]' in result.diagnostics[0].message
    assert {r.figure("lcp").status for r in result.pages} == {"fail"}


# --- realistic input --------------------------------------------------------------------------


def realistic_beacons(count: int, seed: int = 2026) -> list[str]:
    """`count` beacons over 50 pages (a few popular, a long tail), log-normal LCPs around 1.5 s,
    two builds, one line in three inside a log line."""
    rng = random.Random(seed)
    pages = ["/"] + [f"/blog/post-{i}/" for i in range(49)]
    weights = [1 / (i + 1) for i in range(50)]
    navs = ["navigate"] * 80 + ["reload"] * 5 + ["back-forward-cache"] * 8 + ["prerender"] * 7
    lines = []
    for i in range(count):
        fields = {
            "build": "b2" if i % 5 else "b1",
            "nav": rng.choice(navs),
            "ect": rng.choice(["4g"] * 9 + ["3g"]),
            "lcp": round(rng.lognormvariate(7.3, 0.5), 1),
            "cls": round(rng.expovariate(25), 4),
        }
        if rng.random() < 0.6:
            fields["inp"] = round(rng.lognormvariate(4.8, 0.6))
        text = beacon(rng.choices(pages, weights)[0], **fields)
        lines.append(f"127.0.0.1 - [27/Nov/2026] {text} 204\n" if i % 3 == 0 else text + "\n")
    return lines


def test_realistic_beacons_match_a_straightforward_computation():
    lines = realistic_beacons(10_000)
    result = summary(lines, BudgetsConfig(lcp_ms=2500, inp_ms=200))
    assert (result.beacons, len(result.pages), result.skipped) == (10_000, 50, 0)

    by_page: dict[str, list[dict]] = {}
    for line in lines:
        b = json.loads(line[line.index("{") : line.rindex("}") + 1])
        by_page.setdefault(b["page"], []).append(b)

    def nearest_rank(values):
        ordered = sorted(values)
        return ordered[math.ceil(len(ordered) * 0.75) - 1]

    for row in result.pages:
        views = by_page[row.page]
        assert row.views == len(views)
        for metric in ("lcp", "cls", "inp"):
            values = [b[metric] for b in views if metric in b]
            assert row.figure(metric).values == len(values)
            assert row.figure(metric).p75 == nearest_rank(values)
    assert [r.views for r in result.pages] == sorted(
        (len(v) for v in by_page.values()), reverse=True
    )
    all_lcp = [json.loads(line[line.index("{") : line.rindex("}") + 1])["lcp"] for line in lines]
    assert result.all.figure("lcp").p75 == nearest_rank(all_lcp)
    assert sum(n for _, n in result.all.nav) == 10_000
    # the order of the lines does not matter
    shuffled = lines[:]
    random.Random(1).shuffle(shuffled)
    assert summary(shuffled, BudgetsConfig(lcp_ms=2500, inp_ms=200)) == result


# --- the API and the command ------------------------------------------------------------------


def test_api_reads_a_path_a_gzip_file_or_lines(tmp_path):
    lines = [beacon("/", lcp=1000 + i) + "\n" for i in range(8)]
    (tmp_path / "b.jsonl").write_text("".join(lines))
    with gzip.open(tmp_path / "b.jsonl.gz", "wt") as f:
        f.write("".join(lines))
    config = Config()
    from_path = api.rum_summary(tmp_path / "b.jsonl", config, site="")
    from_gzip = api.rum_summary(str(tmp_path / "b.jsonl.gz"), config, site="")
    from_lines = api.rum_summary(lines, config, site="", name="x")
    assert from_path.all == from_gzip.all == from_lines.all
    assert from_path.all.figure("lcp").p75 == 1005
    with pytest.raises(RumError, match="cannot read .*missing.jsonl: No such file"):
        api.rum_summary(tmp_path / "missing.jsonl", config)
    (tmp_path / "bad.gz").write_bytes(b"not gzip at all")
    with pytest.raises(RumError, match="cannot read .*bad.gz"):
        api.rum_summary(tmp_path / "bad.gz", config)
    with pytest.raises(RumError, match="holds no build"):
        api.rum_summary(lines, config, site=str(tmp_path))


def test_api_maps_pages_through_the_configured_build(tmp_path):
    manifest = {"entries": {"blog/index.md.html": {"file": "blog/index.html"}}}
    write_files(tmp_path / "dist", {".assetpipe/manifest.json": json.dumps(manifest)})
    config = Config()
    config = type(config)(build=type(config.build)(out=str(tmp_path / "dist")))
    result = api.rum_summary([beacon("/blog", lcp=1)], config)
    assert result.site == str(tmp_path / "dist")
    assert (result.pages[0].page, result.pages[0].source) == ("/blog/", "blog/index.md.html")


CONFIG = """\
[budgets]
lcp_ms = 2500
cls = 0.1
inp_ms = 200
"""


def project(tmp_path: Path, lines: list[str], config: str = CONFIG) -> Path:
    write_files(tmp_path, {"assetpipe.toml": config, "beacons.jsonl": "".join(lines)})
    return tmp_path


def test_cli_table_and_exit_status_over_budget(tmp_path):
    lines = [beacon("/", nav="navigate", ect="4g", lcp=1000, cls=0.01, inp=80, fcp=500)] * 6
    lines += [beacon("/slow/", nav="prerender", lcp=4000, cls=0.01, ttfb=90)] * 2
    lines += ["not a beacon\n"]
    lines = [line + "\n" if line.endswith("}") else line for line in lines]
    cwd = project(tmp_path, lines)
    r = run_cli("rum", "summarize", "beacons.jsonl", cwd=cwd)
    assert r.returncode == 1, r.stderr
    assert r.stdout.splitlines() == [
        "8 page views on 2 pages in beacons.jsonl",
        "75th percentile (nearest rank); (n): page views that reported it, when fewer",
        "",
        "  page       views  LCP ms    CLS  INP ms   FCP ms  TTFB ms",
        "  ---------------------------------------------------------",
        "  all pages      8  1,000   0.010  80 (6)  500 (6)   90 (2)",  # 6 of 8 at 1,000
        "  /              6  1,000   0.010  80      500        -",
        "  /slow/         2  4,000!  0.010   -        -       90",
        "",
        "  budgets (p75): LCP 2,500 ms, CLS 0.1, INP 200 ms; ! over budget",
        "  navigation: navigate 75.0% · prerender 25.0%",
        "  connection: 4g 75.0% · unknown 25.0%",
    ]
    assert r.stderr.splitlines()[0] == (
        "beacons.jsonl:9:1: warning[rum-line]: skipped 1 line that is not a beacon: not JSON "
        "(no {...} in the line)"
    )
    assert "error[budget]: /slow/: LCP p75 4,000 ms (of 2 page views)" in r.stderr
    assert r.stderr.rstrip().endswith("rum summarize failed: 1 error")
    assert "Traceback" not in r.stderr

    warn = run_cli(
        "rum",
        "summarize",
        "beacons.jsonl",
        cwd=project(tmp_path, lines, CONFIG + 'on_exceed = "warn"\n'),
    )
    assert warn.returncode == 0 and "warning[budget]" in warn.stderr
    cwd = project(tmp_path, lines)
    few = run_cli("rum", "summarize", "beacons.jsonl", "--min-views", "3", cwd=cwd)
    assert few.returncode == 0, few.stderr  # /slow/'s 2 views are shown, not judged
    assert "  /slow/         2  4,000?  0.010" in few.stdout
    assert "? from fewer than 3 values: not judged" in few.stdout


def test_cli_maps_url_paths_to_the_pages_of_a_build(tmp_path):
    entries = {p: {"file": p} for p in ("index.html", "blog/index.html", "gallery/index.html")}
    manifest = json.dumps({"entries": {**entries, "main.js": {"file": "assets/main-x.js"}}})
    config = CONFIG + '\n[budgets.pages."gallery/*"]\nlcp_ms = 4000\n'
    lines = [beacon(path, lcp=3000) + "\n" for path in ("/blog/", "/blog", "/gallery/", "/x")]
    cwd = project(tmp_path, lines, config)
    write_files(cwd, {"site/.assetpipe/manifest.json": manifest})
    r = run_cli("rum", "summarize", "beacons.jsonl", "--site", "site", cwd=cwd)
    assert r.returncode == 1
    assert r.stdout.splitlines()[:2] == [
        "4 page views on 3 pages in beacons.jsonl",
        "URL paths matched to the pages of the build in site/; 1 path not in it",
    ]
    assert [line.split()[0] for line in r.stdout.splitlines()[7:10]] == [
        "/blog/",
        "/gallery/",
        "/x",
    ]
    assert "budgets (p75): LCP 2,500 ms, CLS 0.1, INP 200 ms ([budgets.pages] for some pages)" in (
        r.stdout
    )
    errors = [line for line in r.stderr.splitlines() if "error[budget]" in line]
    assert [e.split(": LCP")[0] for e in errors] == [
        "error[budget]: all pages",
        "error[budget]: /blog/",  # (no source folder to locate it in)
        "error[budget]: /x",
    ]
    # the configured build.out is the default site
    default = run_cli(
        "rum",
        "summarize",
        "beacons.jsonl",
        "--json",
        cwd=project(tmp_path, lines, config + '\n[build]\nout = "site"\n'),
    )
    assert json.loads(default.stdout)["site"] == "site"


def test_cli_json_and_stdin(tmp_path):
    lines = [beacon("/", build="b1", lcp=1200, nav="navigate")] * 3
    lines += [beacon("/", build="b0", lcp=9000)]
    cwd = project(tmp_path, [])
    r = subprocess.run(
        [sys.executable, "-m", "assetpipe", "rum", "summarize", "-", "--json", "--build", "b1"],
        cwd=cwd,
        input="\n".join(lines),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["ok"] is True and data["file"] == "<stdin>" and data["build"] == "b1"
    assert (data["beacons"], data["other_builds"], data["builds"]) == (3, 1, {"b1": 3, "b0": 1})
    assert data["percentile"] == {"p": 75, "method": "nearest-rank"}
    assert data["budgets"] == {"lcp_ms": 2500, "cls": 0.1, "inp_ms": 200}
    assert data["all"]["metrics"]["lcp"] == {
        "p75": 1200,
        "values": 3,
        "budget": 2500,
        "budget_key": "budgets.lcp_ms",
        "status": "pass",
    }
    (page,) = data["pages"]
    assert (page["page"], page["source"], page["views"], page["nav"]) == (
        "/",
        None,
        3,
        {"navigate": 3},
    )
    assert data["diagnostics"] == []


def test_cli_errors_unreadable_file_no_beacons_bad_site(tmp_path):
    cwd = project(tmp_path, ["\n"])
    missing = run_cli("rum", "summarize", "nope.jsonl", cwd=cwd)
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "error: cannot read nope.jsonl: No such file or directory\n"
    folder = run_cli("rum", "summarize", ".", cwd=cwd)
    assert folder.returncode == 2 and folder.stderr.startswith("error: cannot read .: ")
    empty = run_cli("rum", "summarize", "beacons.jsonl", cwd=cwd)
    assert empty.returncode == 1 and empty.stdout == ""
    assert empty.stderr == (
        "error[rum-empty]: no beacons in beacons.jsonl: it is empty\n"
        "rum summarize failed: 1 error\n"
    )
    no_build = run_cli("rum", "summarize", "beacons.jsonl", "--site", ".", cwd=cwd)
    assert no_build.returncode == 2
    assert no_build.stderr == "error: . holds no build (no .assetpipe/manifest.json in it)\n"
    usage = run_cli("rum", "summarize", "beacons.jsonl", "--min-views", "0", cwd=cwd)
    assert usage.returncode == 2 and "--min-views" in usage.stderr
