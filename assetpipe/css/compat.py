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
- **Fallback declarations** (`width: -webkit-fill-available; width: stretch`,
  `height: 100vh; height: 100dvh`, `color: red; color: color(display-p3 1 0 0)`,
  `-webkit-backdrop-filter` before `backdrop-filter`): without browser targets, Lightning
  assumes every browser supports the last one and drops the others, so Safari (no `stretch`,
  `backdrop-filter` only prefixed before 18) and older browsers lose the declaration the author
  wrote for them. Without targets (`fallbacks=True`), every declaration that a later one of
  the same property (vendor prefix aside) follows in its block, and every vendor-prefixed
  property, is hidden as a custom property (`--asp-f0-width: -webkit-fill-available`), which
  Lightning keeps in place and as written, and gets its name back after minification. With
  targets, Lightning decides what those browsers need, as the user asked.
- **Media queries in range syntax**: without targets, Lightning prints `(min-width: 40em)` as
  `(width >= 40em)`, which Safari before 16.4 does not read (every responsive rule of the page
  is lost there), and `(-webkit-min-device-pixel-ratio: 2)` as a range no browser reads. So
  the `min-`/`max-` features of `@media` and `@import` conditions are hidden as unknown
  features (`asp-min-width`), which Lightning keeps as written, and named back after.
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

import re
from collections.abc import Callable

import tinycss2

from ..diagnostics import line_starts
from .refs import node_offset

VERSION = "3"  # part of the minifier's cache key: bump when an edit changes

_DEAD_PSEUDO = {  # (colons, name) of selectors no current browser matches
    (1, "-moz-placeholder"),
    (1, "-ms-input-placeholder"),
    (2, "-ms-input-placeholder"),
}
_MARKER = "__asp_family{}__"
_GENERIC = ("monospace", "serif", "cursive", "fantasy", "system-ui")  # what a duplicate has
_FALLBACK = "--asp-f{}-{}"  # a hidden fallback declaration: its index in the block, its property
_FALLBACK_NAME = re.compile(r"--asp-f\d+-(-?[a-zA-Z][\w-]*)(?=\s*:)")
_PREFIXES = ("-webkit-", "-moz-", "-ms-", "-o-")
_RANGE_FEATURE = re.compile(r"^(-[a-z]+-)?(min|max)-", re.I)
_HIDDEN_FEATURE = re.compile(r"(?<=[(\s])asp-(?=(?:-[a-z]+-)?(?:min|max)-)", re.I)


def protect(text: str, fallbacks: bool = False) -> tuple[str, dict[str, str]]:
    """`text` with duplicate font families behind markers, dead placeholder rules removed and
    (`fallbacks`) fallback declarations hidden, and the markers' original texts (for
    `restore`)."""
    low = text.lower()
    if not fallbacks and "placeholder" not in low and not any(low.count(g) > 1 for g in _GENERIC):
        return text, {}
    edits: list[tuple[int, int, str]] = []
    markers: dict[str, str] = {}
    level = _Level(text, tinycss2.parse_component_value_list(text), len(text))
    _walk(level, edits, markers, fallbacks)
    if any(new.startswith(("--asp-f", "asp-")) for _, _, new in edits):
        markers[""] = ""  # `restore` puts the names of fallbacks and media features back
    return _apply(text, edits), markers


def restore(text: str, markers: dict[str, str]) -> str:
    for marker, original in markers.items():
        if marker:
            text = text.replace(marker, original)
    if "" in markers:
        text = _HIDDEN_FEATURE.sub("", _FALLBACK_NAME.sub(r"\1", text))
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
        self.starts = starts if starts is not None else line_starts(text)
        self.offsets = [node_offset(t, self.starts) for t in tokens]
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


def _walk(level: _Level, edits: list, markers: dict[str, str], fallbacks: bool) -> None:
    tokens = level.tokens
    declarations: list[tuple[str, int]] = []  # (property, its name token's index)
    for a, b, block in level.chunks():
        sig = level.significant(a, b)
        if (
            fallbacks
            and sig
            and tokens[sig[0]].type == "at-keyword"
            and tokens[sig[0]].lower_value in ("media", "import")
        ):
            _hide_range_features(level, tokens[a : block if block >= 0 else b], edits)
        if block >= 0:
            if _dead_selector(tokens[a:block]):
                edits.append((level.offsets[a], level.offsets[b], ""))
            else:
                _walk(level.inner(block), edits, markers, fallbacks)
            continue
        if len(sig) > 2 and tokens[sig[0]].type == "ident" and tokens[sig[1]] == ":":
            name = tokens[sig[0]].lower_value
            if name in ("font-family", "font"):
                _protect_families(level, sig[2:], edits, markers)
            if not name.startswith("--"):
                declarations.append((name, sig[0]))
    if fallbacks and declarations:
        _hide_fallbacks(level, declarations, edits)


def _hide_range_features(level: _Level, prelude: list, edits: list) -> None:
    """`(min-width: 40em)` in a media query list becomes `(asp-min-width: 40em)`."""
    for t in prelude:
        if t.type == "() block":
            content = [c for c in t.content if c.type not in ("whitespace", "comment")]
            if (
                len(content) > 1
                and content[0].type == "ident"
                and content[1] == ":"
                and _RANGE_FEATURE.match(content[0].value)
            ):
                ident = content[0]
                start = node_offset(ident, level.starts)
                edits.append((start, start, "asp-"))
            else:
                _hide_range_features(level, t.content, edits)
        elif t.type == "function":
            _hide_range_features(level, t.arguments, edits)


def _unprefixed(name: str) -> str:
    for prefix in _PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _hide_fallbacks(level: _Level, declarations: list[tuple[str, int]], edits: list) -> None:
    """Each declaration a later one of the same property follows, and each vendor-prefixed
    one, renamed `--asp-fN-<property>` (N: its place in the block, so that no two are the same
    custom property, which Lightning would merge)."""
    last: dict[str, int] = {}
    for k, (name, _) in enumerate(declarations):
        last[_unprefixed(name)] = k
    for k, (name, i) in enumerate(declarations):
        if last[_unprefixed(name)] != k or name.startswith(_PREFIXES):
            start = level.offsets[i]
            original = level.text[start : start + len(level.tokens[i].value)]
            edits.append((start, start + len(original), _FALLBACK.format(k, original)))


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
