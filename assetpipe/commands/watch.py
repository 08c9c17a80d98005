"""`assetpipe watch`: `api.Watch` with each build's outcome printed on stderr, and the URL it
serves on stdout (for scripts that start the watcher)."""

from __future__ import annotations

import signal
import sys
from pathlib import Path

import click

from .. import api
from . import options
from .output import guard, print_diagnostics


@click.command()
@options.src
@options.out()
@options.configuration()
@options.cache_dir
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to serve on (0: any free one).",
)
@click.option("--serve/--no-serve", default=True, help="Serve the output with live reload.")
@click.option("--images", is_flag=True, help="Encode image variants as build does (slower).")
@options.define
@click.pass_context
def watch(
    ctx: click.Context,
    src: str | None,
    out: str | None,
    config_file: str | None,
    env: str | None,
    cache_dir: str | None,
    host: str,
    port: int,
    serve: bool,
    images: bool,
    defines: tuple[str, ...],
) -> None:
    """Build, serve with live reload, and rebuild on every save (Ctrl-C stops)."""
    overrides = {
        "build.src": src,
        "build.out": out,
        "build.cache_dir": cache_dir,
        "build.define": options.parse_defines(defines),
    }

    def load():
        return api.load_config(config_file, env, overrides)[0]

    with guard(ctx, "watch"):
        config = load()
    with guard(ctx, "watch"):
        try:
            session = api.Watch(
                config,
                on_build=lambda outcome: _print_outcome(session, outcome),
                reload_config=load,
                images=images,
                serve=serve,
                host=host,
                port=port,
            )
        except OSError as exc:
            click.echo(f"error: cannot serve on {host}:{port}: {exc.strerror}", err=True)
            ctx.exit(1)
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        session.run(on_ready=lambda: _print_ready(session))
        click.echo("stopped", err=True)


def _print_ready(session: api.Watch) -> None:
    where = f", serving {session.url}" if session.url else ""
    click.echo(f"watching {session.config.build.src}{where} (Ctrl-C stops)", err=True)
    if session.url:
        click.echo(session.url)  # stdout: for scripts that start the watcher
    sys.stdout.flush()


def _print_outcome(session: api.Watch, outcome) -> None:
    ms = f"{outcome.seconds * 1000:.0f} ms"
    if outcome.ok:
        print_diagnostics(outcome.diagnostics)
        what = "built" if session.first else f"rebuilt ({outcome.kind})"
        click.echo(f"{what} in {ms}", err=True)
        return
    print_diagnostics(outcome.diagnostics, summary=False)
    errors = sum(d.is_error for d in outcome.diagnostics)
    note = ""
    if session.url:
        built = (Path(session.config.build.out) / ".assetpipe" / "manifest.json").is_file()
        note = "; serving the last good build" if built else "; nothing to serve yet"
    click.secho(
        f"build failed: {errors} error{'s' if errors != 1 else ''} in {ms}{note}",
        fg="red" if sys.stderr.isatty() else None,
        err=True,
    )
