"""Scan: list the source folder once: its pages, its public files, every other file.

Skipped: `node_modules/`, hidden files and folders outside `public/` (whose `.well-known/` is
kept), `.git` and `.DS_Store` everywhere, the output and cache
folders when they lie inside the source folder, and the `exclude` globs of the configuration.
Every `*.html` outside `public/` is a page. The listing is sorted, so nothing downstream depends
on the order the file system returns.
"""

from __future__ import annotations

import fnmatch
import os
import posixpath

from .diagnostics import display_path
from .model import SourceTree
from .resolve import is_page

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
    skipped = {os.path.abspath(p) for p in skip}
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
    )


def _excluded(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(
        fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(posixpath.basename(rel), p)
        for p in patterns
    )
