"""The Python API: what each command does, without the command line.

Each function takes a `Config` (from `load_config`) and returns a result value; none prints,
exits or knows of Click. Failures raise the exceptions the stages raise: `ConfigError` (the
configuration cannot be used; exit status 2 on the command line), `BuildFailed` and its
subclass `DeployFailed` (exit status 1), each carrying every diagnostic. `assetpipe/commands/`
is these functions plus parsing and printing.

The stages are imported inside the functions, so that importing this module (and `assetpipe
--help`) stays instant.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import Config
    from .deployment.cdn import Purger, PurgeResult
    from .deployment.execute import DeployResult
    from .deployment.storage import Storage
    from .diagnostics import Diagnostic
    from .lab.run import AuditResult
    from .pipeline.build import ShardResult
    from .pipeline.values import BuildResult
    from .pipeline.watch import Outcome
    from .report.cache_hits import PageWeights
    from .report.compare import Baseline
    from .report.rum import RumSummary

Progress = Callable[[str, int, int], None]  # (what, done, total): "images", 41, 96


def load_config(
    config_file: str | None = None,
    env: str | None = None,
    overrides: dict[str, Any] | None = None,
    cwd: str | None = None,
) -> tuple[Config, list[Diagnostic]]:
    """The configuration (`config_file`, else `$ASSETPIPE_CONFIG`, else config/assetpipe.toml,
    then assetpipe.toml), with the `[env.NAME]` tables of `env` and `overrides` (dotted keys,
    `{"build.out": "public"}`; `None` values ignored) applied; returns it with any warnings.
    Raises `ConfigError`."""
    from .config import load_config

    return load_config(config_file, env, overrides, cwd)


def build(
    config: Config,
    *,
    progress: Progress | None = None,
    baseline: Baseline | None = None,
    page_weights: PageWeights | None = None,
) -> BuildResult:
    """Build `config.build.src` into `config.build.out`; returns the outputs, the manifest, the
    summary and the timings. Raises `BuildFailed` with every diagnostic (and `.report`, the page
    report, if the build got that far). `progress(what, done, total)` hears of the long stages.
    With a `baseline` (`load_baseline`, read before the build replaces it) that has a manifest,
    the report (and report.json) holds the cache-hit figure, `cache_hits`, its site figure
    weighted by `page_weights` (`load_page_weights`) if given."""
    from .pipeline.build import build

    return build(config, progress, baseline=baseline, page_weights=page_weights)


def build_shard(
    config: Config, shard: int, of: int, *, progress: Progress | None = None
) -> ShardResult:
    """`build --shard I/N`: encode the images of shard `shard` (1-based) of `of` into the
    remote cache (`[cache] remote`, read-write) for a final `build` to assemble; writes no
    output. Raises `BuildFailed`."""
    from .pipeline.build import build_shard

    return build_shard(config, shard, of, progress)


def load_baseline(path: str) -> Baseline:
    """An earlier build to `compare` with: its folder, report.json or manifest.json (its report,
    and its manifest for the cache-hit figure). Read it before a build replaces it. Raises
    `CompareError` when it cannot be read."""
    from .report.compare import load_baseline

    return load_baseline(path)


def load_page_weights(path: str) -> PageWeights:
    """A page-weight file (JSON `{"page": weight}` or CSV `page,weight` lines) for the cache-hit
    figure. Raises `PageWeightsError` (`FILE:LINE: why`)."""
    from .report.cache_hits import read_page_weights

    return read_page_weights(path)


def compare(
    old: Baseline,
    report: dict[str, Any],
    *,
    manifest: dict[str, Any] | None = None,
    page_weights: PageWeights | None = None,
    base: str = "/",
) -> dict[str, Any]:
    """Each page's and file's growth from `old` to `report` (`BuildResult.report`), largest
    first; files by gzip size, or by raw size when `old` is a manifest alone. `cache_hits` is
    the report's own (a build given `baseline=old`), or, with the new build's `manifest`,
    computed here (`page_weights`, and `base` to read their URL paths); None without OLD's
    manifest."""
    from .report.cache_hits import cache_hits
    from .report.compare import compare

    result = compare(old.report, report, "gzip" if old.what == "report" else "bytes")
    if manifest is not None:
        result["cache_hits"] = None
        if old.outputs is not None:
            result["cache_hits"] = cache_hits(
                old.outputs, report, manifest["outputs"], base=base, weights=page_weights
            )
    elif old.outputs is None:
        result["cache_hits"] = None
    return result


class Watch:
    """A development build of `config` (see `pipeline.watch.development_config`), served from
    `host:port` with live reload unless `serve` is false, and built again on every relevant
    change once `run()` is called. `on_build(outcome)` hears of each build (`self.first` is
    true during the first); `reload_config()` re-reads the configuration when its file
    changes (without it, the file is not watched). Raises `OSError` when it cannot listen."""

    def __init__(
        self,
        config: Config,
        *,
        on_build: Callable[[Outcome], None] | None = None,
        reload_config: Callable[[], Config] | None = None,
        images: bool = False,
        serve: bool = True,
        host: str = "127.0.0.1",
        port: int = 8000,
    ) -> None:
        from .pipeline.watch import Watcher, development_config
        from .server.dev import DevServer, Hub

        config = development_config(config, images)
        self.on_build = on_build
        self.hub = Hub()
        load = (lambda: development_config(reload_config(), images)) if reload_config else None
        config_file = Path(config.file) if config.file and reload_config else None
        self.watcher = Watcher(config, load or (lambda: config), self._built, config_file)
        self.server = None
        if serve:
            out = Path(config.build.out).resolve()
            self.server = DevServer(out, host, port, self.hub, config.build.base)

    @property
    def config(self) -> Config:
        """The configuration built now (re-read when its file changed)."""
        return self.watcher.config

    @property
    def first(self) -> bool:
        """Whether no build has finished yet (true while `on_build` hears of the first)."""
        return self.watcher.builds == 0

    @property
    def url(self) -> str | None:
        return self.server.url if self.server else None

    def run(self, on_ready: Callable[[], None] | None = None) -> None:
        """Build, start serving, call `on_ready()`, then rebuild on changes until `stop()` or
        Ctrl-C (KeyboardInterrupt); stops watching and serving before it returns."""
        try:
            self.watcher.start()
            self.watcher.build()
            if self.server:
                self.server.start()
            if on_ready is not None:
                on_ready()
            self.watcher.run()
        except KeyboardInterrupt:
            pass
        finally:
            self.watcher.stop()
            if self.server:
                self.server.stop()

    def stop(self) -> None:
        """Make `run()` return (from another thread)."""
        self.watcher.stop()

    def _built(self, outcome: Outcome) -> None:
        first = self.first
        if self.on_build is not None:
            self.on_build(outcome)
        if outcome.ok:
            self.hub.send("reload" if first else outcome.kind)
        else:
            errors = [d.render() for d in outcome.diagnostics if d.is_error]
            self.hub.send("build-error", {"diagnostics": errors})


def watch(config: Config, **options: Any) -> None:
    """`Watch(config, **options).run()`: build, serve and rebuild until Ctrl-C."""
    Watch(config, **options).run()


def deploy(
    config: Config,
    *,
    dry_run: bool = False,
    force: bool = False,
    verify: bool = False,
    progress: Progress | None = None,
    storage: Storage | None = None,
    purger: Purger | None = None,
    warm: str | None = None,
) -> DeployResult:
    """Upload the build in `config.build.out` to `config.deploy.bucket` (or `storage`), purge the
    CDN and prune old files, in the order that keeps the live site whole, then warm the CDN
    through `warm` (default `cdn.warm_url`; `""` not at all): `.warm`, a `WarmResult` whose
    failures are warnings. Returns what it did (`dry_run`: what it would do). Raises
    `ConfigError` without a bucket or with a bad warm URL, `DeployFailed` (with `.result`, what
    it did before it stopped)."""
    from .deployment.execute import deploy
    from .diagnostics import ConfigError, error

    if storage is None and not config.deploy.bucket:
        message = "no bucket to deploy to: set deploy.bucket or --bucket"
        raise ConfigError([error("config-missing", message)])
    return deploy(
        config,
        dry_run=dry_run,
        force=force,
        verify=verify,
        storage=storage,
        purger=purger,
        progress=progress,
        warm=warm,
    )


def purge(config: Config, paths: Sequence[str], *, cdn: str | None = None) -> PurgeResult:
    """Purge URL `paths` (`/blog/`, `/index.html`) from `cdn` (`PROVIDER:ID`, default the
    configuration's `[cdn]`); returns what was purged (`.ok` false if not all). Raises
    `ConfigError` without a CDN, `DeployFailed` when the CDN cannot be reached as configured."""
    from .deployment.execute import purge_paths
    from .diagnostics import ConfigError, error

    if cdn is None:
        if not (config.cdn.provider and config.cdn.id):
            message = "no CDN to purge: set cdn.provider and cdn.id or --cdn"
            raise ConfigError([error("config-missing", message)])
        cdn = f"{config.cdn.provider}:{config.cdn.id}"
    return purge_paths(config, cdn, list(paths))


def audit(
    config: Config,
    *,
    pages: Sequence[str] = (),
    throttle: str = "slow-4g",
    runs: int = 3,
    chromium: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    navigations: bool = False,
) -> AuditResult:
    """Load each page of `config.build.out` (built or not) `runs` times in headless Chromium,
    throttled (`"slow-4g"`, `"fast-3g"`, `"none"`), and check the `[budgets]`; returns the
    medians and the diagnostics (`.ok` false when a page failed to load, Chromium is missing or
    a budget failed). `progress(page, run, runs)` hears of each load, `("", runs, runs)` at
    the end. With `navigations`, each page's click to its first link to another page is
    measured too, with the pages' speculation rules and without (`AuditResult.navigations`)."""
    from .lab.run import audit

    return audit(
        config,
        pages=tuple(pages),
        throttle=throttle,
        runs=runs,
        chromium=chromium,
        progress=progress,
        navigations=navigations,
    )


def rum_summary(
    beacons: str | os.PathLike[str] | Iterable[str],
    config: Config | None = None,
    *,
    build: str | None = None,
    site: str | None = None,
    min_views: int = 1,
    name: str = "<stdin>",
) -> RumSummary:
    """The 75th percentile of each real-user metric per page and over all views, from the
    beacons in the file `beacons` (a path; `.gz` is read compressed) or in its lines (any
    iterable of text lines, `name` naming them in messages), judged against `config.budgets`
    (`lcp_ms`, `cls`, `inp_ms`) when at least `min_views` values make the percentile; a
    budget exceeded is located at the page's source in `config.build.src`, if it is there.
    `build`: only the beacons of that build. `site`: a build folder whose manifest maps URL
    paths to page sources, for `[budgets.pages."GLOB"]` (default: `config.build.out` when it
    holds a build; `""`: none). Returns a `RumSummary` (`.ok` false when no line was a beacon or
    a budget failed with `on_exceed = "error"`). Raises `RumError` when the file or `site`
    cannot be read."""
    from .config import Config
    from .report.beacons import RumError, read_beacons, read_file
    from .report.rum import read_site, summarize

    config = config or Config()
    pages = None
    if site:
        pages = read_site(site)
        if pages is None:
            raise RumError(f"{site} holds no build (no .assetpipe/manifest.json in it)")
    elif site is None:
        pages = read_site(config.build.out)
    if isinstance(beacons, str | os.PathLike):
        tally = read_file(os.fspath(beacons), build)
    else:
        tally = read_beacons(beacons, name, build)
    return summarize(
        tally,
        config.budgets,
        site=pages,
        base=config.build.base,
        src=config.build.src if Path(config.build.src).is_dir() else None,
        min_views=min_views,
    )
