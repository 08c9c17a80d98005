"""Shared fixtures: temporary sites, the CLI in a subprocess, and the external tools the tests
drive (Node, Chromium), which must be present when CI=true and are skipped otherwise."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path, PurePath
from types import ModuleType

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


def site_config(config_file: Path, src: Path, out: Path, cache: Path, cwd: Path, **overrides):
    """The configuration in `config_file` with its folders replaced: `src` built into `out`,
    with `cache` (and `overrides`, dotted keys)."""
    from assetpipe.config import load_config

    settings = {"build.src": str(src), "build.out": str(out), "build.cache_dir": str(cache)}
    return load_config(str(config_file), overrides={**settings, **overrides}, cwd=str(cwd))[0]


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


# -- the fast/slow split ------------------------------------------------------------------------
# `pytest -m "not slow"` runs the unit tests in under a minute for everyday work; CI runs
# everything (plain `pytest`, as the README says). A test is slow when it, its fixtures, or a
# helper of the test packages they call (followed through calls) does one of these: runs a
# program (Node, Chromium, npm, esbuild, the assetpipe CLI, Python: `require_tool`, `run_cli`,
# `subprocess`, `sys.executable`), builds a demo site or encodes its photographs (it names
# site_src or a path in it, calls `build_fixture` of tests/sites, or generates a site with
# bench/sitegen), starts or talks to a moto S3/CloudFront server, or fuzzes (Hypothesis). A
# module that is slow throughout (encoding many images, say) has `pytestmark = pytest.mark.slow`.

SLOW_FIXTURES = frozenset({"moto_server", "proxy", "s3", "cloudfront"})
# what a test may call to start a program or build a generated site of many pages and images
_SLOW_MODULES = frozenset({"subprocess", "bench.sitegen"})
_TEST_PACKAGES = ("tests.", "bench.tests.")


def _code_names(code) -> set[str]:
    """The global names a code object and the functions nested in it refer to, and the
    strings they hold (prefixed with a quote)."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= _code_names(const)
        elif isinstance(const, str):
            names.add('"' + const)
    return names


class _SlowCalls:
    """Which functions reach a slow tool: `roots`, through the functions (and classes'
    methods) of the test packages they refer to. A helper imported inside a function is
    known by its name: the public slow helpers of the shared modules (conftest, browser, ...)."""

    def __init__(self) -> None:
        self.roots = {
            id(x): x for x in (require_tool, run_cli, build_fixture, npm_install, subprocess)
        }
        self.memo: dict[int, bool] = {}
        self.names = {"require_tool", "run_cli", "build_fixture", "npm_install", "subprocess"}
        self.names |= {"ThreadedMotoServer", "MotoServer"}  # a moto server of its own
        self.names.add("executable")  # `sys.executable`: a Python subprocess
        self.names.add('"site_src')  # the demo site, built whole wherever a test names it
        for name, module in list(sys.modules.items()):
            if not name.startswith(_TEST_PACKAGES) or name.rpartition(".")[2].startswith("test_"):
                continue
            for attr, value in list(vars(module).items()):
                public = not attr.startswith("_")
                if public and getattr(value, "__module__", None) == name and self.reaches(value):
                    self.names.add(attr)

    def reaches(self, value, active: frozenset[int] = frozenset()) -> bool:
        if id(value) in self.roots:
            return True
        if isinstance(value, PurePath):  # a folder or file of the demo site (its photographs)
            return "site_src" in value.parts
        if isinstance(value, ModuleType) and value.__name__ in _SLOW_MODULES:
            return True
        if getattr(value, "__module__", None) in _SLOW_MODULES:
            return True
        if id(value) in self.memo:
            return self.memo[id(value)]
        if id(value) in active or not getattr(value, "__module__", "").startswith(_TEST_PACKAGES):
            return False
        active = active | {id(value)}
        if isinstance(value, type):
            found = any(self.reaches(m, active) for m in vars(value).values() if callable(m))
        else:
            func = getattr(value, "__func__", value)
            code = getattr(func, "__code__", None)
            scope = getattr(func, "__globals__", {})
            found = code is not None and any(
                n in self.names or (n in scope and self.reaches(scope[n], active))
                for n in _code_names(code)
            )
        self.memo[id(value)] = found
        return found


def _is_slow(item: pytest.Item, calls: _SlowCalls) -> bool:
    if SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())):
        return True
    function = getattr(item, "function", None)
    if function is None:
        return False
    if getattr(function, "is_hypothesis_test", False):
        return True
    if calls.reaches(function):
        return True
    info = getattr(item, "_fixtureinfo", None)
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in info.name2fixturedefs.get(name, ()) if info else ():
            if calls.reaches(fixturedef.func):
                return True
    return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    calls = _SlowCalls()
    for item in items:
        if item.get_closest_marker("slow") is None and _is_slow(item, calls):
            item.add_marker(pytest.mark.slow)


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """With `-m "not slow"`, a module marked slow throughout is not even imported: collecting
    (importing and rewriting asserts, with no bytecode cache) is a good part of a fast run."""
    if config.getoption("markexpr", "").strip() != "not slow":
        return None
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    text = collection_path.read_text(encoding="utf-8", errors="replace")
    return True if "\npytestmark = pytest.mark.slow" in text else None
