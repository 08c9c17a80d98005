"""Edits around Lightning CSS, so that a minified stylesheet means in browsers what the author's
did. Each was found on a real framework's stylesheet (issue #12) and is a Lightning CSS bug or
strictness, reported upstream:

- **Duplicate font families** (`font-family: monospace, monospace`, normalize.css's way out of
  the browsers' 13 px monospace quirk): Lightning removes the duplicate, and `<code>` shrinks
  from 16 to 13 px (lightningcss#1221). Duplicates are hidden behind marker names (`protect`)
  and put back after minification (`restore`).
- **Legacy placeholder selectors** (`:-moz-placeholder`, `:-ms-input-placeholder`,
  `::-ms-input-placeholder`): Lightning renames them to `:placeholder-shown` or
  `::-moz-placeholder`, which today's browsers match, so an empty input takes its placeholder's
  colour (Bulma). No current browser matches the originals, so a rule whose selector has one
  never applies, and `protect` drops it.
- **Old IE hacks that browsers skip but Lightning refuses** (`*zoom: 1`, `color: red !ie`,
  `@media (min-width: 0\\0)`; Tachyons, Foundation): when Lightning reports an error, `recover`
  blanks out declarations that CSS syntax does not accept as declarations (a browser drops them)
  and media rules whose query Lightning cannot parse (a browser evaluates it to `not all`), and
  Lightning tries again.

Removed text becomes spaces (newlines kept), so every other character keeps its line and
column, and errors still point at the author's text. Both passes walk tinycss2's component
values, and only run when a cheap test of the text says they may have work.
"""

from __future__ import annotations

from collections.abc import Callable

import tinycss2

VERSION = "2"  # part of the minifier's cache key: bump when an edit changes

_DEAD_PSEUDO = {  # (colons, name) of selectors no current browser matches
    (1, "-moz-placeholder"),
    (1, "-ms-input-placeholder"),
    (2, "-ms-input-placeholder"),
}
_MARKER = "__asp_family{}__"
_GENERIC = ("monospace", "serif", "cursive", "fantasy", "system-ui")  # what a duplicate has


def protect(text: str) -> tuple[str, dict[str, str]]:
    """`text` with duplicate font families behind markers and dead placeholder rules
    removed, and the markers' original texts (for `restore`)."""
    low = text.lower()
    if "placeholder" not in low and not any(low.count(g) > 1 for g in _GENERIC):
        return text, {}
    edits: list[tuple[int, int, str]] = []
    markers: dict[str, str] = {}
    _walk(_Level(text, tinycss2.parse_component_value_list(text), len(text)), edits, markers)
    return _apply(text, edits), markers


def restore(text: str, markers: dict[str, str]) -> str:
    for marker, original in markers.items():
        text = text.replace(marker, original)
    return text


def recover(text: str, media_ok: Callable[[str], bool]) -> tuple[str, list[tuple[int, int]]]:
    """`text` with what browsers skip and Lightning refuses blanked out, and the spans blanked;
    `media_ok` tells whether Lightning parses a media query list."""
    edits: list[tuple[int, int, str]] = []
    level = _Level(text, tinycss2.parse_component_value_list(text), len(text))
    _recover(level, edits, media_ok, style=False)
    return _apply(text, edits), [(start, end) for start, end, _ in sorted(edits)]


class _Level:
    """The component values of one level (the sheet, or a block's contents), with offsets: a
    token ends where the next one starts, the last one where the level ends."""

    def __init__(self, text: str, tokens: list, end: int, starts: list[int] | None = None):
        self.text = text
        self.tokens = tokens
        self.starts = starts if starts is not None else _line_starts(text)
        self.offsets = [self.starts[t.source_line - 1] + t.source_column - 1 for t in tokens]
        self.offsets.append(end)

    def chunks(self):
        """(start index, end index exclusive, block index or -1): statements ending with `;`
        or a `{}` block, or at the level's end."""
        first = 0
        for i, t in enumerate(self.tokens):
            if t.type == "{} block":
                yield first, i + 1, i
                first = i + 1
            elif t.type == "literal" and t.value == ";":
                yield first, i + 1, -1
                first = i + 1
        if first < len(self.tokens):
            yield first, len(self.tokens), -1

    def inner(self, i: int) -> _Level:
        """The level inside the block at index `i` (before its closing brace)."""
        end = self.offsets[i + 1]
        if self.text[end - 1 : end] == "}":
            end -= 1
        return _Level(self.text, self.tokens[i].content, end, self.starts)

    def significant(self, a: int, b: int) -> list[int]:
        return [i for i in range(a, b) if self.tokens[i].type not in ("whitespace", "comment")]


def _walk(level: _Level, edits: list, markers: dict[str, str]) -> None:
    tokens = level.tokens
    for a, b, block in level.chunks():
        if block >= 0:
            if _dead_selector(tokens[a:block]):
                edits.append((level.offsets[a], level.offsets[b], ""))
            else:
                _walk(level.inner(block), edits, markers)
            continue
        sig = level.significant(a, b)
        if (
            len(sig) > 2
            and tokens[sig[0]].type == "ident"
            and tokens[sig[0]].lower_value in ("font-family", "font")
            and tokens[sig[1]] == ":"
        ):
            _protect_families(level, sig[2:], edits, markers)


def _dead_selector(prelude: list) -> bool:
    colons = 0
    for t in prelude:
        if t.type == "literal" and t.value == ":":
            colons += 1
            continue
        if t.type == "ident" and (colons, t.lower_value) in _DEAD_PSEUDO:
            return True
        if t.type == "function" and _dead_selector(t.arguments):
            return True
        colons = 0
    return False


def _protect_families(level: _Level, sig: list[int], edits: list, markers: dict[str, str]):
    """Later duplicates in a family list (the part after the last comma-free prefix of `font`)
    become markers."""
    tokens = level.tokens
    families: list[list[int]] = [[]]
    for i in sig:
        t = tokens[i]
        if t.type == "literal" and t.value == ",":
            families.append([])
        elif t.type == "literal" and t.value in ("!", ";"):
            break
        else:
            families[-1].append(i)
    seen: set[str] = set()
    for k, family in enumerate(families):
        names = [tokens[i] for i in family]
        if k == 0 and names:  # `font: 12px/1.5 monospace`: the family is the last part
            family, names = family[-1:], names[-1:]
        if not names or not all(n.type in ("ident", "string") for n in names):
            continue
        key = " ".join(n.value.lower() if n.type == "ident" else n.value for n in names)
        if key in seen:
            start, end = level.offsets[family[0]], level.offsets[family[-1] + 1]
            marker = _MARKER.format(len(markers))
            markers[marker] = level.text[start:end].strip()
            edits.append((start, end, marker))
        seen.add(key)


def _recover(level: _Level, edits: list, media_ok: Callable[[str], bool], style: bool) -> None:
    """`style`: the level is a style rule's block, whose statements are declarations."""
    tokens, text = level.tokens, level.text
    for a, b, block in level.chunks():
        sig = level.significant(a, b)
        if not sig:
            continue
        head = tokens[sig[0]]
        if block >= 0:
            if head.type == "at-keyword" and head.lower_value == "media":
                query = text[level.offsets[sig[0]] + len("@media") : level.offsets[block]]
                if not media_ok(query):  # a browser reads it as `not all`: it never applies
                    edits.append((level.offsets[sig[0]], level.offsets[b], ""))
                    continue
            _recover(level.inner(block), edits, media_ok, style or head.type != "at-keyword")
            continue
        if not style:
            continue
        if head.type in ("ident", "at-keyword"):
            bang = next((i for i in sig if tokens[i] == "!"), -1)
            after = next((i for i in sig if i > bang), -1) if bang >= 0 else -1
            if (
                head.type == "ident"
                and not head.value.startswith("--")
                and after >= 0
                and not (tokens[after].type == "ident" and tokens[after].lower_value == "important")
            ):
                edits.append((level.offsets[sig[0]], level.offsets[b], ""))  # `red !ie`
            continue
        edits.append((level.offsets[sig[0]], level.offsets[b], ""))  # `*zoom: 1`, `+top: 0`


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    """Replace spans; a removal keeps the span's newlines (and its length, in spaces)."""
    if not edits:
        return text
    out = []
    pos = 0
    for start, end, new in sorted(edits):
        if start < pos:
            continue  # inside a span already edited
        out.append(text[pos:start])
        if new:
            out.append(new)
        else:
            out.append("".join(c if c == "\n" else " " for c in text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    i = text.find("\n")
    while i >= 0:
        starts.append(i + 1)
        i = text.find("\n", i + 1)
    return starts
