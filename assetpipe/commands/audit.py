"""The `assetpipe audit` command: a thin Click layer over `assetpipe.lab.run.audit`.

Registered on the group in `assetpipe.commands` (`main.add_command(audit)`). Exit status: 0 every
page loaded and no budget failed; 1 Chromium is missing, a page failed to load, or a budget
failed (`on_exceed = "error"`); 2 a usage or configuration error.
"""

from __future__ import annotations

import json
import sys

import click

# The presets of `measure.PRESETS`, named here so that `assetpipe --help` need not import the audit.
THROTTLES = ("slow-4g", "fast-3g", "none")


@click.command()
@click.option("--out", metavar="DIR", help="The folder to audit, built or not [default: dist].")
@click.option("--config", "config_file", metavar="FILE", help="Configuration file ([budgets]).")
@click.option("--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration.")
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
@click.option("--chromium", metavar="PATH", help="Chromium or Chrome to run [default: on PATH].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result on stdout.")
@click.pass_context
def audit(
    ctx: click.Context,
    out: str | None,
    config_file: str | None,
    env: str | None,
    pages: tuple[str, ...],
    throttle: str,
    runs: int,
    chromium: str | None,
    as_json: bool,
) -> None:
    """Measure each page's LCP, CLS and bytes in headless Chromium, throttled."""
    from ..config import load_config
    from ..diagnostics import ConfigError
    from . import _guard, _print_diagnostics, _report

    if ctx.obj is None:  # run on its own rather than under the `assetpipe` group
        ctx.obj = {"debug": False}
    try:
        config, notes = load_config(config_file, env, {"build.out": out})
    except ConfigError as exc:
        _report(exc.diagnostics, as_json, "audit")
        ctx.exit(2)
    from ..lab.run import audit as run_audit

    progress = _Progress() if sys.stderr.isatty() and not as_json else None
    try:
        result = _guard(
            ctx,
            lambda: run_audit(
                config,
                pages=pages,
                throttle=throttle,
                runs=runs,
                chromium=chromium,
                progress=progress,
            ),
        )
    finally:
        if progress is not None:
            progress.close()
    diagnostics = [*notes, *result.diagnostics]
    if as_json:
        click.echo(json.dumps(to_json(result, diagnostics), indent=1))
    else:
        if result.pages:
            for line in table_lines(result):
                click.echo(line)
        _print_diagnostics(diagnostics, "audit")
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
    return lines


class _Progress:
    """`auditing about/index.html  run 2/3` on one stderr line; only on a terminal."""

    def __init__(self) -> None:
        self.shown = False

    def __call__(self, page: str, run: int, runs: int) -> None:
        if not page:
            return self.close()
        click.echo(f"\r\033[Kauditing {page}  run {run + 1}/{runs}", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False
