"""`assetpipe watch`: build, serve, and rebuild on every save.

A watchdog observer (inotify on Linux, FSEvents on macOS: no polling) watches the source folder,
the configuration file, and every file the last build read outside the source folder (packages
in a `node_modules` above it). Events are collected and debounced: a rebuild starts once no new
event came for `QUIET` seconds, so a burst of saves (a `git checkout`, a formatter over the
tree) gives one rebuild. Editors' ways of saving all end in an event on the real path: in-place
writes, write-then-rename ("safe write"), delete-then-create; their temporary and swap files
are ignored, as are events under `node_modules` for files the build did not read.

Rebuilds run in this process with one memo kept across builds (`cache.Memo`: module analyses
stay decoded in memory), so only what a change affects is recomputed: changed modules are
re-analysed, image encodes and minified stylesheets come from the cache, pages are re-rendered.
Builds are development builds (`development_config`). A failed rebuild prints its diagnostics,
leaves the last good output in place (builds swap in atomically) and is shown in the browser as
an overlay; the watcher carries on.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import queue
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..cache import Memo
from ..config import Config
from ..diagnostics import BuildFailed, ConfigError, Diagnostic

QUIET = 0.025  # seconds without events before a rebuild starts (editors save within a few ms)
LONGEST_WAIT = 1.0  # a steady stream of events still rebuilds this often

# Editors' temporary, backup and swap files: vim (.swp, .swx, 4913, ~), emacs (.#x, #x#),
# JetBrains (___jb_tmp___, ___jb_old___), Kate and others (.kate-swp, .tmp), browsers' partial
# downloads, macOS metadata.
_IGNORED = re.compile(
    r"(^\.#|^#.*#$|~$|\.sw[a-p]$|\.swx$|^4913$|\.tmp$|___jb_(tmp|old)___$|\.kate-swp$|"
    r"^\.DS_Store$|\.crdownload$|\.part$|^\.goutputstream-)"
)
_IGNORED_FOLDERS = frozenset({".git", ".hg", ".svn", ".idea", ".vscode", "__pycache__"})


def development_config(config: Config, images: bool = False) -> Config:
    """What watch builds: not minified, source maps inline, images copied as they are unless
    `images` (encoding every width on each save would be slow), and marked as a development
    build so that deploy refuses it; no real-user monitoring (a developer's page views are no
    visitor's). References, pages and bundling are as in `build`."""
    build = dataclasses.replace(
        config.build, minify=False, sourcemap=True, inline_sourcemaps=True, development=True
    )
    if not build.base.startswith("/"):
        build = dataclasses.replace(build, base="/")  # a CDN URL: serve locally instead
    images_config = config.images if images else dataclasses.replace(config.images, optimize=False)
    rum = dataclasses.replace(config.rum, endpoint="")
    return dataclasses.replace(config, build=build, images=images_config, rum=rum)


class Changes:
    """Relevant file-system events, collected from the observer's thread."""

    def __init__(self, src: Path, ignore: tuple[Path, ...], config_file: Path | None) -> None:
        self.src = src
        self.ignore = ignore
        self.config_file = config_file
        self.inputs: frozenset[str] = frozenset()
        self.events: queue.Queue[str] = queue.Queue()

    def relevant(self, path: str) -> bool:
        p = Path(path)
        if _IGNORED.search(p.name):
            return False
        if self.config_file is not None and p == self.config_file:
            return True
        if any(p == i or p.is_relative_to(i) for i in self.ignore):
            return False
        if not p.is_relative_to(self.src):
            return path in self.inputs
        parts = p.relative_to(self.src).parts
        if any(
            part in _IGNORED_FOLDERS or ".assetpipe-tmp" in part or ".assetpipe-blobs" in part
            for part in parts
        ):
            return False  # (the output being written, when it lies in the source folder)
        if "node_modules" in parts:
            return path in self.inputs or any(
                i.startswith(path + os.sep) for i in self.inputs
            )  # a renamed package folder
        return True

    def add(self, *paths: str) -> None:
        for path in paths:
            if path and self.relevant(path):
                self.events.put(path)

    def wait(self, stop: threading.Event) -> set[str]:
        """The next batch of changed paths: blocks for the first, then takes every other one
        until the events stop for QUIET seconds (or LONGEST_WAIT passed)."""
        changed: set[str] = set()
        while not stop.is_set():
            try:
                changed.add(self.events.get(timeout=0.25))
                break
            except queue.Empty:
                continue
        started = time.monotonic()
        while not stop.is_set() and time.monotonic() - started < LONGEST_WAIT:
            try:
                changed.add(self.events.get(timeout=QUIET))
            except queue.Empty:
                break
        return changed


def _handler(changes: Changes, on_folder: Callable[[str], None] | None = None):
    from watchdog.events import FileSystemEventHandler

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event) -> None:  # created, modified, deleted, moved, closed
            if event.event_type in ("opened", "closed_no_write"):
                return
            if event.is_directory and event.event_type in ("modified", "closed"):
                return  # a folder's listing changed: its files' own events say how
            if (
                on_folder is not None
                and event.is_directory
                and event.event_type
                in (
                    "created",
                    "moved",
                )
            ):
                on_folder(getattr(event, "dest_path", "") or event.src_path)
            changes.add(event.src_path, getattr(event, "dest_path", "") or "")

    return Handler()


@dataclasses.dataclass
class Outcome:
    ok: bool
    kind: str  # "reload", "css", or "error"
    seconds: float
    diagnostics: list[Diagnostic]
    result: object | None = None


class Watcher:
    """Builds `config` now and again on every relevant change; `on_build(outcome)` hears of each
    build. `load_config()` re-reads the configuration when its file changes."""

    def __init__(
        self,
        config: Config,
        load_config: Callable[[], Config],
        on_build: Callable[[Outcome], None],
        config_file: Path | None = None,
    ) -> None:
        self.config = config
        self.load_config = load_config
        self.on_build = on_build
        self.src = Path(config.build.src).resolve()
        out = Path(config.build.out).resolve()
        cache_dir = Path(config.build.cache_dir).resolve()
        self.changes = Changes(
            self.src, (out, cache_dir), config_file.resolve() if config_file else None
        )
        self.memo = Memo()
        self.stop_event = threading.Event()
        self.builds = 0
        self._observer = None
        self._watched: set[str] = set()
        self._split: set[str] = set()  # folders watched alone (see `_watch_tree`)

    def build(self, changed: set[str] | None = None) -> Outcome:
        from .build import build

        started = time.perf_counter()
        if changed and self.changes.config_file and str(self.changes.config_file) in changed:
            try:
                self.config = self.load_config()
            except ConfigError as exc:
                return self._finish(
                    Outcome(False, "error", time.perf_counter() - started, list(exc.diagnostics))
                )
        kind = "css" if changed and all(p.endswith(".css") for p in changed) else "reload"
        try:
            result = build(self.config, memo=self.memo)
        except BuildFailed as exc:
            return self._finish(
                Outcome(False, "error", time.perf_counter() - started, list(exc.diagnostics))
            )
        self.changes.inputs = frozenset(result.inputs)
        self._watch_outside(result.inputs)
        return self._finish(
            Outcome(True, kind, time.perf_counter() - started, list(result.warnings), result)
        )

    def _finish(self, outcome: Outcome) -> Outcome:
        self.on_build(outcome)
        self.builds += 1
        return outcome

    def start(self) -> None:
        from watchdog.observers import Observer

        self._observer = Observer()
        self._watch_tree(self.src)
        if self.changes.config_file is not None:
            self._schedule(str(self.changes.config_file.parent))
        self._observer.start()

    def _watch_tree(self, folder: Path) -> None:
        """Watch the source folder recursively, except the output and cache folders when they
        lie in it: the output is swapped in by renaming folders, which a recursive inotify
        watch over it does not survive. A folder holding one is watched alone, and each of
        its other subfolders recursively (also those made later: `_new_folder`)."""
        inside = [i for i in self.changes.ignore if i != folder and i.is_relative_to(folder)]
        if folder in self.changes.ignore or ".assetpipe-" in folder.name:
            return
        self._watched.add(str(folder))
        if not inside:
            self._observer.schedule(_handler(self.changes), str(folder), recursive=True)
            return
        self._split.add(str(folder))
        self._observer.schedule(
            _handler(self.changes, self._new_folder), str(folder), recursive=False
        )
        for child in sorted(folder.iterdir()):
            if child.is_dir() and not child.is_symlink():
                self._watch_tree(child)

    def _new_folder(self, path: str) -> None:
        """A folder made in a folder watched alone: watched from now on."""
        if os.path.dirname(path) in self._split and path not in self._watched:
            with contextlib.suppress(OSError):
                self._watch_tree(Path(path))

    def _schedule(self, folder: str) -> None:
        if folder in self._watched or self._observer is None or not os.path.isdir(folder):
            return
        if Path(folder).is_relative_to(self.src):
            return  # under the source folder's watch already
        self._watched.add(folder)
        self._observer.schedule(_handler(self.changes), folder, recursive=False)

    def _watch_outside(self, inputs: tuple[str, ...]) -> None:
        for path in inputs:
            if not Path(path).is_relative_to(self.src):
                self._schedule(os.path.dirname(path))

    def run(self) -> None:
        """Rebuild on changes until `stop()`."""
        while not self.stop_event.is_set():
            changed = self.changes.wait(self.stop_event)
            if changed and not self.stop_event.is_set():
                self.build(changed)

    def stop(self) -> None:
        self.stop_event.set()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join(timeout=5)
