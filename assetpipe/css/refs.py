"""References in CSS: `url()`, `src()`, `image-set()` strings and `@import`, with source offsets.

tinycss2 tokenizes (it is a spec-compliant CSS Syntax Level 3 tokenizer) and gives each token
its line and column; this module turns those into offsets and spans of the URL text as written,
so that the stylesheet can be rewritten in place. `@namespace` URLs are names, not resources,
and are skipped.

Invariant: offsets are into ``preprocess(text)``, the text with CSS's input preprocessing applied
(CR LF, CR and FF to LF, NUL to U+FFFD), which is also the text the caller must rewrite.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import tinycss2

from ..diagnostics import line_starts
from ..pipeline.values import RawRef

_URL_FUNCTIONS = frozenset({"url", "src"})
_IMAGE_SET = frozenset({"image-set", "-webkit-image-set"})
_WS = " \t\n"


def preprocess(text: str) -> str:
    if "\r" in text or "\f" in text or "\0" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        text = text.replace("\0", "\ufffd")
    return text


def find_references(text: str) -> list[RawRef]:
    """Every URL in the stylesheet `text` (already preprocessed), in source order."""
    if "url" not in text.lower() and "@import" not in text and "src(" not in text:
        return []
    starts = line_starts(text)
    nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
    return list(_walk(nodes, text, starts))


def find_declaration_references(text: str) -> list[RawRef]:
    """URLs in a declaration list (an HTML `style` attribute)."""
    return find_references(text)


def node_offset(node: object, starts: list[int]) -> int:
    """The character offset in the parsed text of a tinycss2 node, which knows only its line
    and column; `starts` is `diagnostics.line_starts` of that text."""
    return starts[node.source_line - 1] + node.source_column - 1  # type: ignore[attr-defined]


def _walk(nodes: Iterable[object], text: str, starts: list[int]) -> Iterator[RawRef]:
    after_import = False
    skip_prelude = False
    for node in nodes:
        kind = node.type  # type: ignore[attr-defined]
        if kind == "at-keyword":
            name = node.lower_value  # type: ignore[attr-defined]
            after_import = name == "import"
            skip_prelude = name == "namespace"
            continue
        if kind in ("whitespace", "comment"):
            continue
        if skip_prelude:
            if kind == "literal" and node.value == ";":  # type: ignore[attr-defined]
                skip_prelude = False
            continue
        if after_import and kind == "string":
            ref = _string_ref(node, text, starts, "css-import")
            if ref:
                yield ref
            after_import = False
            continue
        after_import = False
        if kind == "url":
            ref = _url_token_ref(node, text, starts)
            if ref:
                yield ref
        elif kind == "function":
            name = node.lower_name  # type: ignore[attr-defined]
            args = node.arguments  # type: ignore[attr-defined]
            if name in _URL_FUNCTIONS:
                strings = [a for a in args if a.type not in ("whitespace", "comment")]
                if len(strings) >= 1 and strings[0].type == "string":
                    ref = _string_ref(strings[0], text, starts, "css-url")
                    if ref:
                        yield ref
                continue
            if name in _IMAGE_SET:
                for a in args:
                    if a.type == "string":
                        ref = _string_ref(a, text, starts, "css-url")
                        if ref:
                            yield ref
            yield from _walk(args, text, starts)
        elif kind in ("{} block", "[] block", "() block"):
            yield from _walk(node.content, text, starts)  # type: ignore[attr-defined]


def _url_token_ref(node: object, text: str, starts: list[int]) -> RawRef | None:
    """`url( x.png )`: the span of `x.png` as written."""
    at = node_offset(node, starts)
    if text[at : at + 4].lower() != "url(":
        return None  # written with escapes in the function name: leave it alone
    i = at + 4
    n = len(text)
    while i < n and text[i] in _WS:
        i += 1
    start = i
    while i < n and text[i] not in _WS and text[i] != ")":
        i += 2 if text[i] == "\\" else 1
    return RawRef(node.value, start, min(i, n), "css-url", "css-url")  # type: ignore[attr-defined]


def _string_ref(node: object, text: str, starts: list[int], kind: str) -> RawRef | None:
    """`"x.png"`: the span inside the quotes."""
    at = node_offset(node, starts)
    quote = text[at : at + 1]
    if quote not in ('"', "'"):
        return None
    i = at + 1
    n = len(text)
    while i < n and text[i] != quote and text[i] != "\n":
        i += 2 if text[i] == "\\" else 1
    return RawRef(node.value, at + 1, min(i, n), kind, "css-string")  # type: ignore[attr-defined]
