"""The beacons of real-user monitoring read back from a log: one page view per line, tallied.

The RUM script (`assetpipe/rum/`) sends one JSON object per page view; a collector or any log
keeps them, one per line:

    {"v":1,"page":"/blog/","build":"3f9a0c1d2e4b","nav":"navigate","ect":"4g",
     "lcp":1234.5,"cls":0.012,"inp":96,"fcp":812.3,"ttfb":120.4}

`read_beacons` turns each line into a page view or a reason it is none. The object is the text
from the line's first `{` to its last `}` (a log's prefix and suffix are dropped); blank lines
are passed over; a line that is no beacon (not JSON, no `page` path, a wrong type, another
version) is counted as skipped and the first is kept, located, for the message. A metric that
is not a finite number, 0 or more, is ignored (the rest of the view counts) and counted the
same way. Views are tallied per URL path as they are read (`Tally`: an array of values per
metric), so a million lines never become a million objects. `report/rum.py` summarizes the
tally. `read_file` is the only function that touches the disk.
"""

from __future__ import annotations

import gzip
import json
import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

METRICS = ("lcp", "cls", "inp", "fcp", "ttfb")  # the order of `PageTally.values`
UNKNOWN = "unknown"  # a beacon without `nav` or `ect`
VERSION = 1  # the beacon format read here (its `v`)


_CONTROLS = {c: "\ufffd" for c in [*range(0x20), *range(0x7F, 0xA0)] if c != 0x09}


def printable(text: str) -> str:
    """`text` with control characters (but tabs) shown as U+FFFD: a log line or a value read
    from one is printed to a terminal, where an escape sequence would be obeyed."""
    return text.translate(_CONTROLS)


class RumError(Exception):
    """The beacons (or the `--site` folder) cannot be read; the message says why."""


@dataclass(frozen=True, slots=True)
class Flaw:
    """The first line that was skipped, or the first value that was ignored: where and why."""

    line: int
    column: int
    text: str
    reason: str


class PageTally:
    """One URL path's views: a value array per metric (in `METRICS` order), nav and ect counts."""

    __slots__ = ("views", "values", "nav", "ect")

    def __init__(self) -> None:
        self.views = 0
        self.values = tuple(array("d") for _ in METRICS)
        self.nav: Counter[str] = Counter()
        self.ect: Counter[str] = Counter()

    def merge(self, other: PageTally) -> None:
        self.views += other.views
        for mine, theirs in zip(self.values, other.values, strict=True):
            mine.extend(theirs)
        self.nav.update(other.nav)
        self.ect.update(other.ect)


class Tally:
    """What `read_beacons` gathered: views per URL path, builds seen, lines skipped, values
    ignored. Built up line by line (the one mutable value here); `summarize` reads it."""

    def __init__(self, name: str, build: str | None = None) -> None:
        self.name = name  # the file, for locations ("<stdin>")
        self.build = build  # only the beacons of this build count
        self.pages: dict[str, PageTally] = {}
        self.lines = 0  # lines that are not blank
        self.beacons = 0  # beacons counted (of `build`, when given)
        self.builds: Counter[str] = Counter()  # every beacon's build ("" when it has none)
        self.skipped = 0
        self.first_skipped: Flaw | None = None
        self.ignored = 0
        self.first_ignored: Flaw | None = None

    def skip(self, line: int, column: int, text: str, reason: str) -> None:
        self.skipped += 1
        if self.first_skipped is None:
            self.first_skipped = Flaw(line, column, printable(text.rstrip("\r\n")), reason)

    def ignore(self, line: int, column: int, text: str, metric: str, value: object) -> None:
        self.ignored += 1
        if self.first_ignored is None:
            shown = json.dumps(value)
            shown = shown if len(shown) <= 40 else shown[:39] + "…"
            reason = f'"{metric}": {printable(shown)} is not a finite number, 0 or more'
            self.first_ignored = Flaw(line, column, printable(text.rstrip("\r\n")), reason)


_STRING_OR_NONE = frozenset((str, type(None)))
_LARGEST = sys.float_info.max  # a larger integer has no float: ignored like infinity


def read_beacons(lines: Iterable[str], name: str = "<stdin>", build: str | None = None) -> Tally:
    """Tally the beacons of `lines` (see the module docstring); `build`: only that build's.
    (The loop is the hot path of a million-line log: a beacon is checked with one condition,
    and `_problem` says what is wrong only for the lines that fail it.)"""
    tally = Tally(name, build)
    loads = json.loads
    pages = tally.pages
    builds = tally.builds
    either = _STRING_OR_NONE
    metrics = tuple(enumerate(METRICS))
    counted = read = 0
    for number, line in enumerate(lines, 1):
        start = line.find("{")
        if start < 0:
            if line.strip():
                read += 1
                tally.skip(number, 1, line, "not JSON (no {...} in the line)")
            continue
        read += 1
        end = line.rfind("}")
        if end < start:
            tally.skip(number, start + 1, line, "not JSON (no } after the {)")
            continue
        try:
            beacon = loads(line[start : end + 1])
        except ValueError as exc:
            column = start + 1 + getattr(exc, "pos", 0)
            tally.skip(number, column, line, f"not JSON: {getattr(exc, 'msg', exc)}")
            continue
        except RecursionError:  # thousands of nested arrays or objects
            tally.skip(number, start + 1, line, "JSON nested too deeply")
            continue
        if type(beacon) is not dict:
            tally.skip(number, start + 1, line, "not a JSON object")
            continue
        get = beacon.get
        page = get("page")
        made_by = get("build")
        nav = get("nav")
        ect = get("ect")
        if (
            type(page) is not str
            or page[:1] != "/"
            or not page.isprintable()
            or type(made_by) not in either
            or type(nav) not in either
            or type(ect) not in either
            or ("v" in beacon and get("v") != VERSION)
        ):
            tally.skip(number, start + 1, line, _problem(beacon))
            continue
        made_by = made_by or ""
        builds[made_by] += 1
        if build is not None and made_by != build:
            continue
        counted += 1
        view = pages.get(page)
        if view is None:
            view = pages[page] = PageTally()
        view.views += 1
        view.nav[nav or UNKNOWN] += 1
        view.ect[ect or UNKNOWN] += 1
        values = view.values
        for i, metric in metrics:
            value = get(metric)
            if value is None:
                continue
            kind = type(value)
            if (kind is float or kind is int) and 0 <= value <= _LARGEST:
                values[i].append(value)
            else:
                tally.ignore(number, start + 1, line, metric, value)
    tally.lines = read
    tally.beacons = counted
    return tally


def _problem(beacon: dict) -> str:
    """Why `beacon` (a JSON object) is not one."""
    page = beacon.get("page")
    if page is None:
        return 'no "page"'
    if type(page) is not str or not page.startswith("/") or not page.isprintable():
        return '"page" is not a URL path ("/blog/")'
    for key in ("build", "nav", "ect"):
        value = beacon.get(key)
        if value is not None and type(value) is not str:
            return f'"{key}" is not a string'
    return f'beacon version {beacon.get("v")!r} ("v"); this assetpipe reads {VERSION}'


def read_file(path: str | Path, build: str | None = None) -> Tally:
    """`read_beacons` over the file at `path` (gzip-compressed when it ends in `.gz`), read as
    UTF-8 with undecodable bytes replaced. Raises `RumError` when it cannot be read, also
    midway (a truncated or corrupt .gz, a failing disk)."""
    name = str(path)
    try:
        with _open(Path(path)) as handle:
            return read_beacons(handle, name, build)
    except (OSError, EOFError) as exc:
        raise RumError(f"cannot read {name}: {getattr(exc, 'strerror', None) or exc}") from None


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return path.open(encoding="utf-8", errors="replace")
