"""Development: `assetpipe watch` builds the app and serves it; a Django page whose template
tags point at the watcher (`ASSETPIPE["dev_server"]`) loads the app from it across origins
(CORS) and live-reloads: a stylesheet edit swaps the styles in place, a script edit reloads the
page, which then prints the new build's tags."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

from ..browser import LivePage
from .apps import FRONTEND, django_server, fetch, head_urls

pytestmark = pytest.mark.slow


@pytest.fixture
def watcher(tmp_path):
    src = tmp_path / "frontend"
    shutil.copytree(FRONTEND, src)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSETPIPE_")}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assetpipe",
            "watch",
            "--out",
            str(tmp_path / "dist"),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--port",
            "0",
        ],
        cwd=src,  # its assetpipe.toml names the entries
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = process.stdout.readline().strip()
    assert url.startswith("http://127.0.0.1:"), process.stderr.read()
    try:
        yield src, tmp_path / "dist", url
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def test_a_server_rendered_page_loads_from_the_watcher_and_live_reloads(watcher):
    src, out, dev = watcher
    with django_server(out, dev_server=dev) as base:
        html = fetch(base + "assetpipe/")[2].decode()
        urls = head_urls(html)
        assert urls and all(u.startswith(dev) for u in urls)
        assert f'<script src="{dev}__assetpipe/client.js"></script>' in html
        status, headers, _ = fetch(urls[-1])
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
        page = LivePage(base + "assetpipe/")
        try:
            page.wait_until("document.getElementById('status').textContent === 'chart drawn'")
            page.wait_until("window.__assetpipeClient === true")
            color = "getComputedStyle(document.getElementById('status')).color"
            assert page.evaluate(color) == "rgb(0, 96, 160)"
            page.evaluate("window.__marker = 'same page'")
            # a stylesheet edit: the new styles, without a reload
            css = src / "src" / "main.css"
            css.write_text(css.read_text().replace("rgb(0, 96, 160)", "rgb(10, 120, 30)"))
            page.wait_until(f"{color} === 'rgb(10, 120, 30)'", timeout=20)
            assert page.evaluate("window.__marker") == "same page"
            # a script edit: a reload, and the page prints the new build's tags
            shared = src / "src" / "shared.ts"
            shared.write_text(
                shared.read_text().replace("el.textContent = text", "el.textContent = text + '!'")
            )
            page.wait_until("window.__marker === undefined", timeout=20)
            page.wait_until("document.getElementById('status').textContent === 'chart drawn!'")
        finally:
            page.close()
