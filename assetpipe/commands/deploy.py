"""`assetpipe deploy`: `api.deploy` with the plan, the summary line, the phases and the CDN
warm-up printed (`deployment/messages.py` says how), or one JSON result."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import api
from . import options
from .output import guard, print_diagnostics, progress_line


@click.command()
@options.out(help="The built folder to deploy [default: dist].")
@options.configuration()
@click.option("--bucket", metavar="NAME", help="Bucket [deploy.bucket].")
@click.option("--prefix", metavar="P", help="Key prefix in the bucket [deploy.prefix].")
@click.option("--endpoint-url", metavar="URL", help="S3-compatible endpoint [deploy.endpoint_url].")
@click.option("--region", metavar="R", help="Region [deploy.region].")
@options.cdn()
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@click.option("--force", is_flag=True, help="Delete more than deploy.max_deletes old files.")
@click.option(
    "--verify",
    is_flag=True,
    help="Check every live object (a HEAD each) and upload again what is missing or differs.",
)
@click.option(
    "--warm",
    metavar="URL",
    help="After the purge, fetch the changed pages and their new initial assets through the "
    "CDN at URL, the site's public address [cdn.warm_url].",
)
@click.option(
    "--warm-concurrency",
    type=click.IntRange(1, 64),
    metavar="N",
    help="Warm-up requests in flight at once [cdn.warm_concurrency: 6].",
)
@options.as_json
@options.verbose(help="Print every action, even without a terminal.")
@click.pass_context
def deploy(
    ctx: click.Context,
    out: str | None,
    config_file: str | None,
    env: str | None,
    bucket: str | None,
    prefix: str | None,
    endpoint_url: str | None,
    region: str | None,
    cdn: str | None,
    dry_run: bool,
    force: bool,
    verify: bool,
    warm: str | None,
    warm_concurrency: int | None,
    as_json: bool,
    verbose: bool,
) -> None:
    """Upload the built site (--out) to S3-compatible storage and purge the CDN."""
    from ..deployment.execute import DeployFailed
    from ..deployment.messages import (
        phase_lines,
        plan_lines,
        summary_line,
        to_json,
        warm_line,
        warm_lines,
    )
    from ..deployment.warm import check_url

    if warm is not None and (problem := check_url(warm)):
        raise click.BadParameter(problem, param_hint="'--warm'")

    overrides: dict[str, Any] = {
        "build.out": out,
        "deploy.bucket": bucket,
        "deploy.prefix": prefix,
        "deploy.endpoint_url": endpoint_url,
        "deploy.region": region,
        "cdn.warm_url": warm,
        "cdn.warm_concurrency": warm_concurrency,
    }
    if cdn is not None:
        overrides["cdn.provider"], overrides["cdn.id"] = options.parse_cdn(cdn)
    with guard(ctx, "deploy", as_json):
        config, notes = api.load_config(config_file, env, overrides)
    try:
        with guard(ctx, "deploy", as_json), progress_line(as_json) as line:
            result = api.deploy(
                config,
                dry_run=dry_run,
                force=force,
                verify=verify,
                progress=line.count if line else None,
            )
    except DeployFailed as exc:
        if as_json:
            data = to_json(exc.result, ok=False) if exc.result else {"ok": False}
            data["diagnostics"] = [d.to_json() for d in [*notes, *exc.diagnostics]]
            click.echo(json.dumps(data, indent=1))
        else:
            if exc.result is not None:
                click.echo(summary_line(exc.result).replace("deployed to", "stopped deploying to"))
            print_diagnostics([*notes, *exc.diagnostics], "deploy")
        ctx.exit(1)
    if as_json:
        data = to_json(result)
        data["diagnostics"] = [d.to_json() for d in [*notes, *result.warnings]]
        click.echo(json.dumps(data, indent=1))
        return
    print_diagnostics([*notes, *result.warnings], "deploy")
    shown = verbose or sys.stdout.isatty()
    if dry_run or shown:
        for text in plan_lines(result):
            click.echo(text)
    click.echo(summary_line(result))
    if shown and not dry_run:
        for text in phase_lines(result):
            click.echo(text)
    warmed = warm_line(result)
    if warmed is not None:
        click.echo(warmed)
        if shown and not dry_run:
            for text in warm_lines(result):
                click.echo(text)
