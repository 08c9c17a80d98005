"""Entries named in the configuration (`[build] entries`): scripts and stylesheets a server's
templates load, built without an HTML page naming them.

Each pattern is a path relative to the source folder or a glob over the files `scan` listed:
`*` and `?` stay within a folder name, `**/` spans any number of folders (none included), and
`[...]` is a character class, as in a shell or Vite's `build.rollupOptions.input` globs. A
pattern that matches nothing, or a file that is neither a script nor a stylesheet, is an error
located at the configuration.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..diagnostics import Diagnostic, Location, error
from ..js.typescript import EXTENSIONS as TS_EXTENSIONS
from ..media_types import extension
from .values import SourceTree

SCRIPT_EXTENSIONS = frozenset({".js", ".mjs", *TS_EXTENSIONS})
STYLE_EXTENSIONS = frozenset({".css"})
DECLARATION = re.compile(r"\.d\.[mc]?ts$")


@dataclass(frozen=True, slots=True)
class Entries:
    """The entries a build's configuration names, sorted: module keys and stylesheet paths."""

    scripts: tuple[str, ...] = ()
    stylesheets: tuple[str, ...] = ()

    @property
    def all(self) -> tuple[str, ...]:
        return tuple(sorted((*self.scripts, *self.stylesheets)))


NO_ENTRIES = Entries()


def find_entries(
    tree: SourceTree, patterns: tuple[str, ...], locate: Callable[[str], Location]
) -> tuple[Entries, list[Diagnostic]]:
    """The files of `tree` the `patterns` name, and an error (where `locate` finds the pattern
    in the configuration) for each pattern that names none and each file that is no script or
    stylesheet."""
    scripts: set[str] = set()
    styles: set[str] = set()
    problems: list[Diagnostic] = []
    for pattern in patterns:
        clean = pattern.removeprefix("./")
        if _is_glob(clean):
            regex = _glob_regex(clean)
            found = [f for f in tree.files if regex.fullmatch(f)]  # (sorted below)
        else:
            found = [clean] if clean in tree.files else []
        if not found:
            problems.append(_unmatched(pattern, tree, locate(pattern)))
            continue
        for path in found:
            ext = extension(path)
            if DECLARATION.search(path):  # types only: nothing to run
                ext = ".d.ts"
            if ext in SCRIPT_EXTENSIONS:
                scripts.add(path)
            elif ext in STYLE_EXTENSIONS:
                styles.add(path)
            elif not _is_glob(clean):  # (a glob passes over the files it cannot build)
                problems.append(
                    error(
                        "entry",
                        f"build.entries: {path} is neither a script nor a stylesheet",
                        locate(pattern),
                        "an entry is a .js, .mjs, .ts, .tsx, .jsx or .css file (not a .d.ts); "
                        "other files are built when a script, a stylesheet or a page refers "
                        "to them",
                    )
                )
    return Entries(tuple(sorted(scripts)), tuple(sorted(styles))), problems


def _unmatched(pattern: str, tree: SourceTree, where: Location) -> Diagnostic:
    kind = "matches no file" if _is_glob(pattern) else "is not a file"
    hint = (
        "paths and globs are relative to the source folder; node_modules, hidden files and "
        "the public folder are not searched"
    )
    return error(
        "entry",
        f"build.entries: {pattern!r} {kind} in {tree.display_root}",
        where,
        hint,
    )


def _is_glob(pattern: str) -> bool:
    return any(c in pattern for c in "*?[")


@lru_cache(maxsize=64)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:[^/]*/)*")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end + 1
                continue
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out))
