"""Fixture sites under tests/sites/<case>/: `src/` is built with the real command line, and the
whole output (manifest included) must equal `expected/` byte for byte, or, for a site with
mistakes, the command must fail with exactly `expected-errors.txt` on stderr and write nothing.

Set ASSETPIPE_UPDATE_SNAPSHOTS=1 to rewrite the expected files after an intended change, then
read the diff before committing it."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest

from assetpipe.config import load_config

from .conftest import SITES, build_fixture, tree_bytes
from .outputcheck import broken_references

pytestmark = pytest.mark.slow  # builds every site of tests/sites with the CLI

UPDATE = os.environ.get("ASSETPIPE_UPDATE_SNAPSHOTS") == "1"
CASES = sorted(p.name for p in SITES.iterdir() if (p / "src").is_dir())


@pytest.mark.parametrize("case", CASES)
def test_fixture_site(case: str, tmp_path: Path) -> None:
    folder = SITES / case
    out, result = build_fixture(case, tmp_path)
    assert "Traceback" not in result.stderr
    expected_errors = folder / "expected-errors.txt"
    if expected_errors.exists() or (UPDATE and result.returncode == 1):
        if UPDATE:
            expected_errors.write_text(result.stderr)
        assert result.returncode == 1
        assert result.stderr == expected_errors.read_text()
        assert not out.exists()
        return
    assert result.returncode == 0, result.stderr
    expected = folder / "expected"
    if UPDATE:
        shutil.rmtree(expected, ignore_errors=True)
        shutil.copytree(out, expected)
    got, want = tree_bytes(out), tree_bytes(expected)
    assert sorted(got) == sorted(want)
    for path in sorted(want):
        if got[path] != want[path]:
            diff = "\n".join(
                difflib.unified_diff(
                    want[path].decode("utf-8", "replace").splitlines(),
                    got[path].decode("utf-8", "replace").splitlines(),
                    "expected",
                    "got",
                    lineterm="",
                )
            )
            pytest.fail(f"{path} differs from the snapshot:\n{diff}")
    config, _ = load_config(cwd=folder)
    assert broken_references(out, config.build.base, config.build.site_url) == []
