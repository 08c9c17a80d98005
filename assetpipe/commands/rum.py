"""`assetpipe rum summarize`: `api.rum_summary` with each page's 75th percentiles printed as a
table, or one JSON result. Exit status: 0 no p75 over its budget (or `on_exceed = "warn"`);
1 a p75 over its budget, or no beacons; 2 a usage or configuration error, or a file that
cannot be read.
"""

from __future__ import annotations

import io
import json

import click

from .. import api
from . import options
from .output import guard, print_diagnostics

MAX_PAGES = 20  # rows of the table; --json lists all


@click.group()
def rum() -> None:
    """Real-user monitoring: read back the beacons of [rum]."""


@rum.command()
@click.argument("file", metavar="FILE")
@options.configuration(help="Configuration file ([budgets]).")
@click.option(
    "--build",
    "build_id",
    metavar="ID",
    help="Only the beacons with this build id (a page's: one version of that page, the "
    "`build` of its manifest entry).",
)
@click.option(
    "--site",
    metavar="DIR",
    help="A build folder whose manifest maps URL paths to pages, for [budgets.pages] "
    "[default: build.out, when it holds a build].",
)
@click.option(
    "--min-views",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="Judge a p75 only when N page views or more reported the metric (fewer: shown, "
    "marked '?').",
)
@options.as_json
@click.pass_context
def summarize(
    ctx: click.Context,
    file: str,
    config_file: str | None,
    env: str | None,
    build_id: str | None,
    site: str | None,
    min_views: int,
    as_json: bool,
) -> None:
    """The 75th percentile of LCP, CLS, INP, FCP and TTFB per page from FILE (beacons as
    JSON lines, in any log; - for stdin), judged against [budgets] lcp_ms, cls and inp_ms."""
    from ..report.beacons import RumError

    what = "rum summarize"
    with guard(ctx, what, as_json):
        config, notes = api.load_config(config_file, env, {})
    with guard(ctx, what, as_json):
        try:
            if file == "-":
                stdin = click.get_binary_stream("stdin")
                lines = io.TextIOWrapper(stdin, encoding="utf-8", errors="replace")
                result = api.rum_summary(
                    lines, config, build=build_id, site=site, min_views=min_views
                )
            else:
                result = api.rum_summary(
                    file, config, build=build_id, site=site, min_views=min_views
                )
        except RumError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(2)
    if as_json:
        click.echo(json.dumps(result.to_json(notes), indent=1))
    else:
        if result.all is not None:
            for text in table_lines(result):
                click.echo(text)
        print_diagnostics([*notes, *result.diagnostics], what)
    if not result.ok:
        ctx.exit(1)


def table_lines(result) -> list[str]:
    """A heading, then a row per page (most views first) and one for all views: each metric's
    p75 marked `!` over its budget or `?` not judged, with its count when fewer views reported
    it; then the budgets, and the views per navigation and connection type."""
    from ..report.beacons import METRICS
    from ..report.rum import LABELS, show

    pages = result.pages
    heading = (
        f"{result.beacons:,} page view{'s' if result.beacons != 1 else ''} on "
        f"{len(pages):,} page{'s' if len(pages) != 1 else ''} in {result.file}"
    )
    if result.build is not None:
        heading += f" (build {result.build})"
    elif len(result.builds) > 1:
        heading += f" ({len(result.builds)} build ids; --build ID picks one)"
    lines = [heading]
    if result.site is not None:
        unknown = sum(row.source is None for row in pages)
        lines.append(
            f"URL paths matched to the pages of the build in {result.site.rstrip('/')}/"
            + (f"; {unknown:,} path{'s' if unknown != 1 else ''} not in it" if unknown else "")
        )
    lines += ["75th percentile (nearest rank); (n): page views that reported it, when fewer", ""]
    rows = [("all pages", result.all), *((r.page, r) for r in pages[:MAX_PAGES])]
    heads = ["page", "views", *(f"{LABELS[m]}{'' if m == 'cls' else ' ms'}" for m in METRICS)]
    # a metric's cell is its value, right-aligned, then `(n)` and the mark, left-aligned
    cells = [[_cell(row, f, show) for f in row.figures] for _, row in rows]
    left = [max(len(c[i][0]) for c in cells) for i in range(len(METRICS))]
    right = [max(len(c[i][1]) for c in cells) for i in range(len(METRICS))]
    texts = [
        [
            name,
            f"{row.views:,}",
            *(v.rjust(w) + s.ljust(x) for (v, s), w, x in zip(c, left, right, strict=True)),
        ]
        for (name, row), c in zip(rows, cells, strict=True)
    ]
    widths = [max(len(t[i]) for t in [heads, *texts]) for i in range(len(heads))]
    for i, values in enumerate([heads, *texts]):
        first = values[0].ljust(widths[0])
        rest = "  ".join(v.rjust(w) for v, w in zip(values[1:], widths[1:], strict=True))
        lines.append(f"  {first}  {rest}".rstrip())
        if i == 0:
            lines.append("  " + "-" * (sum(widths) + 2 * (len(widths) - 1)))
    if len(pages) > MAX_PAGES:
        lines.append(f"  ... and {len(pages) - MAX_PAGES:,} more pages (--json lists all)")
    lines.append("")
    lines.append("  " + _budget_line(result))
    views = result.all.views
    for label, counts in (("navigation", result.all.nav), ("connection", result.all.ect)):
        shares = " · ".join(f"{name} {_share(n, views)}" for name, n in counts)
        lines.append(f"  {label}: {shares}")
    return lines


def _share(n: int, total: int) -> str:
    share = n / total
    return "<0.1%" if 0 < share < 0.001 else f"{share:.1%}"


def _cell(row, figure, show) -> tuple[str, str]:
    """(the p75, then ` (n)` when fewer views reported it and `!` or `?`)."""
    if figure.p75 is None:
        return "-", ""
    count = f" ({figure.values:,})" if figure.values != row.views else ""
    return show(figure.metric, figure.p75), count + {"fail": "!", "few": "?"}.get(
        figure.status or "", ""
    )


def _budget_line(result) -> str:
    limits = result.budgets
    parts = []
    if limits.lcp_ms is not None:
        parts.append(f"LCP {limits.lcp_ms:,} ms")
    if limits.cls is not None:
        parts.append(f"CLS {limits.cls:g}")
    if limits.inp_ms is not None:
        parts.append(f"INP {limits.inp_ms:,} ms")
    if not parts:
        return "budgets: none ([budgets] lcp_ms, cls, inp_ms)"
    few = (
        f", ? from fewer than {result.min_views:,} values: not judged"
        if result.min_views > 1
        else ""
    )
    overridden = any(
        (f.budget_key or "").startswith("budgets.pages.")
        for row in result.pages
        for f in row.figures
    )
    overrides = " ([budgets.pages] for some pages)" if overridden else ""
    return f"budgets (p75): {', '.join(parts)}{overrides}; ! over budget{few}"
