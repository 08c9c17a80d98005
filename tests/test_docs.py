"""The documentation: the generated configuration reference, links between pages, the README's size.

Fast: reads Markdown and `assetpipe.config`, builds nothing.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from pathlib import Path

import pytest

from assetpipe import config

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
REFERENCE = DOCS / "configuration.md"
README_MAX_BYTES = 12_500

# The pages whose links are checked: the README, the user guide and the benchmarks' README
CHECKED = [README, *sorted(DOCS.glob("*.md")), ROOT / "bench" / "README.md"]


def _generator():
    spec = importlib.util.spec_from_file_location(
        "gen_config_reference", DOCS / "gen_config_reference.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _without_code(text: str) -> str:
    """The text with fenced code blocks blanked (their lines kept, so line numbers hold)."""
    out, fence = [], None
    for line in text.split("\n"):
        marker = re.match(r"\s*(```+|~~~+)", line)
        if fence is None and marker:
            fence = marker.group(1)
            out.append("")
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def slug(heading: str) -> str:
    """GitHub's anchor for a heading's text: lower case, links and inline markup reduced to
    their text, punctuation other than '-' and '_' dropped, each space a '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # [text](url) -> text
    text = re.sub(r"<[^>`]+>", "", text) if "`" not in text else text
    text = text.lower().strip()
    kept = []
    for char in text:
        if char in "-_ " or char.isalnum() or unicodedata.category(char).startswith("M"):
            kept.append(char)
    return "".join(kept).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Every heading anchor of a Markdown file, with GitHub's -1, -2 suffixes for repeats."""
    seen: dict[str, int] = {}
    found = set()
    for line in _without_code(path.read_text(encoding="utf-8")).split("\n"):
        match = re.match(r"#{1,6}\s+(.*?)\s*#*\s*$", line)
        if not match:
            continue
        base = slug(match.group(1))
        count = seen.get(base, 0)
        seen[base] = count + 1
        found.add(base if count == 0 else f"{base}-{count}")
    return found


def links(path: Path) -> list[tuple[int, str]]:
    """(line, target) of every inline Markdown link outside code."""
    found = []
    text = _without_code(path.read_text(encoding="utf-8"))
    for number, line in enumerate(text.split("\n"), 1):
        line = re.sub(r"`[^`]*`", "", line)  # inline code is not a link
        for match in re.finditer(r"\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)", line):
            found.append((number, match.group(1)))
    return found


def test_configuration_reference_is_generated():
    expected = _generator().render()
    actual = REFERENCE.read_text(encoding="utf-8") if REFERENCE.exists() else ""
    assert actual == expected, (
        "docs/configuration.md is not what the schema gives: run `python docs/gen_config_reference.py`"
    )


def test_configuration_reference_lists_every_key():
    text = REFERENCE.read_text(encoding="utf-8")
    missing = [key for key, _, _ in config.describe() if f"`{key}`" not in text]
    assert not missing, f"keys missing from docs/configuration.md: {missing}"
    assert len(config.describe()) > 40  # the whole schema, not a table of it


@pytest.mark.parametrize("page", CHECKED, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(page: Path):
    problems = []
    for number, target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target, re.I) or target.startswith("//"):
            continue  # external (https:, mailto:)
        path_part, _, fragment = target.partition("#")
        file = (page.parent / path_part).resolve() if path_part else page
        where = f"{page.relative_to(ROOT)}:{number}: {target}"
        if not file.exists():
            problems.append(f"{where}: no such file")
        elif fragment and file.suffix == ".md" and fragment not in anchors(file):
            problems.append(f"{where}: no heading with that anchor in {file.name}")
    assert not problems, "broken links:\n" + "\n".join(problems)


def test_slug_follows_github():
    assert slug("Page report, budgets and audit") == "page-report-budgets-and-audit"
    assert slug("`assetpipe audit`") == "assetpipe-audit"
    assert (
        slug("The npm corpus: `python -m bench.corpus`") == "the-npm-corpus-python--m-benchcorpus"
    )
    assert slug("`<picture>` without layout change") == "picture-without-layout-change"
    assert slug("AWS: S3 and CloudFront") == "aws-s3-and-cloudfront"


def test_readme_is_short():
    size = len(README.read_bytes())
    assert size <= README_MAX_BYTES, (
        f"README.md is {size:,} bytes (at most {README_MAX_BYTES:,}): move detail into docs/"
    )


def test_user_docs_name_no_issues():
    for page in [README, *DOCS.glob("*.md")]:
        if page.name in ("architecture.md", "upstream-lightningcss.md"):
            continue
        prose = re.sub(r"`[^`]*`", "", _without_code(page.read_text(encoding="utf-8")))
        hits = re.findall(r"(?<![\w&])#\d+\b", prose)  # "#16", not a colour in code
        assert not hits, f"{page.name} names issues {hits}: user-facing docs describe behaviour"
