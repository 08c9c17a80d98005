"""An HTML tokenizer that keeps source offsets, so pages can be rewritten in place.

It follows the WHATWG tokenizer's states for what matters to references: start tags with their
attributes (double-, single- and unquoted values, valueless attributes, duplicates where the first
wins), end tags, comments (including `<!-->` and `--!>`), doctypes and bogus comments, raw-text
and RCDATA elements (`script`, `style`, `textarea`, `title`, ...), `plaintext`, and CDATA sections
inside `<svg>`/`<math>`. It yields start tags only, each with the offsets of its attribute values
and, for raw-text elements, of their content. It builds no tree: a DOM for selector matching is
the CSS stage's business. Standalone SVG files are tokenized with ``xml=True`` (CDATA anywhere,
no HTML raw-text elements).

Invariant: offsets are indexes into the exact string given; nothing is normalised, so
``text[attr.value_start:attr.value_end]`` is the value as written (entities not decoded).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_WS = re.compile(r"[\t\n\f\r ]*")
# A whole tag after its '<' (or '</'): name, attributes (names, then optional values that are
# double-quoted, single-quoted or unquoted), and the separators before '>', as the WHATWG
# tokenizer reads them. Group 2 spans the attributes; a '/' right before '>' is self-closing.
# Every repetition is possessive or atomic: a name's characters can be split into attributes in
# exponentially many ways, and without them a tag that never ends (`<a` and 40 characters, no
# `>`) took the regex engine seconds to minutes to give up on.
_TAG = re.compile(
    r"([a-zA-Z][^\t\n\f\r />]*+)"
    r"((?:(?>[\t\n\f\r /]*+[^\t\n\f\r />][^\t\n\f\r />=]*+"
    r"(?:[\t\n\f\r ]*+=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >]*+))?))*+)"
    r"([\t\n\f\r /]*+)>"
)
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_COMMENT_END = re.compile(r"--!?>")

# `noscript` is left out on purpose: its markup must be rewritten for browsers without scripts.
RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes"})
RCDATA = frozenset({"title", "textarea"})
FOREIGN = frozenset({"svg", "math"})
_END_TAGS: dict[str, re.Pattern[str]] = {}


@dataclass(frozen=True, slots=True)
class Attr:
    name: str  # lower-cased
    value: str | None  # as written, entities not decoded; None for a valueless attribute
    value_start: int  # offsets of the value text, inside its quotes; -1 when valueless
    value_end: int
    quote: str  # '"', "'" or '' (unquoted or valueless)


class StartTag:
    """A start tag; its attributes are parsed on first use (most tags are never asked)."""

    __slots__ = (
        "name",
        "start",
        "end",
        "self_closing",
        "content_start",
        "content_end",
        "foreign",
        "_text",
        "_attrs_span",
        "_attrs",
    )

    def __init__(
        self,
        name: str,
        text: str,
        start: int,
        end: int,
        attrs_span: tuple[int, int],
        self_closing: bool,
        foreign: bool = False,
    ) -> None:
        self.name = name  # lower-cased
        self.start = start  # offset of '<'
        self.end = end  # offset just after '>'
        self.self_closing = self_closing
        self.content_start = -1  # raw-text elements: their text, up to the end tag
        self.content_end = -1
        self.foreign = foreign  # inside <svg> or <math>
        self._text = text
        self._attrs_span = attrs_span
        self._attrs: tuple[Attr, ...] | None = None

    @property
    def attrs(self) -> tuple[Attr, ...]:
        if self._attrs is None:
            self._attrs = _parse_attrs(self._text, *self._attrs_span)
        return self._attrs

    def mentions(self, pattern: re.Pattern[str]) -> bool:
        """Whether the tag's attribute text matches `pattern`: a cheap test before parsing."""
        return pattern.search(self._text, *self._attrs_span) is not None

    def attr(self, name: str) -> Attr | None:
        """The first attribute of that name (later duplicates are ignored, as browsers do)."""
        for a in self.attrs:
            if a.name == name:
                return a
        return None

    def get(self, name: str) -> str | None:
        a = self.attr(name)
        return a.value if a is not None else None

    @property
    def content(self) -> tuple[int, int] | None:
        return (self.content_start, self.content_end) if self.content_start >= 0 else None


def tokenize(text: str, *, xml: bool = False) -> Iterator[StartTag]:
    """Yield the start tags of `text` in document order."""
    n = len(text)
    find = text.find
    pos = 0
    foreign = 1 if xml else 0
    while True:
        lt = find("<", pos)
        if lt < 0 or lt + 1 >= n:
            return
        c = text[lt + 1]
        if c.isascii() and c.isalpha():
            tag = _start_tag(text, lt + 1, foreign > 0)
            if tag is None:  # end of file inside a tag: browsers drop it
                return
            pos = tag.end
            name = tag.name
            if name in FOREIGN and not tag.self_closing and not xml:
                foreign += 1
            elif (
                (not foreign or name in ("script", "style"))
                and (name in RAW_TEXT or name in RCDATA)
                and not (foreign and tag.self_closing)
            ):
                close = _end_tag_pattern(name).search(text, pos)
                end = close.start() if close else n
                tag.content_start, tag.content_end = pos, end
                pos = end
            elif name == "plaintext" and not foreign:
                tag.content_start, tag.content_end = pos, n
                yield tag
                return
            yield tag
        elif c == "/":
            j = lt + 2
            if j < n and text[j].isascii() and text[j].isalpha():
                tag = _start_tag(text, lt + 2, foreign > 0)  # tokenized like a start tag
                if tag is None:
                    return
                if tag.name in FOREIGN and foreign and not xml:
                    foreign -= 1
                pos = tag.end
            elif j < n and text[j] == ">":
                pos = j + 1
            else:
                pos = _after(text, ">", j)
        elif c == "!":
            if text.startswith("<!--", lt):
                if text.startswith(">", lt + 4):
                    pos = lt + 5
                elif text.startswith("->", lt + 4):
                    pos = lt + 6
                else:
                    m = _COMMENT_END.search(text, lt + 4)
                    pos = m.end() if m else n
            elif foreign and text.startswith("<![CDATA[", lt):
                pos = _after(text, "]]>", lt + 9)
            else:
                pos = _after(text, ">", lt + 2)
        elif c == "?":
            pos = _after(text, ">", lt + 2)
        else:
            pos = lt + 1


def _after(text: str, marker: str, start: int) -> int:
    i = text.find(marker, start)
    return len(text) if i < 0 else i + len(marker)


def _end_tag_pattern(name: str) -> re.Pattern[str]:
    pattern = _END_TAGS.get(name)
    if pattern is None:
        pattern = _END_TAGS[name] = re.compile(rf"</(?i:{name})(?=[\t\n\f\r />])")
    return pattern


def _start_tag(text: str, at: int, foreign: bool) -> StartTag | None:
    """The tag whose name starts at `at`, or None if the text ends inside it."""
    m = _TAG.match(text, at)
    if m is None:
        return None
    return StartTag(m[1].lower(), text, at - 1, m.end(), m.span(2), m[3].endswith("/"), foreign)


def _parse_attrs(text: str, i: int, end: int) -> tuple[Attr, ...]:
    attrs: list[Attr] = []
    ws = _WS.match
    while True:
        i = ws(text, i, end).end()
        if i >= end:
            return tuple(attrs)
        if text[i] == "/":
            i += 1
            continue
        m = _ATTR_NAME.match(text, i, end)
        attr_name = m.group().lower()
        i = m.end()
        j = ws(text, i, end).end()
        if j < end and text[j] == "=":
            j = ws(text, j + 1, end).end()
            q = text[j] if j < end else ""
            if q == '"' or q == "'":
                close = text.find(q, j + 1, end)
            if (q == '"' or q == "'") and close >= 0:
                attrs.append(Attr(attr_name, text[j + 1 : close], j + 1, close, q))
                i = close + 1
            else:
                m = _UNQUOTED.match(text, j, end)
                attrs.append(Attr(attr_name, m.group(), j, m.end(), ""))
                i = m.end()
        else:
            attrs.append(Attr(attr_name, None, -1, -1, ""))
            i = j
