"""The command line: a thin Click layer over the Python API.

One small function per command; heavy modules are imported inside them so that
`assetpipe --help` stays instant. Exit status: 0 success, 1 the build failed (diagnostics
printed), 2 a usage or configuration error. A user's mistake never prints a traceback; an
internal error prints one line and asks for `--debug`, which shows the traceback.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from . import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assetpipe")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build a website's assets into a hashed, cacheable dist/ folder."""
    ctx.obj = {"debug": debug}


@main.command()
@click.option("--src", metavar="DIR", help="Source folder [default: site_src].")
@click.option("--out", metavar="DIR", help="Output folder [default: dist].")
@click.option(
    "--config",
    "config_file",
    metavar="FILE",
    help="Configuration file [default: config/assetpipe.toml, then assetpipe.toml].",
)
@click.option("--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration.")
@click.option("--cache-dir", metavar="DIR", help="Cache folder [default: .assetpipe-cache].")
@click.option("--minify/--no-minify", default=None, help="Minify CSS and JavaScript [default: on].")
@click.option(
    "--sourcemap/--no-sourcemap",
    default=None,
    help="Write source maps for JavaScript chunks [default: on].",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(0, 256),
    default=None,
    metavar="N",
    help="Processes that encode images [default: one per core].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result on stdout.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Print the full summary even without a terminal."
)
@click.pass_context
def build(
    ctx: click.Context,
    src: str | None,
    out: str | None,
    config_file: str | None,
    env: str | None,
    cache_dir: str | None,
    minify: bool | None,
    sourcemap: bool | None,
    jobs: int | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Build the site from --src into --out."""
    from .config import load_config
    from .diagnostics import BuildFailed, ConfigError
    from .pipeline import build as run_build
    from .summary import format_summary

    overrides = {
        "build.src": src,
        "build.out": out,
        "build.cache_dir": cache_dir,
        "build.minify": minify,
        "build.sourcemap": sourcemap,
        "images.jobs": jobs,
    }
    try:
        config, notes = load_config(config_file, env, overrides)
    except ConfigError as exc:
        _report(exc.diagnostics, as_json)
        ctx.exit(2)
    try:
        bar = _ProgressBar() if sys.stderr.isatty() and not as_json else None
        try:
            result = _guard(ctx, lambda: run_build(config, bar))
        finally:
            if bar is not None:
                bar.close()
    except BuildFailed as exc:
        _report([*notes, *exc.diagnostics], as_json)
        ctx.exit(1)
    diagnostics = [*notes, *result.warnings]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "ok": True,
                    "out": config.build.out,
                    "pages": len(result.pages),
                    "summary": result.summary,
                    "timings": {name: round(t, 4) for name, t in result.timings},
                    "diagnostics": [d.to_json() for d in diagnostics],
                },
                indent=1,
            )
        )
        return
    _print_diagnostics(diagnostics)
    text = format_summary(result.summary, list(result.timings), config.build.out)
    if verbose or sys.stdout.isatty():
        click.echo(text)
    else:
        click.echo(text.splitlines()[0])


class _ProgressBar:
    """`images  [#########-----------]  41/96` on one stderr line, redrawn at most 10 times a
    second, erased when the stage is done. Only on a terminal: CI logs get no bar."""

    WIDTH = 24

    def __init__(self) -> None:
        self.shown = False
        self.last = 0.0

    def __call__(self, what: str, done: int, total: int) -> None:
        import time

        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        click.echo(f"\r{what}  [{bar}] {done:>{len(str(total))}}/{total}", err=True, nl=False)
        self.shown = True
        if done >= total:
            self.close()

    def close(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


def _guard(ctx: click.Context, run: Any) -> Any:
    """Run `run()`; an unexpected exception is an internal error, reported in one line."""
    from .diagnostics import BuildFailed

    try:
        return run()
    except (BuildFailed, KeyboardInterrupt):
        raise
    except Exception as exc:
        if ctx.obj.get("debug"):
            raise
        click.secho(f"internal error: {type(exc).__name__}: {exc}", fg="red", err=True)
        click.echo(
            "  this is a bug in assetpipe; run again with --debug for the traceback", err=True
        )
        ctx.exit(1)


def _report(diagnostics: list[Any], as_json: bool) -> None:
    if as_json:
        click.echo(
            json.dumps({"ok": False, "diagnostics": [d.to_json() for d in diagnostics]}, indent=1)
        )
        return
    _print_diagnostics(diagnostics)


def _print_diagnostics(diagnostics: list[Any]) -> None:
    color = sys.stderr.isatty()
    for d in diagnostics:
        text = d.render()
        if color:
            head, _, rest = text.partition("\n")
            fg = "red" if d.is_error else "yellow"
            text = click.style(head, fg=fg, bold=True) + ("\n" + rest if rest else "")
        click.echo(text, err=True)
    errors = sum(d.is_error for d in diagnostics)
    if errors:
        click.echo(f"build failed: {errors} error{'s' if errors != 1 else ''}", err=True)
