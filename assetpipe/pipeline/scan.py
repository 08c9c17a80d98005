"""Scan: list the source folder once: its pages, its public files, every other file.

Skipped: `node_modules/`, hidden files and folders outside `public/` (whose `.well-known/` is
kept), `.git` and `.DS_Store` everywhere, the output and cache
folders when they lie inside the source folder, and the `exclude` globs of the configuration.
Every `*.html` outside `public/` is a page. The listing is sorted, so nothing downstream depends
on the order the file system returns.

Symlinks are followed only to files inside the source folder: one whose target lies outside it
(`img/x.png -> /etc/passwd`), does not exist, or loops is left out and noted in
`SourceTree.links`, so a reference to it is an error and a public one is not published.
Symlinked folders are not entered. (Packages are read where `node_modules` links lead: see
`js/resolve.py`.)
"""

from __future__ import annotations

import fnmatch
import os
import posixpath

from ..diagnostics import display_path
from .locate import is_page
from .values import SourceTree

SKIP_DIRS = frozenset({"node_modules", "__pycache__"})
JUNK = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})


def scan(
    root: str,
    *,
    public_dir: str = "public",
    exclude: tuple[str, ...] = (),
    skip: tuple[str, ...] = (),
) -> SourceTree:
    """List `root`. `skip` holds absolute folders (output, cache) never to enter."""
    root = os.path.abspath(root)
    real_root = os.path.realpath(root)
    skipped = {os.path.abspath(p) for p in skip}
    links: dict[str, str] = {}
    files: list[str] = []
    public: list[str] = []
    public_prefix = public_dir.rstrip("/") + "/"
    for folder, dirs, names in os.walk(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        in_public = rel_folder.startswith(public_prefix)
        dirs[:] = sorted(
            d
            for d in dirs
            if d not in SKIP_DIRS
            and d != ".git"
            and (not d.startswith(".") or in_public)
            and os.path.join(folder, d) not in skipped
        )
        for name in sorted(names):
            rel = rel_folder + name
            if name in JUNK or (name.startswith(".") and not rel.startswith(public_prefix)):
                continue
            full = os.path.join(folder, name)
            if os.path.islink(full):
                why = _link_problem(full, real_root)
                if why:
                    links[rel] = why
                    continue
            if rel.startswith(public_prefix):
                public.append(rel[len(public_prefix) :])
            elif not _excluded(rel, exclude):
                files.append(rel)
    pages = tuple(sorted(f for f in files if is_page(f)))
    return SourceTree(
        root=root,
        display_root=display_path(root),
        files=frozenset(files),
        pages=pages,
        public_set=frozenset(public),
        public_dir=public_dir.rstrip("/"),
        links=links,
    )


def _link_problem(path: str, real_root: str) -> str | None:
    """Why the symlink at `path` is not read: broken, looping, or leading out of the source
    folder (None: it leads to a file inside)."""
    try:
        target = os.path.realpath(path, strict=True)
    except (OSError, RuntimeError):
        return "a broken symlink (its target does not exist, or the links loop)"
    if os.path.commonpath([target, real_root]) != real_root:
        return f"a symlink to {target}, outside the source folder"
    if not os.path.isfile(target):
        return "a symlink to a folder where a file is expected"
    return None


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(
        fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(posixpath.basename(rel), p)
        for p in patterns
    )
