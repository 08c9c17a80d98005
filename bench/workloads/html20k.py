"""Workload ``html20k``: the HTML handling of a build, per ~20 KB page, against html.parser.

The pages are site1000's 1,000 generated pages. Each contender handles all of them in one
process and reports ``ms_per_page`` measured inside it (the wall time also counts interpreter
start-up). The issue's budget: at most 5 ms per 20 KB page for assetpipe's whole handling
(finding every reference and rewriting the page).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench import sitegen
from bench.harness import REPO_DIR, CheckFailed, Command, Contender, Context, cached, workload
from bench.workloads.site1000 import SPEC, VERSION

SCRIPT = REPO_DIR / "bench" / "scripts" / "html_pages.py"


def _figures(out: Path) -> dict[str, float]:
    try:
        return json.loads((out / "figures.json").read_text())
    except (OSError, ValueError) as exc:
        raise CheckFailed(f"no figures: {exc}") from None


def _contender(name: str, mode: str, site: Path, anchor: bool = False) -> Contender:
    return Contender(
        name,
        lambda dirs: Command(
            [sys.executable, str(SCRIPT), mode, str(site), str(dirs.out)],
            env={"PYTHONPATH": str(REPO_DIR)},
        ),
        anchor=anchor,
        check=_figures,
    )


@workload("html20k", "HTML handling per 20 KB page: assetpipe vs the stdlib html.parser")
def html20k(ctx: Context) -> list[Contender]:
    site = ctx.work.parent / "site1000" / "site"
    cached(site, VERSION, lambda dest: sitegen.generate(dest, SPEC))
    return [
        _contender("assetpipe", "assetpipe", site),
        _contender("assetpipe-tokenize", "assetpipe-tokenize", site),
        _contender("html.parser", "html.parser", site, anchor=True),
    ]
