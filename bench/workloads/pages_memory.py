"""Workload ``pages-memory``: the peak memory of a cold ``assetpipe build`` of sites with many
pages and few images, to show that memory grows slowly with pages (issue #19, point 4: "a site
of 10,000 pages and 100,000 images builds in bounded memory (streaming over pages and images);
report memory in the benchmark"). ``remote-memory`` grows pages and images together; this one
holds the images at 50 so that what grows is the pages (their rendered text and outputs, which
the build keeps on disk rather than in memory).

Input: the ``remote`` workloads' photo sites (``bench/sitegen/photos.py``, made by
:func:`bench.workloads.remote.photo_site` under ``bench/.work/remote/site-<pages>p-50i/``):
``pages`` pages of ~4 KB, each showing 5 of 50 shared 400 x 300 photos, one shared stylesheet
and one module script. Points: ``BENCH_PAGES_MEMORY_POINTS`` (pages, default
``1000,4000,10000``), one contender ``cold-<pages>`` per point; the anchor is the largest.

Each run: ``python -m assetpipe build --src SITE --out OUT --cache-dir EMPTY --config
pages.toml`` (``[images] formats = ["webp"]``: the 50 photos are cheap) in a fresh process,
under the ``remote`` workloads' wrapper (:data:`bench.workloads.remote.WRAPPER`: wall, CPU and
``ru_maxrss`` of assetpipe's process tree alone, and the peak of its summed PSS sampled every
0.5 s), bytecode kept in ``bench/.work/pages-memory/pycache/`` (primed by an untimed build of a
2-page site at setup). Check: the output holds one ``.html`` file per page. Notes: per point
the peak RSS (largest process) and peak PSS (whole tree), a least-squares line through each
(MB per 1,000 pages and the intercept) and its value at 10,000 pages.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
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
    expect,
    run_untimed,
    tree_figures,
    workload,
)
from bench.tools import assetpipe_argv
from bench.workloads.remote import (
    SAMPLE_S,
    WRAPPER,
    env_points,
    fit_line,
    photo_site,
    primer_site,
    table,
)

IMAGES = 50  # shared photos; each page shows 5 of them
DEFAULT_POINTS = (1000, 4000, 10000)
AT_PAGES = 10_000  # where the notes read the fitted line
CONFIG = '[images]\nformats = ["webp"]\n'


def points() -> list[int]:
    """The points (pages) from ``BENCH_PAGES_MEMORY_POINTS``, sorted; default 1000,4000,10000."""
    return env_points("BENCH_PAGES_MEMORY_POINTS", DEFAULT_POINTS, 1, "page")


@dataclass(frozen=True, slots=True)
class PagesRun:
    """One cold build, as the wrapper saw it."""

    pages: int
    wall: float
    cpu: float
    rss_mb: float  # largest single process (ru_maxrss)
    pss_mb: float  # peak of the whole tree's summed PSS


def read_record(pages: int, record: Path) -> PagesRun:
    data = json.loads(record.read_text())
    return PagesRun(pages, data["wall"], data["cpu"], data["rss_mb"], data["pss_mb"])


def notes(by_point: dict[int, list[PagesRun]]) -> str:
    header = ["pages", "wall s", "cpu s", "rss MB", "tree pss MB"]
    rows, rss, pss = [], [], []
    for pages, runs in sorted(by_point.items()):
        peak_rss = max(r.rss_mb for r in runs)
        peak_pss = max(r.pss_mb for r in runs)
        rss.append((pages, peak_rss))
        pss.append((pages, peak_pss))
        wall = statistics.median(r.wall for r in runs)
        cpu = statistics.median(r.cpu for r in runs)
        rows.append([f"{pages:,}", f"{wall:.2f}", f"{cpu:.2f}", f"{peak_rss:.0f}",
                     f"{peak_pss:.0f}"])  # fmt: skip
    lines = [
        f"cold builds, empty cache, {IMAGES} shared photos (5 a page), [images] formats = "
        "['webp'] (+ the JPEG fallback); rss MB: largest single process (ru_maxrss), tree pss "
        f"MB: peak of the summed PSS of all its processes, sampled every {SAMPLE_S:g} s",
        *table(header, rows),
    ]
    for label, found in (("largest process (ru_maxrss)", rss), ("whole tree (PSS)", pss)):
        line = fit_line(found)
        if line is None:
            lines.append(f"{label}: one point only, no fit")
            continue
        a, b = line
        lines.append(
            f"{label}: {a:.0f} MB + {b * 1000:.1f} MB per 1,000 pages; at {AT_PAGES:,} pages: "
            f"{a + b * AT_PAGES:.0f} MB"
        )
    return "\n".join(lines)


def _env(ctx: Context) -> dict[str, str | None]:
    return {
        "PYTHONPATH": str(REPO_DIR),
        "ASSETPIPE_CONFIG": None,
        "ASSETPIPE_ENV": None,
        "ASSETPIPE_CACHE_REMOTE": None,
        "ASSETPIPE_CACHE_MODE": None,
        # an installed assetpipe has its bytecode: compiled once (primed at setup), kept here
        "PYTHONDONTWRITEBYTECODE": None,
        "PYTHONPYCACHEPREFIX": str(ctx.work / "pycache"),
    }


def _build_argv(site: Path, out: Path, cache: Path, config: Path) -> list[str]:
    return assetpipe_argv(
        "build",
        "--src",
        str(site),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
        "--config",
        str(config),
    )


@workload(
    "pages-memory",
    "peak memory of cold builds of sites of many pages over 50 photos "
    "(BENCH_PAGES_MEMORY_POINTS, default 1000,4000,10000 pages), fitted per 1,000 pages",
)
def pages_memory(ctx: Context) -> list[Contender]:
    wanted = points()
    sites = {}
    for pages in wanted:
        site, seconds = photo_site(pages, IMAGES)
        sites[pages] = site
        if seconds is not None:
            ctx.info[f"generated_s_{pages}"] = round(seconds, 1)
    ctx.info["points"] = ",".join(str(p) for p in wanted)
    ctx.info["images"] = f"{IMAGES} shared, webp (+ JPEG fallback)"
    config = ctx.work / "pages.toml"
    config.write_text(CONFIG)
    env = _env(ctx)
    by_point: dict[int, list[PagesRun]] = {}

    def prime() -> None:
        out, cache = ctx.work / "primer-out", ctx.work / "primer-cache"
        try:
            argv = _build_argv(primer_site(), out, cache, config)
            run_untimed(Command(argv, cwd=ctx.work, env=env))
        finally:
            for folder in (out, cache):
                subprocess.run(["rm", "-rf", str(folder)], check=False)

    def contender(pages: int) -> Contender:
        records: list[Path] = []

        def command(dirs: RunDirs) -> Command:
            record = dirs.scratch / "run.json"
            records[:] = [record]
            argv = _build_argv(sites[pages], dirs.out, dirs.scratch / "cache", config)
            wrapped = [sys.executable, "-S", "-c", WRAPPER, str(record), *argv]
            return Command(wrapped, cwd=ctx.work, env=env)

        def check(out: Path) -> Figures:
            run = read_record(pages, records[0])
            by_point.setdefault(pages, []).append(run)
            ctx.notes["memory"] = notes(by_point)
            if not out.is_dir():
                raise CheckFailed(f"no output folder {out}")
            figures = tree_figures(out, exclude=(".assetpipe",))
            expect(figures, "html_files", pages)
            return {
                "files": figures["files"],
                "html_files": figures["html_files"],
                "tree_pss_mb": round(run.pss_mb),
            }

        largest = pages == wanted[-1]
        return Contender(
            f"cold-{pages}", command, anchor=largest, setup=prime if largest else None, check=check
        )

    return [contender(pages) for pages in wanted]
