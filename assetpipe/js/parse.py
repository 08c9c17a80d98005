"""JavaScript parsing with tree-sitter: module specifiers and syntax errors, with offsets.

Found: `import ... from "x"`, `import "x"`, `export ... from "x"`, `import("x")` with a string or
a template literal without substitutions, and `new URL("x", import.meta.url)`. Nothing is found
by pattern-matching source text: tree-sitter's JavaScript grammar parses modern syntax (private
fields, `??`, optional chaining, top-level await, regex and template literals, import attributes)
and a query picks the nodes.

Offsets returned are character offsets into the text given (tree-sitter counts UTF-8 bytes).
Known limit: tree-sitter recovers from some errors silently (`{a: 1,, b}`), so not every syntax
error is reported.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import tree_sitter
import tree_sitter_javascript

from ..model import RawRef

_QUERY = """
(import_statement source: (string) @static)
(export_statement source: (string) @static)
(call_expression function: (import)
  arguments: (arguments . [(string) (template_string)] @dynamic))
(new_expression constructor: (identifier) @ctor
  arguments: (arguments . (string) @asset .
    (member_expression object: (meta_property) property: (property_identifier) @prop))
  (#eq? @ctor "URL") (#eq? @prop "url"))
"""


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    offset: int  # character offset
    length: int
    message: str


@functools.cache
def _language() -> tree_sitter.Language:
    return tree_sitter.Language(tree_sitter_javascript.language())


@functools.cache
def _query() -> tree_sitter.Query:
    return tree_sitter.Query(_language(), _QUERY)


def parser() -> tree_sitter.Parser:
    return tree_sitter.Parser(_language())


def find_imports(text: str) -> tuple[list[RawRef], list[SyntaxProblem]]:
    """Module specifiers and asset URLs of the module `text`, and its syntax errors."""
    data = text.encode("utf-8")
    tree = parser().parse(data)
    to_char = _offsets(text, data)
    problems = syntax_problems(tree.root_node, data, to_char)
    refs: list[RawRef] = []
    for _, captures in tree_sitter.QueryCursor(_query()).matches(tree.root_node):
        for name, kind in (
            ("static", "import"),
            ("dynamic", "dynamic-import"),
            ("asset", "new-url"),
        ):
            for node in captures.get(name, ()):
                ref = _string_ref(node, data, to_char, kind)
                if ref is not None:
                    refs.append(ref)
    refs.sort(key=lambda r: r.start)
    return refs, problems


def _string_ref(node: tree_sitter.Node, data: bytes, to_char, kind: str) -> RawRef | None:
    if node.type == "template_string" and any(
        c.type == "template_substitution" for c in node.named_children
    ):
        return None  # computed at run time: not a static reference
    raw = data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8")
    value = _unescape(raw) if "\\" in raw else raw
    if value is None:
        return None
    return RawRef(
        value,
        to_char(node.start_byte + 1),
        to_char(node.end_byte - 1),
        kind,
        "js",
        module=kind != "new-url",
    )


def _unescape(raw: str) -> str | None:
    """The value of a string literal's body; None for escapes not worth supporting here."""
    try:
        return raw.encode("latin-1", "backslashreplace").decode("unicode_escape")
    except UnicodeDecodeError:
        return None


def _offsets(text: str, data: bytes):
    """A byte-offset to character-offset function for `text` (identity for ASCII)."""
    if len(data) == len(text):
        return lambda b: b
    return lambda b: len(data[:b].decode("utf-8", "replace"))


def syntax_problems(root: tree_sitter.Node, data: bytes, to_char) -> list[SyntaxProblem]:
    """The first syntax error, at the innermost node tree-sitter marked (it recovers after)."""
    if not root.has_error:
        return []
    node = root
    while True:
        bad = next((c for c in node.children if c.has_error or c.is_missing or c.is_error), None)
        if bad is None:
            break
        node = bad
        if (node.is_error or node.is_missing) and not any(
            c.has_error or c.is_missing for c in node.children
        ):
            break
    if node.is_missing:
        what = node.type if node.type.isidentifier() else f"'{node.type}'"
        return [SyntaxProblem(to_char(node.start_byte), 1, f"syntax error: missing {what}")]
    at = node.start_byte
    if node.is_error and node.child_count > 1:
        # A span tree-sitter could not fit: the trouble is where it stops.
        at = node.end_byte
        while at < len(data) and data[at : at + 1].isspace():
            at += 1
    if at >= len(data) or not data[at:].strip():
        end = len(data.rstrip())
        return [SyntaxProblem(to_char(end), 1, "syntax error: unexpected end of file")]
    if at != node.start_byte:
        token = data[at:].split(None, 1)[0].decode("utf-8", "replace")[:40]
        return [SyntaxProblem(to_char(at), len(token), f"syntax error: unexpected '{token}'")]
    token = data[node.start_byte : node.end_byte].decode("utf-8", "replace").split("\n")[0]
    token = token[:40]
    what = f"unexpected '{token}'" if token.strip() else "unexpected end of file"
    return [SyntaxProblem(to_char(node.start_byte), max(1, len(token)), f"syntax error: {what}")]
