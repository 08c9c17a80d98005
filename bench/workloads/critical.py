"""Workloads ``critical`` and ``critical-speed``: critical CSS, assetpipe against beasties.

``critical`` (correctness; the seconds are the tools' processing, the check is the point):
the two pages of ``tests/css/pages/`` (the rendering tests' fixture: a main
stylesheet that ``@import``s four others with ``layer()``/``supports()``/media conditions, and
uses nesting, ``:where()``, ``:has()``, ``@container``, ``@keyframes`` and two ``@font-face``)
with the two fonts it names. Each contender turns them into pages that inline their critical
CSS and load the stylesheets lazily:

- ``assetpipe``: ``assetpipe build --config critical.toml`` (``[css] inline_threshold = 0``,
  so the small fixture stylesheet is not inlined whole), an empty cache each round;
- ``beasties`` (anchor): ``bench/scripts/beasties_pages.mjs process classic``: a copy of the
  site whose pages are replaced by ``new Beasties(options).process(html)`` of beasties 0.5.4;
- ``beasties-runtime``: the same with beasties' ``compiler``/``runtime`` API (each stylesheet
  compiled once, then ``createProcessor(plans).process(html)`` per page).

The check (untimed) loads each page in headless Chromium three times: the unprocessed page
with its stylesheets (the reference), the processed page with every ``.css`` request answered
404 (only the inlined CSS applies) and the processed page as it is (stylesheets loaded). It
compares every computed property of every element (custom properties aside), ``::before``
content and the web fonts that loaded. Figures: ``pages``, ``elements``, ``elements_differing``
(with the inlined CSS only), ``loaded_differing`` (with the stylesheets loaded),
``fonts_missing``, ``inlined_bytes``. assetpipe fails the run on any difference (the message
lists them); beasties' differences are reported, with every element side by side, in
``bench/.work/critical/report.md``.

``critical-speed``: critical CSS per page against Bootstrap's ``dist/css/bootstrap.css``
(``bootstrap@5.3`` from npm; its selector count is on the info line) for 20 generated pages
of ~10-19 KB using a small part of Bootstrap's classes. Each contender handles them in one
process and measures inside it (the wall time also counts start-up):

- ``assetpipe``: ``bench/scripts/critical_pages.py``: ``Sheet(css)`` once (``parse_ms``),
  then ``Page(html)`` + ``extract()`` per page;
- ``beasties`` (anchor): ``beasties_pages.mjs time classic``: ``process(html)`` per page,
  which reads and parses the stylesheet again for every page (beasties' design);
- ``beasties-runtime``: ``beasties_pages.mjs time runtime``: ``compileSheet`` once
  (``parse_ms``), then the runtime's ``process(html)`` per page.

Figures: ``ms_per_page`` (median over 3 passes of the 20 pages, after one warm-up page),
``parse_ms``, ``inlined_bytes_per_page`` and ``ratio_of_stylesheet`` (over the stylesheet's
bytes). The issue's goal: assetpipe's ``ms_per_page`` at most 25.
"""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bench.harness import (
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    cached,
    workload,
)
from bench.tools import NODE_DIR, ensure_npm, npm_version
from bench.workloads._critical import (
    FIXTURE_PAGES,
    RenderChecks,
    count_selectors,
    fixture_version,
    make_fixture,
    write_bootstrap_pages,
)
from bench.workloads._js import assetpipe_command

BEASTIES = "beasties@0.5.4"
BOOTSTRAP = "bootstrap@5.3"
SCRIPTS = REPO_DIR / "bench" / "scripts"
BEASTIES_SCRIPT = SCRIPTS / "beasties_pages.mjs"
ASSETPIPE_SCRIPT = SCRIPTS / "critical_pages.py"
CONFIG = "[css]\ninline_threshold = 0\n"

SPEED_VERSION = "critical-speed-v1"
SPEED_PAGES = 20
SPEED_PASSES = "3"
GOAL_MS = 25.0


def beasties_contender(
    ctx: Context,
    name: str,
    args: Callable[[RunDirs], Sequence[str]],
    check: Callable[[Path], Figures],
    *,
    anchor: bool,
) -> Contender:
    """``node bench/scripts/beasties_pages.mjs ARGS`` with beasties from bench/.node."""

    def setup() -> None:
        if shutil.which("node") is None:
            raise CheckFailed("node not found on PATH: install Node.js 20+")
        ensure_npm(BEASTIES)
        ctx.info["beasties"] = npm_version("beasties")

    def command(dirs: RunDirs) -> Command:
        argv = [shutil.which("node") or "node", str(BEASTIES_SCRIPT), *args(dirs)]
        return Command(argv, cwd=ctx.work, env={"BENCH_NODE_DIR": str(NODE_DIR)})

    return Contender(name, command, anchor=anchor, setup=setup, check=check)


# --- critical: what the inlined CSS alone renders ---------------------------------------------


@workload(
    "critical",
    "critical CSS of 2 pages (@import, nesting, :where(), a web font), rendered in Chromium "
    "with only the inlined CSS: assetpipe vs beasties",
)
def critical(ctx: Context) -> list[Contender]:
    site = ctx.work / "site"
    cached(site, fixture_version(), make_fixture)
    config = ctx.work / "critical.toml"
    config.write_text(CONFIG)
    checks = RenderChecks(ctx, site, FIXTURE_PAGES)

    def assetpipe(dirs: RunDirs) -> Command:
        return assetpipe_command(ctx, site, dirs.out, dirs.scratch, "--config", str(config))

    def process(engine: str) -> Callable[[RunDirs], Sequence[str]]:
        return lambda dirs: ["process", engine, str(site), str(dirs.out)]

    return [
        Contender("assetpipe", assetpipe, check=checks.check("assetpipe", must_match=True)),
        beasties_contender(
            ctx,
            "beasties",
            process("classic"),
            checks.check("beasties", must_match=False),
            anchor=True,
        ),
        beasties_contender(
            ctx,
            "beasties-runtime",
            process("runtime"),
            checks.check("beasties-runtime", must_match=False),
            anchor=False,
        ),
    ]


# --- critical-speed: per page against Bootstrap ------------------------------------------------


def bootstrap_css() -> Path:
    return NODE_DIR / "node_modules" / "bootstrap" / "dist" / "css" / "bootstrap.css"


def generate_speed_site(dest: Path) -> None:
    """``css/bootstrap.css`` (copied from bench/.node) and ``page-00.html`` .. ``page-19.html``."""
    (dest / "css").mkdir()
    shutil.copy(bootstrap_css(), dest / "css" / "bootstrap.css")
    write_bootstrap_pages(dest, SPEED_PAGES, "css/bootstrap.css")


class SpeedChecks:
    """Read a run's ``figures.json``; keep every contender's ``ms_per_page`` on the info line."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.ms: dict[str, float] = {}

    def check(self, name: str) -> Callable[[Path], Figures]:
        def check(out: Path) -> Figures:
            try:
                figures = json.loads((out / "figures.json").read_text())
            except (OSError, ValueError) as exc:
                raise CheckFailed(f"no figures: {exc}") from None
            if figures.get("pages") != SPEED_PAGES:
                raise CheckFailed(f"expected {SPEED_PAGES} pages, got {figures.get('pages')}")
            if not figures.get("inlined_bytes_per_page"):
                raise CheckFailed("no critical CSS inlined")
            self.ms[name] = figures["ms_per_page"]
            self.ctx.info["ms_per_page"] = ", ".join(f"{n} {ms:g}" for n, ms in self.ms.items())
            if name == "assetpipe":
                met = "met" if figures["ms_per_page"] <= GOAL_MS else "NOT met"
                self.ctx.info["goal"] = f"assetpipe ms_per_page <= {GOAL_MS:g}: {met}"
            return figures

        return check


@workload(
    "critical-speed",
    "critical CSS per ~15 KB page against bootstrap.css, in-process: assetpipe vs beasties",
)
def critical_speed(ctx: Context) -> list[Contender]:
    ensure_npm(BOOTSTRAP)
    version = npm_version("bootstrap")
    site = ctx.work / "site"
    cached(site, f"{SPEED_VERSION} bootstrap {version}", generate_speed_site)
    css = (site / "css" / "bootstrap.css").read_text("utf-8")
    rules, selectors = count_selectors(css)
    pages = sorted(site.glob("*.html"))
    ctx.info.update(
        bootstrap=version,
        stylesheet_bytes=len(css.encode()),
        style_rules=rules,
        selectors=selectors,
        pages=len(pages),
        kb_per_page=round(sum(p.stat().st_size for p in pages) / len(pages) / 1000, 1),
    )
    checks = SpeedChecks(ctx)

    def assetpipe(dirs: RunDirs) -> Command:
        argv = [sys.executable, str(ASSETPIPE_SCRIPT), str(site), str(dirs.out), SPEED_PASSES]
        return Command(argv, cwd=ctx.work, env={"PYTHONPATH": str(REPO_DIR)})

    def timed(engine: str) -> Callable[[RunDirs], Sequence[str]]:
        return lambda dirs: ["time", engine, str(site), str(dirs.out), SPEED_PASSES]

    return [
        Contender("assetpipe", assetpipe, check=checks.check("assetpipe")),
        beasties_contender(
            ctx, "beasties", timed("classic"), checks.check("beasties"), anchor=True
        ),
        beasties_contender(
            ctx,
            "beasties-runtime",
            timed("runtime"),
            checks.check("beasties-runtime"),
            anchor=False,
        ),
    ]
