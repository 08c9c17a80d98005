"""docs/architecture.md stays true: the build's stage list is the same in the code, in the
timings and in the document, and every module the document names exists."""

from __future__ import annotations

import re
from pathlib import Path

from assetpipe.pipeline import build as build_module

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text()
PACKAGE = ROOT / "assetpipe"


def _section(title_start: str) -> str:
    start = DOC.index("\n## " + title_start)
    end = DOC.find("\n## ", start + 1)
    return DOC[start : end if end != -1 else len(DOC)]


def test_the_stage_list_is_the_same_in_code_docstring_and_document():
    table = _section("The pipeline")
    documented = re.findall(r"^\| ([a-z]+) \| `", table, re.M)
    assert tuple(documented) == build_module.STAGES
    docstring = build_module.__doc__ or ""
    listed = re.findall(r"^    ([a-z]+) {2,}", docstring, re.M)
    assert tuple(listed) == build_module.STAGES


def test_every_module_the_document_names_exists():
    missing = []
    for path in set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", DOC)):
        path = path.removeprefix("assetpipe/")
        if not (PACKAGE / path).is_file() and not (ROOT / path).is_file():
            missing.append(path)
    # a table row naming a bare module lives in its section's package
    for heading, body in re.findall(
        r"^## [^\n]*\(`assetpipe/([a-z_]+)/`\)\n(.*?)(?=^## |\Z)", DOC, re.M | re.S
    ):
        for name in re.findall(r"^\| `([a-z_]+\.py)` \|", body, re.M):
            if not (PACKAGE / heading / name).is_file():
                missing.append(f"{heading}/{name}")
    assert not missing, f"docs/architecture.md names modules that do not exist: {sorted(missing)}"


def test_no_two_modules_share_a_name_with_different_meanings():
    """A module name used in two packages must be listed here with why it is the same idea."""
    same_idea = {
        "__init__.py",
        "refs.py",  # the references a file holds, per language: css/, html/
        "minify.py",  # minification, per language: css/, js/
        "audit.py",  # commands/audit.py, server/audit.py: the audit's command and its server
        "watch.py",  # commands/watch.py over pipeline/watch.py
        "build.py",  # commands/build.py over pipeline/build.py
        "deploy.py",  # commands/deploy.py over the deployment package
        "rum.py",  # commands/rum.py over report/rum.py (the beacons the rum/ package sends)
        "manifest.py",  # the build manifest: pipeline/ writes it, manifest.py reads it (servers)
    }
    seen: dict[str, list[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        seen.setdefault(path.name, []).append(str(path.relative_to(PACKAGE)))
    clashes = {
        name: paths for name, paths in seen.items() if len(paths) > 1 and name not in same_idea
    }
    assert not clashes
