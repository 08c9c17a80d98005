"""Selectors for matching a page's static HTML: what of a selector a page can answer, and a
quick test of whether it can match at all.

`for_matching` drops what the HTML alone cannot decide: pseudo-elements (`::before`),
user-action and state pseudo-classes (`:hover`, `:focus-visible`, `:target`, ...), and vendor
ones; a compound left empty becomes `*`. Structural pseudo-classes (`:nth-child()`, `:root`,
`:empty`, ...) and `:is()`/`:where()`/`:has()` stay, with their insides cleaned the same way.
A compound that starts with a pseudo-class gets an explicit `*` (Lexbor, the matching engine,
mis-reads `:is(.a) b` without it).

`at_first_paint` judges the whole selector as at first paint, and `:not()` always is: no
element is hovered, focused, active, targeted or visited, so a selector that needs such a
state cannot match (`a:hover` is None), and inside `:not()` an alternative that needs one
leaves the list (`a:not(:hover)` is `a`, `a:not(.x, :focus)` is `a:not(.x)`);
`:is()`/`:where()` keep only the alternatives that can. Dropping a state outright inside
`:not()` would turn `:not(:hover)` into `:not(*)`, which matches nothing.

`requirements` lists the classes, ids and type names outside any functional pseudo-class: a
page that lacks one cannot match the selector, which lets most of a large stylesheet's
selectors be rejected without asking the engine.
"""

from __future__ import annotations

import tinycss2

STATIC_PSEUDO_CLASSES = frozenset(
    {
        "root",
        "first-child",
        "last-child",
        "only-child",
        "first-of-type",
        "last-of-type",
        "only-of-type",
        "empty",
        "checked",
        "disabled",
        "enabled",
        "required",
        "optional",
        "read-only",
        "read-write",
        "link",
        "any-link",
        "defined",
        "indeterminate",
        "default",
        "placeholder-shown",
        "scope",
    }
)
STATIC_PSEUDO_FUNCTIONS = frozenset(
    {
        "nth-child",
        "nth-last-child",
        "nth-of-type",
        "nth-last-of-type",
        "not",
        "is",
        "where",
        "has",
        "lang",
        "matches",
        "-webkit-any",
        "-moz-any",
    }
)
# false at first paint: what a user does, or a place the page was scrolled or navigated to
FIRST_PAINT_FALSE = frozenset(
    {
        "hover",
        "focus",
        "focus-visible",
        "focus-within",
        "active",
        "target",
        "target-within",
        "visited",
        "user-invalid",
        "user-valid",
        "current",
        "past",
        "future",
        "playing",
        "paused",
        "fullscreen",
        "modal",
        "popover-open",
        "autofill",
        "drop",
    }
)
_LEGACY_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter"})
_SELECTOR_FUNCTIONS = frozenset(
    {
        "not",
        "is",
        "where",
        "has",
        "matches",
        "-webkit-any",
        "-moz-any",
        "nth-child",
        "nth-last-child",
    }
)


def split_list(tokens: list) -> list[list]:
    """A selector list's tokens, one list per complex selector."""
    result: list[list] = [[]]
    for t in tokens:
        if t.type == "literal" and t.value == ",":
            result.append([])
        elif t.type != "comment":
            result[-1].append(t)
    return [_trim(s) for s in result if _trim(s)]


def _trim(tokens: list) -> list:
    start, end = 0, len(tokens)
    while start < end and tokens[start].type == "whitespace":
        start += 1
    while end > start and tokens[end - 1].type == "whitespace":
        end -= 1
    return tokens[start:end]


def for_matching(tokens: list) -> str:
    """The selector (one complex selector's tokens) as the static HTML can answer it."""
    return _clean(tokens, exact=False) or "*"


def at_first_paint(tokens: list) -> str | None:
    """The selector as it matches at first paint, when nothing is hovered, focused, active
    or targeted (`a:hover` is None, `a:not(:hover)` is `a`); None if it cannot match then."""
    return _clean(tokens, exact=True)


def _clean(tokens: list, *, exact: bool) -> str | None:
    """The selector for the engine. Not `exact`: states and actions are left out (`a:hover` is
    `a`). `exact`: as at first paint, where they are false; None when the selector cannot
    match then."""
    out: list[str] = []
    compound_start = True
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.type == "whitespace" or (t.type == "literal" and t.value in (">", "+", "~")):
            if out and out[-1] == "" and compound_start:
                out.pop()
            out.append(" " if t.type == "whitespace" else f" {t.value} ")
            compound_start = True
            i += 1
            continue
        if t.type == "literal" and t.value == ":":
            nxt = tokens[i + 1] if i + 1 < n else None
            if nxt is not None and nxt.type == "literal" and nxt.value == ":":  # ::pseudo-element
                i += 3
                if compound_start:
                    out.append("*")
                    compound_start = False
                continue
            if nxt is None:
                i += 1
                continue
            if nxt.type == "ident" and nxt.lower_value in STATIC_PSEUDO_CLASSES:
                text = ":" + nxt.serialize()
            elif nxt.type == "ident" and nxt.lower_value in _LEGACY_PSEUDO_ELEMENTS:
                text = ""  # `a:before`: a pseudo-element of `a`
            elif nxt.type == "function" and nxt.lower_name in STATIC_PSEUDO_FUNCTIONS:
                found = _function(nxt, exact)
                if found is None:
                    return None
                text = found and ":" + found
            elif exact and _false_at_first_paint(nxt):
                return None
            elif exact and nxt.type in ("ident", "function"):
                text = ":" + nxt.serialize()  # unknown here: the engine decides, or refuses
            else:
                text = ""  # a state, an action, a vendor pseudo-class: not in static HTML
            if compound_start:
                out.append("*")
                compound_start = False
            out.append(text)
            i += 2
            continue
        if t.type == "literal" and t.value == "&":
            out.append(t.value)
        else:
            out.append(t.serialize())
        compound_start = False
        i += 1
    return " ".join("".join(out).split()) or "*"


def _false_at_first_paint(token) -> bool:
    name = token.lower_value if token.type == "ident" else getattr(token, "lower_name", "")
    return name in FIRST_PAINT_FALSE or name.startswith("-")


def _function(fn, exact: bool) -> str | None:
    """A functional pseudo-class cleaned (without its colon); None when it cannot match at
    first paint (`exact` only), "" when it always does (a `:not()` of states only)."""
    name = fn.lower_name
    if name in _SELECTOR_FUNCTIONS:
        args = fn.arguments
        if name.startswith("nth-"):  # token by token: serialize() would write 2n/**/+1
            return f"{fn.name}({''.join(t.serialize() for t in args)})"
        if name == "not":  # judged as at first paint, whatever the context
            kept = [c for c in (_clean(s, exact=True) for s in split_list(args)) if c is not None]
            return f"not({', '.join(kept)})" if kept else ""
        if exact:
            kept = [c for c in (_clean(s, exact=True) for s in split_list(args)) if c is not None]
            if not kept:
                return None
            inner = ", ".join(kept)
        else:
            inner = ", ".join(for_matching(s) for s in split_list(args))
        if name == "where" or name in ("matches", "-webkit-any", "-moz-any"):
            name = "is"
        return f"{name}({inner or '*'})"
    return f"{fn.name}({tinycss2.serialize(fn.arguments)})"


def requirements(tokens: list) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(classes, ids, type names) every match needs, outside functional pseudo-classes."""
    classes: set[str] = set()
    ids: set[str] = set()
    tags: set[str] = set()
    prev = None
    for t in tokens:
        if t.type == "ident" and prev is not None and prev.type == "literal" and prev.value == ".":
            classes.add(t.value)
        elif t.type == "hash":
            ids.add(t.value)
        elif t.type == "ident" and (
            prev is None
            or prev.type == "whitespace"
            or (prev.type == "literal" and prev.value in (">", "+", "~"))
        ):
            tags.add(t.lower_value)
        prev = t
    return frozenset(classes), frozenset(ids), frozenset(tags)
