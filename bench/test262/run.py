"""The differential run: each test in Node as written, then bundled by assetpipe and esbuild.

For every applicable test (``corpus.Test.applicable``):
1. ``written``: the test module itself (``t262/test/<path>``) in Node (``node.NodeRunner``);
2. if that passed, the batch's tests are bundled by each tool (``bundlers``) and the chunk each
   made of a test runs the same way: ``assetpipe``, ``esbuild``, and with ``idempotence``,
   ``reminify`` (assetpipe's chunk built by assetpipe again).
A test is *changed* by a tool when it passed as written and does not pass after the tool.

Batches run in up to ``jobs`` worker processes (each with its own Node runner); a batch is one
build per tool. Runs ``written`` and ``esbuild`` are cached in ``bench/.work/test262/cache.jsonl``
by the test's digest (test, imported files, harness), Node's version, the Node-side driver and
esbuild's version, so that a re-run after a change to assetpipe only redoes assetpipe's side.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from bench.harness import REPO_DIR, log
from bench.test262 import bundlers
from bench.test262.corpus import WORK, Test, batches, find_tarball, load_tests, unpack
from bench.test262.node import (
    SCRIPT_WRAPPER,
    NodeRunner,
    driver_digest,
    node_version,
    passed,
    script_wrapper,
)
from bench.tools import ensure_npm

CACHED = ("written", "esbuild")


@dataclass
class Options:
    filters: tuple[str, ...] = ()
    limit: int | None = None
    jobs: int = 2
    batch_size: int = 300
    esbuild: bool = True
    assetpipe: bool = True
    idempotence: bool = False
    timeout: float = 10.0
    use_cache: bool = True
    keep: bool = False
    work: Path = WORK
    tarball: Path | None = None
    scripts: bool = True  # noStrict/raw tests as classic scripts, minified with rjsmin
    snapshot: bool = True  # build with a copy of assetpipe/ taken at the start (see below)
    select: Callable[[str], bool] | None = None  # instead of filters (the CI subset)


@dataclass
class Outcome:
    """Every test, and each tool's run of every applicable test that passed as written."""

    tests: list[Test]
    runs: dict[str, dict[str, dict]] = field(default_factory=dict)  # path -> mode -> run
    versions: dict[str, str | None] = field(default_factory=dict)
    seconds: float = 0.0
    build_seconds: dict[str, float] = field(default_factory=dict)
    builds: dict[str, int] = field(default_factory=dict)


def run(options: Options) -> Outcome:
    """Run the tests ``options`` select; progress goes to stderr."""
    started = time.perf_counter()
    tarball = options.tarball or find_tarball()
    if tarball is None:
        raise RuntimeError(
            "test262 tarball not found: set $ASSETPIPE_TEST262 to test262-language.tar.xz, "
            "or put it at ../shared/conformance/ beside the repository"
        )
    root = unpack(tarball, options.work)
    select = options.select
    if select is None and options.filters:
        filters = options.filters
        select = lambda path: any(f in path for f in filters)  # noqa: E731
    tests = load_tests(root, select, options.limit)
    if options.esbuild:
        ensure_npm(bundlers.ESBUILD_SPEC)
    versions = {
        "node": node_version(),
        "esbuild": bundlers.esbuild_version() if options.esbuild else None,
        "assetpipe": _assetpipe_revision(),
    }
    source_root = snapshot_assetpipe(options.work / "snapshot") if options.snapshot else REPO_DIR
    outcome = Outcome(tests, versions=versions)
    keys = cache_keys(versions)
    cache_file = options.work / "cache.jsonl"
    cache = load_cache(cache_file) if options.use_cache else {}

    applicable = [t for t in tests if t.applicable]
    scripts = [t for t in tests if t.kind == "sloppy"] if options.scripts else []
    batch_root = options.work / "batches"
    shutil.rmtree(batch_root, ignore_errors=True)
    for t in applicable + scripts:
        outcome.runs[t.path] = {
            mode: cache[key_of(keys, mode, t)] for mode in CACHED if key_of(keys, mode, t) in cache
        }
    todo = [t for t in applicable + scripts if "written" not in outcome.runs[t.path]]
    log(
        f"test262: {len(tests)} tests, {len(applicable)} applicable (+ {len(scripts)} classic "
        f"scripts), {len(todo)} to run as written, {options.jobs} jobs (node "
        f"{versions['node']}, esbuild {versions['esbuild']})"
    )
    base = {
        "root": str(root),
        "work": str(options.work),
        "source_root": str(source_root),
        "esbuild": options.esbuild,
        "assetpipe": options.assetpipe,
        "idempotence": options.idempotence,
        "timeout": options.timeout,
        "keep": options.keep,
    }
    with (
        cache_file.open("a") if options.use_cache else open(os.devnull, "w") as cache_out,
        ProcessPoolExecutor(max_workers=max(1, options.jobs)) as pool,
    ):

        def execute(phase: str, specs: list[dict]) -> None:
            futures = [pool.submit(run_batch, spec) for spec in specs]
            for done, future in enumerate(as_completed(futures), 1):
                result = future.result()
                by_path = {t.path: t for t in specs[result["index"]]["tests"]}
                for path, modes in result["runs"].items():
                    outcome.runs[path].update(modes)
                    for mode in CACHED:
                        key = key_of(keys, mode, by_path[path])
                        if mode in modes and key not in cache:
                            cache[key] = modes[mode]
                            cache_out.write(json.dumps({"key": key, "run": modes[mode]}) + "\n")
                cache_out.flush()
                for tool, seconds in result["build_seconds"].items():
                    outcome.build_seconds[tool] = outcome.build_seconds.get(tool, 0) + seconds
                for tool, count in result["builds"].items():
                    outcome.builds[tool] = outcome.builds.get(tool, 0) + count
                log(
                    f"test262: {phase} {done}/{len(specs)} ({len(by_path)} tests, "
                    f"{result['seconds']:.0f} s), {time.perf_counter() - started:.0f} s so far"
                )

        # Phase 1: every test as written (those not cached), in slices over the workers.
        size = max(1, min(options.batch_size, -(-len(todo) // (4 * max(1, options.jobs)))))
        slices = [todo[i : i + size] for i in range(0, len(todo), size)]
        execute(
            "as written",
            [
                {**base, "index": i, "tests": part, "phase": "written", "cached": {}}
                for i, part in enumerate(slices)
            ],
        )
        # Phase 2: the tests that passed, built in batches by each tool, and run; classic
        # scripts minified one by one with rjsmin, and run.
        passing = [t for t in applicable if passed(t.meta, outcome.runs[t.path]["written"])]
        # at least one batch per job (a small run would leave a core idle), at most batch_size
        per_job = -(-len(passing) // max(1, options.jobs))
        groups = batches(passing, max(1, min(options.batch_size, per_job)))
        good_scripts = [t for t in scripts if passed(t.meta, outcome.runs[t.path]["written"])]
        script_groups = [
            good_scripts[i : i + options.batch_size]
            for i in range(0, len(good_scripts), options.batch_size)
        ]
        log(
            f"test262: {len(passing)} pass as written; bundling them in {len(groups)} batches"
            + (f"; {len(good_scripts)} classic scripts to minify" if scripts else "")
        )
        specs = [
            {
                **base,
                "tests": group,
                "phase": "bundle",
                "cached": {t.path: outcome.runs[t.path] for t in group},
            }
            for group in groups
        ]
        specs += [{**base, "tests": group, "phase": "rjsmin"} for group in script_groups]
        for i, spec in enumerate(specs):
            spec.update(index=i, dir=str(batch_root / f"b{i:04d}"))
        execute("batch", specs)
    if not options.keep:
        shutil.rmtree(batch_root, ignore_errors=True)
    outcome.seconds = time.perf_counter() - started
    save(outcome, options.work / LAST_RUN)
    return outcome


LAST_RUN = "last-run.json"


def save(outcome: Outcome, path: Path) -> None:
    """Every run of ``outcome`` (for ``python -m bench.test262 --report-only``)."""
    data = {
        "versions": outcome.versions,
        "seconds": outcome.seconds,
        "build_seconds": outcome.build_seconds,
        "builds": outcome.builds,
        "paths": [t.path for t in outcome.tests],
        "runs": outcome.runs,
    }
    path.write_text(json.dumps(data))


def load_last(work: Path = WORK) -> Outcome:
    """The outcome :func:`save` wrote at the end of the last run (its tests read again)."""
    data = json.loads((work / LAST_RUN).read_text())
    paths = set(data["paths"])
    tests = load_tests(work / "t262", paths.__contains__)
    return Outcome(
        tests,
        runs=data["runs"],
        versions=data["versions"],
        seconds=data["seconds"],
        build_seconds=data["build_seconds"],
        builds=data["builds"],
    )


def cache_keys(versions: dict[str, str | None]) -> dict[str, str]:
    driver = hashlib.sha256(driver_digest()).hexdigest()[:16]
    return {
        "written": f"written|{versions['node']}|{driver}|",
        # the wrapper that runs classic scripts is part of what a script's run depends on
        "script": hashlib.sha256(SCRIPT_WRAPPER.encode()).hexdigest()[:8],
        "esbuild": f"esbuild|{versions['esbuild']}|{versions['node']}|{driver}|",
    }


def snapshot_assetpipe(dest: Path) -> Path:
    """Copy this work tree's ``assetpipe/`` package to ``dest/assetpipe`` and return ``dest``.

    Every build of a run then uses the same code, however long the run takes, while the package
    is being edited (a build that read a half-saved file would fail for nothing, and a run
    whose first and last batches saw different code would report figures of no version)."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(
        REPO_DIR / "assetpipe", dest / "assetpipe", ignore=shutil.ignore_patterns("__pycache__")
    )
    return dest


def _assetpipe_revision() -> str | None:
    """The commit of this work tree, with `+changes` when assetpipe/ has uncommitted edits."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_DIR, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "assetpipe"],
            cwd=REPO_DIR,
            capture_output=True,
            text=True,
        ).stdout.strip()
    except OSError:
        return None
    return (head + ("+changes" if dirty else "")) or None


def key_of(keys: dict[str, str], mode: str, test: Test) -> str:
    """The cache key of a ``mode`` run of ``test`` (classic scripts apart from modules)."""
    script = f"script:{keys['script']}:" if test.kind == "sloppy" else ""
    return keys[mode] + script + test.digest


def load_cache(path: Path) -> dict[str, dict]:
    cache: dict[str, dict] = {}
    try:
        with path.open() as lines:
            for line in lines:
                try:
                    entry = json.loads(line)
                    cache[entry["key"]] = entry["run"]
                except (ValueError, KeyError):
                    continue  # a line cut short by an interrupted run
    except OSError:
        pass
    return cache


# -- in a worker process -------------------------------------------------------------------------

_RUNNER: NodeRunner | None = None


def _runner(timeout: float) -> NodeRunner:
    global _RUNNER
    if _RUNNER is None:
        _RUNNER = NodeRunner(timeout)
        atexit.register(_RUNNER.close)
    _RUNNER.timeout = timeout
    return _RUNNER


def run_batch(spec: dict) -> dict:
    """Run one slice (phase ``written``) or batch (phase ``bundle``) in a worker process."""
    started = time.perf_counter()
    tests: list[Test] = spec["tests"]
    root = Path(spec["root"])
    test_dir, harness_dir = root / "test", root / "harness"
    runner = _runner(spec["timeout"])
    bundlers.use_assetpipe_from(Path(spec["source_root"]))
    runs: dict[str, dict[str, dict]] = {t.path: {} for t in tests}
    build_seconds: dict[str, float] = {}
    builds: dict[str, int] = {}

    def harness(test: Test) -> list[Path]:
        return [harness_dir / name for name in test.harness]

    if spec["phase"] == "written":
        for test in tests:
            module = test_dir / test.path
            if test.kind == "sloppy":
                wrapper = Path(spec["work"]) / "scripts" / (test.path + ".mjs")
                module = script_wrapper(module, wrapper)
            runs[test.path]["written"] = runner.run(module, harness(test))
        return {
            "index": spec["index"],
            "runs": runs,
            "seconds": time.perf_counter() - started,
            "build_seconds": {},
            "builds": {},
        }

    batch_dir = Path(spec["dir"])
    batch_dir.mkdir(parents=True, exist_ok=True)
    if spec["phase"] == "rjsmin":
        t0 = time.perf_counter()
        minified = _rjsmin(tests, test_dir, batch_dir / "rjsmin", spec["source_root"])
        build_seconds["rjsmin"] = time.perf_counter() - t0
        for test in tests:
            out = minified[test.path]
            if isinstance(out, str):
                runs[test.path]["rjsmin"] = {
                    "status": "refused",
                    "error": {"name": "MinifyError", "message": out},
                    "prints": [],
                }
                continue
            wrapper = script_wrapper(out, out.with_name(out.name + ".mjs"))
            runs[test.path]["rjsmin"] = runner.run(wrapper, harness(test))
        if not spec["keep"]:
            shutil.rmtree(batch_dir, ignore_errors=True)
        return {
            "index": spec["index"],
            "runs": runs,
            "seconds": time.perf_counter() - started,
            "build_seconds": build_seconds,
            "builds": {"rjsmin": len(tests)},
        }

    def bundle_and_run(mode: str, todo: list[Test], attempt) -> bundlers.BuildOutcome | None:
        if not todo:
            return None
        t0 = time.perf_counter()
        built = bundlers.build_with_retries(todo, batch_dir / f"out-{mode}", attempt)
        build_seconds[mode] = time.perf_counter() - t0
        builds[mode] = built.builds
        for test in todo:
            if test.path in built.refused:
                runs[test.path][mode] = {
                    "status": "refused",
                    "error": {"name": "BuildError", "message": built.refused[test.path]},
                    "prints": [],
                }
            else:
                runs[test.path][mode] = runner.run(built.chunks[test.path], harness(test))
        return built

    if spec["esbuild"]:
        todo = [t for t in tests if "esbuild" not in spec["cached"][t.path]]
        bundle_and_run("esbuild", todo, bundlers.esbuild_attempt(test_dir, batch_dir))
    if spec["assetpipe"]:
        first = bundle_and_run("assetpipe", tests, bundlers.assetpipe_attempt(test_dir, batch_dir))
        if spec["idempotence"] and first is not None and first.chunks:
            site = batch_dir / "re-site"
            bundlers.copy_chunks({c.parent.parent for c in first.chunks.values()}, site)
            again = [t for t in tests if t.path in first.chunks]
            attempt = bundlers.reminify_attempt(site, batch_dir, first.chunks)
            bundle_and_run("reminify", again, attempt)
    if not spec["keep"]:
        shutil.rmtree(batch_dir, ignore_errors=True)
    return {
        "index": spec["index"],
        "runs": runs,
        "seconds": time.perf_counter() - started,
        "build_seconds": build_seconds,
        "builds": builds,
    }


def _rjsmin(
    tests: list[Test], test_dir: Path, dest: Path, source_root: str
) -> dict[str, Path | str]:
    """Each test minified as a classic script by assetpipe's minifier for classic scripts
    (``assetpipe.js.minify.minify``: rjsmin), written under ``dest``; or why it failed."""
    if source_root not in sys.path:
        sys.path.insert(0, source_root)  # the run's snapshot of assetpipe, before this tree
    try:
        from assetpipe.cache import Cache
        from assetpipe.js.minify import minify
    except Exception as exc:  # the bundler is being edited: report, do not stop the run
        return {t.path: f"cannot import assetpipe's minifier: {exc!r}" for t in tests}
    cache = Cache(None)
    done: dict[str, Path | str] = {}
    for test in tests:
        source = (test_dir / test.path).read_bytes().decode("utf-8", "surrogateescape")
        try:
            text = minify(source, cache)
        except Exception as exc:
            done[test.path] = f"{type(exc).__name__}: {exc}"
            continue
        out = dest / test.path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(text.encode("utf-8", "surrogateescape"))
        done[test.path] = out
    return done
