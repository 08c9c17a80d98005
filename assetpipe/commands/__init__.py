"""The command line: a thin Click layer over the Python API.

One small function per command; heavy modules are imported inside them so that
`assetpipe --help` stays instant. Exit status: 0 success, 1 the build failed (diagnostics
printed), 2 a usage or configuration error. A user's mistake never prints a traceback; an
internal error prints one line and asks for `--debug`, which shows the traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from .. import __version__
from .audit import audit


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="assetpipe")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build a website's assets into a hashed, cacheable dist/ folder."""
    ctx.obj = {"debug": debug}


def _define_option(command: Any) -> Any:
    return click.option(
        "--define",
        "defines",
        multiple=True,
        metavar="KEY=JSON",
        help="Replace a global expression with a JSON value in every module, e.g. "
        "--define __APP_VERSION__='\"1.2.0\"' (repeatable; adds to [build.define]).",
    )(command)


def _parse_defines(defines: tuple[str, ...]) -> tuple[tuple[str, str], ...] | None:
    """`--define` values as (key, JSON text) pairs; a mistake is a usage error (exit 2)."""
    from ..js.defines import parse_define

    if not defines:
        return None
    try:
        return tuple(parse_define(text) for text in defines)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--define") from None


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
@click.option(
    "--compare",
    "compare_with",
    metavar="OLD",
    help="Print each page's and file's growth since OLD: an earlier build's folder, "
    "report.json or manifest.json (read before this build replaces it).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result on stdout.")
@click.option(
    "-v", "--verbose", is_flag=True, help="Print the full summary even without a terminal."
)
@_define_option
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
    compare_with: str | None,
    as_json: bool,
    verbose: bool,
    defines: tuple[str, ...],
) -> None:
    """Build the site from --src into --out."""
    from ..config import load_config
    from ..diagnostics import BuildFailed, ConfigError
    from ..pipeline.build import build as run_build
    from ..report.summary import format_summary

    overrides = {
        "build.src": src,
        "build.out": out,
        "build.cache_dir": cache_dir,
        "build.minify": minify,
        "build.sourcemap": sourcemap,
        "build.define": _parse_defines(defines),
        "images.jobs": jobs,
    }
    try:
        config, notes = load_config(config_file, env, overrides)
    except ConfigError as exc:
        _report(exc.diagnostics, as_json)
        ctx.exit(2)
    old = None
    if compare_with is not None:
        from ..report.compare import CompareError, load_old

        try:
            old = load_old(compare_with)
        except CompareError as exc:
            click.echo(f"error: --compare: {exc}", err=True)
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
        if old is not None and exc.report is not None and not as_json:
            _print_comparison(old, exc.report, compare_with or "")  # what outgrew the budget
        ctx.exit(1)
    diagnostics = [*notes, *result.warnings]
    comparison = None
    if old is not None:
        from ..report.compare import compare

        report, what = old
        comparison = compare(report, result.report, "gzip" if what == "report" else "bytes")
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
    _print_diagnostics(diagnostics)
    text = format_summary(result.summary, list(result.timings), config.build.out)
    if verbose or sys.stdout.isatty():
        click.echo(text)
    else:
        click.echo(text.splitlines()[0])
    if comparison is not None:
        from ..report.compare import format_markdown

        click.echo("")
        click.echo(format_markdown(comparison, compare_with or ""))


main.add_command(audit)


def _print_comparison(old: tuple[dict, str], new: dict, name: str) -> None:
    from ..report.compare import compare, format_markdown

    report, what = old
    click.echo(format_markdown(compare(report, new, "gzip" if what == "report" else "bytes"), name))


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


@main.command()
@click.option("--src", metavar="DIR", help="Source folder [default: site_src].")
@click.option("--out", metavar="DIR", help="Output folder [default: dist].")
@click.option("--config", "config_file", metavar="FILE", help="Configuration file.")
@click.option("--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration.")
@click.option("--cache-dir", metavar="DIR", help="Cache folder [default: .assetpipe-cache].")
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
@_define_option
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
    from ..config import find_config_file, load_config
    from ..diagnostics import ConfigError
    from ..pipeline.watch import development_config

    overrides = {
        "build.src": src,
        "build.out": out,
        "build.cache_dir": cache_dir,
        "build.define": _parse_defines(defines),
    }

    def load():
        return development_config(load_config(config_file, env, overrides)[0], images)

    try:
        config = load()
        found = find_config_file(config_file, Path.cwd())
    except ConfigError as exc:
        _report(exc.diagnostics, False, "watch")
        ctx.exit(2)
    _guard(ctx, lambda: _run_watch(ctx, config, load, found, host, port, serve))


def _run_watch(ctx, config, load, config_path, host, port, serve) -> None:
    import signal

    from ..pipeline.watch import Outcome, Watcher
    from ..server.dev import DevServer, Hub

    hub = Hub()
    color = sys.stderr.isatty()

    def report(outcome: Outcome) -> None:
        ms = f"{outcome.seconds * 1000:.0f} ms"
        if outcome.ok:
            _print_diagnostics(outcome.diagnostics)
            what = "built" if watcher.builds == 0 else f"rebuilt ({outcome.kind})"
            click.echo(f"{what} in {ms}", err=True)
            hub.send(outcome.kind if watcher.builds else "reload")
        else:
            _print_diagnostics(outcome.diagnostics, summary=False)
            errors = sum(d.is_error for d in outcome.diagnostics)
            note = ""
            if serve:
                built = (Path(watcher.config.build.out) / ".assetpipe" / "manifest.json").is_file()
                note = "; serving the last good build" if built else "; nothing to serve yet"
            click.secho(
                f"build failed: {errors} error{'s' if errors != 1 else ''} in {ms}{note}",
                fg="red" if color else None,
                err=True,
            )
            hub.send(
                "build-error",
                {"diagnostics": [d.render() for d in outcome.diagnostics if d.is_error]},
            )

    watcher = Watcher(config, load, report, config_path)
    server = None
    if serve:
        try:
            server = DevServer(Path(config.build.out).resolve(), host, port, hub, config.build.base)
        except OSError as exc:
            click.echo(f"error: cannot serve on {host}:{port}: {exc.strerror}", err=True)
            ctx.exit(1)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    try:
        watcher.start()
        watcher.build()
        where = f", serving {server.url}" if server else ""
        if server:
            server.start()
        click.echo(f"watching {config.build.src}{where} (Ctrl-C stops)", err=True)
        if server:
            click.echo(server.url)  # stdout: for scripts that start the watcher
        sys.stdout.flush()
        watcher.run()
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()
        if server:
            server.stop()
    click.echo("stopped", err=True)


@main.command()
@click.option("--out", metavar="DIR", help="The built folder to deploy [default: dist].")
@click.option("--config", "config_file", metavar="FILE", help="Configuration file.")
@click.option("--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration.")
@click.option("--bucket", metavar="NAME", help="Bucket [deploy.bucket].")
@click.option("--prefix", metavar="P", help="Key prefix in the bucket [deploy.prefix].")
@click.option("--endpoint-url", metavar="URL", help="S3-compatible endpoint [deploy.endpoint_url].")
@click.option("--region", metavar="R", help="Region [deploy.region].")
@click.option("--cdn", metavar="PROVIDER:ID", help="cloudfront:ID, cloudflare:ZONE or fastly:ID.")
@click.option("--dry-run", is_flag=True, help="Print the plan; change nothing.")
@click.option("--force", is_flag=True, help="Delete more than deploy.max_deletes old files.")
@click.option(
    "--verify",
    is_flag=True,
    help="Check every live object (a HEAD each) and upload again what is missing or differs.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON result on stdout.")
@click.option("-v", "--verbose", is_flag=True, help="Print every action, even without a terminal.")
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
    as_json: bool,
    verbose: bool,
) -> None:
    """Upload the built site (--out) to S3-compatible storage and purge the CDN."""
    from ..config import load_config
    from ..deployment.cdn import parse_target
    from ..diagnostics import ConfigError, error

    overrides: dict[str, Any] = {
        "build.out": out,
        "deploy.bucket": bucket,
        "deploy.prefix": prefix,
        "deploy.endpoint_url": endpoint_url,
        "deploy.region": region,
    }
    if cdn is not None:
        try:
            overrides["cdn.provider"], overrides["cdn.id"] = parse_target(cdn)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--cdn") from None
    try:
        config, notes = load_config(config_file, env, overrides)
    except ConfigError as exc:
        _report(exc.diagnostics, as_json, "deploy")
        ctx.exit(2)
    if not config.deploy.bucket:
        _report(
            [error("config-missing", "no bucket to deploy to: set deploy.bucket or --bucket")],
            as_json,
            "deploy",
        )
        ctx.exit(2)
    _run_deploy(ctx, config, notes, dry_run, force, as_json, verbose, verify)


def _run_deploy(ctx, config, notes, dry_run, force, as_json, verbose, verify=False) -> None:
    from ..deployment.execute import DeployFailed
    from ..deployment.execute import deploy as run_deploy
    from ..deployment.messages import phase_lines, plan_lines, summary_line, to_json

    bar = _ProgressBar() if sys.stderr.isatty() and not as_json else None
    try:
        try:
            result = _guard(
                ctx,
                lambda: run_deploy(
                    config, dry_run=dry_run, force=force, verify=verify, progress=bar
                ),
            )
        finally:
            if bar is not None:
                bar.close()
    except DeployFailed as exc:
        if as_json:
            data = to_json(exc.result, ok=False) if exc.result else {"ok": False}
            data["diagnostics"] = [d.to_json() for d in [*notes, *exc.diagnostics]]
            click.echo(json.dumps(data, indent=1))
        else:
            if exc.result is not None:
                click.echo(summary_line(exc.result).replace("deployed to", "stopped deploying to"))
            _print_diagnostics([*notes, *exc.diagnostics], "deploy")
        ctx.exit(1)
    if as_json:
        data = to_json(result)
        data["diagnostics"] = [d.to_json() for d in [*notes, *result.warnings]]
        click.echo(json.dumps(data, indent=1))
        return
    _print_diagnostics([*notes, *result.warnings], "deploy")
    if dry_run or verbose or sys.stdout.isatty():
        for line in plan_lines(result):
            click.echo(line)
    click.echo(summary_line(result))
    if (verbose or sys.stdout.isatty()) and not dry_run:
        for line in phase_lines(result):
            click.echo(line)


@main.command()
@click.option(
    "--cdn",
    "target",
    required=True,
    metavar="PROVIDER:ID",
    help="cloudfront:ID, cloudflare:ZONE or fastly:ID.",
)
@click.option("--config", "config_file", metavar="FILE", help="Configuration file ([cdn]).")
@click.option("--env", metavar="NAME", help="Apply the [env.NAME] tables of the configuration.")
@click.argument("paths", nargs=-1, required=True)
@click.pass_context
def purge(
    ctx: click.Context,
    target: str,
    config_file: str | None,
    env: str | None,
    paths: tuple[str, ...],
) -> None:
    """Purge URL PATHS (/blog/, /index.html) from the CDN."""
    from ..config import load_config
    from ..deployment.cdn import parse_target
    from ..deployment.execute import DeployFailed, purge_paths
    from ..diagnostics import ConfigError

    try:
        parse_target(target)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--cdn") from None
    try:
        config, notes = load_config(config_file, env, {})
    except ConfigError as exc:
        _report(exc.diagnostics, False, "purge")
        ctx.exit(2)
    try:
        result = _guard(ctx, lambda: purge_paths(config, target, list(paths)))
    except DeployFailed as exc:
        _print_diagnostics([*notes, *exc.diagnostics], "purge")
        ctx.exit(1)
    if result.ok:
        ids = f" ({', '.join(result.ids)})" if result.ids else ""
        click.echo(f"purged {len(result.purged)} paths on {target}{ids}")
        return
    click.echo(
        f"purge failed on {target}: {result.error}\n"
        f"  purged: {', '.join(result.purged) or 'none'}\n"
        f"  not purged: {', '.join(result.failed)}",
        err=True,
    )
    ctx.exit(1)


def _guard(ctx: click.Context, run: Any) -> Any:
    """Run `run()`; an unexpected exception is an internal error, reported in one line."""
    from ..diagnostics import BuildFailed

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


def _report(diagnostics: list[Any], as_json: bool, what: str = "build") -> None:
    if as_json:
        click.echo(
            json.dumps({"ok": False, "diagnostics": [d.to_json() for d in diagnostics]}, indent=1)
        )
        return
    _print_diagnostics(diagnostics, what)


def _print_diagnostics(diagnostics: list[Any], what: str = "build", summary: bool = True) -> None:
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
