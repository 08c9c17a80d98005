"""`assetpipe purge`: `api.purge` on the CDN named by --cdn, and what it purged."""

from __future__ import annotations

import click

from .. import api
from . import options
from .output import guard, print_diagnostics


@click.command()
@options.cdn(required=True)
@options.configuration(help="Configuration file ([cdn]).")
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def purge(
    ctx: click.Context,
    cdn: str,
    config_file: str | None,
    env: str | None,
    paths: tuple[str, ...],
) -> None:
    """Purge URL PATHS (/blog/, /index.html) from the CDN."""
    from ..deployment.execute import DeployFailed

    options.parse_cdn(cdn)
    with guard(ctx, "purge"):
        config, notes = api.load_config(config_file, env, {})
    try:
        with guard(ctx, "purge"):
            result = api.purge(config, paths, cdn=cdn)
    except DeployFailed as exc:
        print_diagnostics([*notes, *exc.diagnostics], "purge")
        ctx.exit(1)
    if result.ok:
        ids = f" ({', '.join(result.ids)})" if result.ids else ""
        click.echo(f"purged {len(result.purged)} paths on {cdn}{ids}")
        return
    click.echo(
        f"purge failed on {cdn}: {result.error}\n"
        f"  purged: {', '.join(result.purged) or 'none'}\n"
        f"  not purged: {', '.join(result.failed)}",
        err=True,
    )
    ctx.exit(1)
