"""What the server-rendered app tests share: builds of `tests/sites/server-app/frontend`, a
Django project in its own process (`django_app.py`), and reading what a page's tags load."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import assetpipe

HERE = Path(__file__).parent
FRONTEND = HERE.parent / "sites" / "server-app" / "frontend"
TEMPLATES = HERE / "templates"


def build_app(
    work: Path,
    *,
    vite_manifest: bool = True,
    source: Path = FRONTEND,
    out: Path | None = None,
    **overrides: object,
) -> Path:
    """Build a copy of the app's frontend (or of `source`) into `out` (default `work/dist`),
    with its own `assetpipe.toml`, with or without `vite_manifest`, and `overrides` (dotted
    keys with `_` for `.`: `build_entries=[...]`); returns the output folder."""
    src = work / "frontend"
    shutil.copytree(source, src)
    out = out or work / "dist"
    config, _ = assetpipe.load_config(
        str(src / "assetpipe.toml"),
        overrides={
            "build.src": str(src),
            "build.out": str(out),
            "build.cache_dir": str(work / "cache"),
            "build.vite_manifest": vite_manifest,
            **{k.replace("_", ".", 1): v for k, v in overrides.items()},
        },
    )
    assetpipe.build(config)
    return out


@contextlib.contextmanager
def django_server(out: Path, dev_server: str = "") -> Iterator[str]:
    """The Django project serving `out` under /static/; yields its base URL."""
    process = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "django_app.py"),
            "--out",
            str(out),
            "--dev-server",
            dev_server,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        assert line.startswith("http://"), process.stderr.read()
        yield line
    finally:
        process.stdin.close()
        process.terminate()
        process.wait(timeout=10)


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def head_urls(html: str) -> list[str]:
    """The URLs the tags in a page's `<head>` load (scripts, stylesheets, preloads)."""
    head = html.split("</head>")[0]
    return re.findall(r'<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"', head)


def app_ran(dom: str) -> dict[str, str]:
    """What the app wrote into the page once it ran (`--dump-dom`): its status, the computed
    styles it read, the logo's width once loaded, the chart's bars."""
    found = {}
    for name, pattern in {
        "status": r'id="status">([^<]*)<',
        "page": r'data-page="([^"]*)"',
        "status_color": r'data-status-color="([^"]*)"',
        "chart_display": r'data-chart-display="([^"]*)"',
        "logo": r'id="logo"[^>]*data-loaded="([^"]*)"|data-loaded="([^"]*)"[^>]*id="logo"',
        "bars": r'data-bars="([^"]*)"',
    }.items():
        m = re.search(pattern, dom)
        found[name] = next((g for g in m.groups() if g), "") if m else ""
    return found


WORKING = {
    "status": "chart drawn",
    "page": "main",
    "status_color": "rgb(0, 96, 160)",  # main.css, imported by main.ts
    "chart_display": "flex",  # chart.css, loaded with the dynamic import
    "logo": "48",  # the SVG the script imports, loaded
    "bars": "5",
}
