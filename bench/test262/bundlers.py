"""Bundling a batch of test262 tests with assetpipe and with esbuild, one build per batch.

A batch folder holds ``site/``: every test of the batch and the sibling files it imports
(``t/<path>``, the test262 folder structure, so ``./x_FIXTURE.js`` and self-imports resolve),
and one page per test (``p00012.html``: ``<script type="module" src="t/<path>">``), which makes
each test its own entry. The batch folder's ``package.json`` says ``"type": "module"``, so Node
runs the ``.js`` outputs as ES modules.

- assetpipe: ``python -m assetpipe build --json`` (this work tree's package, or the snapshot
  of it the run took at its start), minifying, with
  ``[js] import_map = false`` (chunks import each other by hashed relative names, which Node
  resolves without an import map) and images not optimised; each test's chunk comes from the
  manifest (``entries["t/<path>"]["file"]``).
- esbuild: its JS API with the options of ``esbuild ENTRY --bundle --minify --format=esm``, all
  entries in one call (no splitting: one self-contained file per entry).
- re-minify (idempotence): assetpipe's output chunks are the input of a second assetpipe build
  (a page per test naming its chunk), whose chunk is run in place of the first.

A build that fails with diagnostics is retried without the tests they name (a diagnostic naming
a sibling file drops every test that imports it); those tests are *refused*, which counts as a
pass exactly when the test expects an early (parse or resolution) error. A failure that names
no test of the batch is narrowed down by halving the batch.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import REPO_DIR
from bench.test262.corpus import Test
from bench.tools import NODE_DIR, assetpipe_argv

HERE = Path(__file__).resolve().parent
ESBUILD_SCRIPT = HERE / "esbuild_batch.mjs"
ESBUILD_SPEC = "esbuild@0.28"
SITE_PREFIX = "t/"
AP_CONFIG = "[js]\nimport_map = false\n\n[images]\noptimize = false\n"
BUILD_TIMEOUT = 900

# The folder holding the ``assetpipe`` package the builds run (``PYTHONPATH``): this work tree,
# or a snapshot of it taken when a run starts (see ``run.snapshot_assetpipe``).
_SOURCE_ROOT: Path = REPO_DIR


def use_assetpipe_from(root: Path) -> None:
    """Make later builds (in this process) run the ``assetpipe`` package under ``root``."""
    global _SOURCE_ROOT
    _SOURCE_ROOT = root


@dataclass
class BuildOutcome:
    """What one tool made of a batch: the chunk to run per test path, or why it refused it."""

    chunks: dict[str, Path] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    builds: int = 0  # how many times the tool ran (retries included)
    seconds: float = 0.0


Attempt = Callable[[list[Test], Path], "tuple[dict[str, Path], list[tuple[str | None, str]]]"]


def write_site(batch_dir: Path, test_dir: Path, tests: Sequence[Test]) -> Path:
    """Write the batch's site (tests, their sibling files, one page each); returns it."""
    site = batch_dir / "site"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    (batch_dir / "package.json").write_text('{"type": "module"}\n')
    copied: set[str] = set()
    for test in tests:
        for rel in (test.path, *test.deps):
            if rel not in copied:
                copied.add(rel)
                dest = site / SITE_PREFIX / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(test_dir / rel, dest)
    return site


def _page(src: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title>\n'
        f'<script type="module" src="{html.escape(src)}"></script>\n</head><body></body></html>\n'
    )


def build_with_retries(tests: list[Test], work: Path, attempt: Attempt) -> BuildOutcome:
    """Run ``attempt(tests, out)`` until it builds, dropping the tests its errors blame."""
    outcome = BuildOutcome()
    _build_part(tests, work, attempt, outcome, "a")
    return outcome


def _build_part(
    tests: list[Test], work: Path, attempt: Attempt, outcome: BuildOutcome, tag: str
) -> None:
    pending = list(tests)
    for round_ in range(1, 50):
        if not pending:
            return
        out = work / f"out-{tag}{round_}"
        outcome.builds += 1
        chunks, errors = attempt(pending, out)
        if not errors:
            outcome.chunks.update(chunks)
            return
        blamed = _blame(pending, errors)
        if not blamed:
            if len(pending) == 1:
                outcome.refused[pending[0].path] = _first_message(errors)
                return
            half = len(pending) // 2
            _build_part(pending[:half], work, attempt, outcome, tag + "l")
            _build_part(pending[half:], work, attempt, outcome, tag + "r")
            return
        for path, message in blamed.items():
            outcome.refused[path] = message
        pending = [t for t in pending if t.path not in blamed]
    for test in pending:
        outcome.refused[test.path] = "gave up after 50 builds"


def _first_message(errors: list[tuple[str | None, str]]) -> str:
    return errors[0][1] if errors else "the build failed without a diagnostic"


def _blame(tests: list[Test], errors: list[tuple[str | None, str]]) -> dict[str, str]:
    """Test path -> the first error naming it, or naming a file it imports."""
    by_file: dict[str, list[str]] = {}
    for test in tests:
        for rel in (test.path, *test.deps):
            by_file.setdefault(rel, []).append(test.path)
    blamed: dict[str, str] = {}
    for file, message in errors:
        if file is None:
            continue
        for path in by_file.get(file, ()):
            blamed.setdefault(path, f"{file}: {message}" if file != path else message)
    return blamed


# -- assetpipe ---------------------------------------------------------------------------------


def assetpipe_attempt(test_dir: Path, batch_dir: Path) -> Attempt:
    """An :data:`Attempt` building a site of the given tests (:func:`write_site`)."""

    def attempt(tests: list[Test], out: Path) -> tuple[dict[str, Path], list]:
        site = write_site(batch_dir, test_dir, tests)
        pages = _write_pages(site, [(t.path, SITE_PREFIX + t.path) for t in tests])
        result = _assetpipe_build(site, out, batch_dir)
        if isinstance(result, list):
            return {}, result
        chunks = {}
        for page, test in zip(pages, tests, strict=True):
            file = _entry_file(result, SITE_PREFIX + test.path, page.name)
            if file is None:
                return {}, [(test.path, "no entry for the test in the manifest")]
            chunks[test.path] = out / file
        return chunks, []

    return attempt


def reminify_attempt(site: Path, batch_dir: Path, first: dict[str, Path]) -> Attempt:
    """An :data:`Attempt` building assetpipe's own chunks (``first``) again, for idempotence.
    The site holds the first build's ``assets/`` (its ``.js`` files), a page per test."""

    def attempt(tests: list[Test], out: Path) -> tuple[dict[str, Path], list]:
        sources = {t.path: "assets/" + first[t.path].name for t in tests}
        pages = _write_pages(site, list(sources.items()))
        result = _assetpipe_build(site, out, batch_dir)
        for page in pages:
            page.unlink(missing_ok=True)
        if isinstance(result, list):
            chunk_owner = {v: k for k, v in sources.items()}
            return {}, [(chunk_owner.get(f or "", f), m) for f, m in result]
        chunks = {}
        for page, (path, source) in zip(pages, sources.items(), strict=True):
            file = _entry_file(result, source, page.name)
            if file is None:
                return {}, [(path, "no entry for the chunk in the manifest")]
            chunks[path] = out / file
        return chunks, []

    return attempt


def _entry_file(entries: dict, source: str, page: str) -> str | None:
    """The chunk of the entry module ``source`` shown by ``page``: the manifest's entry for the
    module, else the page's first JavaScript asset (an entry that is also imported by its own
    dependencies has been seen keyed by another name, such as ``_verify-dfs.js``)."""
    entry = entries.get(source)
    if entry is None:
        for key in entries.get(page, {}).get("assets", ()):
            file = entries.get(key, {}).get("file", "")
            if file.endswith(".js"):
                return file
        return None
    return entry["file"]


def copy_chunks(first_out_dirs: set[Path], site: Path) -> None:
    """The input of the re-minify build: every ``.js`` of the first builds' ``assets/``."""
    shutil.rmtree(site, ignore_errors=True)
    (site / "assets").mkdir(parents=True)
    for out in first_out_dirs:
        for chunk in (out / "assets").glob("*.js"):
            shutil.copyfile(chunk, site / "assets" / chunk.name)


def _write_pages(site: Path, entries: list[tuple[str, str]]) -> list[Path]:
    pages = []
    for i, (_path, src) in enumerate(entries):
        page = site / f"p{i:05d}.html"
        page.write_text(_page(src))
        pages.append(page)
    return pages


def _assetpipe_build(site: Path, out: Path, batch_dir: Path) -> dict | list:
    """The manifest's ``entries`` after ``assetpipe build``, or its errors as (file relative
    to the site's ``t/`` folder or the site, message) pairs."""
    config = batch_dir / "assetpipe.toml"
    config.write_text(AP_CONFIG)
    cache = batch_dir / "ap-cache"
    shutil.rmtree(cache, ignore_errors=True)  # cold: the bundler changes under our feet
    argv = assetpipe_argv(
        "build",
        "--src",
        str(site),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
        "--config",
        str(config),
        "--json",
    )
    env = {**os.environ, "PYTHONPATH": str(_SOURCE_ROOT)}
    env.pop("ASSETPIPE_ENV", None)
    env.pop("ASSETPIPE_CONFIG", None)
    try:
        proc = subprocess.run(
            argv,
            cwd=batch_dir,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=BUILD_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return [(None, f"assetpipe build timed out after {BUILD_TIMEOUT} s")]
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    manifest = out / ".assetpipe" / "manifest.json"
    if proc.returncode == 0 and manifest.is_file():
        return json.loads(manifest.read_text())["entries"]
    try:
        report = json.loads(proc.stdout)
        diagnostics = [d for d in report.get("diagnostics", []) if d.get("severity") == "error"]
    except ValueError:
        diagnostics = []
    if not diagnostics:
        tail = (proc.stderr or proc.stdout).strip()[-1500:]
        return [(None, f"assetpipe build exited {proc.returncode}: {tail}")]
    errors = []
    site_rel = os.path.relpath(site, batch_dir).replace(os.sep, "/") + "/"
    for d in diagnostics:
        file = d.get("file")
        if file:
            file = file.replace(os.sep, "/")
            if os.path.isabs(file):
                file = os.path.relpath(file, batch_dir).replace(os.sep, "/")
            file = file.removeprefix(site_rel).removeprefix(SITE_PREFIX)
        where = f"{d.get('line')}:{d.get('column')}: " if d.get("line") else ""
        errors.append((file, f"{where}error[{d.get('code')}]: {d.get('message')}"))
    return errors


# -- esbuild -----------------------------------------------------------------------------------


def esbuild_attempt(test_dir: Path, batch_dir: Path) -> Attempt:
    """An :data:`Attempt` bundling the given tests with esbuild, all entries in one call."""
    package_dir = NODE_DIR / "node_modules" / "esbuild"

    def attempt(tests: list[Test], out: Path) -> tuple[dict[str, Path], list]:
        site = write_site(batch_dir, test_dir, tests)
        job = {
            "cwd": str(site),
            "entries": [SITE_PREFIX + t.path for t in tests],
            "outdir": str(out),
        }
        try:
            proc = subprocess.run(
                ["node", str(ESBUILD_SCRIPT), str(package_dir)],
                input=json.dumps(job),
                capture_output=True,
                text=True,
                errors="replace",
                timeout=BUILD_TIMEOUT,
            )
            report = json.loads(proc.stdout)
        except (subprocess.TimeoutExpired, ValueError) as exc:
            return {}, [(None, f"esbuild failed: {exc}")]
        if report["ok"]:
            return {t.path: out / SITE_PREFIX / t.path for t in tests}, []
        errors = []
        for e in report["errors"]:
            file = e.get("file")
            if file:
                file = file.replace(os.sep, "/").removeprefix(SITE_PREFIX)
            errors.append((file, f"{e.get('line', 0)}: {e.get('text')}"))
        return {}, errors

    return attempt


def esbuild_version() -> str | None:
    try:
        manifest = NODE_DIR / "node_modules" / "esbuild" / "package.json"
        return str(json.loads(manifest.read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None
