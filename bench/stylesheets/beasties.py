"""``python -m bench.stylesheets.beasties [--only NAMES] [--json]``: beasties on the same pages.

For each stylesheet's site already prepared by ``python -m bench.stylesheets``
(``bench/.work/stylesheets/sites/<name>/src``), beasties 0.5.4 processes the page as written
(``bench/scripts/beasties_pages.mjs process classic``: ``new Beasties(options).process(html)``
with ``preload: 'media'``, ``fonts: true``, nothing inlined whole) into ``beasties/``; then
both that and assetpipe's build (``out/``) are loaded in headless Chromium at each viewport
with every ``.css`` request answered 404 (the first paint: the inlined CSS alone) and compared
element by element with the page as written, as the main run's **first paint** state does.

Printed per stylesheet and tool: the page's HTML bytes, the bytes inside its ``<style>``
elements (and their gzip, level 9), and the elements that differ at first paint at each
viewport.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.tools import NODE_DIR, ensure_npm, npm_version

from .__main__ import WORK
from .catalog import STYLESHEETS
from .compare import compare, url_normalizer
from .run import manifest_sources, slug
from .server import serve
from .snapshot import VIEWPORTS, Chromium

BEASTIES = "beasties@0.5.4"
SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "beasties_pages.mjs"
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)


def inlined(page: Path) -> tuple[int, int, int]:
    """(page bytes, bytes inside <style>, their gzip)."""
    html = page.read_bytes()
    css = b"".join(m.encode() for m in _STYLE.findall(html.decode("utf-8", "replace")))
    return len(html), len(css), len(gzip.compress(css, 9, mtime=0)) if css else 0


def first_paint(site: Path, folder: Path, outputs: dict[str, str] | None, chromium: Chromium):
    """Elements differing at first paint, per viewport."""
    kw = {"before_urls": url_normalizer(None), "after_urls": url_normalizer(outputs)}
    found = {}
    with serve(site / "src") as written, serve(folder, refuse=(".css",)) as first:
        for vp in VIEWPORTS:
            snaps = []
            for served in (written, first):
                tab = chromium.open(served.url + "index.html", vp)
                try:
                    snaps.append(tab.snapshot())
                finally:
                    tab.close()
            found[vp] = compare(*snaps, **kw).differing
    return found


def run(names: list[str]) -> list[dict[str, Any]]:
    ensure_npm(BEASTIES)
    node = shutil.which("node") or "node"
    rows = []
    chromium = Chromium()
    try:
        for name in names:
            site = WORK / "sites" / slug(name)
            if not (site / "out" / "index.html").is_file():
                raise SystemExit(f"{site} is not built: run python -m bench.stylesheets first")
            out = site / "beasties"
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(
                [node, str(SCRIPT), "process", "classic", str(site / "src"), str(out)],
                check=True,
                env={"BENCH_NODE_DIR": str(NODE_DIR), "PATH": "/usr/bin:/bin"},
            )
            row: dict[str, Any] = {"stylesheet": name}
            row["html_source"] = (site / "src" / "index.html").stat().st_size
            for tool, folder, outputs in (
                ("assetpipe", site / "out", manifest_sources(site / "out")),
                ("beasties", out, None),
            ):
                html, css, css_gzip = inlined(folder / "index.html")
                row[tool] = {
                    "html": html,
                    "inlined": css,
                    "inlined_gzip": css_gzip,
                    "first_paint": first_paint(site, folder, outputs, chromium),
                }
            rows.append(row)
            print(f"  {name}: done", file=sys.stderr)
    finally:
        chromium.close()
    return rows


def table(rows: list[dict[str, Any]]) -> str:
    lines = [
        f"beasties {npm_version('beasties')} against assetpipe: bytes inlined (gzip) and "
        f"elements differing at first paint ({' / '.join(VIEWPORTS)})",
        "",
        "| stylesheet | page as written | tool | page bytes | inlined | inlined gzip "
        "| first paint |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        for tool in ("assetpipe", "beasties"):
            r = row[tool]
            fp = " / ".join(str(r["first_paint"][vp]) for vp in VIEWPORTS)
            lines.append(
                f"| {row['stylesheet']} | {row['html_source']:,} | {tool} | {r['html']:,} "
                f"| {r['inlined'] / 1000:.1f} kB | {r['inlined_gzip'] / 1000:.1f} kB | {fp} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.stylesheets.beasties")
    parser.add_argument("--only", help="comma-separated stylesheet names")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    names = args.only.split(",") if args.only else [s.name for s in STYLESHEETS]
    rows = run(names)
    print(json.dumps(rows, indent=1) if args.json else table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
