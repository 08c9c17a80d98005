"""Real-user monitoring summarized: each page's 75th percentiles and their budgets.

`assetpipe rum summarize` (`api.rum_summary`) reads the beacons of a log into a `Tally`
(`report/beacons.py`), then, in order:
1. map (`page_map`, `find_page`): URL paths to the page sources of a build's manifest (`/blog/`
   is `blog/index.html`), which `[budgets.pages."GLOB"]` tables match, as in the audit; paths
   that name the same page are one row. Without a build, rows are URL paths and only the
   site-wide budgets apply;
2. summarize (`summarize`): per row and for all views, each metric's 75th percentile by the
   nearest-rank method (`p75`) and how many values it is of, the views per navigation type and
   per effective connection type; LCP, CLS and INP judged against `lcp_ms`, `cls`, `inp_ms`
   when at least `min_views` values make the percentile.

Invariants: rows come in a fixed order (views, most first, then path); a percentile is always
one of the values it summarizes (nearest rank never interpolates), so the result does not
depend on the order of the lines. Nothing here prints; `read_site` is the only function that
touches the disk.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..diagnostics import Diagnostic, Location, error, warning
from .beacons import METRICS, UNKNOWN, PageTally, Tally, printable
from .budgets import Limits, limits_for

BUDGET_KEYS = {"lcp": "lcp_ms", "cls": "cls", "inp": "inp_ms"}  # metric -> [budgets] key
LABELS = {"lcp": "LCP", "cls": "CLS", "inp": "INP", "fcp": "FCP", "ttfb": "TTFB"}
NAV_TYPES = ("navigate", "reload", "back-forward", "back-forward-cache", "prerender", "restore")
CONNECTIONS = ("4g", "3g", "2g", "slow-2g")
PERCENTILE = 75


# --- URL paths to pages -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SitePages:
    """A build's pages: output path (`blog/index.html`) -> source path, and the folder."""

    folder: str
    pages: Mapping[str, str]


def read_site(folder: str | Path) -> SitePages | None:
    """The pages of the build in `folder` from its manifest; None when it has none."""
    try:
        text = (Path(folder) / ".assetpipe" / "manifest.json").read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError):
        return None
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        return None
    pages = {
        entry["file"]: source
        for source, entry in entries.items()
        if isinstance(entry, dict) and str(entry.get("file", "")).endswith(".html")
    }
    return SitePages(str(folder), pages)


def url_path(output: str) -> str:
    """The URL path of the page at output path `output`: `blog/index.html` -> `/blog/`."""
    if output == "index.html" or output.endswith("/index.html"):
        return "/" + output[: -len("index.html")]
    return "/" + output


def page_map(pages: Mapping[str, str]) -> dict[str, tuple[str, str]]:
    """Every way a URL path may name a page (`blog/`, `blog`, `blog/index.html`;
    `about.html`, `about`), without its leading `/`, -> (the page's URL path, its source)."""
    found: dict[str, tuple[str, str]] = {}
    for output in sorted(pages):
        page = (url_path(output), pages[output])
        stem = output.removesuffix(".html")
        names = [output, stem]
        if output == "index.html" or output.endswith("/index.html"):
            folder = output[: -len("index.html")]
            names += [folder, folder.rstrip("/")]
        for name in names:
            found.setdefault(name, page)
    return found


def find_page(
    path: str, known: Mapping[str, tuple[str, str]], base: str = "/"
) -> tuple[str, str] | None:
    """The page (URL path, source) that the URL path `path` (`/blog/`, `/blog`) names, also
    under `base` (`/docs/blog/` when `build.base` is `/docs/`); None if none."""
    wanted = unquote(path)
    tries = [wanted]
    if base.startswith("/") and base != "/" and wanted.startswith(base):
        tries.append("/" + wanted[len(base) :])
    for text in tries:
        name = text.lstrip("/")
        hit = known.get(name) or known.get(name.rstrip("/"))
        if hit is not None:
            return hit
    return None


# --- percentiles and budgets --------------------------------------------------------------


def p75(values: Iterable[float]) -> float | None:
    """The 75th percentile by the nearest-rank method: the smallest value that at least 75% of
    the values are at or below (the value at 1-based rank ceil(0.75 n) in sorted order), None
    for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[math.ceil(len(ordered) * PERCENTILE / 100) - 1]


@dataclass(frozen=True, slots=True)
class Figure:
    """One metric's 75th percentile over a row's views, and its verdict: "pass", "fail",
    "few" (fewer values than `min_views`: not judged), or None (no budget, or no values)."""

    metric: str
    p75: float | None
    values: int
    budget: float | None = None
    budget_key: str | None = None  # where the budget comes from: budgets.pages."blog/*".lcp_ms
    status: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "p75": self.p75,
            "values": self.values,
            "budget": self.budget,
            "budget_key": self.budget_key,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Row:
    """A page's views (or all views, `page` None): figures in `METRICS` order, views per
    navigation type and per effective connection type (in their fixed orders)."""

    page: str | None  # URL path, "/blog/"
    source: str | None  # the page's source path, when a build's manifest named it
    views: int
    figures: tuple[Figure, ...]
    nav: tuple[tuple[str, int], ...]
    ect: tuple[tuple[str, int], ...]

    def figure(self, metric: str) -> Figure:
        return self.figures[METRICS.index(metric)]

    def to_json(self) -> dict[str, Any]:
        return {
            **({"page": self.page, "source": self.source} if self.page is not None else {}),
            "views": self.views,
            "metrics": {f.metric: f.to_json() for f in self.figures},
            "nav": dict(self.nav),
            "ect": dict(self.ect),
        }


@dataclass(frozen=True, slots=True)
class RumSummary:
    """What `assetpipe rum summarize` reports; `ok` is false when there were no beacons or a
    p75 is over its budget with `on_exceed = "error"`."""

    file: str
    build: str | None  # the --build filter
    site: str | None  # the build folder whose manifest mapped URL paths to pages
    min_views: int
    lines: int
    beacons: int
    builds: tuple[tuple[str, int], ...]  # every build seen, most beacons first
    skipped: int
    ignored: int
    budgets: Limits  # the site-wide ones
    all: Row | None  # None when no beacon counted
    pages: tuple[Row, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.beacons > 0 and not any(d.is_error for d in self.diagnostics)

    def to_json(self, extra: Iterable[Diagnostic] = ()) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "file": self.file,
            "build": self.build,
            "site": self.site,
            "percentile": {"p": PERCENTILE, "method": "nearest-rank"},
            "min_views": self.min_views,
            "lines": self.lines,
            "beacons": self.beacons,
            "other_builds": sum(n for _, n in self.builds) - self.beacons,
            "skipped_lines": self.skipped,
            "ignored_values": self.ignored,
            "builds": dict(self.builds),
            "budgets": {key: getattr(self.budgets, key) for key in BUDGET_KEYS.values()},
            "all": self.all.to_json() if self.all else None,
            "pages": [row.to_json() for row in self.pages],
            "diagnostics": [d.to_json() for d in (*extra, *self.diagnostics)],
        }


def summarize(
    tally: Tally,
    budgets: Any,
    *,
    site: SitePages | None = None,
    base: str = "/",
    src: str | None = None,
    min_views: int = 1,
) -> RumSummary:
    """Each page's row and the row of all views, judged against `budgets` (a
    `config.BudgetsConfig`): a page that `site` names gets its `[budgets.pages]` overrides, any
    other row and all views the site-wide budgets. Diagnostics: lines skipped and values
    ignored (warnings, at the first one), no beacons (an error), p75s over budget (errors, or
    warnings with `on_exceed = "warn"`; located at the page's source under `src`)."""
    overall = limits_for(dataclasses.replace(budgets, pages=()), "")
    make = warning if budgets.on_exceed == "warn" else error
    grouped: dict[str, tuple[str | None, PageTally]] = {}
    known = page_map(site.pages) if site is not None else {}
    for path in sorted(tally.pages):
        hit = find_page(path, known, base) if known else None
        key, source = hit if hit is not None else (path, None)
        if key in grouped:
            grouped[key][1].merge(tally.pages[path])
        else:
            copy = PageTally()
            copy.merge(tally.pages[path])
            grouped[key] = (source, copy)
    rows = sorted(
        (
            _row(key, source, views, limits_for(budgets, source) if source else overall, min_views)
            for key, (source, views) in grouped.items()
        ),
        key=lambda r: (-r.views, r.page),
    )
    diagnostics = _reading_problems(tally)
    unmatched = sorted(
        {glob for glob, table in budgets.pages if set(table) & set(BUDGET_KEYS.values())}
    )
    if site is None and unmatched:
        diagnostics.append(
            warning(
                "rum-site",
                f'the lcp_ms, cls and inp_ms of [budgets.pages."{unmatched[0]}"]'
                f"{' and others' if len(unmatched) > 1 else ''} are not applied: no build to "
                "map URL paths to page sources (build the site, or pass --site DIR)",
            )
        )
    everything = None
    if rows:
        every = PageTally()
        for _, views in grouped.values():
            every.merge(views)
        everything = _row(None, None, every, overall, min_views)
        diagnostics += _over_budget(everything, make, None)
        for row in rows:
            where = Location(f"{src.rstrip('/')}/{row.source}") if src and row.source else None
            diagnostics += _over_budget(row, make, where)
    else:
        diagnostics.append(error("rum-empty", _nothing_counted(tally)))
    return RumSummary(
        file=tally.name,
        build=tally.build,
        site=site.folder if site is not None else None,
        min_views=min_views,
        lines=tally.lines,
        beacons=tally.beacons,
        builds=tuple(
            sorted(
                ((printable(b), n) for b, n in tally.builds.items()), key=lambda b: (-b[1], b[0])
            )
        ),
        skipped=tally.skipped,
        ignored=tally.ignored,
        budgets=overall,
        all=everything,
        pages=tuple(rows),
        diagnostics=tuple(diagnostics),
    )


def _row(
    page: str | None, source: str | None, views: PageTally, limits: Limits, min_views: int
) -> Row:
    figures = []
    for metric, values in zip(METRICS, views.values, strict=True):
        value = p75(values)
        key = BUDGET_KEYS.get(metric)
        budget = getattr(limits, key) if key else None
        status = None
        if budget is not None and value is not None:
            status = "few" if len(values) < min_views else "fail" if value > budget else "pass"
        where = limits.where(key) if key and budget is not None else None
        figures.append(Figure(metric, value, len(values), budget, where, status))
    return Row(
        page,
        source,
        views.views,
        tuple(figures),
        _ordered(views.nav, NAV_TYPES),
        _ordered(views.ect, CONNECTIONS),
    )


def _ordered(counts: Counter[str], known: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """`known` names first in their order, then others by name, `unknown` last."""
    rank = {name: i for i, name in enumerate(known)}
    names = sorted(counts, key=lambda n: (n == UNKNOWN, rank.get(n, len(rank)), n))
    return tuple((printable(name), counts[name]) for name in names)


def show(metric: str, value: float) -> str:
    """A figure as the table shows it: `2,345` (ms), `0.052` (CLS)."""
    return f"{value:.3f}" if metric == "cls" else f"{round(value):,}"


def _over_budget(row: Row, make: Any, where: Location | None) -> list[Diagnostic]:
    found = []
    for f in row.figures:
        if f.status != "fail" or f.p75 is None or f.budget is None:
            continue
        unit = "" if f.metric == "cls" else " ms"
        budget = f"{f.budget:g}" if f.metric == "cls" else f"{f.budget:,}"
        found.append(
            make(
                "budget",
                f"{row.page or 'all pages'}: {LABELS[f.metric]} p75 {show(f.metric, f.p75)}{unit} "
                f"(of {f.values:,} page view{'s' if f.values != 1 else ''}) is over the budget "
                f"of {budget}{unit} ({f.budget_key})",
                where,
            )
        )
    return found


def _reading_problems(tally: Tally) -> list[Diagnostic]:
    found = []
    for code, count, flaw, one, many in (
        (
            "rum-line",
            tally.skipped,
            tally.first_skipped,
            "line that is not a beacon",
            "lines that are not beacons",
        ),
        ("rum-value", tally.ignored, tally.first_ignored, "metric value", "metric values"),
    ):
        if flaw is None:
            continue
        verb = "ignored" if code == "rum-value" else "skipped"
        message = (
            f"{verb} 1 {one}: {flaw.reason}"
            if count == 1
            else f"{verb} {count:,} {many}; the first: {flaw.reason}"
        )
        found.append(
            warning(code, message, Location(tally.name, flaw.line, flaw.column, flaw.text))
        )
    return found


def _nothing_counted(tally: Tally) -> str:
    if tally.build is not None and tally.builds:
        seen = ", ".join(
            f"{printable(b) or '(none)'} ({n:,})" for b, n in sorted(tally.builds.items())
        )
        return f"no beacons of build {tally.build} in {tally.name} (builds: {seen})"
    if tally.lines == 1:
        return f"no beacons in {tally.name}: its one line is not a beacon"
    if tally.lines:
        return f"no beacons in {tally.name}: none of its {tally.lines:,} lines is a beacon"
    return f"no beacons in {tally.name}: it is empty"
