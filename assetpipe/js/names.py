"""Names: the modules of a chunk share one top-level scope, so their names must not collide.

Readable builds keep every name, renaming only a top-level name that collides with another
module's, with a global the chunk uses, or with a name declared anywhere in the chunk's nested
scopes (which could capture it): `name$1`, `name$2`. Minified builds rename everything they can,
as esbuild does: a nested binding gets a slot numbered after all the slots of its enclosing
scopes, so sibling scopes reuse slots and an inner name can never shadow an outer one; slots
and top-level names are then ordered by how often they are used and given the shortest free
names. Names a direct `eval` could see, and globals the chunk uses, are never given out.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterator

RESERVED = frozenset(
    {
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "instanceof",
        "interface",
        "let",
        "new",
        "null",
        "package",
        "private",
        "protected",
        "public",
        "return",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "var",
        "void",
        "while",
        "with",
        "yield",
        "arguments",
        "eval",
        "undefined",
        "NaN",
        "Infinity",
        "async",
        "of",
        "get",
        "set",
    }
) | frozenset(keyword.kwlist)

FIRST_NAMES = "etnsoiarlcdufphmgbvyxwkqjzETNSOIARLCDUFPHMGBVYXWKQJZ_$"
_REST = FIRST_NAMES + "0123456789"


def short_names() -> Iterator[str]:
    """a, b, ..., $, aa, ab, ...: every identifier, shortest first."""
    length = 1
    while True:
        yield from _names_of_length(length)
        length += 1


def _names_of_length(n: int) -> Iterator[str]:
    if n == 1:
        yield from FIRST_NAMES
        return
    for prefix in _names_of_length(n - 1):
        for c in _REST:
            yield prefix + c


def readable(
    wanted: list[tuple[object, str]],
    reserved: set[str],
    extra: dict[object, set[str]] | None = None,
) -> dict[object, str]:
    """Each (id, preferred name) gets its name, or `name$N` when taken; in the given order.
    `extra` holds, per id, more names it must not take."""
    taken = set(reserved)
    result: dict[object, str] = {}
    for ident, name in wanted:
        avoid = extra.get(ident, ()) if extra else ()
        candidate, n = name, 0
        while candidate in taken or candidate in RESERVED or candidate in avoid:
            n += 1
            candidate = f"{name}${n}"
        taken.add(candidate)
        result[ident] = candidate
    return result


def minified(weights: list[tuple[object, int]], reserved: set[str]) -> dict[object, str]:
    """Each id gets a distinct short name, the most used ids the shortest."""
    ordered = sorted(weights, key=lambda w: -w[1])  # stable: ties keep their order
    names = short_names()
    result: dict[object, str] = {}
    for ident, _ in ordered:
        name = next(names)
        while name in reserved or name in RESERVED:
            name = next(names)
        result[ident] = name
    return result
