"""Workloads ``watch`` and ``watch-three10``: watch mode (issue #7), from a save to the answer.

Each run of a contender is one session of ``bench/scripts/watch_latency.py`` (read its
docstring for the exact commands): copy the input into the run's scratch folder, start the
watcher, wait until it is ready, make the edits one at a time and time each from just before the
write to the watcher's answer, then measure its idle CPU, then stop it with SIGTERM. The
session's seconds (the table's ``median s`` and ``ratio``) are the whole session, start-up and
sleeps included, and mean little; the figures are the result:

- ``js_median_ms``, ``js_p90_ms``, ``js_min_ms``, ``js_max_ms``: save of a JS module to the
  answer (``watch``: the event reaching a page's event stream; ``watch-three10``: the rebuild's
  line on stderr); ``js_first_ms``: the first edit of a session (median over rounds), which
  esbuild's polling watcher can be slow to see; ``css_*``: the same for stylesheet edits
  (``watch`` only); ``css_as_reload``: CSS edits answered with a full reload instead of a
  stylesheet swap.
- ``js_build_ms``, ``css_build_ms``: assetpipe's own ``rebuilt ... in N ms`` (median): the
  rest of its latency is noticing the change (watchdog) plus the 40 ms debounce;
  ``js_detect_ms``, ``css_detect_ms``: esbuild's ``[watch] build started`` line after the save
  (median).
- ``idle_cpu_pct``: CPU time of the watcher's process tree over 10 s without edits, as percent
  of one core (median over rounds); ``ready_s``: start to ready (initial build included).
- ``js_ratio``, ``css_ratio`` (non-anchor contenders): the median over the anchor's median.

Every figure but ``js_first_ms``, ``idle_cpu_pct`` and ``ready_s`` pools the edits of all rounds
checked so far, so the table (the last round's figures) covers every round: 60 edits of a kind at
``--repeat 3``. An edit with no answer within the timeout (5 s; three10: 60 s), or answered by a
build error, fails the run. The anchor is listed first so that its round is checked before
assetpipe's and the ratios use the same rounds.

``watch``: the demo site (a copy of ``site_src/`` and ``config/assetpipe.toml``, as
``images-warm``), 20 edits of ``js/lib/ui.js`` (imported by both page scripts) then 20 of
``css/components.css`` (``@import``ed by ``css/main.css``), 300-400 ms apart (a seeded random
jitter, the same for both tools: esbuild polls every 100 ms, and a fixed 300 ms gap would put
every save just before one of its polls).
- ``esbuild`` (anchor): ``esbuild js/pages/home.js js/pages/gallery.js css/main.css --bundle
  --format=esm --sourcemap=inline --loader:.woff2=file --loader:.svg=file --outdir=OUT
  --serve=127.0.0.1:0 --watch=forever``; answers are ``change`` events on ``/esbuild`` (a
  ``change`` updating only ``.css`` files is what esbuild's own reload client swaps in place).
  It bundles the page scripts and the stylesheet, which is all esbuild can do of this site (no
  HTML), and serves its output from memory (nothing is written to disk).
- ``assetpipe``: ``python -m assetpipe watch --config assetpipe.toml --src SITE --out OUT
  --cache-dir CACHE --port 0`` (a cold cache each round); answers are ``reload`` / ``css`` events
  on ``/__assetpipe/events``. Each rebuild rebuilds and writes the whole site (6 pages).
Goals: assetpipe's ``js_median_ms`` under 150, ``css_median_ms`` under 100, ``idle_cpu_pct``
under 1 (the info line says ``met`` or ``NOT met``).

``watch-three10``: ``three10``'s input (``bench/.work/three10/site/``, made by that workload's
generator: 7,112 files), 5 edits of ``copy1/math/Vector3.js``, 500-600 ms apart, answers read
from stderr; no server.
- ``esbuild`` (anchor): ``esbuild entry.js --bundle --format=esm --sourcemap=inline
  --outdir=OUT --watch=forever``; the answer is ``[watch] build finished``.
- ``assetpipe``: ``python -m assetpipe watch --src SITE --out OUT --cache-dir CACHE
  --no-serve`` (defaults); the answer is ``rebuilt (reload) in N ms``.
Both write unminified output with inline source maps to disk. Goal: assetpipe's
``js_median_ms`` under 1,000.
"""

from __future__ import annotations

import json
import statistics
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    tree_figures,
    workload,
)
from bench.tools import ensure_npm, npm_bin, npm_version
from bench.workloads import three10
from bench.workloads._js import ESBUILD
from bench.workloads.images import demo_input

SCRIPT = REPO_DIR / "bench" / "scripts" / "watch_latency.py"
RESULT = "watch.json"
ANCHOR = "esbuild"
KINDS = ("js", "css")


@dataclass(frozen=True, slots=True)
class Goal:
    figure: str
    below: float
    label: str

    def verdict(self, figures: Figures) -> str:
        value = figures.get(self.figure)
        if value is None:
            return f"{self.label}: n/a"
        return f"{self.label}: {'met' if value < self.below else 'NOT met'}"


DEMO_GOALS = (
    Goal("js_median_ms", 150, "js < 150 ms"),
    Goal("css_median_ms", 100, "css < 100 ms"),
    Goal("idle_cpu_pct", 1, "idle < 1 %"),
)
THREE10_GOALS = (Goal("js_median_ms", 1000, "one-file rebuild < 1000 ms"),)


# --- figures (pure; unit-tested) -----------------------------------------------------------------


def p90(samples: Sequence[float]) -> float:
    """The 90th percentile (inclusive method: within the samples' range)."""
    if len(samples) == 1:
        return samples[0]
    return statistics.quantiles(samples, n=10, method="inclusive")[-1]


def nice(value: float) -> float:
    """Rounded for the table: whole numbers from 100 up, else one decimal."""
    return float(round(value)) if abs(value) >= 100 else round(value, 1)


def summarize(samples: Sequence[float]) -> dict[str, float]:
    """``median``, ``p90``, ``min``, ``max`` of ``samples`` (milliseconds), rounded."""
    if not samples:
        raise ValueError("no samples")
    return {
        "median": nice(statistics.median(samples)),
        "p90": nice(p90(samples)),
        "min": nice(min(samples)),
        "max": nice(max(samples)),
    }


def read_result(path: Path) -> dict:
    """The session's result, or :class:`CheckFailed` when it is missing, malformed, or an edit
    got no answer or a build error."""
    try:
        result = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise CheckFailed(f"no result from the session ({path.name}): {exc}") from None
    edits = result.get("edits") if isinstance(result, dict) else None
    if not isinstance(edits, dict) or not any(edits.values()):
        raise CheckFailed(f"the session made no edit: {str(result)[:300]}")
    problems = []
    for kind, records in edits.items():
        for n, edit in enumerate(records, 1):
            if edit.get("answer") == "timeout":
                problems.append(f"{kind} edit {n}: no answer")
            elif edit.get("answer") == "error":
                problems.append(f"{kind} edit {n}: build error")
            elif not isinstance(edit.get("ms"), int | float):
                problems.append(f"{kind} edit {n}: no time")
    if problems:
        tail = "\n".join(result.get("stderr_tail") or [])
        raise CheckFailed(
            f"{len(problems)} edit(s) failed: {'; '.join(problems[:6])}\nwatcher said:\n{tail}"
        )
    return result


def latency_figures(results: Sequence[dict]) -> Figures:
    """The figures of one contender over the sessions ``results`` (edits pooled)."""
    figures: Figures = {"edits": 0}
    for kind in KINDS:
        edits = [e for r in results for e in (r["edits"].get(kind) or [])]
        if not edits:
            continue
        figures["edits"] += len(edits)
        for stat, value in summarize([e["ms"] for e in edits]).items():
            figures[f"{kind}_{stat}_ms"] = value
        for key, name in (("tool_ms", "build_ms"), ("detect_ms", "detect_ms")):
            values = [e[key] for e in edits if isinstance(e.get(key), int | float)]
            if values:
                figures[f"{kind}_{name}"] = nice(statistics.median(values))
        if kind == "js":
            firsts = [r["edits"]["js"][0]["ms"] for r in results if r["edits"].get("js")]
            figures["js_first_ms"] = nice(statistics.median(firsts))
        if kind == "css":
            figures["css_as_reload"] = sum(e["answer"] != "css" for e in edits)
    extra = sum(e.get("extra_events", 0) for r in results for k in r["edits"].values() for e in k)
    if extra:
        figures["extra_events"] = extra
    idle = [r["idle_cpu_pct"] for r in results if isinstance(r.get("idle_cpu_pct"), int | float)]
    if idle:
        figures["idle_cpu_pct"] = round(statistics.median(idle), 2)
    ready = [r["ready_s"] for r in results if isinstance(r.get("ready_s"), int | float)]
    if ready:
        figures["ready_s"] = round(statistics.median(ready), 2)
    return figures


class LatencyChecks:
    """The checks of one workload's contenders: pooled figures, ratios to the anchor's medians
    (as figures of the others and on the info line) and the goals (on the info line)."""

    def __init__(self, ctx: Context, goals: Sequence[Goal], anchor: str = ANCHOR) -> None:
        self.ctx, self.goals, self.anchor = ctx, goals, anchor
        self.results: dict[str, list[dict]] = {}
        self.figures: dict[str, Figures] = {}

    def check(self, name: str) -> Callable[[Path], Figures]:
        def check(out: Path) -> Figures:
            result = read_result(out / RESULT)
            self.results.setdefault(name, []).append(result)
            figures = latency_figures(self.results[name])
            anchor = self.figures.get(self.anchor)
            if name != self.anchor and anchor:
                for kind in KINDS:
                    key = f"{kind}_median_ms"
                    if figures.get(key) and anchor.get(key):
                        figures[f"{kind}_ratio"] = round(figures[key] / anchor[key], 2)
            self.figures[name] = figures
            self._update_info()
            return figures

        return check

    def _update_info(self) -> None:
        for kind in KINDS:
            ratios = [
                f"{name} {f[f'{kind}_ratio']:g}"
                for name, f in self.figures.items()
                if f.get(f"{kind}_ratio") is not None
            ]
            if ratios:
                self.ctx.info[f"{kind}_median/{self.anchor}"] = ", ".join(ratios)
        mine = self.figures.get("assetpipe")
        if mine:
            self.ctx.info["goals"] = "; ".join(goal.verdict(mine) for goal in self.goals)


# --- the workloads -------------------------------------------------------------------------------


def session_command(
    ctx: Context, tool: str, site: str, source: Path, dirs: RunDirs, options: Sequence[str]
) -> Command:
    argv = [sys.executable, str(SCRIPT), tool, site, str(source), str(dirs.scratch)]
    argv += [str(dirs.out / RESULT), *options]
    if tool == "esbuild":
        argv.append(f"--esbuild={npm_bin('esbuild')}")
    env = {"PYTHONPATH": str(REPO_DIR), "ASSETPIPE_CONFIG": None, "ASSETPIPE_ENV": None}
    return Command(argv, cwd=ctx.work, env=env)


def contenders(
    ctx: Context, site: str, source: Path, options: Sequence[str], goals: Sequence[Goal]
) -> list[Contender]:
    checks = LatencyChecks(ctx, goals)

    def setup_esbuild() -> None:
        ensure_npm(ESBUILD)
        ctx.info["esbuild"] = npm_version("esbuild")

    def command(tool: str) -> Callable[[RunDirs], Command]:
        return lambda dirs: session_command(ctx, tool, site, source, dirs, options)

    return [
        Contender(
            ANCHOR, command("esbuild"), anchor=True, setup=setup_esbuild, check=checks.check(ANCHOR)
        ),
        Contender("assetpipe", command("assetpipe"), check=checks.check("assetpipe")),
    ]


DEMO_OPTIONS = ("--js-edits=20", "--css-edits=20", "--gap=0.3", "--timeout=5", "--idle=10")
THREE10_OPTIONS = ("--js-edits=5", "--css-edits=0", "--gap=0.5", "--timeout=60", "--idle=10")


@workload(
    "watch",
    "demo site, save to live-reload event (20 JS + 20 CSS edits) and idle CPU: "
    "assetpipe watch vs esbuild --serve --watch",
)
def watch(ctx: Context) -> list[Contender]:
    site, _config = demo_input(ctx)
    source = site.parent  # holds site/ and assetpipe.toml
    ctx.info.update(
        site_files=tree_figures(site)["files"], edited="js/lib/ui.js, css/components.css"
    )
    return contenders(ctx, "demo", source, DEMO_OPTIONS, DEMO_GOALS)


@workload(
    "watch-three10",
    "three.js x10, one-file change rebuilt (5 edits) and idle CPU: "
    "assetpipe watch vs esbuild --watch",
)
def watch_three10(ctx: Context) -> list[Contender]:
    ensure_npm(three10.THREE)
    site = ctx.work.parent / "three10" / "site"  # the three10 workload's input, shared
    seconds = cached(site, three10.VERSION, three10.generate)
    ctx.info.update(
        generated_s=round(seconds, 1) if seconds is not None else "cached",
        site_files=tree_figures(site)["files"],
        edited="copy1/math/Vector3.js",
    )
    return contenders(ctx, "three10", site, THREE10_OPTIONS, THREE10_GOALS)
