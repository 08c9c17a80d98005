"""Reading a file into a tree-sitter tree, around what tree-sitter's grammars (TypeScript and
TSX 0.23, JavaScript 0.25) cannot read in valid code: `static accessor x` (parsed with
`accessor` blanked, the member remembered by where it starts), reserved words as JSX attribute
names in `.jsx` files (read with the TSX grammar), and, inside types only (`repair_types`),
variance annotations, call signatures on their own line and type-named parameters. Every patch
keeps the length of the source, so the tree's byte offsets are the source's."""

from __future__ import annotations

import bisect
import functools
import re

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript


@functools.cache
def language(kind: str) -> tree_sitter.Language:
    if kind == "ts":
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    if kind == "tsx":
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    return tree_sitter.Language(tree_sitter_javascript.language())


@functools.cache
def identifier_query(kind: str) -> tree_sitter.Query:
    return tree_sitter.Query(language(kind), "(identifier) @id")


def parse(data: bytes, kind: str) -> tuple[tree_sitter.Tree, set[int]]:
    """The tree of `data` in grammar `kind` ("ts", "tsx", "jsx"), repaired where it can be
    (its root `has_error` when it could not), and where the `static accessor` members start."""
    parser = tree_sitter.Parser(language(kind))
    tree = parser.parse(data)
    root = tree.root_node
    accessors: set[int] = set()
    if root.has_error and b"accessor" in data:
        # tree-sitter's grammar lacks `static accessor x`: parsed with `accessor` blanked,
        # and the member made an accessor by where it starts
        patched = bytearray(data)
        for m in _STATIC_ACCESSOR.finditer(data):
            patched[m.start(1) : m.end(1)] = b" " * 8
            accessors.add(m.start(1))
        if accessors:
            tree = parser.parse(bytes(patched))
            root = tree.root_node
    if root.has_error and kind == "jsx" and not accessors:
        # tree-sitter-javascript (0.25) reads no reserved word as a JSX attribute name
        # (Preact's `<div class="x">`, MUI's `<Fade in={open}>`; its issue #387), which its
        # tsx grammar reads: a JavaScript file is read as TypeScript then
        retry = tree_sitter.Parser(language("tsx")).parse(data)
        if not retry.root_node.has_error:
            tree, root = retry, retry.root_node
    if root.has_error and kind != "jsx":
        tree = repair_types(parser, tree, data, accessors)
    return tree, accessors


def repair_types(parser, tree, data: bytes, accessors: set[int]):
    """Valid TypeScript that tree-sitter's grammar (0.23) fails on, all of it inside types
    (which are left out anyway), patched to something it reads, of the same length:
    variance annotations (`<out T>`, `<in T>`), a call signature starting a line after a
    member with no `;` (`a(): B` / `<T>(x: T): T`, read as `B<T>`), and a parameter of a
    function type named like a type (`(any) => void`). A patch is applied only inside a type."""
    patched = bytearray(data)
    for m in _STATIC_ACCESSOR.finditer(data):
        if m.start(1) in accessors:
            patched[m.start(1) : m.end(1)] = b" " * 8
    spans = _interface_spans(data)

    def in_type(root, at: int) -> bool:
        i = bisect.bisect_right(spans, (at, 1 << 62)) - 1
        return (i >= 0 and spans[i][0] <= at < spans[i][1]) or _in_type(root, at)

    for _ in range(16):
        root = tree.root_node
        fixes: list[tuple[int, bytes]] = []
        for m in _VARIANCE.finditer(patched):
            if in_type(root, m.start(1)):
                fixes.append((m.start(1), b" " * (m.end(1) - m.start(1))))
        for m in _LINE_SIGNATURE.finditer(patched):
            at = m.end() - 1  # the space before the signature, or the line break
            if (
                in_type(root, m.end())
                and (at > m.start() or b"//" not in _line_before(patched, at))
                and _token_before(patched, m.start()) not in (b";", b"{", b",")
            ):
                fixes.append((at, b";"))
        for m in _TYPE_NAMED_PARAMETER.finditer(patched):
            if in_type(root, m.start(1)):
                fixes.append((m.start(1), b"_" * (m.end(1) - m.start(1))))
        fixes = [(at, b) for at, b in fixes if patched[at : at + len(b)] != b]
        if not fixes:
            break
        for at, b in fixes:
            patched[at : at + len(b)] = b
        tree = parser.parse(bytes(patched))
        if not tree.root_node.has_error:
            break
    return tree


def _interface_spans(data: bytes) -> list[tuple[int, int]]:
    """Where `interface X ... { ... }` declarations, and object types of `const x: { ... }`
    and `type X = { ... }`, lie (their braces matched, strings and comments skipped): where
    tree-sitter's errors swallow the tree, still types."""
    spans = []
    for m in _INTERFACE.finditer(data):
        depth, i, n = 0, data.find(b"{", m.end()), len(data)
        start = i
        while 0 <= i < n:
            c = data[i]
            if c in b"\"'`":
                i = data.find(bytes([c]), i + 1)
                if i < 0:
                    break
            elif data.startswith(b"//", i):
                i = data.find(b"\n", i)
                if i < 0:
                    break
            elif data.startswith(b"/*", i):
                i = data.find(b"*/", i)
                if i < 0:
                    break
            elif c == 0x7B:
                depth += 1
            elif c == 0x7D:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
                    break
            i += 1
    return spans


_INTERFACE = re.compile(
    rb"(?m)^[ \t]*(?:export\s+)?(?:declare\s+)?(?:interface\s+[A-Za-z_$]"
    rb"|(?:const|let|var)\s+[A-Za-z_$][\w$]*\s*:\s*(?=\{)|type\s+[A-Za-z_$][\w$]*\s*=\s*(?=\{))"
)


def _token_before(data: bytearray, at: int) -> bytes:
    """The last character of the code before `at`, comments skipped."""
    before = bytes(data[max(0, at - 4000) : at]).rstrip()
    for _ in range(100):
        line_start = before.rfind(b"\n") + 1
        comment = before.find(b"//", line_start)
        if before.endswith(b"*/") and b"/*" in before:
            before = before[: before.rfind(b"/*")].rstrip()
        elif comment >= 0 and before.count(b'"', line_start, comment) % 2 == 0:
            before = before[:comment].rstrip()
        else:
            break
    return before[-1:]


def _line_before(data: bytearray, at: int) -> bytes:
    return bytes(data[data.rfind(b"\n", 0, at) + 1 : at])


_TYPE_REGIONS = frozenset(
    {
        "interface_declaration",
        "interface_body",
        "type_alias_declaration",
        "ambient_declaration",
        "object_type",
        "type_parameters",
        "type_annotation",
    }
)


def _in_type(root, at: int) -> bool:
    """Whether `at` lies in a type, or in a span tree-sitter could not read that starts as a
    declaration of types does (`interface`, `type`, `declare`)."""
    node = root.descendant_for_byte_range(at, at + 1)
    while node is not None:
        if node.type in _TYPE_REGIONS:
            return True
        if node.type == "ERROR" and _TYPE_START.match(node.text[:40] if node.text else b""):
            return True
        node = node.parent
    return False


_TYPE_START = re.compile(rb"(?:export\s+)?(?:default\s+)?(?:interface|declare|type)\b")


_VARIANCE = re.compile(
    rb"(?<=[<,])(?:\s|/\*.*?\*/|//[^\n]*\n)*((?:in\s+)?out|in)\s+(?=[A-Za-z_$])", re.S
)
_LINE_SIGNATURE = re.compile(rb"\n[ \t]*(?=[<(])")
_TYPE_NAMED_PARAMETER = re.compile(
    rb"\(\s*(any|number|string|boolean|symbol|object|never|unknown|void|bigint|undefined)"
    rb"\s*[,)?:]"
)
_STATIC_ACCESSOR = re.compile(rb"\bstatic\s+(accessor)\b")
