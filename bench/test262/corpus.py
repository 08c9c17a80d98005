"""The test262 corpus: where the tarball is, unpacking it, and the tests with what they need.

The tarball (``test262-language.tar.xz``, see ``../shared/conformance/README.md``) holds
``t262/test/language/``, ``t262/harness/`` and ``t262/INTERPRETING.md``. It is found through
``$ASSETPIPE_TEST262`` (the tarball's path) or at ``../shared/conformance/`` from the repository
root, and unpacked under ``bench/.work/test262/`` (ignored by git), once per tarball.

Each test is classified for a module bundler:
- ``module``: flagged ``module``, run as an ES module as test262 says;
- ``as-module``: a script test that may run in strict mode (not ``noStrict``, not ``raw``), run
  as a module too (module code is strict, top-level ``this`` is undefined and top-level ``var``
  is not a global property, both in the reference run and after bundling);
- ``sloppy``: ``noStrict`` or ``raw``, which a module bundler cannot take (counted, not run);
- ``host``: needs what this host does not provide (``$262.agent``, ``IsHTMLDDA``,
  ``$262.AbstractModuleSource``, ``CanBlockIsFalse``: Node's threads can block).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from bench.harness import REPO_DIR, WORK_DIR
from bench.test262.frontmatter import Meta, parse

TARBALL_NAME = "test262-language.tar.xz"
ENV_VAR = "ASSETPIPE_TEST262"
DEFAULT_TARBALL = REPO_DIR.parent / "shared" / "conformance" / TARBALL_NAME
WORK = WORK_DIR / "test262"

_SPECIFIER = re.compile(r"""["'](\./[^"'\n\\]+)["']""")
_STATIC = re.compile(r"""\b(?:from|import)\s*["'](\./[^"'\n\\]+)["']""")
_HOST_ONLY = re.compile(r"\$262\s*\.\s*(agent|IsHTMLDDA|AbstractModuleSource)\b")
HOST_FEATURES = frozenset({"IsHTMLDDA", "source-phase-imports-module-source", "Atomics.waitAsync"})


def find_tarball() -> Path | None:
    """``$ASSETPIPE_TEST262``, else ``../shared/conformance/<tarball>`` from the repo; or None."""
    named = os.environ.get(ENV_VAR)
    if named:
        path = Path(named)
        return path if path.is_file() else None
    return DEFAULT_TARBALL if DEFAULT_TARBALL.is_file() else None


def unpack(tarball: Path, dest: Path = WORK) -> Path:
    """Unpack ``tarball`` into ``dest`` (once per tarball) and return the ``t262`` folder.

    A ``package.json`` with ``"type": "module"`` goes into ``t262/test`` so that Node runs
    every ``.js`` there as an ES module.
    """
    stat = tarball.stat()
    stamp_text = f"{tarball.resolve()} {stat.st_size} {int(stat.st_mtime)}"
    root = dest / "t262"
    stamp = dest / ".unpacked"
    if stamp.is_file() and stamp.read_text() == stamp_text and root.is_dir():
        return root
    shutil.rmtree(root, ignore_errors=True)
    dest.mkdir(parents=True, exist_ok=True)
    tar = shutil.which("tar")
    if tar is not None:  # GNU tar: ~1 s, where tarfile takes over a minute for 24k files
        _tar_extract(tar, tarball, dest)
    else:
        with tarfile.open(tarball, "r:xz") as archive:
            for member in archive:
                if member.isdir() or member.isfile():
                    archive.extract(member, dest, filter="data")
    (root / "test").mkdir(parents=True, exist_ok=True)
    (root / "test" / "package.json").write_text('{"type": "module"}\n')
    stamp.write_text(stamp_text)
    return root


def _tar_extract(tar: str, tarball: Path, dest: Path) -> None:
    argv = [tar, "-xJf", str(tarball), "-C", str(dest), "--no-same-owner", "--no-same-permissions"]
    subprocess.run([*argv, "t262"], check=True, capture_output=True)


@dataclass(frozen=True, slots=True)
class Test:
    """One test file (``path`` relative to ``t262/test``, e.g. ``language/asi/S7.9_A1.js``)."""

    path: str
    meta: Meta
    kind: str  # "module", "as-module", "sloppy", "host"
    reason: str  # why a test is not run ("noStrict", "$262.agent", ...)
    deps: tuple[str, ...]  # files it imports or names ("./x_FIXTURE.js"), transitively
    lazy: frozenset[str]  # those of ``deps`` it does not import statically (see _deps)
    harness: tuple[str, ...]  # harness files, in order (relative to t262/harness)
    digest: str  # sha256 of the test, its deps and its harness files

    @property
    def applicable(self) -> bool:
        return self.kind in ("module", "as-module")

    @property
    def directory(self) -> str:
        return self.path.rsplit("/", 1)[0]


def harness_files(meta: Meta) -> tuple[str, ...]:
    """The harness files a test runs with (INTERPRETING.md): assert, sta, doneprintHandle for
    async tests, then its ``includes``; none for ``raw`` tests."""
    if "raw" in meta.flags:
        return ()
    files = ["assert.js", "sta.js"]
    if meta.is_async:
        files.append("doneprintHandle.js")
    files.extend(i for i in meta.includes if i not in files)
    return tuple(files)


def classify(meta: Meta, source: str) -> tuple[str, str]:
    """(kind, reason) of a test: see the module docstring."""
    host = sorted(HOST_FEATURES.intersection(meta.features))
    if host:
        return "host", f"feature {host[0]}"
    found = _HOST_ONLY.search(source)
    if found:
        return "host", f"$262.{found.group(1)}"
    if "CanBlockIsFalse" in meta.flags:
        return "host", "CanBlockIsFalse"
    if meta.module:
        return "module", ""
    for flag in ("raw", "noStrict"):
        if flag in meta.flags:
            return "sloppy", flag
    return "as-module", ""


def load_tests(
    root: Path, select: Callable[[str], bool] | None = None, limit: int | None = None
) -> list[Test]:
    """The tests under ``root/test`` (``_FIXTURE`` files are not tests), sorted by path,
    those ``select(path)`` accepts, at most ``limit`` of them."""
    test_dir = root / "test"
    paths = []
    for dirpath, dirnames, filenames in os.walk(test_dir):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, test_dir).replace(os.sep, "/")
        for name in filenames:
            if name.endswith(".js") and "_FIXTURE" not in name:
                rel = f"{rel_dir}/{name}" if rel_dir != "." else name
                if select is None or select(rel):
                    paths.append(rel)
    paths.sort()
    if limit is not None:
        paths = paths[:limit]
    harness_cache: dict[str, bytes] = {}
    tests = []
    for rel in paths:
        data = (test_dir / rel).read_bytes()
        source = data.decode("utf-8", errors="replace")
        meta = parse(source)
        kind, reason = classify(meta, source)
        deps, lazy = _deps(test_dir, rel, source)
        harness = harness_files(meta)
        digest = hashlib.sha256()
        for name, blob in [(rel, data), *((d, (test_dir / d).read_bytes()) for d in deps)]:
            digest.update(f"{name}\0{len(blob)}\0".encode())
            digest.update(blob)
        for name in harness:
            if name not in harness_cache:
                path = root / "harness" / name
                harness_cache[name] = path.read_bytes() if path.is_file() else b""
            digest.update(f"harness/{name}\0{len(harness_cache[name])}\0".encode())
            digest.update(harness_cache[name])
        tests.append(Test(rel, meta, kind, reason, deps, lazy, harness, digest.hexdigest()))
    return tests


def _deps(test_dir: Path, rel: str, source: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Sibling files a test names in a ``./name`` string (imports, ``import()``, fixtures
    named in strings), transitively through those files, the test itself excluded; and those
    of them that two tests of one build may share: the files reached only through an
    ``import("./name")`` of the test (lazy chunks) or named in other strings (not bundled)."""
    folder = rel.rsplit("/", 1)[0]
    static = _closure(test_dir, rel, [_join(folder, s) for s in _STATIC.findall(source)])
    everything = _closure(test_dir, rel, [_join(folder, s) for s in _SPECIFIER.findall(source)])
    return tuple(sorted(everything)), frozenset(everything - static)


def _join(folder: str, spec: str) -> str:
    return os.path.normpath(f"{folder}/{spec}").replace(os.sep, "/")


def _closure(test_dir: Path, rel: str, start: list[str]) -> set[str]:
    seen: set[str] = set()
    todo = list(start)
    while todo:
        target = todo.pop()
        if target in seen or target == rel or not (test_dir / target).is_file():
            continue
        seen.add(target)
        try:
            text = (test_dir / target).read_text("utf-8", errors="replace")
        except OSError:
            continue
        folder = target.rsplit("/", 1)[0]
        todo.extend(_join(folder, spec) for spec in _SPECIFIER.findall(text))
    return seen


def batches(tests: Iterable[Test], size: int) -> list[list[Test]]:
    """Tests in groups of at most ``size`` that are built together, such that no file is
    imported statically by two tests of one group (nor is a test imported by another of its
    group): then code splitting cannot put a module two tests share in a chunk of its own, and
    every test builds into one chunk, as it would alone. Files that tests only load with
    ``import()`` (or only name) may be shared: each is a lazy chunk of its own either way."""
    groups: list[tuple[list[Test], set[str], set[str]]] = []  # tests, static, lazy files
    start = 0  # groups before this one are full
    for test in tests:
        static = {test.path, *(d for d in test.deps if d not in test.lazy)}
        for i in range(start, len(groups)):
            members, used, lazy = groups[i]
            if len(members) < size and not (static & (used | lazy)) and not (test.lazy & used):
                members.append(test)
                used.update(static)
                lazy.update(test.lazy)
                break
        else:
            groups.append(([test], static, set(test.lazy)))
        while start < len(groups) and len(groups[start][0]) >= size:
            start += 1
    return [members for members, _, _ in groups]
