"""How the bench invokes each tool: assetpipe from this work tree, anchors installed from npm.

Anchor tools from npm (Vite, esbuild, beasties, sharp, ...) live in ``bench/.node/`` (ignored by
git), installed by the bench itself the first time a workload needs them, with the ordinary
``npm install --prefix bench/.node NAME@RANGE``. A package already there at a matching major
version is not installed again, so runs after the first stay offline.

Anchor tools from PyPI (the AWS CLI) get a virtualenv each under ``bench/.work/_venvs/NAME/``
(ignored by git too), made with ``python -m venv`` and filled with ``pip install SPEC`` the first
time (:func:`ensure_venv_tool`), so their dependencies never meet the project's; later runs use
it as it is, offline.

``$BENCH_ASSETPIPE`` replaces the ``python -m assetpipe`` prefix (split like a shell line), e.g.
to time an installed ``assetpipe`` or a stand-in while the CLI is being written.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from bench.harness import BENCH_DIR, CheckFailed, log

NODE_DIR = BENCH_DIR / ".node"
VENVS_DIR = BENCH_DIR / ".work" / "_venvs"


def assetpipe_argv(*args: str) -> list[str]:
    """``python -m assetpipe ARGS`` with this interpreter (run it with cwd = the repo)."""
    override = os.environ.get("BENCH_ASSETPIPE")
    prefix = shlex.split(override) if override else [sys.executable, "-m", "assetpipe"]
    return [*prefix, *args]


def npm_bin(name: str) -> Path:
    """The path of an executable installed by :func:`ensure_npm`."""
    return NODE_DIR / "node_modules" / ".bin" / name


def npm_version(package: str) -> str | None:
    """The installed version of ``package`` in ``bench/.node``, or None."""
    manifest = NODE_DIR / "node_modules" / package / "package.json"
    try:
        return str(json.loads(manifest.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def ensure_npm(*specs: str) -> None:
    """Install the npm ``specs`` (``vite@8``, ``esbuild@0.25``) into bench/.node if missing.

    Raises :class:`CheckFailed` with a message meant for a person when npm is not there or
    the install fails, so the harness reports the contender as failed and runs the others.
    """
    missing = [spec for spec in specs if not _satisfied(spec)]
    if not missing:
        return
    npm = shutil.which("npm")
    if npm is None:
        raise CheckFailed(
            "npm not found on PATH: install Node.js 20+ with npm, or run "
            f"`npm install --prefix bench/.node {' '.join(specs)}` yourself"
        )
    log(f"installing {' '.join(missing)} into {NODE_DIR.relative_to(BENCH_DIR.parent)} with npm")
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [npm, "install", "--prefix", str(NODE_DIR), "--no-audit", "--no-fund", *missing],
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise CheckFailed(f"npm install {' '.join(missing)} failed:\n{result.stderr[-2000:]}")


def _satisfied(spec: str) -> bool:
    """True when the package of ``spec`` is installed and its version starts with the range."""
    name, _, wanted = (
        spec.rpartition("@") if spec.count("@") > spec.startswith("@") else (spec, "", "")
    )
    version = npm_version(name)
    if version is None:
        return False
    return not wanted or version == wanted or version.startswith(wanted + ".")


def ensure_venv_tool(name: str, spec: str, executable: str) -> Path:
    """The path of ``executable`` from the PyPI package ``spec`` (``awscli>=1.40,<2``), in its
    own virtualenv ``bench/.work/_venvs/<name>/``, made and filled with pip unless one made for
    the same ``spec`` is there already.

    Raises :class:`CheckFailed` with pip's output when the install fails, so the harness reports
    the contender as failed and runs the others.
    """
    venv = VENVS_DIR / name
    exe = venv / "bin" / executable
    stamp = venv / ".bench-spec"
    if exe.is_file() and stamp.is_file() and stamp.read_text() == spec:
        return exe
    log(f"installing {spec} into {venv.relative_to(BENCH_DIR.parent)} with pip")
    shutil.rmtree(venv, ignore_errors=True)
    for argv in (
        [sys.executable, "-m", "venv", str(venv)],
        [
            str(venv / "bin" / "python"),
            "-m",
            "pip",
            "install",
            "--disable-pip-version-check",
            "--no-input",
            "--quiet",
            spec,
        ],
    ):
        result = subprocess.run(
            argv, capture_output=True, text=True, errors="replace", stdin=subprocess.DEVNULL
        )
        if result.returncode != 0:
            shutil.rmtree(venv, ignore_errors=True)
            raise CheckFailed(f"{' '.join(argv[-2:])} failed:\n{result.stderr[-2000:]}")
    if not exe.is_file():
        raise CheckFailed(f"pip install {spec} left no {executable} in {venv}/bin")
    stamp.write_text(spec)
    return exe


def venv_version(name: str, package: str) -> str | None:
    """The version of ``package`` installed in the virtualenv of :func:`ensure_venv_tool`."""
    python = VENVS_DIR / name / "bin" / "python"
    code = "import importlib.metadata, sys; print(importlib.metadata.version(sys.argv[1]))"
    try:
        result = subprocess.run(
            [str(python), "-c", code, package], capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None
