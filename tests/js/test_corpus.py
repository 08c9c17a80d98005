"""The npm corpus's CI subset (bench/corpus, issue #12): a dozen real packages from npm, each
page built by assetpipe and by esbuild and run in headless Chromium; assetpipe's page must write
exactly what esbuild's writes, and so must assetpipe's output fed back into assetpipe.

The packages are installed from the registry (pinned, with a lock) into bench/.work/ the first
time; `python -m bench.corpus` runs the whole corpus. Packages in `KNOWN_BROKEN` are expected to
fail (strictly: when a fix lands, the test says to remove them from the list).
"""

from __future__ import annotations

import os

import pytest

from bench.corpus import runner
from bench.corpus.packages import KNOWN_BROKEN, PACKAGES
from bench.harness import CheckFailed

from ..conftest import require_tool

pytestmark = pytest.mark.slow  # a corpus of real libraries, run in Node and Chromium

FAST = [p for p in PACKAGES if p.fast]


@pytest.fixture(scope="session")
def corpus_root():
    require_tool("node")
    require_tool("npm")
    require_tool("chromium", "chromium-browser", "google-chrome")
    try:
        return runner.install_for(FAST)
    except CheckFailed as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(str(exc))
        pytest.skip(str(exc))


def _cases():
    for package in FAST:
        marks = []
        if package.name in KNOWN_BROKEN:
            marks.append(pytest.mark.xfail(strict=True, reason=KNOWN_BROKEN[package.name]))
        yield pytest.param(package, id=package.name, marks=marks)


def test_the_corpus_is_complete_and_locked():
    """No npm needed: every package has its page, the CI subset is about a dozen, and both
    locks match the pinned versions (else `python -m bench.corpus --update-lock`)."""
    assert len(PACKAGES) >= 40
    assert 10 <= len(FAST) <= 14
    assert [p.slug for p in PACKAGES if not p.page.is_file()] == []
    assert set(KNOWN_BROKEN) <= {p.name for p in PACKAGES}
    for subset in ("all", "fast"):
        lock = runner.lock_file(subset).read_text()
        assert runner._lock_matches(lock, runner.dependencies(runner.subset_packages(subset)))


@pytest.mark.parametrize("package", list(_cases()))
def test_assetpipe_page_writes_what_esbuilds_writes(package, corpus_root):
    result = runner.run_package(package, corpus_root)
    esbuild = result.esbuild
    assert esbuild.ok, f"esbuild failed to build the page:\n{esbuild.error}"
    assert result.esbuild_ok, (
        f"the page does not work even with esbuild ({esbuild.page.status}): "
        f"{esbuild.page.text[:500]}\n{esbuild.page.stack[:1000]}"
    )
    assert result.same, f"{result.failure()}\n{result.assetpipe.page.stack[:1500]}"
    assert result.idem_same, f"assetpipe's output rebuilt: {runner.idem_failure(result)}"
