"""`assetpipe audit`: `api.audit` with the table of each page's medians printed, or one JSON
result. Exit status: 0 every page loaded and no budget failed; 1 Chromium is missing, a page
failed to load, or a budget failed (`on_exceed = "error"`); 2 a usage or configuration error.
"""

from __future__ import annotations

import json

import click

from .. import api
from . import options
from .output import guard, print_diagnostics, progress_line

# The presets of `measure.PRESETS`, named here so that `assetpipe --help` need not import the audit.
THROTTLES = ("slow-4g", "fast-3g", "none")


@click.command()
@options.out(help="The folder to audit, built or not [default: dist].")
@options.configuration(help="Configuration file ([budgets]).")
@click.option(
    "--page",
    "pages",
    multiple=True,
    metavar="PATH",
    help="Audit only this page (about/index.html, about/); repeatable [default: every page].",
)
@click.option(
    "--throttle",
    type=click.Choice(THROTTLES),
    default="slow-4g",
    show_default=True,
    help="Network and CPU throttling preset.",
)
@click.option(
    "--runs",
    type=click.IntRange(1, 100),
    default=3,
    show_default=True,
    metavar="N",
    help="Loads per page; each figure is the median.",
)
@click.option(
    "--navigations",
    is_flag=True,
    help="Also click each page's first link to another page, with the pages' speculation rules "
    "and without, and measure the next page's LCP from the click (from activation when it "
    "was prerendered).",
)
@click.option("--chromium", metavar="PATH", help="Chromium or Chrome to run [default: on PATH].")
@options.as_json
@click.pass_context
def audit(
    ctx: click.Context,
    out: str | None,
    config_file: str | None,
    env: str | None,
    pages: tuple[str, ...],
    throttle: str,
    runs: int,
    navigations: bool,
    chromium: str | None,
    as_json: bool,
) -> None:
    """Measure each page's LCP, CLS and bytes in headless Chromium, throttled."""
    with guard(ctx, "audit", as_json):
        config, notes = api.load_config(config_file, env, {"build.out": out})
    with guard(ctx, "audit", as_json), progress_line(as_json) as line:
        result = api.audit(
            config,
            pages=pages,
            throttle=throttle,
            runs=runs,
            chromium=chromium,
            progress=line.runs if line else None,
            navigations=navigations,
        )
    diagnostics = [*notes, *result.diagnostics]
    if as_json:
        click.echo(json.dumps(to_json(result, diagnostics), indent=1))
    else:
        if result.pages:
            for text in table_lines(result):
                click.echo(text)
        print_diagnostics(diagnostics, "audit")
    if not result.ok:
        ctx.exit(1)


def to_json(result, diagnostics) -> dict:
    t = result.throttle
    return {
        "ok": result.ok,
        "out": result.root,
        "built": result.built,
        "throttle": t.name,
        "conditions": {
            "latency_ms": t.latency_ms,
            "download_kbit_s": t.down_kbps,
            "upload_kbit_s": t.up_kbps,
            "kbit": t.kbit,
            "download_bytes_s": round(t.download, 2),
            "upload_bytes_s": round(t.upload, 2),
            "cpu_slowdown": t.cpu_rate,
            "viewport": {
                "width": t.width,
                "height": t.height,
                "device_scale_factor": t.scale,
                "mobile": t.mobile,
            },
        },
        "runs": max((len(p.runs) for p in result.pages), default=0),
        "pages": [p.to_json() for p in result.pages],
        "navigations": [n.to_json() for n in result.navigations],
        "diagnostics": [d.to_json() for d in diagnostics],
    }


def table_lines(result) -> list[str]:
    """The report: a heading, then one row per page with its medians."""
    runs = max(len(p.runs) for p in result.pages)
    what = "build" if result.built else "folder (not a build)"
    lines = [
        f"audit of {result.root}/ ({what}), median of {runs} load{'s' if runs != 1 else ''}"
        " per page",
        result.throttle.describe(),
        "",
    ]
    width = max(len("page"), *(len(p.page) for p in result.pages))
    head = f"{'page':<{width}}  {'FCP ms':>7}  {'LCP ms':>7}  {'CLS':>6}  {'KB':>8}  requests"
    lines += [head, "-" * len(head)]
    for p in result.pages:
        fcp = f"{p.fcp_ms:,}" if p.fcp_ms is not None else "-"
        lcp = f"{p.lcp_ms:,}" if p.lcp_ms is not None else "-"
        lines.append(
            f"{p.page:<{width}}  {fcp:>7}  {lcp:>7}  {p.cls:>6.3f}  "
            f"{p.bytes / 1000:>8,.1f}  {p.requests:>8}"
        )
    if result.navigations:
        lines += ["", *navigation_lines(result.navigations)]
    return lines


def navigation_lines(navigations) -> list[str]:
    """Each page's click to its next page: LCP and FCP of the next page (medians), with the
    speculation rules and without, and how many runs it was prerendered in."""
    runs = max(len(n.runs) for n in navigations)

    def ms(value) -> str:
        return f"{value:,}" if value is not None else "-"

    lines = [
        "next-page navigations: LCP (FCP) in ms from the click, from activation when "
        "prerendered; the pages with their speculation rules and without"
    ]
    rows = [(f"{n.page} -> {n.to}", n) for n in navigations]
    width = max(len("click"), *(len(r) for r, _ in rows))
    head = f"{'click':<{width}}  {'with rules':>14}  {'without':>14}  prerendered"
    lines += [head, "-" * len(head)]
    for label, n in rows:
        with_rules = f"{ms(n.lcp_ms)} ({ms(n.fcp_ms)})"
        without = f"{ms(n.without_lcp_ms)} ({ms(n.without_fcp_ms)})"
        lines.append(f"{label:<{width}}  {with_rules:>14}  {without:>14}  {n.prerendered}/{runs}")
    return lines
