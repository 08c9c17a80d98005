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
import re
from dataclasses import dataclass

import tree_sitter
import tree_sitter_javascript

from ..pipeline.values import RawRef

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


def parse(data: bytes) -> tuple[tree_sitter.Tree, list[tuple[int, int, str]]]:
    """The tree of the module `data`, and the problems found while repairing it (byte offsets).

    tree-sitter's JavaScript grammar lags the language in two places, where it reports an error
    for valid code: reserved words as import and export names (`export { _null as null }`,
    valid since ES5) and escapes that only tagged templates allow (``String.raw`\\u` ``,
    ES2018). Where an error lies in such a place, a copy of the source is patched to something
    the grammar accepts, of the same length (`null` -> `$ull`, `\\u` -> `_u`), and parsed
    again; offsets are unchanged, so everything reads names and text from the original bytes.
    A patched escape in an untagged template is a real syntax error and is returned.
    """
    if b"\r" in data:  # a lone CR ends a line too (ASI), which tree-sitter's scanner misses
        lines = bytearray(data)
        at = data.find(b"\r")
        while at >= 0:
            if data[at + 1 : at + 2] != b"\n":
                lines[at] = 0x0A
            at = data.find(b"\r", at + 1)
        data = bytes(lines)
    tree = parser().parse(data)
    if (
        not tree.root_node.has_error
        and not _split_exports(tree.root_node, data)
        and not _misreads(tree.root_node, data)
    ):
        return tree, []
    patched = bytearray(data)
    escapes: set[int] = set()
    for _ in range(64):
        fixes = [
            (at, b)
            for at, b in [
                *_repairs(tree.root_node, patched, escapes),
                *_split_exports(tree.root_node, patched),
                *_misreads(tree.root_node, patched),
                *_comment_lines(tree.root_node, patched),
            ]
            if patched[at] != b
        ]
        if not fixes:
            break
        for at, byte in fixes:
            patched[at] = byte
        tree = parser().parse(bytes(patched))
        if (
            not tree.root_node.has_error
            and not _split_exports(tree.root_node, patched)
            and not _misreads(tree.root_node, patched)
        ):
            break
    problems = []
    for at in sorted(escapes):
        node = tree.root_node.descendant_for_byte_range(at, at + 1)
        while node is not None and node.type != "template_string":
            node = node.parent
        parent = node.parent if node is not None else None
        tagged = (
            parent is not None
            and parent.type == "call_expression"
            and parent.child_by_field_name("arguments") == node
        )
        if not tagged:
            problems.append(
                (
                    at,
                    at + 2,
                    "syntax error: invalid escape sequence in a template literal "
                    "(only a tagged template may have one)",
                )
            )
    return tree, problems


def benign(root: tree_sitter.Node) -> bool:
    """Whether every error of a tree is the `;` tree-sitter wants after `export default
    class {}` or `export default function () {}`, which are declarations and need none."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node.is_missing:
            parent = node.parent
            value = parent.child_by_field_name("value") if parent is not None else None
            if not (
                node.type == ";"
                and parent.type == "export_statement"
                and value is not None
                and value.type in ("class", "function_expression", "generator_function")
            ):
                return False
        elif node.is_error:
            return False
        elif node.has_error:
            stack.extend(node.children)
    return True


def _comment_lines(root: tree_sitter.Node, data: bytearray) -> list[tuple[int, int]]:
    """A block comment with a line break in it ends a line for automatic semicolon insertion
    (`f() /*\n*/ g()`), which tree-sitter misses: in a tree with errors, such comments (but
    licence comments, kept for the output) become blanks around their line breaks."""
    if not root.has_error:
        return []
    fixes = []
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "comment":
            text = data[node.start_byte : node.end_byte]
            legal = text[2:3] == b"!" or b"@license" in text
            separators = b"\xe2\x80\xa8" in text or b"\xe2\x80\xa9" in text
            if text[:2] == b"/*" and (b"\n" in text or separators) and not legal:
                if separators:  # U+2028, U+2029 end lines too: "\n  " in their place
                    text = text.replace(b"\xe2\x80\xa8", b"\n  ").replace(b"\xe2\x80\xa9", b"\n  ")
                fixes.extend((node.start_byte + i, 0x20) for i, c in enumerate(text) if c != 0x0A)
                fixes.extend((node.start_byte + i, 0x0A) for i, c in enumerate(text) if c == 0x0A)
        elif node.child_count:
            stack.extend(node.children)
    return fixes


def _split_exports(root: tree_sitter.Node, data: bytes | bytearray) -> list[tuple[int, int]]:
    """`export` then a line break then `{ ... }`, which tree-sitter reads as an expression
    `export` and a block: the space between (comments included) becomes blanks."""
    fixes = []
    for child in root.children:
        word = child.children[0] if child.child_count else None
        if (
            child.type == "expression_statement"
            and word is not None
            and word.type == "identifier"
            and data[word.start_byte : word.end_byte] == b"export"
        ):
            after = child.next_sibling
            while after is not None and after.type == "comment":
                after = after.next_sibling
            if after is not None and after.type == "statement_block":
                fixes.extend((at, 0x20) for at in range(word.end_byte, after.start_byte))
    return fixes


_LET_PATTERN = re.compile(rb"\blet\s*\[")
_USING_PATTERN = re.compile(rb"\busing\s*\[")
_USING_OF_OF = re.compile(rb"\bfor\s*\(\s*(using)\s+of\s+of\b")
_ASYNC_OF_ARROW = re.compile(rb"\bfor\s*\(\s*async\s+(of)\s*=>")
_ACCESSOR_STAR = re.compile(rb"\b(?:get|set)[ \t]*[\r\n]\s*\*")
_MODIFIER_BREAK = re.compile(rb"\b(?:get|set|static)[ \t]*[\r\n]\s*")


def _misreads(root: tree_sitter.Node, data: bytes | bytearray) -> list[tuple[int, int]]:
    """Valid code tree-sitter reads as something else, without an error:
    - `for await (let [a] of x)` read as `for await (let[a] of x)`, an element of an array
      named `let`: `let` becomes `var` (the walker reads the keyword from the source);
    - `using[x] = 1` (an assignment to an element of an array named `using`) read as a `using`
      declaration of a pattern, which `using` does not allow: `using` becomes `u$ing`;
    - `for (using of of x)`, a for-of loop over `of` of a variable named `using` (as the
      language defines it), read as a `using` declaration of `of`: `using` becomes `u$ing`;
    - `for (async of => {}; ...)`, an async arrow with a parameter named `of` (an error to
      tree-sitter): the parameter becomes `o$`;
    - a class field named `get` or `set`, then a line break and a generator method
      (`get` / `*a() {}`) read as a getter: the line break becomes `;`;
    - and the other way round: `get`, `set` or `static`, a line break, then a member, which
      JavaScript reads as one member (`static` / `x = 1` is a static field; no semicolon is
      inserted there) and tree-sitter as two: the line break becomes a space;
    - `export default function () {}` or `class {}`, a line break, then `(...)`, `[...]` or
      a template, read as a call of the function (JavaScript ends the declaration at its
      `}`): the first space after it becomes `;`. (Without a space between, it is a syntax
      error, which the walker reports.)
    """
    fixes = []
    for match in _LET_PATTERN.finditer(data):
        node = root.descendant_for_byte_range(match.start(), match.start() + 3)
        parent = node.parent if node is not None else None
        if (
            node.type == "identifier"
            and parent is not None
            and parent.type == "subscript_expression"
            and parent.parent is not None
            and parent.parent.type == "for_in_statement"
            and parent.parent.child_by_field_name("left") == parent
        ):
            fixes.extend(zip(range(match.start(), match.start() + 3), b"var", strict=True))
    for match in _USING_PATTERN.finditer(data):
        node = root.descendant_for_byte_range(match.start(), match.start() + 5)
        if node is not None and node.parent is not None and node.parent.type == "using_declaration":
            fixes.append((match.start() + 1, 0x24))
    for match in _USING_OF_OF.finditer(data):
        node = root.descendant_for_byte_range(match.start(1), match.end(1))
        if node is not None and node.type == "using":
            fixes.append((match.start(1) + 1, 0x24))
    for match in _ASYNC_OF_ARROW.finditer(data):
        fixes.append((match.start(1) + 1, 0x24))
    for match in _ACCESSOR_STAR.finditer(data):
        node = root.descendant_for_byte_range(match.start(), match.start() + 3)
        while node is not None and node.type not in ("method_definition", "class_body"):
            node = node.parent
        if node is not None and node.type == "method_definition":
            gap = data[match.start() + 3 : match.end() - 1]
            line_break = next(i for i, b in enumerate(gap) if b in b"\r\n")
            fixes.append((match.start() + 3 + line_break, 0x3B))
    for statement in root.children:
        value = statement.child_by_field_name("value")
        if statement.type != "export_statement" or value is None:
            continue
        first = value
        while first.children and first.type not in _DECLARATIONS:
            first = first.children[0]
        if first is not value and first.type in _DECLARATIONS:
            space = next(
                (at for at in range(first.end_byte, value.end_byte) if data[at] in b" \t\r\n"), -1
            )
            if space >= 0:
                fixes.append((space, 0x3B))
    for match in _MODIFIER_BREAK.finditer(data):
        node = root.descendant_for_byte_range(match.start(), match.start() + 1)
        field = node.parent if node is not None else None
        if (
            node is None
            or node.type != "property_identifier"
            or field is None
            or field.type != "field_definition"
            or field.child_count != 1
            or field.parent is None
            or field.parent.type != "class_body"
        ):
            continue
        member = field.next_named_sibling
        if member is None or member.start_byte != match.end() or not member.children:
            continue
        first = member.children[0].type
        if first == "static" or (
            node.text != b"static" and (member.type != "method_definition" or first in _NOT_NAMES)
        ):
            continue
        fixes.extend(
            (at, 0x20) for at in range(node.end_byte, match.end()) if data[at] in (0x0A, 0x0D)
        )
    return fixes


_DECLARATIONS = frozenset({"function_expression", "generator_function", "class"})
# what may follow `get` / `set` on the next line without making it an accessor
_NOT_NAMES = frozenset({"*", "async", "get", "set", "static"})


_RESERVED = frozenset(
    {
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "continue",
        "debugger",
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
        "import",
        "in",
        "instanceof",
        "let",
        "new",
        "null",
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
    }
)


def _repairs(root: tree_sitter.Node, data: bytearray, escapes: set[int]) -> list[tuple[int, int]]:
    """(offset, byte) patches for the grammar's gaps near each error of the tree."""
    fixes: list[tuple[int, int]] = []
    done: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if not node.has_error and not node.is_error:
            continue
        if node.is_error or node.is_missing:
            nul = data.find(b"\0", node.start_byte, max(node.end_byte, node.start_byte + 1))
            if nul >= 0:  # a NUL character in a string or template is content, not an error
                fixes.append((nul, 0x5F))
            outer = node
            while outer is not None and outer.type != "template_string":
                outer = outer.parent
            if outer is not None and outer.start_byte not in done:
                done.add(outer.start_byte)
                for at in _bad_escapes(outer, data):
                    escapes.add(at)
                    fixes.append((at, 0x5F))  # "_"
            top = node
            while top.parent is not None and top.parent.parent is not None:
                top = top.parent
            if top.start_byte not in done and data[top.start_byte : top.start_byte + 6] in (
                b"import",
                b"export",
            ):
                done.add(top.start_byte)
                fixes.extend((at, 0x24) for at in _reserved_names(data, top.start_byte))  # "$"
                fixes.extend((at, 0x20) for at in _export_attributes(data, top.start_byte))
        stack.extend(node.children)
    return fixes


def _bad_escapes(template: tree_sitter.Node, data: bytearray) -> list[int]:
    """Offsets of the backslashes of `\\u` and `\\x` escapes in `template`'s text parts that
    are not valid escapes (valid in a tagged template: its cooked value is undefined)."""
    subs = [
        (c.start_byte, c.end_byte) for c in template.children if c.type == "template_substitution"
    ]
    found = []
    i, end = template.start_byte + 1, template.end_byte
    while i < end:
        if subs and i >= subs[0][0]:
            i = subs.pop(0)[1]
            continue
        if data[i] != 0x5C:  # backslash
            i += 1
            continue
        kind = data[i + 1 : i + 2]
        if kind == b"u" and data[i + 2 : i + 3] == b"{":
            close = data.find(b"}", i + 3, i + 12)
            ok = close > i + 3 and _hex(data[i + 3 : close])
        elif kind == b"u":
            ok = _hex(data[i + 2 : i + 6], 4)
        elif kind == b"x":
            ok = _hex(data[i + 2 : i + 4], 2)
        else:
            ok = True
        if not ok:
            found.append(i)
        i += 2
    return found


def _hex(digits: bytes | bytearray, count: int = 0) -> bool:
    return (not count or len(digits) == count) and all(
        c in b"0123456789abcdefABCDEF" for c in digits
    )


def _reserved_names(data: bytearray, start: int) -> list[int]:
    """Offsets of reserved words written as import or export names in the statement at `start`
    (`import { null as n }`, `export { x as if }`, `export { null } from`, `export * as if`),
    places where the language allows any IdentifierName."""
    tokens = _statement_tokens(data, start)
    words = [t for t, _ in tokens]
    if not words or words[0] not in (b"import", b"export"):
        return []
    exporting = words[0] == b"export"
    names: list[int] = []  # token indexes in name positions
    if b"{" in words and b"}" in words:
        first, last = words.index(b"{"), words.index(b"}")
        reexport = b"from" in words[last + 1 :]
        spec: list[int] = []
        for k in [*range(first + 1, last), -1]:
            if k >= 0 and words[k] != b",":
                spec.append(k)
                continue
            if len(spec) == 3 and words[spec[1]] == b"as":
                if not exporting or reexport:
                    names.append(spec[0])  # the name in the other module
                if exporting:
                    names.append(spec[2])  # the name this module exports
            elif len(spec) == 1 and exporting and reexport:
                names.append(spec[0])
            spec = []
    elif exporting and words[1:3] == [b"*", b"as"] and len(words) > 3:
        names.append(3)
    return [tokens[k][1] for k in names if words[k].decode("latin-1") in _RESERVED]


def _export_attributes(data: bytearray, start: int) -> range:
    """`export ... from "x" with { ... }`, which the grammar lacks (import attributes on
    re-exports): the span of `with { ... }`, to blank out (the bundle inlines the module)."""
    tokens = _statement_tokens(data, start)
    words = [t for t, _ in tokens]
    if not words or words[0] != b"export" or b"from" not in words:
        return range(0)
    rest = _statement_tokens(data, tokens[words.index(b"from")][1])[1:]
    if len(rest) < 2 or rest[0][0] != b'"' or rest[1][0] not in (b"with", b"assert"):
        return range(0)
    close = data.find(b"}", rest[1][1])
    return range(rest[1][1], close + 1) if close >= 0 else range(0)


def _statement_tokens(data: bytearray, start: int) -> list[tuple[bytes, int]]:
    """The tokens of an import or export statement up to its closing brace or `as` name, with
    their offsets: words, strings (as one token), punctuators; comments and spaces skipped."""
    tokens: list[tuple[bytes, int]] = []
    i, n = start, len(data)
    while i < n and len(tokens) < 4096:
        if tokens and (
            tokens[-1][0] == b";"
            or (len(tokens) > 1 and tokens[-2][0] == b"}")  # and the `from` after it
            or (len(tokens) == 4 and tokens[2][0] == b"as")  # export * as name
        ):
            break
        c = data[i]
        if c in b" \t\r\n":
            i += 1
        elif data[i : i + 2] == b"//":
            i = data.find(b"\n", i)
            i = n if i < 0 else i
        elif data[i : i + 2] == b"/*":
            i = data.find(b"*/", i + 2)
            i = n if i < 0 else i + 2
        elif c in b"'\"":
            j = i + 1
            while j < n and data[j] != c and data[j] != 0x0A:
                j += 2 if data[j] == 0x5C else 1
            tokens.append((b'"', i))
            i = j + 1
        elif c == 0x24 or c == 0x5F or c >= 0x80 or chr(c).isalnum():
            j = i
            while j < n and (data[j] in b"$_" or data[j] >= 0x80 or chr(data[j]).isalnum()):
                j += 1
            tokens.append((bytes(data[i:j]), i))
            i = j
        else:
            tokens.append((bytes(data[i : i + 1]), i))
            i += 1
    return tokens


def find_imports(text: str) -> tuple[list[RawRef], list[SyntaxProblem]]:
    """Module specifiers and asset URLs of the module `text`, and its syntax errors."""
    data = text.encode("utf-8")
    tree, repaired = parse(data)
    to_char = _offsets(text, data)
    problems = [SyntaxProblem(to_char(a), b - a, message) for a, b, message in repaired]
    if not benign(tree.root_node):
        problems += syntax_problems(tree.root_node, data, to_char)
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
