"""The Vite manifest against Vite's own: the app built by Vite 8 (`build.manifest`, from npm)
and by assetpipe (`vite_manifest = true`) gives the same keys and fields, hashes aside, so an
integration that reads one reads the other."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from ..conftest import ROOT, npm_install, require_tool
from .apps import FRONTEND, build_app

VITE = "vite@8.3.8"
INSTALL = ROOT / "tests" / ".node-vite"  # ignored by git
HASH = re.compile(r"-[A-Za-z0-9_-]{8}(?=\.)")


def _normal(value):
    if isinstance(value, str):
        return HASH.sub("-HASH", value)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    if isinstance(value, dict):
        return {_normal(k): _normal(v) for k, v in value.items()}
    return value


def test_the_manifest_has_vites_keys_and_fields(tmp_path):
    node = require_tool("node")
    vite = npm_install(INSTALL, (VITE,)) / "node_modules" / "vite" / "bin" / "vite.js"
    app = tmp_path / "app"
    shutil.copytree(FRONTEND, app)
    entries = ["src/main.ts", "src/admin.ts", "css/print.css"]
    config = {
        "root": str(app),
        "logLevel": "warn",
        "build": {
            "outDir": str(tmp_path / "vite"),
            "manifest": True,
            "assetsInlineLimit": 0,  # (assetpipe never inlines an imported file's URL)
            "rollupOptions": {"input": entries},
        },
    }
    (tmp_path / "vite.config.mjs").write_text(f"export default {json.dumps(config)};\n")
    result = subprocess.run(
        [node, str(vite), "build", "--config", str(tmp_path / "vite.config.mjs")],
        cwd=app,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    theirs = json.loads((tmp_path / "vite" / ".vite" / "manifest.json").read_text())
    ours = json.loads((build_app(tmp_path / "ours") / ".vite" / "manifest.json").read_text())
    assert _normal(ours) == _normal(theirs)
    assert list(_normal(ours)) == list(_normal(theirs))  # in the same order
