"""Shared fixtures: temporary sites, the CLI in a subprocess, and the external tools the tests
drive (Node, Chromium), which must be present when CI=true and are skipped otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path: Path):
    """Make a source folder from a {path: content} map; returns the folder."""

    def make(files: dict[str, str | bytes], name: str = "src") -> Path:
        return write_files(tmp_path / name, files)

    return make


def run_cli(
    *args: str, cwd: Path | str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`assetpipe ARGS` in a real subprocess, as a user or CI runs it (no terminal)."""
    full_env = {**os.environ, **(env or {})}
    full_env.pop("ASSETPIPE_CONFIG", None)
    full_env.pop("ASSETPIPE_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "assetpipe", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def build_fixture(case: str, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`assetpipe build` of tests/sites/<case>/src into tmp_path/out, from the case's folder."""
    out = tmp_path / "out"
    result = run_cli(
        "build",
        "--src",
        "src",
        "--out",
        str(out),
        "--cache-dir",
        str(tmp_path / "cache"),
        cwd=SITES / case,
    )
    return out, result


def require_tool(*names: str) -> str:
    """The path of the first of `names` on PATH; skip when absent, fail when CI=true."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{' or '.join(names)} is not installed"
    if os.environ.get("CI") == "true":
        pytest.fail(message + " (required when CI=true)")
    pytest.skip(message)
    raise AssertionError  # unreachable


def tree_bytes(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def npm_install(prefix: Path, packages: tuple[str, ...], *, omit_dev: bool = False) -> Path:
    """`npm install` of `packages` (none: the folder's own package.json) into `prefix`, once (a
    stamp file remembers); a failure fails the test when CI=true and skips it otherwise."""
    npm = require_tool("npm")
    stamp = prefix / ".installed"
    if stamp.exists() and stamp.read_text() == " ".join(packages):
        return prefix
    prefix.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            *(["--omit=dev"] if omit_dev else []),
            *packages,
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        message = f"npm install failed: {result.stderr[-1000:]}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    stamp.write_text(" ".join(packages))
    return prefix
