"""The options more than one command takes, each declared once, as decorators.

A decorator taking `help` is one option whose description differs between commands
(`--out` is the output folder of `build`, the folder `deploy` uploads); the others are
identical everywhere. Values are parsed in the command (`parse_defines`, `parse_cdn`), not in
option callbacks, so that usage errors come in the same order whatever the argument order.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

src = click.option("--src", metavar="DIR", help="Source folder [default: site_src].")
cache_dir = click.option(
    "--cache-dir", metavar="DIR", help="Cache folder [default: .assetpipe-cache]."
)
cache_remote = click.option(
    "--cache-remote",
    metavar="S3URL",
    envvar="ASSETPIPE_CACHE_REMOTE",
    help="A shared cache in S3 behind the local one (s3://bucket/prefix/; also "
    "$ASSETPIPE_CACHE_REMOTE) [default: [cache] remote].",
)


cache_mode = click.option(
    "--cache-mode",
    type=click.Choice(["read-write", "read-only", "off"]),
    envvar="ASSETPIPE_CACHE_MODE",
    help="How the build uses the remote cache (also $ASSETPIPE_CACHE_MODE) "
    "[default: [cache] mode, read-write].",
)


def check_cache_remote(value: str | None) -> None:
    """`--cache-remote` (or its variable) must be an s3:// URL: a usage error otherwise."""
    from ..config import check_remote

    problem = check_remote(value) if value else None
    if problem:
        raise click.BadParameter(problem, param_hint="'--cache-remote'")


as_json = click.option("--json", "as_json", is_flag=True, help="Print one JSON result on stdout.")
define = click.option(
    "--define",
    "defines",
    multiple=True,
    metavar="KEY=JSON",
    help="Replace a global expression with a JSON value in every module, e.g. "
    "--define __APP_VERSION__='\"1.2.0\"' (repeatable; adds to [build.define]).",
)


def out(help: str = "Output folder [default: dist].") -> Callable[[F], F]:
    return click.option("--out", metavar="DIR", help=help)


def configuration(help: str = "Configuration file.") -> Callable[[F], F]:
    """`--config FILE` and `--env NAME`, the configuration file and its [env.NAME] tables."""
    config_file = click.option("--config", "config_file", metavar="FILE", help=help)
    env = click.option(
        "--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration."
    )
    return lambda command: config_file(env(command))


def verbose(help: str) -> Callable[[F], F]:
    return click.option("-v", "--verbose", is_flag=True, help=help)


def cdn(required: bool = False) -> Callable[[F], F]:
    """`--cdn PROVIDER:ID`; its value is checked by `parse_cdn`."""
    return click.option(
        "--cdn",
        required=required,
        metavar="PROVIDER:ID",
        help="cloudfront:ID, cloudflare:ZONE or fastly:ID.",
    )


def parse_defines(defines: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
    """`--define` values as (key, JSON text) pairs; a mistake is a usage error (exit 2)."""
    if not defines:
        return None
    from ..js.defines import parse_define

    try:
        return tuple(parse_define(text) for text in defines)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--define") from None


def parse_cdn(target: str) -> tuple[str, str]:
    """`--cdn PROVIDER:ID` as (provider, id); a mistake is a usage error (exit 2)."""
    from ..deployment.cdn import parse_target

    try:
        return parse_target(target)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cdn") from None
