"""`assetpipe build`: `api.build` with the configuration from flags and files, the summary
printed (one line without a terminal, the tables with -v), and `--compare OLD` (with the
cache-hit figure, weighted by `--page-weights FILE`)."""

from __future__ import annotations

import json
import sys

import click

from .. import api
from . import options
from .output import guard, print_diagnostics, print_failure, progress_line


@click.command()
@options.src
@options.out()
@options.configuration(
    help="Configuration file [default: config/assetpipe.toml, then assetpipe.toml]."
)
@options.cache_dir
@options.cache_remote
@options.cache_mode
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
@click.option(
    "--compare",
    "compare_with",
    metavar="OLD",
    help="Print each page's and file's growth since OLD: an earlier build's folder, "
    "report.json or manifest.json (read before this build replaces it).",
)
@click.option(
    "--page-weights",
    metavar="FILE",
    help="Weigh each page's cache-hit figure in the site's by FILE (JSON {page: weight} "
    "or CSV page,weight lines) instead of alike; with --compare.",
)
@click.option(
    "--shard",
    metavar="I/N",
    help="Only encode the images of shard I of N into the remote cache ([cache] remote), "
    "for a final build to assemble; writes no output.",
)
@options.as_json
@options.verbose(help="Print the full summary even without a terminal.")
@options.define
@click.pass_context
def build(
    ctx: click.Context,
    src: str | None,
    out: str | None,
    config_file: str | None,
    env: str | None,
    cache_dir: str | None,
    cache_remote: str | None,
    cache_mode: str | None,
    minify: bool | None,
    sourcemap: bool | None,
    jobs: int | None,
    compare_with: str | None,
    page_weights: str | None,
    shard: str | None,
    as_json: bool,
    verbose: bool,
    defines: tuple[str, ...],
) -> None:
    """Build the site from --src into --out."""
    from ..diagnostics import BuildFailed
    from ..report.cache_hits import PageWeightsError
    from ..report.compare import CompareError, format_markdown
    from ..report.summary import format_summary

    options.check_cache_remote(cache_remote)
    overrides = {
        "build.src": src,
        "build.out": out,
        "build.cache_dir": cache_dir,
        "cache.remote": cache_remote,
        "cache.mode": cache_mode,
        "build.minify": minify,
        "build.sourcemap": sourcemap,
        "build.define": options.parse_defines(defines),
        "images.jobs": jobs,
    }
    sharding = _parse_shard(shard)
    with guard(ctx, "build", as_json):
        config, notes = api.load_config(config_file, env, overrides)
    if sharding is not None:
        _build_shard(ctx, config, notes, sharding, as_json)
        return
    old = None
    if compare_with is not None:
        try:
            old = api.load_baseline(compare_with)
        except CompareError as exc:
            click.echo(f"error: --compare: {exc}", err=True)
            ctx.exit(2)
    weights = None
    if page_weights is not None:
        if old is None:
            click.echo("error: --page-weights needs --compare OLD", err=True)
            ctx.exit(2)
        try:
            weights = api.load_page_weights(page_weights)
        except PageWeightsError as exc:
            click.echo(f"error: --page-weights: {exc}", err=True)
            ctx.exit(2)
    try:
        with guard(ctx), progress_line(as_json) as line:
            progress = line.count if line else None
            result = api.build(config, progress=progress, baseline=old, page_weights=weights)
    except BuildFailed as exc:
        print_failure([*notes, *exc.diagnostics], as_json)
        if old is not None and exc.report is not None and not as_json:  # what outgrew a budget
            click.echo(format_markdown(api.compare(old, exc.report), compare_with or ""))
        ctx.exit(1)
    diagnostics = [*notes, *result.warnings]
    comparison = api.compare(old, result.report) if old is not None else None
    if as_json:
        data = {
            "ok": True,
            "out": config.build.out,
            "pages": len(result.pages),
            "summary": result.summary,
            "timings": {name: round(t, 4) for name, t in result.timings},
            "diagnostics": [d.to_json() for d in diagnostics],
        }
        if comparison is not None:
            data["comparison"] = comparison
        click.echo(json.dumps(data, indent=1))
        return
    print_diagnostics(diagnostics)
    text = format_summary(result.summary, list(result.timings), config.build.out)
    click.echo(text if verbose or sys.stdout.isatty() else text.splitlines()[0])
    if comparison is not None:
        click.echo("")
        click.echo(format_markdown(comparison, compare_with or ""))


def _parse_shard(value: str | None) -> tuple[int, int] | None:
    if value is None:
        return None
    parts = value.split("/")
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        shard, of = int(parts[0]), int(parts[1])
        if 1 <= shard <= of <= 1024:
            return shard, of
    raise click.BadParameter(
        f"{value!r}: expected I/N with 1 <= I <= N <= 1024, such as 2/4", param_hint="'--shard'"
    )


def _build_shard(
    ctx: click.Context, config, notes, sharding: tuple[int, int], as_json: bool
) -> None:
    """`build --shard I/N`: the shard's encodes into the remote cache, and one line of what."""
    from ..diagnostics import BuildFailed

    try:
        with guard(ctx), progress_line(as_json) as line:
            r = api.build_shard(config, *sharding, progress=line.count if line else None)
    except BuildFailed as exc:
        print_failure([*notes, *exc.diagnostics], as_json)
        ctx.exit(1)
    diagnostics = [*notes, *r.warnings]
    if as_json:
        data = {
            "ok": True,
            "shard": f"{r.shard}/{r.of}",
            "images": r.images,
            "total_images": r.total_images,
            "encoded": r.encoded,
            "uploaded": r.uploaded,
            "seconds": round(r.seconds, 3),
            "diagnostics": [d.to_json() for d in diagnostics],
        }
        click.echo(json.dumps(data, indent=1))
        return
    print_diagnostics(diagnostics)
    click.echo(
        f"shard {r.shard}/{r.of}: {r.images} of {r.total_images} images; encoded {r.encoded} "
        f"variants, uploaded {r.uploaded} cache objects in {r.seconds:.2f} s"
    )
