"""What every command prints the same way: diagnostics, failures as text or JSON, the exit
statuses of errors (`guard`), and the progress line on a terminal.

Exit status: 0 success, 1 the work failed (diagnostics printed), 2 a usage or configuration
error. A user's mistake never prints a traceback; an internal error prints one line and asks
for `--debug`, which shows the traceback.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click


def print_diagnostics(
    diagnostics: Sequence[Any], what: str = "build", summary: bool = True
) -> None:
    """Each diagnostic on stderr (the first line coloured on a terminal), then, if any is an
    error and `summary`, `{what} failed: N errors`."""
    color = sys.stderr.isatty()
    for d in diagnostics:
        text = d.render()
        if color:
            head, _, rest = text.partition("\n")
            fg = "red" if d.is_error else "yellow"
            text = click.style(head, fg=fg, bold=True) + ("\n" + rest if rest else "")
        click.echo(text, err=True)
    errors = sum(d.is_error for d in diagnostics)
    if errors and summary:
        click.echo(f"{what} failed: {errors} error{'s' if errors != 1 else ''}", err=True)


def print_failure(diagnostics: Sequence[Any], as_json: bool, what: str = "build") -> None:
    """A failure with no result to show: `{"ok": false, "diagnostics": [...]}` on stdout with
    `--json`, else the diagnostics on stderr."""
    if as_json:
        data = {"ok": False, "diagnostics": [d.to_json() for d in diagnostics]}
        click.echo(json.dumps(data, indent=1))
        return
    print_diagnostics(diagnostics, what)


@contextmanager
def guard(ctx: click.Context, what: str = "build", as_json: bool = False) -> Iterator[None]:
    """Around a command's work: a `ConfigError` is printed (`print_failure`) and exits with
    status 2; any exception but `BuildFailed` (the command prints those its own way),
    Click's and Ctrl-C is an internal error: one line, exit status 1, or the traceback with
    `assetpipe --debug`."""
    from ..diagnostics import BuildFailed, ConfigError

    try:
        yield
    except ConfigError as exc:
        print_failure(exc.diagnostics, as_json, what)
        ctx.exit(2)
    except (BuildFailed, click.exceptions.Exit, click.ClickException):
        raise
    except Exception as exc:
        if ctx.obj and ctx.obj.get("debug"):
            raise
        click.secho(f"internal error: {type(exc).__name__}: {exc}", fg="red", err=True)
        click.echo(
            "  this is a bug in assetpipe; run again with --debug for the traceback", err=True
        )
        ctx.exit(1)


class ProgressLine:
    """One line on stderr, drawn again in place as work advances and erased when it is done:
    `images  [#########---------------] 41/96` (`count`, for build and deploy stages, at most
    ten times a second) or `auditing about/index.html  run 2/3` (`runs`, for the audit)."""

    WIDTH = 24

    def __init__(self) -> None:
        self.shown = False
        self.last = 0.0

    def count(self, what: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.last < 0.1:
            return
        self.last = now
        filled = self.WIDTH * done // max(total, 1)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self._show(f"{what}  [{bar}] {done:>{len(str(total))}}/{total}")
        if done >= total:
            self.close()

    def runs(self, page: str, run: int, runs: int) -> None:
        if not page:
            return self.close()
        self._show(f"\033[Kauditing {page}  run {run + 1}/{runs}")

    def _show(self, text: str) -> None:
        click.echo(f"\r{text}", err=True, nl=False)
        self.shown = True

    def close(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


@contextmanager
def progress_line(quiet: bool = False) -> Iterator[ProgressLine | None]:
    """A `ProgressLine` if stderr is a terminal and not `quiet` (a CI log gets none), else
    None; erased on the way out."""
    line = ProgressLine() if sys.stderr.isatty() and not quiet else None
    try:
        yield line
    finally:
        if line is not None:
            line.close()
