"""TypeScript and JSX compiled as esbuild compiles them: each case under tests/js/ts_cases/ is a
folder with a `main.ts`, `main.tsx` or `main.jsx` (and its tsconfig.json) that prints what it
observes; esbuild from npm bundles it (the reference), assetpipe builds it (minified and
readable), Node runs both, and the two must print the same."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT, require_tool
from .test_bundle import bundle_case, run_node

CASES_DIR = Path(__file__).parent / "ts_cases"
ENTRIES = ("main.ts", "main.tsx", "main.jsx")
CASES = sorted(p.name for p in CASES_DIR.iterdir() if any((p / e).exists() for e in ENTRIES))
# esbuild (the reference) and create-vite (whose package holds the starters of `npm create vite`)
PACKAGES = ("esbuild@0.28.2", "create-vite@9.3.0")
INSTALL = ROOT / "tests" / ".node-ts"  # ignored by git


def npm_install(prefix: Path, packages: tuple[str, ...], *, omit_dev: bool = False) -> Path:
    """`npm install` of `packages` (none: the folder's package.json) into `prefix` (once; a
    stamp file remembers)."""
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


@pytest.fixture(scope="session")
def ts_tools() -> Path:
    return npm_install(INSTALL, PACKAGES) / "node_modules"


@pytest.fixture(scope="session")
def esbuild(ts_tools: Path) -> Path:
    return ts_tools / ".bin" / "esbuild"


def entry_of(case: Path) -> str:
    return next(e for e in ENTRIES if (case / e).exists())


def esbuild_prints(esbuild: Path, case: Path, tmp_path: Path) -> str:
    out = tmp_path / "reference.mjs"
    result = subprocess.run(
        [
            str(esbuild),
            entry_of(case),
            "--bundle",
            "--format=esm",
            "--target=es2022",
            f"--outfile={out}",
            "--log-level=error",
        ],
        cwd=case,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return run_node(out)


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
@pytest.mark.parametrize("case", CASES)
def test_typescript_runs_as_esbuild_compiles_it(
    case: str, minify: bool, esbuild: Path, tmp_path: Path
):
    expected = esbuild_prints(esbuild, CASES_DIR / case, tmp_path)
    assert expected.strip()
    entry = entry_of(CASES_DIR / case)
    out, manifest = bundle_case(CASES_DIR / case, tmp_path, minify=minify, entry=entry)
    chunk = out / manifest["entries"][entry]["file"]
    assert run_node(chunk) == expected
