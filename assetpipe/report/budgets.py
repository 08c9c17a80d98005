"""Budgets: limits on what a page makes a first visit download, checked on every build (sizes,
requests), by `assetpipe audit` (LCP, CLS) and by `assetpipe rum summarize` (LCP, CLS and INP at
the 75th percentile of real visits).

`[budgets]` holds the limits for every page; `[budgets.pages."GLOB"]` tables override some of
them for the pages whose source path matches GLOB (fnmatch, `*` crosses folders; the first
matching table wins). Sizes are written as `"170 KB"` (1 KB = 1,000 bytes; `KiB` = 1,024).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass

SIZE_KEYS = ("page_js_gzip", "page_css_gzip", "page_total_gzip", "asset_gzip")
COUNT_KEYS = ("page_requests", "lcp_ms", "inp_ms")
RATIO_KEYS = ("cls",)
LIMIT_KEYS = (*SIZE_KEYS, *COUNT_KEYS, *RATIO_KEYS)
PAGE_KEYS = tuple(k for k in LIMIT_KEYS if k != "asset_gzip")  # what a glob may override

_UNITS = {
    "b": 1,
    "kb": 1000,
    "mb": 1000**2,
    "gb": 1000**3,
    "kib": 1024,
    "mib": 1024**2,
    "gib": 1024**3,
}
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$", re.IGNORECASE)


def parse_size(text: str) -> int:
    """Bytes of `"170 KB"`, `"1.5 MB"`, `"900 B"`, `"64 KiB"` or `"2048"`; ValueError else."""
    m = _SIZE.match(text)
    if not m:
        raise ValueError(f'{text!r} is not a size such as "170 KB"')
    return round(float(m[1]) * _UNITS[(m[2] or "b").lower()])


def show_size(n: float) -> str:
    """A size as budgets are written: `"170 KB"`, `"1.52 MB"`, `"900 B"`."""
    for unit, factor in (("GB", 1000**3), ("MB", 1000**2), ("KB", 1000)):
        if abs(n) >= factor:
            value = n / factor
            text = f"{value:.2f}".rstrip("0").rstrip(".") if value < 100 else f"{value:.0f}"
            return f"{text} {unit}"
    return f"{n:.0f} B"


def check_limit(key: str, value: object) -> str | None:
    """What is wrong with `value` for the budget `key`, or None."""
    if key in SIZE_KEYS:
        if not isinstance(value, str):
            return f'expected a size such as "170 KB", got {value!r}'
        try:
            parse_size(value)
        except ValueError as exc:
            return str(exc)
        return None
    if key in COUNT_KEYS:
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            return f"expected a whole number, 0 or more, got {value!r}"
        return None
    if key in RATIO_KEYS:
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            return f"expected a number such as 0.05, got {value!r}"
        return None
    return f"unknown budget {key!r} (known: {', '.join(LIMIT_KEYS)})"


@dataclass(frozen=True, slots=True)
class Limits:
    """The limits that apply to one page (None: no limit); sizes in bytes."""

    page_js_gzip: int | None = None
    page_css_gzip: int | None = None
    page_total_gzip: int | None = None
    page_requests: int | None = None
    asset_gzip: int | None = None
    lcp_ms: int | None = None
    cls: float | None = None
    inp_ms: int | None = None
    glob: str | None = None  # the [budgets.pages."GLOB"] table that matched the page
    from_glob: tuple[str, ...] = ()  # the keys that table set

    def where(self, key: str) -> str:
        """The configuration key the limit `key` comes from: `budgets.pages."blog/*".cls`."""
        if self.glob is not None and key in self.from_glob:
            return f'budgets.pages."{self.glob}".{key}'
        return f"budgets.{key}"


def _converted(table: dict[str, object]) -> dict[str, object]:
    """Limits in bytes, None for "no limit" ("" or 0, which in a glob's table lifts a limit)."""
    out: dict[str, object] = {}
    for key, value in table.items():
        if key not in LIMIT_KEYS:
            continue
        if key in SIZE_KEYS and isinstance(value, str):
            value = parse_size(value) if value else None
        out[key] = value or None
    return out


def limits_for(budgets, page: str) -> Limits:
    """The limits for the page whose source path is `page` (``"blog/index.html"``), from a
    `config.BudgetsConfig`."""
    base = _converted({k: getattr(budgets, k) for k in LIMIT_KEYS})
    for glob, table in budgets.pages:
        if fnmatch.fnmatchcase(page, glob):
            override = _converted(dict(table))
            return Limits(**{**base, **override}, glob=glob, from_glob=tuple(override))
    return Limits(**base)


_PAGE_FIGURES = {  # budget -> (report group, figure, what it is)
    "page_js_gzip": ("js", "gzip", "loads {} of JavaScript (gzip)"),
    "page_css_gzip": ("css", "gzip", "loads {} of CSS (gzip, inlined included)"),
    "page_total_gzip": ("total", "gzip", "transfers {} on a first visit (gzip)"),
    "page_requests": ("total", "requests", "makes {} requests on a first visit"),
}


def check_budgets(report: dict, budgets, src: str) -> list:
    """Diagnostics for every budget the report exceeds: errors, or warnings when
    `budgets.on_exceed` is "warn". Each names the page (or file), the figure and the budget."""
    from ..diagnostics import Location, error, warning

    make = warning if budgets.on_exceed == "warn" else error
    found = []
    for page in report["pages"]:
        limits = limits_for(budgets, page["page"])
        where = Location(f"{src.rstrip('/')}/{page['page']}")
        for key, (group, figure, what) in _PAGE_FIGURES.items():
            limit = getattr(limits, key)
            value = page[group][figure]
            if limit is None or value <= limit:
                continue
            sized = key != "page_requests"
            shown, budget = (show_size(value), show_size(limit)) if sized else (value, limit)
            largest = [
                f"{f['file']} {show_size(f['gzip'])}"
                for f in page["files"]
                if group == "total" or f["kind"] == group
            ][:3]
            found.append(
                make(
                    "budget",
                    f"{page['page']} {what.format(shown)}, over its budget of {budget} "
                    f"({limits.where(key)})",
                    where,
                    *([f"largest: {', '.join(largest)}"] if largest else []),
                )
            )
    limit = limits_for(budgets, "").asset_gzip
    if limit is not None:
        for path, f in report["files"].items():
            if f["gzip"] > limit and not path.endswith(".map") and f["kind"] != "html":
                found.append(
                    make(
                        "budget",
                        f"{path} is {show_size(f['gzip'])} (gzip), over the budget of "
                        f"{show_size(limit)} for one file (budgets.asset_gzip)",
                        None,
                    )
                )
    return found
