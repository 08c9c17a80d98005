"""Diagnostics: the one type every stage uses to report a problem in the user's input.

A diagnostic gets its line and column once, when it is made, from a byte-free character offset
into the text it is about (`locate`). Stages append diagnostics to a list and carry on; the build
fails once, at the end, with all of them (`BuildFailed`). Rendering follows the compilers users
know: ``path:line:col: error[code]: message``, then the source line and a caret.

Paths are stored absolute and shown relative to the working folder when rendered, so the core
never depends on where it was started from.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Location:
    """A point in a file: 1-based line and column (in characters), with the line's text."""

    path: str
    line: int = 0
    column: int = 0
    line_text: str = ""
    length: int = 1


@dataclass(frozen=True, slots=True)
class Diagnostic:
    severity: Severity
    code: str
    message: str
    location: Location | None = None
    notes: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def render(self, cwd: str | None = None) -> str:
        """The diagnostic as a user reads it in a terminal."""
        head = f"{self.severity}[{self.code}]: {self.message}"
        loc = self.location
        if loc is None:
            return "\n".join([head, *(f"  note: {n}" for n in self.notes)])
        where = display_path(loc.path, cwd)
        if loc.line:
            where += f":{loc.line}:{loc.column}"
        lines = [f"{where}: {head}"]
        if loc.line and loc.line_text:
            text, column = _window(loc.line_text.expandtabs(1).rstrip("\r\n"), loc.column)
            gutter = f"{loc.line:>5} | "
            lines.append(gutter + text)
            caret = "^" * max(1, min(loc.length, len(text) - column + 1, _WIDTH))
            lines.append(" " * (len(gutter) - 2) + "| " + " " * (column - 1) + caret)
        lines.extend(f"  note: {n}" for n in self.notes)
        return "\n".join(lines)

    def to_json(self, cwd: str | None = None) -> dict[str, object]:
        loc = self.location
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": display_path(loc.path, cwd) if loc else None,
            "line": loc.line if loc else None,
            "column": loc.column if loc else None,
            "notes": list(self.notes),
        }


_WIDTH = 100  # characters of a source line shown around the column


def _window(text: str, column: int) -> tuple[str, int]:
    """The part of a long line (a minified file's) around `column`, and the column in it."""
    if len(text) <= _WIDTH:
        return text, column
    start = max(0, min(column - 1 - _WIDTH // 3, len(text) - _WIDTH))
    part = text[start : start + _WIDTH]
    if start:
        part, column = "…" + part, column - start + 1
    if start + _WIDTH < len(text):
        part += "…"
    return part, column


def display_path(path: str, cwd: str | None = None) -> str:
    """`path` relative to the working folder when it lies below it, else as given."""
    cwd = cwd or os.getcwd()
    try:
        rel = os.path.relpath(path, cwd)
    except ValueError:  # another drive on Windows
        return path
    return path if rel.startswith("..") else rel.replace(os.sep, "/")


def line_starts(text: str | bytes) -> list[int]:
    """The offset at which each line of `text` begins: 0, then one past every newline. The one
    table every offset-to-line lookup bisects (line n, 1-based, starts at `starts[n - 1]`)."""
    newline = "\n" if isinstance(text, str) else b"\n"
    find = text.find
    starts = [0]
    i = find(newline)  # type: ignore[arg-type]
    while i >= 0:
        starts.append(i + 1)
        i = find(newline, i + 1)  # type: ignore[arg-type]
    return starts


@dataclass(slots=True)
class LineIndex:
    """Maps character offsets of one text to (line, column, line text), built once per text."""

    text: str
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._starts = line_starts(self.text)

    def locate(self, path: str, offset: int, length: int = 1) -> Location:
        line = bisect.bisect_right(self._starts, offset)
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        line_text = self.text[start : end if end >= 0 else len(self.text)]
        return Location(path, line, offset - start + 1, line_text, length)

    def at(self, path: str, line: int, column: int, length: int = 1) -> Location:
        """A location from a 1-based line and column that another parser reported."""
        line = max(1, min(line, len(self._starts)))
        start = self._starts[line - 1]
        end = self.text.find("\n", start)
        line_text = self.text[start : end if end >= 0 else len(self.text)]
        return Location(path, line, max(1, column), line_text, length)


def error(code: str, message: str, location: Location | None = None, *notes: str) -> Diagnostic:
    return Diagnostic("error", code, redact(message), location, tuple(map(redact, notes)))


def warning(code: str, message: str, location: Location | None = None, *notes: str) -> Diagnostic:
    return Diagnostic("warning", code, redact(message), location, tuple(map(redact, notes)))


_USERINFO = re.compile(r"(?<=://)[^/\s@\"']+@")


def redact(text: str) -> str:
    """A message with the password of any URL in it hidden (`https://user:***@host/`): an
    endpoint URL with credentials must not reach CI logs."""
    return _USERINFO.sub(_hide, text)


def _hide(match: re.Match) -> str:
    user, colon, _ = match.group(0)[:-1].partition(":")
    return f"{user}:***@" if colon else "***@"  # (a token alone as the user is a secret)


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    loc = d.location
    return (loc.path if loc else "", loc.line if loc else 0, loc.column if loc else 0, d.code)


class BuildFailed(Exception):
    """Raised by `build()` when any error was reported; carries every diagnostic of the build."""

    def __init__(self, diagnostics: list[Diagnostic], report: dict | None = None) -> None:
        self.diagnostics = sorted(diagnostics, key=sort_key)
        self.report = report  # the page report, when the build got as far as making it
        errors = sum(d.is_error for d in self.diagnostics)
        super().__init__(f"build failed with {errors} error{'s' if errors != 1 else ''}")


class ConfigError(Exception):
    """Raised when the configuration is invalid; carries every problem found (exit status 2)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} configuration error(s)")
