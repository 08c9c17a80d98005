"""The metadata of a test262 test: the YAML between ``/*---`` and ``---*/`` (INTERPRETING.md).

Only the keys a runner needs are read (``includes``, ``flags``, ``features``, ``negative``), with
a small parser for the subset of YAML test262 uses there: ``key: [a, b]`` lists, block lists
(``- a``), the nested ``negative:`` mapping, and ``|`` / ``>`` text blocks, which are skipped. No
PyYAML: it is not a dependency of the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLOCK = re.compile(r"/\*---(.*?)---\*/", re.DOTALL)
_KEY = re.compile(r"^([A-Za-z_][\w-]*):\s*(.*?)\s*$")


@dataclass(frozen=True, slots=True)
class Meta:
    """What a runner needs to know about one test."""

    includes: tuple[str, ...] = ()
    flags: frozenset[str] = frozenset()
    features: tuple[str, ...] = ()
    negative_phase: str | None = None  # "parse", "resolution" or "runtime"
    negative_type: str | None = None  # "SyntaxError", ...

    @property
    def module(self) -> bool:
        return "module" in self.flags

    @property
    def is_async(self) -> bool:
        return "async" in self.flags

    @property
    def negative(self) -> bool:
        return self.negative_phase is not None


def parse(source: str) -> Meta:
    """The metadata of the test whose text is ``source`` (defaults when it has none)."""
    found = _BLOCK.search(source)
    if not found:
        return Meta()
    keys = _top_level(found.group(1))
    negative = _mapping(keys.get("negative", ("", [])))
    return Meta(
        includes=tuple(_list(keys.get("includes", ("", [])))),
        flags=frozenset(_list(keys.get("flags", ("", [])))),
        features=tuple(_list(keys.get("features", ("", [])))),
        negative_phase=negative.get("phase"),
        negative_type=negative.get("type"),
    )


def _top_level(text: str) -> dict[str, tuple[str, list[str]]]:
    """Top-level keys: (the value on the key's line, the indented lines below it)."""
    keys: dict[str, tuple[str, list[str]]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line[0] not in " \t":
            match = _KEY.match(line)
            if match:
                current = []
                keys[match.group(1)] = (match.group(2), current)
                continue
        if current is not None:
            current.append(line.strip())
    return keys


def _scalar(text: str) -> str:
    text = text.split(" #", 1)[0].strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _list(entry: tuple[str, list[str]]) -> list[str]:
    inline, block = entry
    if inline.startswith("["):
        body = inline.strip("[] ")
        return [_scalar(item) for item in body.split(",") if item.strip()]
    if inline and inline not in ("|", ">", "|-", ">-"):
        return [_scalar(inline)]
    return [_scalar(line[1:]) for line in block if line.startswith("-")]


def _mapping(entry: tuple[str, list[str]]) -> dict[str, str]:
    inline, block = entry
    lines = block
    if inline.startswith("{"):
        lines = [part.strip() for part in inline.strip("{} ").split(",")]
    result = {}
    for line in lines:
        key, sep, value = line.partition(":")
        if sep:
            result[key.strip()] = _scalar(value)
    return result
