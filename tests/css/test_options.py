"""The [css] options, through whole builds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from assetpipe.config import load_config
from assetpipe.pipeline.build import build

from ..conftest import ROOT

PAGES = Path(__file__).parent / "pages"


def built(tmp_path: Path, css_table: str) -> Path:
    site = tmp_path / "site"
    if not site.exists():
        shutil.copytree(PAGES, site)
        (site / "fonts").mkdir()
        for name in ("fixture.woff2", "unused.woff2"):
            shutil.copy(ROOT / "site_src/fonts/inter-latin-var.woff2", site / "fonts" / name)
    (tmp_path / "assetpipe.toml").write_text(f"[css]\n{css_table}\n")
    config, _ = load_config(
        cwd=tmp_path,
        overrides={
            "build.src": str(site),
            "build.out": str(tmp_path / "out"),
            "build.cache_dir": str(tmp_path / "cache"),
        },
    )
    build(config)
    return tmp_path / "out"


def test_preload_strategy(tmp_path: Path):
    page = (
        built(tmp_path, "inline_threshold = 0\ncritical_strategy = 'preload'") / "index.html"
    ).read_text()
    assert re.search(
        r'<link rel="preload" as="style" href="/assets/main-\w+\.css" '
        r"onload=\"this.onload=null;this.rel='stylesheet'\">",
        page,
    )
    assert "<noscript>" in page and "<style>" in page


def test_critical_off_keeps_plain_links(tmp_path: Path):
    page = (built(tmp_path, "critical = false") / "index.html").read_text()
    assert re.search(r'<link rel="stylesheet" href="/assets/main-\w+\.css">', page)
    assert "<style>" not in page and "onload" not in page


def test_small_stylesheets_are_inlined_whole(tmp_path: Path):
    out = built(tmp_path, "inline_threshold = 1000000")
    page = (out / "index.html").read_text()
    assert '<link rel="stylesheet"' not in page and ".unused-component" in page
    assert not list((out / "assets").glob("*.css"))  # nothing links a stylesheet any more


def test_targets_lower_modern_css(tmp_path: Path):
    out = built(tmp_path, "inline_threshold = 0\ntargets = ['safari 12']")
    css = next((out / "assets").glob("main-*.css")).read_text()
    assert "oklch(" not in css.split("--accent:")[0]  # colours lowered where used directly
    assert ".card p{" in css or ".card p {" in css  # nesting flattened for Safari 12
    assert "& p" not in css


def test_an_unknown_browser_in_targets_is_a_configuration_error(tmp_path: Path):
    from assetpipe.diagnostics import ConfigError

    (tmp_path / "assetpipe.toml").write_text("[css]\ntargets = ['netscape 4']\n")
    try:
        load_config(cwd=tmp_path)
    except ConfigError as exc:
        (d,) = exc.diagnostics
        assert "css.targets" in d.message and "netscape" in d.message
    else:
        raise AssertionError("the configuration should be refused")
