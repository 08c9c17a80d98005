"""Minified, rewritten modules run in Node exactly as their sources do."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from .conftest import SITES, build_fixture, require_tool

pytestmark = pytest.mark.slow  # Node


def test_modules_print_the_same_after_the_build(tmp_path: Path):
    node = require_tool("node", "nodejs")
    out, built = build_fixture("modules", tmp_path)
    assert built.returncode == 0, built.stderr
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())
    entry = out / manifest["entries"]["js/main.js"]["file"]

    def run(path: Path) -> str:
        result = subprocess.run([node, str(path)], capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    source = run(SITES / "modules" / "src" / "js" / "main.js")
    assert "live binding 2" in source and "cycle pong" in source
    assert run(entry) == source
    sources = sum(p.stat().st_size for p in (SITES / "modules/src/js").rglob("*.js"))
    assert entry.stat().st_size < sources  # bundled and minified
