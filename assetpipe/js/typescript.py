"""TypeScript and JSX to JavaScript, before analysis: types erased, TypeScript-only constructs
turned into the JavaScript `tsc` writes for them, JSX into calls.

A `.ts`/`.mts`/`.cts` file is parsed with tree-sitter's TypeScript grammar, a `.tsx` file with
its TSX grammar, a `.jsx` file with the JavaScript grammar (which has JSX). One walk of the tree
copies the source through, leaving out what is only a type (annotations, interfaces, type
aliases, `declare`, overload signatures, `abstract` members, `as`/`satisfies`/`!`, type
arguments and parameters, `import type`, imports only types use) and rewriting in place:

- `enum` into an object with reverse mappings for numbers (values folded where constant;
  members read in the same file are inlined, as esbuild does);
- `namespace`/`module` blocks into the function `tsc` writes, with exported declarations
  assigned to the namespace object;
- parameter properties into assignments at the top of the constructor (after `super(...)`);
  with `useDefineForClassFields: false`, instance fields too;
- `accessor` fields into a private field with a getter and setter;
- legacy decorators (`experimentalDecorators`) into `__decorate` calls after the class;
  standard (TC39) decorators into esbuild's `__decorateElement`/`__runInitializers` calls
  (its runtime, `decorators.js`, appended to the module);
- JSX elements into calls of the automatic runtime (`jsx`/`jsxs` from
  `<importSource>/jsx-runtime`) or the classic one (`React.createElement` or a factory),
  with text, entities and whitespace as esbuild makes them.

Where tree-sitter's grammar (0.23) cannot read valid TypeScript, the source is patched before
parsing, inside types only (`_repair_types`: variance annotations, call signatures on their own
line, type-named parameters, `static accessor`).

The result is plain JavaScript for the same analyser every `.js` module goes through, and a
list of segments mapping each byte of it back to the source (copied bytes exactly, generated
ones to the construct they came from), which diagnostics and source maps use. Import and
export statements are printed at the end of the output (they are hoisted; their order among
themselves is kept), once it is known which imported names the code uses as values.
"""

from __future__ import annotations

import bisect
import functools
import html.entities
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import tree_sitter
import tree_sitter_javascript
import tree_sitter_typescript

from .parse import syntax_problems

EXTENSIONS = (".ts", ".mts", ".cts", ".tsx", ".jsx")


@dataclass(frozen=True, slots=True)
class Options:
    """What tsconfig.json (and JSX pragmas) decide about how a file compiles."""

    jsx: str = "automatic"  # or "classic"
    jsx_factory: str = "React.createElement"
    jsx_fragment: str = "React.Fragment"
    jsx_import_source: str = "react"
    experimental_decorators: bool = False
    decorator_metadata: bool = False  # emitDecoratorMetadata: refused (it needs the types)
    define_fields: bool = True  # useDefineForClassFields
    verbatim: bool = False  # verbatimModuleSyntax / preserveValueImports: imports stay
    # const enums this file imports from others, whose members are inlined here:
    # ((local name, ((member, value), ...)), ...)
    enums: tuple = ()

    def key(self) -> str:
        return json.dumps([getattr(self, f) for f in self.__dataclass_fields__])


@dataclass(frozen=True, slots=True)
class Compiled:
    code: bytes  # the JavaScript
    segments: tuple[int, ...]  # (output offset, source offset, copied) triples, by output
    problems: tuple[tuple[int, int, str], ...]  # (start, end, message), source byte offsets
    enums: tuple = ()  # the `export const enum`s: ((name, ((member, value), ...)), ...)


def source_offset(segments: tuple[int, ...], offset: int) -> int:
    """Where in the source the output byte `offset` came from."""
    if not segments:
        return offset
    i = bisect.bisect_right(_starts(segments), offset) - 1
    if i < 0:
        return 0
    out, src, copied = segments[3 * i : 3 * i + 3]
    return src + (offset - out) if copied else src


@functools.lru_cache(maxsize=64)
def _starts(segments: tuple[int, ...]) -> list[int]:
    return list(segments[::3])


@functools.cache
def _language(kind: str) -> tree_sitter.Language:
    if kind == "ts":
        return tree_sitter.Language(tree_sitter_typescript.language_typescript())
    if kind == "tsx":
        return tree_sitter.Language(tree_sitter_typescript.language_tsx())
    return tree_sitter.Language(tree_sitter_javascript.language())


def grammar(path: str) -> str:
    if path.endswith(".tsx"):
        return "tsx"
    if path.endswith(".jsx"):
        return "jsx"
    return "ts"


def compile_module(data: bytes, kind: str, options: Options) -> Compiled:
    """`data`, the source of a module in grammar `kind` ("ts", "tsx", "jsx"), as JavaScript."""
    parser = tree_sitter.Parser(_language(kind))
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
        retry = tree_sitter.Parser(_language("tsx")).parse(data)
        if not retry.root_node.has_error:
            tree, root = retry, retry.root_node
    if root.has_error and kind != "jsx":
        tree = _repair_types(parser, tree, data, accessors)
        root = tree.root_node
    if root.has_error:
        problems = syntax_problems(root, data, lambda b: b)
        return Compiled(
            b"", (), tuple((p.offset, p.offset + p.length, p.message) for p in problems)
        )
    compiler = _Compiler(data, _pragmas(root, data, options), kind != "jsx")
    compiler.static_accessors = accessors
    compiler.root, compiler.kind = root, kind
    compiler.program(root)
    return Compiled(
        bytes(compiler.out),
        tuple(compiler.segments),
        tuple(compiler.problems),
        tuple(compiler.exported_enums),
    )


def _repair_types(parser, tree, data: bytes, accessors: set[int]):
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
_PRAGMA = re.compile(rb"@(jsx|jsxFrag|jsxImportSource|jsxRuntime)\s+(\S+)")


def _pragmas(root: tree_sitter.Node, data: bytes, options: Options) -> Options:
    """`/** @jsx h */`, `@jsxFrag`, `@jsxImportSource`, `@jsxRuntime` in the file's comments."""
    found = {}
    for child in root.children:
        if child.type == "comment":
            for name, value in _PRAGMA.findall(data[child.start_byte : child.end_byte]):
                found[name.decode()] = value.decode("utf-8", "replace").rstrip("*/")
    if not found:
        return options
    changes: dict = {}
    if "jsxImportSource" in found:
        changes.update(jsx="automatic", jsx_import_source=found["jsxImportSource"])
    if "jsx" in found:
        changes.update(jsx="classic", jsx_factory=found["jsx"])
    if "jsxFrag" in found:
        changes["jsx_fragment"] = found["jsxFrag"]
    if found.get("jsxRuntime") in ("classic", "automatic"):
        changes["jsx"] = found["jsxRuntime"]
    fields = {f: getattr(options, f) for f in options.__dataclass_fields__}
    return Options(**{**fields, **changes})


# Nodes that are only types, wherever they are.
_TYPES = frozenset(
    {
        "type_annotation",
        "type_arguments",
        "type_parameters",
        "implements_clause",
        "accessibility_modifier",
        "override_modifier",
        "asserts_annotation",
        "type_predicate_annotation",
        "omitting_type_annotation",
        "opting_type_annotation",
        "adding_type_annotation",
    }
)
# Statements that are only types.
_TYPE_STATEMENTS = frozenset(
    {
        "interface_declaration",
        "type_alias_declaration",
        "ambient_declaration",
        "function_signature",
    }
)
# Class members that are only types.
_TYPE_MEMBERS = frozenset({"method_signature", "abstract_method_signature", "index_signature"})
# Tokens of a member or parameter that are only types.
_MODIFIERS = frozenset({"?", "!", "readonly", "abstract", "declare", "override_modifier"})
_STATEMENT_LISTS = frozenset({"program", "statement_block", "class_body", "switch_body"})
# nodes with nothing inside to compile (a string's escapes, a number)
_LEAVES = frozenset(
    {
        "property_identifier",
        "private_property_identifier",
        "string",
        "number",
        "regex",
        "comment",
        "this",
        "super",
        "true",
        "false",
        "null",
        "undefined",
        "statement_identifier",
        "hash_bang_line",
    }
)
_BLOCKS = frozenset({"program", "statement_block", "switch_case", "switch_default"})
# where an identifier is part of a type (`N.T` in `x: N.T`, `typeof n`)
_TYPE_CONTEXTS = _TYPES | _TYPE_STATEMENTS | {"nested_type_identifier", "type_query"}


@functools.cache
def _identifier_query(kind: str) -> tree_sitter.Query:
    return tree_sitter.Query(_language(kind), "(identifier) @id")


_ENTITIES = {**html.entities.name2codepoint, "apos": 0x27}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")

_DECORATE = (
    b"\nfunction __decorate(decorators, target, key, desc) {\n"
    b"  var c = arguments.length, r = c < 3 ? target : desc === null ? "
    b"desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;\n"
    b"  for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) "
    b"r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;\n"
    b"  return c > 3 && r && Object.defineProperty(target, key, r), r;\n}\n"
)
_PARAM = (
    b"\nfunction __param(index, decorator) {\n"
    b"  return function (target, key) { decorator(target, key, index); };\n}\n"
)
_HELPERS = {"decorate": _DECORATE, "param": _PARAM}


# TC39 decorators' runtime (esbuild's helpers, as function declarations)
_STANDARD = b"\n" + (Path(__file__).parent / "decorators.js").read_bytes()


_HELPERS["standard"] = _STANDARD


def decode_entities(text: str) -> str:
    def one(m: re.Match) -> str:
        hexa, dec, name = m.groups()
        try:
            if hexa:
                return chr(int(hexa, 16))
            if dec:
                return chr(int(dec))
        except (ValueError, OverflowError):
            return m.group(0)
        code = _ENTITIES.get(name)
        return chr(code) if code is not None else m.group(0)

    return _ENTITY.sub(one, text) if "&" in text else text


def jsx_text(raw: str) -> str:
    """JSX text as the string it becomes, as esbuild makes it: lines trimmed of spaces and
    tabs where they meet line breaks (the first line keeps its start, the last its end),
    lines with nothing else left out, the others joined with one space; then entities."""
    lines = []
    first, last = 0, -1
    for i, c in enumerate(raw):
        if c in "\r\n\u2028\u2029":
            if first != -1 and last != -1:
                lines.append(raw[first : last + 1])
            first = -1
        elif c not in _JSX_SPACE:
            last = i
            if first == -1:
                first = i
    if first != -1:
        lines.append(raw[first:])
    return " ".join(decode_entities(line) for line in lines)


_JSX_SPACE = frozenset(
    "\t\v\f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000\ufeff"
)


def js_string(text: str) -> bytes:
    return json.dumps(text, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == int(value) and abs(value) < 1e21:
        return str(int(value)) if not (value == 0 and math.copysign(1, value) < 0) else "-0"
    text = repr(value)
    return text


def _int32(value: float) -> int:
    if math.isnan(value) or math.isinf(value):
        return 0
    v = int(value) & 0xFFFFFFFF
    return v - 0x100000000 if v >= 0x80000000 else v


class _Compiler:
    def __init__(self, data: bytes, options: Options, typescript: bool) -> None:
        self.src = data
        self.options = options
        self.typescript = typescript
        self.out = bytearray()
        self.segments: list[int] = []
        self.pos = 0
        self.problems: list[tuple[int, int, str]] = []
        self.used: set[bytes] = set()  # names the code uses as values
        self.deferred: list[tree_sitter.Node] = []  # import and export lists, printed last
        self.type_only: set[bytes] = set()  # names that are only types here
        self.const_enums: dict[bytes, dict[str, object]] = {
            local.encode(): dict(members) for local, members in options.enums
        }
        self.exported_enums: list = []
        self.helpers: set[str] = set()
        self.runtime: dict[tuple[str, str], str] = {}  # (module, export) -> local name
        self.namespaces: list[bytes] = []  # the namespaces being compiled, innermost last
        self.static_accessors: set[int] = set()  # `static accessor` members, by start
        self.value_names: set[tuple[int, bytes]] | None = None  # identifiers outside types
        self.plan: _Plan | None = None  # standard decorators of the class being compiled
        self.planned = False
        self.private_names = 0
        self.root: tree_sitter.Node | None = None
        self.kind = "ts"

    # -- output ------------------------------------------------------------------------------

    def copy_to(self, at: int) -> None:
        if at > self.pos:
            self.segments += (len(self.out), self.pos, 1)
            self.out += self.src[self.pos : at]
            self.pos = at

    def put(self, text: bytes | str, at: int) -> None:
        if isinstance(text, str):
            text = text.encode()
        if text:
            self.segments += (len(self.out), at, 0)
            self.out += text

    def drop(self, start: int, end: int) -> None:
        self.copy_to(start)
        self.pos = max(self.pos, end)

    def emit(self, node: tree_sitter.Node) -> None:
        """The node's text, compiled."""
        self.pos = node.start_byte
        self.walk(node)
        self.copy_to(node.end_byte)

    def capture(self, node: tree_sitter.Node) -> tuple[bytes, list[int]]:
        """The node compiled into a fragment, to be put elsewhere with `put_fragment`."""
        saved = self.out, self.segments, self.pos
        self.out, self.segments = bytearray(), []
        self.emit(node)
        fragment = bytes(self.out), self.segments
        self.out, self.segments, self.pos = saved
        return fragment

    def put_fragment(self, fragment: tuple[bytes, list[int]]) -> None:
        text, segments = fragment
        base = len(self.out)
        for i in range(0, len(segments), 3):
            self.segments += (segments[i] + base, segments[i + 1], segments[i + 2])
        self.out += text

    def text(self, node: tree_sitter.Node) -> bytes:
        return self.src[node.start_byte : node.end_byte]

    def error(self, node: tree_sitter.Node, message: str) -> None:
        self.problems.append((node.start_byte, node.end_byte, message))

    # -- the walk ----------------------------------------------------------------------------

    def program(self, root: tree_sitter.Node) -> None:
        self.declared_types(root)
        self.pos = 0
        self.statements(root)
        self.copy_to(root.end_byte)
        tail_at = root.end_byte
        self.finish_deferred()
        for source in sorted({m for m, _ in self.runtime}):
            names = ", ".join(
                f"{e} as {local}" for (m, e), local in sorted(self.runtime.items()) if m == source
            )
            self.put(f"\nimport {{ {names} }} from {json.dumps(source)};\n", tail_at)
        for helper in sorted(self.helpers):
            self.put(_HELPERS[helper], tail_at)

    def declared_types(self, root: tree_sitter.Node) -> None:
        """Top-level names declared only as types (for eliding exports of them)."""
        values: set[bytes] = set()
        for child in root.children:
            node = child
            if node.type == "export_statement":
                node = node.child_by_field_name("declaration") or node
            name = node.child_by_field_name("name")
            if node.type in ("interface_declaration", "type_alias_declaration") and name:
                self.type_only.add(self.text(name))
            elif name is not None and node.type != "ambient_declaration":
                values.add(self.text(name))
            elif node.type in ("lexical_declaration", "variable_declaration"):
                for d in node.named_children:
                    n = d.child_by_field_name("name")
                    if n is not None and n.type == "identifier":
                        values.add(self.text(n))
            elif node.type == "import_statement":
                self.type_imports(node)
        self.type_only -= values

    def type_imports(self, node: tree_sitter.Node) -> None:
        whole = any(c.type == "type" for c in node.children)
        for spec in _import_specifiers(node):
            if whole or any(c.type == "type" for c in spec.children):
                local = spec.child_by_field_name("alias") or spec.child_by_field_name("name")
                if local is not None:
                    self.type_only.add(self.text(local))

    def statements(self, node: tree_sitter.Node) -> None:
        for child in node.children:
            self.walk(child)

    def walk(self, node: tree_sitter.Node) -> None:
        kind = node.type
        handler = _HANDLERS.get(kind)
        if handler is not None:
            handler(self, node)
            return
        if kind in _TYPES:
            self.drop(node.start_byte, node.end_byte)
            return
        if kind in _TYPE_STATEMENTS:
            self.drop_statement(node)
            return
        if kind == "identifier" or kind == "shorthand_property_identifier":
            self.used.add(self.src[node.start_byte : node.end_byte])
            return
        # tokens (keywords, punctuation) never need anything: only named nodes are visited,
        # and leaves are dealt with here rather than by a call each
        used, src = self.used, self.src
        for child in node.named_children:
            kind = child.type
            if kind == "identifier" or kind == "shorthand_property_identifier":
                used.add(src[child.start_byte : child.end_byte])
            elif kind not in _LEAVES:
                self.walk(child)

    def used_as_value(self, name_node: tree_sitter.Node) -> bool:
        """Whether an identifier with this name appears outside types, other than here."""
        if self.value_names is None:
            self.value_names = set()
            query = _identifier_query(self.kind)
            for nodes in tree_sitter.QueryCursor(query).captures(self.root).values():
                for n in nodes:
                    parent = n.parent
                    while parent is not None and parent.type not in _TYPE_CONTEXTS:
                        if parent.type in _STATEMENT_LISTS:
                            self.value_names.add((n.start_byte, self.text(n)))
                            break
                        parent = parent.parent
        text = self.text(name_node)
        return any(t == text and at != name_node.start_byte for at, t in self.value_names)

    def statement(self, node: tree_sitter.Node) -> None:
        """A statement that may end without `;`: it gets one when it ends a type away
        (`x as any` then a line starting with `(` is two statements, not a call)."""
        for child in node.children:
            self.walk(child)
        last = node.children[-1] if node.children else None
        if (
            self.typescript
            and last is not None
            and last.type != ";"
            and node.parent is not None
            and node.parent.type in _BLOCKS
        ):
            self.copy_to(node.end_byte)
            self.put(";", node.end_byte)

    def drop_statement(self, node: tree_sitter.Node) -> None:
        """Leave out a statement or class member; a `;` in its place keeps the statements
        around it apart, as the line break before it did (`a \\n interface I {} \\n (b)`)."""
        self.drop(node.start_byte, node.end_byte)
        parent = node.parent
        if parent is not None and parent.type in _STATEMENT_LISTS:
            self.put(";", node.start_byte)

    # -- expressions -------------------------------------------------------------------------

    def first_only(self, node: tree_sitter.Node) -> None:
        """`x as T`, `x satisfies T`, `x!`, `f<T>`: the expression alone."""
        inner = node.named_children[0]
        self.walk(inner)
        self.drop(inner.end_byte, node.end_byte)

    def type_assertion(self, node: tree_sitter.Node) -> None:
        inner = node.named_children[-1]
        self.drop(node.start_byte, inner.start_byte)
        self.walk(inner)

    def arrow_function(self, node: tree_sitter.Node) -> None:
        params = node.child_by_field_name("parameters")
        returns = node.child_by_field_name("return_type")
        for child in node.children:
            if returns is not None and child == returns and params is not None:
                # a line break before `=>` is a syntax error in JavaScript: the space goes too
                self.drop(params.end_byte, returns.end_byte)
            else:
                self.walk(child)

    def member_expression(self, node: tree_sitter.Node) -> None:
        if not self.const_enums:
            self.split_after_type(node, "object")
            return
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property") or node.child_by_field_name("index")
        if obj is not None and prop is not None and obj.type == "identifier":
            values = self.const_enums.get(self.text(obj))
            if values is not None:
                name = self.text(prop).decode()
                if prop.type == "string":
                    name = name[1:-1]
                if name in values:
                    self.drop(node.start_byte, node.end_byte)
                    self.put(_literal(values[name]) + f" /* {name} */".encode(), node.start_byte)
                    return
        self.split_after_type(node, "object")

    def call_expression(self, node: tree_sitter.Node) -> None:
        self.split_after_type(node, "function")

    def split_after_type(self, node: tree_sitter.Node, field: str) -> None:
        """`x as T` then a line starting with `(` or `[`: tree-sitter reads a call or an index
        of `x as T`, which TypeScript never does (`as` binds looser): the statement ends with
        the type, as automatic semicolon insertion ends it, and the next one starts there."""
        first = node.child_by_field_name(field)
        if first is None or first.type not in ("as_expression", "satisfies_expression"):
            for child in node.named_children:
                self.walk(child)
            return
        after = first.next_sibling
        split = after is not None and b"\n" in self.src[first.end_byte : after.start_byte]
        for child in node.children:
            self.walk(child)
            if split and child == first:
                self.copy_to(first.end_byte)
                self.put(";", first.end_byte)

    # -- parameters, variables -----------------------------------------------------------------

    def parameter(self, node: tree_sitter.Node) -> None:
        for child in node.children:
            if child.type == "decorator" and not self.options.experimental_decorators:
                self.decorator_problem(child)
            if child.type in _MODIFIERS or child.type in _TYPES or child.type == "decorator":
                self.drop(child.start_byte, child.end_byte)
            else:
                self.walk(child)

    def formal_parameters(self, node: tree_sitter.Node) -> None:
        children = node.children
        skip_comma = False
        for child in children:
            if skip_comma and child.type == ",":
                self.drop(child.start_byte, child.end_byte)
                skip_comma = False
                continue
            skip_comma = False
            pattern = child.child_by_field_name("pattern") if child.is_named else None
            if pattern is not None and pattern.type == "this":
                self.drop(child.start_byte, child.end_byte)
                skip_comma = True
                continue
            self.walk(child)

    def variable_declarator(self, node: tree_sitter.Node) -> None:
        for child in node.children:
            if child.type == "!" or child.type in _TYPES:
                self.drop(child.start_byte, child.end_byte)
            else:
                self.walk(child)

    # -- imports and exports -----------------------------------------------------------------

    def import_statement(self, node: tree_sitter.Node) -> None:
        if any(c.type == "import_require_clause" for c in node.children):
            self.error(
                node,
                "import x = require() is CommonJS, which TypeScript compiles for Node: "
                "write import x from '...'",
            )
            return
        self.drop(node.start_byte, node.end_byte)
        if node.parent is not None and node.parent.type in _STATEMENT_LISTS:
            self.put(";", node.start_byte)
        if not any(c.type == "type" for c in node.children):
            self.deferred.append(node)

    def import_alias(self, node: tree_sitter.Node) -> None:
        """`import A = N.B` (an alias of a namespace member): `var A = N.B`; left out when
        code uses `A` only as a type, as `tsc` does (`N` may not exist at run time)."""
        name = node.named_children[0]
        exported = node.parent is not None and node.parent.type == "export_statement"
        if not exported and not self.used_as_value(name):
            self.drop_statement(node)
            return
        keyword = node.children[0]
        self.drop(keyword.start_byte, keyword.end_byte)
        self.put("var", keyword.start_byte)
        for child in node.children[1:]:
            self.walk(child)

    def export_statement(self, node: tree_sitter.Node) -> None:
        children = node.children
        declaration = node.child_by_field_name("declaration")
        if len(children) > 1 and children[1].type in ("=", "as"):
            if children[1].type == "=":
                self.error(
                    node,
                    "export = is CommonJS, which TypeScript compiles for Node: "
                    "write export default",
                )
            self.drop_statement(node)
            return
        if any(c.type == "type" for c in children[:2]):  # export type {...}, export type * ...
            self.drop_statement(node)
            return
        if declaration is not None and (
            declaration.type in _TYPE_STATEMENTS
            or (
                declaration.type in ("internal_module", "module") and not _instantiated(declaration)
            )
        ):
            self.drop_statement(node)
            return
        if declaration is None and (
            any(c.type == "export_clause" for c in children)
            or node.child_by_field_name("source") is not None
        ):  # export lists and `export * from`: printed with the imports, in their order
            self.drop(node.start_byte, node.end_byte)
            if node.parent is not None and node.parent.type in _STATEMENT_LISTS:
                self.put(";", node.start_byte)
            self.deferred.append(node)
            return
        if self.namespaces and node.parent is not None and node.parent.type == "statement_block":
            self.namespace_export(node, declaration)
            return
        value = node.child_by_field_name("value")
        if (
            value is not None
            and value.type == "identifier"
            and self.text(value) in self.type_only
            and children[1].type == "default"
        ):
            self.drop_statement(node)
            return
        target = declaration if declaration is not None else value
        if target is not None and target.type in _CLASSES and _decorated(target):
            self.decorated_class(target, export=node)
            return
        for child in children:
            self.walk(child)

    def finish_deferred(self) -> None:
        """The import and export-list statements, in their order, without what only types
        need. Export lists go first, for the imported names they use."""
        lists = [n for n in self.deferred if n.type == "export_statement" and _clause(n)]
        kept = {id(n): self.exported(n) for n in lists}
        for node in self.deferred:
            if id(node) in kept:
                self.export_list(node, kept[id(node)])
            elif node.type == "export_statement":  # export * from, export * as ns from
                self.put("\n", node.start_byte)
                self.pos = node.start_byte
                self.copy_to(node.end_byte)
                self.put("\n", node.end_byte)
            else:
                self.import_list(node)

    def exported(self, node: tree_sitter.Node) -> list[tree_sitter.Node] | None:
        """The specifiers of an export list that export values (None: leave the statement
        out, as `tsc` does when all of them are types)."""
        clause = next(c for c in node.children if c.type == "export_clause")
        source = node.child_by_field_name("source")
        specs = [s for s in clause.named_children if s.type == "export_specifier"]
        kept = []
        for spec in specs:
            name = spec.child_by_field_name("name")
            if any(c.type == "type" for c in spec.children) or name is None:
                continue
            if source is None and self.text(name) in self.type_only:
                continue
            if source is None:
                self.used.add(self.text(name))
            kept.append(spec)
        if specs and not kept and self.typescript:
            return None
        return kept

    def export_list(self, node: tree_sitter.Node, kept) -> None:
        if kept is None:
            return
        clause = next(c for c in node.children if c.type == "export_clause")
        source = node.child_by_field_name("source")
        self.put("\nexport { ", node.start_byte)
        self.copy_list(kept)
        self.put(" }", clause.end_byte)
        if source is not None:
            self.put(" ", clause.end_byte)
            self.pos = clause.end_byte
            self.skip_space()
            self.copy_to(node.end_byte)
        self.put("\n", node.end_byte)

    def copy_list(self, nodes: list[tree_sitter.Node]) -> None:
        """Nodes copied as written, comma-separated (the specifiers kept of an import or
        export list)."""
        for i, node in enumerate(nodes):
            if i:
                self.put(", ", node.start_byte)
            self.pos = node.start_byte
            self.copy_to(node.end_byte)

    def skip_space(self) -> None:
        while self.pos < len(self.src) and self.src[self.pos] in b" \t\r\n":
            self.pos += 1

    def import_list(self, node: tree_sitter.Node) -> None:
        clause = next((c for c in node.children if c.type == "import_clause"), None)
        source = node.child_by_field_name("source")
        if source is None:
            return
        if clause is None:  # import "x": kept for its effects
            self.put("\n", node.start_byte)
            self.pos = node.start_byte
            self.copy_to(node.end_byte)
            self.put("\n", node.end_byte)
            return
        default = None
        star = None
        named = []
        any_named = False
        for child in clause.named_children:
            if child.type == "identifier":
                default = child
            elif child.type == "namespace_import":
                star = child
            elif child.type == "named_imports":
                for spec in child.named_children:
                    if spec.type != "import_specifier":
                        continue
                    any_named = True
                    if any(c.type == "type" for c in spec.children):
                        continue
                    named.append(spec)
        verbatim = self.options.verbatim or not self.typescript

        def used(n: tree_sitter.Node) -> bool:
            if verbatim:
                return True
            local = n
            if n.type == "import_specifier":
                local = n.child_by_field_name("alias") or n.child_by_field_name("name")
            elif n.type == "namespace_import":
                local = n.named_children[-1]
            return self.text(local) in self.used

        default = default if default is not None and used(default) else None
        star = star if star is not None and used(star) else None
        named = [s for s in named if used(s)]
        parts = []
        if default is not None:
            parts.append(("node", default))
        if star is not None:
            parts.append(("node", star))
        if named:
            parts.append(("named", named))
        if not parts:
            if verbatim or not (default or star or any_named) and not self.typescript:
                self.put("\nimport ", node.start_byte)
                self.pos = source.start_byte
                self.copy_to(node.end_byte)
                self.put("\n", node.end_byte)
            return
        self.put("\nimport ", node.start_byte)
        for i, (what, value) in enumerate(parts):
            if i:
                self.put(", ", clause.start_byte)
            if what == "node":
                self.pos = value.start_byte
                self.copy_to(value.end_byte)
            else:
                self.put("{ ", clause.start_byte)
                self.copy_list(value)
                self.put(" }", clause.start_byte)
        self.put(" from ", source.start_byte)
        self.pos = source.start_byte
        self.copy_to(node.end_byte)
        self.put("\n", node.end_byte)

    # -- enums -------------------------------------------------------------------------------

    def enum_declaration(self, node: tree_sitter.Node) -> None:
        name = self.text(node.child_by_field_name("name")).decode()
        body = node.child_by_field_name("body")
        self.drop(node.start_byte, node.end_byte)
        values: dict[str, object] = {}
        lines = []
        previous: object = -1
        for member in body.named_children:
            if member.type == "comment":
                continue
            key_node = (
                member.child_by_field_name("name") if member.type == "enum_assignment" else member
            )
            key = self.text(key_node).decode("utf-8", "replace")
            if key_node.type == "string":
                key = json.loads(key) if key[:1] == '"' else key[1:-1]
            value_node = (
                member.child_by_field_name("value") if member.type == "enum_assignment" else None
            )
            if value_node is None:
                value: object = previous + 1 if isinstance(previous, (int, float)) else None
                if value is None:
                    self.error(member, f"enum member {key} needs an initializer")
                    value = 0
            else:
                value = _fold(value_node, self.src, values, name)
            k = js_string(key).decode()
            if value is None:
                fragment = self.capture(value_node)
                lines.append((f"  {name}[{name}[{k}] = ", fragment, f"] = {k};\n"))
                previous = None
                continue
            values[key] = value
            previous = value
            if isinstance(value, str):
                lines.append((f"  {name}[{k}] = {_literal(value).decode()};\n", None, ""))
            else:
                lines.append(
                    (f"  {name}[{name}[{k}] = {_literal(value).decode()}] = {k};\n", None, "")
                )
        # members read in this file are inlined (as esbuild does, for enums and const enums);
        # an exported const enum's, in the files that import it too (`discover` passes them)
        self.const_enums[name.encode()] = values
        is_const = any(c.type == "const" for c in node.children)
        parent = node.parent
        if (
            is_const
            and parent is not None
            and parent.type == "export_statement"
            and parent.parent is not None
            and parent.parent.type == "program"
        ):
            self.exported_enums.append((name, tuple(values.items())))
        head = f"var {name} = /* @__PURE__ */ (({name}) => {{\n"
        self.put(head, node.start_byte)
        for before, fragment, after in lines:
            self.put(before, node.start_byte)
            if fragment is not None:
                self.put_fragment(fragment)
            self.put(after, node.start_byte)
        self.put(f"  return {name};\n}})({name} || {{}});", node.start_byte)
        self.used.add(name.encode())

    # -- namespaces --------------------------------------------------------------------------

    def namespace(self, node: tree_sitter.Node) -> None:
        statement = (
            node.parent if node.parent and node.parent.type == "expression_statement" else node
        )
        if not _instantiated(node):
            self.drop_statement(statement)
            return
        self.drop(node.start_byte, node.end_byte)
        name = node.child_by_field_name("name")
        path = _dotted(self.text(name)) if name is not None else [b"_"]
        self.open_namespace(node, path, statement, outer=None)

    def open_namespace(self, node, path, statement, outer: bytes | None) -> None:
        """`(function (N) { ... })(N || (N = {}))`, one per name of a dotted `A.B.C`."""
        body = node.child_by_field_name("body")
        first = path[0].decode()
        declare = not _declared_before(statement, path[0], self.src)
        if declare:
            keyword = "let" if outer is not None else "var"
            self.put(f"{keyword} {first};\n", node.start_byte)
        self.put(f"(function ({first}) {{\n", node.start_byte)
        self.namespaces.append(path[0])
        if len(path) > 1:
            self.open_namespace(node, path[1:], statement, outer=path[0])
        else:
            self.pos = body.start_byte + 1
            for child in body.children[1:-1]:
                self.walk(child)
            self.copy_to(body.end_byte - 1)
        self.namespaces.pop()
        target = f"{outer.decode()}.{first}" if outer is not None else first
        holder = (
            f"{first} = {target} || ({target} = {{}})"
            if outer is not None
            else f"{first} || ({first} = {{}})"
        )
        self.put(f"\n}})({holder});\n", node.end_byte)
        self.pos = node.end_byte

    def namespace_export(self, node: tree_sitter.Node, declaration) -> None:
        """`export ...` in a namespace: the declaration, then its names on the namespace."""
        ns = self.namespaces[-1].decode()
        keyword = node.children[0]
        self.drop(keyword.start_byte, declaration.start_byte if declaration else node.end_byte)
        if declaration is None:
            return
        if declaration.type in ("internal_module", "module"):
            if not _instantiated(declaration):
                self.drop(declaration.start_byte, declaration.end_byte)
                return
            self.drop(declaration.start_byte, declaration.end_byte)
            name = declaration.child_by_field_name("name")
            path = _dotted(self.text(name))
            self.put(f"let {path[0].decode()};\n", declaration.start_byte)
            self.open_namespace_member(declaration, path, ns)
            return
        if declaration.type in _CLASSES and _decorated(declaration):
            self.decorated_class(declaration, export=None)
        else:
            self.walk(declaration)
        self.copy_to(node.end_byte)
        names = _declared_names(declaration, self.src)
        if names:
            self.put("; " + " ".join(f"{ns}.{n} = {n};" for n in names), node.end_byte)

    def open_namespace_member(self, node, path, ns: str) -> None:
        first = path[0].decode()
        self.put(f"(function ({first}) {{\n", node.start_byte)
        self.namespaces.append(path[0])
        if len(path) > 1:
            self.put(f"let {path[1].decode()};\n", node.start_byte)
            self.open_namespace_member(node, path[1:], first)
        else:
            body = node.child_by_field_name("body")
            self.pos = body.start_byte + 1
            for child in body.children[1:-1]:
                self.walk(child)
            self.copy_to(body.end_byte - 1)
        self.namespaces.pop()
        self.put(f"\n}})({first} = {ns}.{first} || ({ns}.{first} = {{}}));\n", node.end_byte)
        self.pos = node.end_byte

    # -- classes -----------------------------------------------------------------------------

    def class_declaration(self, node: tree_sitter.Node) -> None:
        if _decorated(node):
            self.decorated_class(node, export=None)
            return
        self.class_parts(node)

    def class_parts(self, node: tree_sitter.Node, decorations: list | None = None) -> None:
        body = node.child_by_field_name("body")
        heritage = next((c for c in node.children if c.type == "class_heritage"), None)
        for child in node.children:
            if child.type in ("abstract",) or child.type in _TYPES or child.type == "decorator":
                self.drop(child.start_byte, child.end_byte)
            elif child == body:
                self.class_body(body, heritage is not None and _extends(heritage), decorations)
            elif child.type == "class_heritage":
                self.class_heritage(child)
            elif child.type == "type_identifier":
                self.used.add(self.text(child))
            else:
                self.walk(child)

    def class_heritage(self, node: tree_sitter.Node) -> None:
        clauses = node.named_children
        if all(c.type == "implements_clause" for c in clauses):
            self.drop(node.start_byte, node.end_byte)
            return
        for child in node.children:
            if child.type == "implements_clause":
                self.drop(child.start_byte, child.end_byte)
            elif child.type == "extends_clause":
                for part in child.children:
                    if part.type in _TYPES:
                        self.drop(part.start_byte, part.end_byte)
                    else:
                        self.walk(part)
            else:
                self.walk(child)

    def class_body(self, body, derived: bool, decorations: list | None) -> None:
        members = [c for c in body.named_children if c.type != "comment"]
        constructor = next(
            (
                m
                for m in members
                if m.type == "method_definition"
                and self.text(m.child_by_field_name("name")) == b"constructor"
                and m.child_by_field_name("body") is not None
            ),
            None,
        )
        inits: list = []  # fragments: assignments for the constructor
        declared: list[str] = []  # parameter properties, declared as fields (define semantics)
        if constructor is not None:
            params = constructor.child_by_field_name("parameters")
            for p in params.named_children:
                if any(
                    c.type in ("accessibility_modifier", "readonly", "override_modifier")
                    for c in p.children
                ):
                    pattern = p.child_by_field_name("pattern")
                    if pattern is not None and pattern.type == "identifier":
                        n = self.text(pattern).decode()
                        inits.append((f"this.{n} = {n};", None))
                        declared.append(n)
        moved: set[int] = set()
        plan = self.plan  # standard decorators: members moved out, constructor code
        self.plan = None
        if plan is not None:
            moved |= plan.moved
            inits += plan.inits
        if not self.options.define_fields:
            for m in members:
                if m.type != "public_field_definition" or _is_static(m) or _is_ambient(m):
                    continue
                key = m.child_by_field_name("name")
                if key is None or key.type == "private_property_identifier":
                    continue
                if self.is_accessor(m):
                    continue
                moved.add(m.start_byte)
                value = m.child_by_field_name("value")
                if value is None:
                    continue
                target = _member_target(key, self.src)
                inits.append((f"this{target} = ", self.capture(value)))
        pending: list = []  # decorators before a member (tree-sitter makes them siblings)
        for child in body.children:
            if child.type == "decorator":
                if decorations is None and plan is None:
                    self.decorator_problem(child)
                self.drop(child.start_byte, child.end_byte)
                pending.append(child)
                continue
            before, pending = pending, []
            if child.is_named and child.start_byte in moved:
                self.drop(child.start_byte, child.end_byte)
                self.put(";", child.start_byte)
                if plan is not None:
                    continue
                if decorations is not None:
                    self.member_decorations(child, decorations, before)
                continue
            if child == constructor and inits:
                self.constructor(child, inits)
                if decorations is not None:
                    self.member_decorations(child, decorations, before)
                continue
            if child.type == "{" and declared and self.options.define_fields:
                self.copy_to(child.end_byte)
                self.put(" ".join(f"{n};" for n in declared), child.end_byte)
            if child.type == "{" and constructor is None and inits:
                self.copy_to(child.end_byte)
                if derived:
                    self.put("\nconstructor(...args) { super(...args); ", child.end_byte)
                else:
                    self.put("\nconstructor() { ", child.end_byte)
                self.put_inits(inits, child.end_byte)
                self.put("}\n", child.end_byte)
                continue
            self.class_member(child, decorations, before)

    def put_inits(self, inits, at: int) -> None:
        """Constructor code: (text, fragment or None[, text after]) parts."""
        for text, fragment, *after in inits:
            self.put(text, at)
            if fragment is not None:
                self.put_fragment(fragment)
                self.put(after[0] if after else ";", at)
            self.put(" ", at)

    def constructor(self, node, inits) -> None:
        body = node.child_by_field_name("body")
        anchor = body.children[0]
        for statement in body.named_children:
            if statement.type == "expression_statement" and _is_super_call(
                statement.named_children[0] if statement.named_children else None
            ):
                anchor = statement
                break
        for child in node.children:
            if child != body:
                self.method_part(child)
                continue
            for part in body.children:
                self.walk(part)
                if part == anchor:
                    self.copy_to(part.end_byte)
                    self.put(" " if self.out.endswith((b";", b"{")) else "; ", part.end_byte)
                    self.put_inits(inits, part.end_byte)

    def method_part(self, child) -> None:
        if child.type in _MODIFIERS or child.type in _TYPES or child.type == "decorator":
            self.drop(child.start_byte, child.end_byte)
        else:
            self.walk(child)

    def class_member(self, child, decorations: list | None, before: list) -> None:
        if self.planned:
            decorations = decorations if decorations is not None else []
        kind = child.type
        if kind in _TYPE_MEMBERS or (kind == "public_field_definition" and _is_ambient(child)):
            self.drop_statement(child)
            return
        if kind == "method_definition" and child.child_by_field_name("body") is None:
            self.drop_statement(child)
            return
        if kind == "decorator":
            if decorations is None:
                self.decorator_problem(child)
            self.drop(child.start_byte, child.end_byte)
            return
        if kind == "public_field_definition" and self.is_accessor(child):
            self.auto_accessor(child)
        elif kind == "public_field_definition":
            for part in child.children:
                if part.type == "decorator" and decorations is None:
                    self.decorator_problem(part)
                self.method_part(part)
            after = child.next_sibling
            modifier = self.text(child) in (b"get", b"set", b"static")  # `get` / `x() {}`: one
            if (after is None or after.type != ";") and not modifier:  # `[a]: T` / `[b]: T`
                self.copy_to(child.end_byte)
                self.put(";", child.end_byte)
        elif kind in ("method_definition", "public_field_definition"):
            for part in child.children:
                if part.type == "decorator" and decorations is None:
                    self.decorator_problem(part)
                self.method_part(part)
        else:
            self.walk(child)
        if decorations is not None and kind in ("method_definition", "public_field_definition"):
            self.member_decorations(child, decorations, before)

    def is_accessor(self, member) -> bool:
        name = member.child_by_field_name("name")
        end = name.start_byte if name is not None else member.end_byte
        return any(c.type == "accessor" for c in member.children) or any(
            member.start_byte <= at < end for at in self.static_accessors
        )

    def auto_accessor(self, node) -> None:
        """`accessor x = 1`: a private field `#x_accessor`, and a getter and setter for it."""
        key = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        static = "static " if _is_static(node) else ""
        raw = self.text(key).decode()
        storage = "#" + re.sub(r"[^A-Za-z0-9_$]", "_", raw.lstrip("#")) + "_accessor"
        self.drop(node.start_byte, node.end_byte)
        self.put(f"{static}{storage}", node.start_byte)
        if value is not None:
            self.put(" = ", value.start_byte)
            self.put_fragment(self.capture(value))
        name = raw if key.type != "computed_property_name" else raw
        self.put(
            f"; {static}get {name}() {{ return this.{storage}; }} "
            f"{static}set {name}(value) {{ this.{storage} = value; }}",
            node.start_byte,
        )

    def decorator_problem(self, node) -> None:
        self.error(
            node,
            "this decorator is not supported: standard decorators are compiled on classes and "
            "their public members with plain names (not on #private members, members with "
            "computed names, parameters or class expressions); parameter decorators need "
            '"experimentalDecorators": true in tsconfig.json',
        )

    # -- standard decorators -------------------------------------------------------------------

    def standard_decorators(self, node, export) -> bool:
        """TC39 decorators (TypeScript 5 without `experimentalDecorators`), lowered as esbuild
        lowers them for browsers without them (its runtime helpers): each decorated element
        goes through `__decorateElement`, fields and accessors get their initial value through
        `__runInitializers` in the constructor. False when a decorated member is private or
        has a computed name (refused by the caller)."""
        body = node.child_by_field_name("body")
        outer = [c for c in export.children if c.type == "decorator"] if export is not None else []
        class_decorators = outer + [c for c in node.children if c.type == "decorator"]
        members: list = []  # (member, decorators)
        pending: list = []
        for child in body.named_children:
            if child.type == "decorator":
                pending.append(child)
                continue
            own = [c for c in child.children if c.type == "decorator"]
            if pending or own:
                members.append((child, pending + own))
            pending = []
        for member, _ in members:
            key = member.child_by_field_name("name")
            params = member.child_by_field_name("parameters")
            if (
                key is None
                or key.type not in ("property_identifier", "string", "number")
                or member.type not in ("method_definition", "public_field_definition")
                or params is not None
                and any(c.type == "decorator" for p in params.named_children for c in p.children)
            ):
                return False
        name_node = node.child_by_field_name("name")
        name = self.text(name_node).decode() if name_node is not None else "_default"
        heritage = next((c for c in node.children if c.type == "class_heritage"), None)
        extends = None
        if heritage is not None:
            clause = next((c for c in heritage.children if c.type == "extends_clause"), None)
            extends = clause.child_by_field_name("value") if clause is not None else None
            if extends is None and clause is not None:
                extends = next((c for c in clause.named_children if c.type not in _TYPES), None)
        self.helpers.add("standard")
        n = self.private_names
        self.private_names += 1
        suffix = f"{n}" if n else ""
        init = f"_init{suffix}"
        base = f"_base{suffix}" if extends is not None else None
        # element kinds as esbuild numbers them; the order __decorateElement runs them in
        entries = []
        for member, decorators in members:
            key = member.child_by_field_name("name")
            static = _is_static(member)
            if member.type == "method_definition":
                kinds = {c.type for c in member.children}
                kind = 2 if "get" in kinds else 3 if "set" in kinds else 1
            else:
                kind = 4 if self.is_accessor(member) else 5
            text = self.text(key).decode()
            label = (
                json.loads(text)
                if key.type == "string" and text[0] == '"'
                else (text[1:-1] if key.type == "string" else text)
            )
            variable = "_" + re.sub(r"[^A-Za-z0-9_$]", "_", label) + f"_dec{suffix}"
            entries.append((member, decorators, kind, static, label, variable))
        order = (
            [e for e in entries if e[3] and e[2] < 5]
            + [e for e in entries if not e[3] and e[2] < 5]
            + [e for e in entries if e[3] and e[2] == 5]
            + [e for e in entries if not e[3] and e[2] == 5]
        )
        slots = {}
        length = 4
        for e in order:
            if e[2] >= 4:
                slots[id(e[0])] = length + 1
                length += 2
        storage = {
            id(e[0]): f"_{re.sub(r'[^A-Za-z0-9_$]', '_', e[4])}{suffix}"
            for e in entries
            if e[2] == 4
        }
        names = [e[5] for e in entries] + ([base] if base else []) + [init] + list(storage.values())
        if class_decorators:
            names.append(f"_{name}_decorators{suffix}")
        start = (export or node).start_byte
        self.drop(start, node.start_byte)
        keyword = next(c for c in node.children if c.type == "class")
        self.drop(node.start_byte, keyword.start_byte)
        at = node.start_byte
        self.put(f"var {', '.join(names)};\n", at)
        if class_decorators:
            self.put(f"_{name}_decorators{suffix} = [", at)
            self.put_list([self.capture(d.named_children[0]) for d in class_decorators], at)
            self.put("];\n", at)

        def decorator_lists(separator: str) -> None:
            for _m, decorators, _k, _s, _l, variable in entries:
                self.put(f"{variable} = [", at)
                self.put_list([self.capture(d.named_children[0]) for d in decorators], at)
                self.put("]" + separator, at)

        if extends is None:
            decorator_lists(";\n")
        default = export is not None and any(c.type == "default" for c in export.children)
        bound = name_node is None
        prefix = "export " if export is not None and not default else ""
        self.put(f"{prefix}let {name} = " if bound else prefix, keyword.start_byte)
        # the constructor: the decorated fields and accessors, and every instance field
        # (their order kept), get their values there
        moved: set[int] = set()
        inits: list = []
        instance_methods = any(not e[3] and e[2] < 5 for e in entries)
        if instance_methods:
            inits.append((f"__runInitializers({init}, 5, this);", None))
        decorated = {id(e[0]): e for e in entries}
        for member in body.named_children:
            if member.type != "public_field_definition" or _is_static(member):
                continue
            key = member.child_by_field_name("name")
            e = decorated.get(id(member))
            if e is None and not any(x[2] >= 4 and not x[3] for x in entries):
                continue
            if key is None or key.type not in ("property_identifier", "string", "number"):
                continue
            if e is None and self.is_accessor(member):
                continue
            moved.add(member.start_byte)
            value = member.child_by_field_name("value")
            label = (
                json.dumps(self.text(key).decode().strip("'\""))
                if key.type != "number"
                else self.text(key).decode()
            )
            fragment = self.capture(value) if value is not None else None
            value_fragment = fragment or (b"void 0", [])
            if e is None:
                inits.append((f"__publicField(this, {label}, ", value_fragment, ");"))
                continue
            j = slots[id(member)]
            target = (
                f"__privateAdd(this, {storage[id(member)]}"
                if e[2] == 4
                else (f"__publicField(this, {label}")
            )
            inits.append(
                (
                    f"{target}, __runInitializers({init}, {(j - 1) * 2}, this, ",
                    value_fragment,
                    f")), __runInitializers({init}, {j * 2 + 1}, this);",
                )
            )
        static_fields = [e for e in entries if e[3] and e[2] >= 4]
        for e in static_fields:
            moved.add(e[0].start_byte)
        self.plan = _Plan(moved, inits)
        self.planned = True
        # the class itself
        for child in node.children:
            if child.type in ("abstract",) or child.type in _TYPES or child.type == "decorator":
                self.drop(child.start_byte, child.end_byte)
            elif child == body:
                self.class_body(body, extends is not None, None)
            elif child.type == "class_heritage" and extends is not None:
                self.drop(child.start_byte, child.end_byte)
                self.put(f"extends ({base} = ", child.start_byte)
                self.put_fragment(self.capture(extends))
                self.put(", ", child.start_byte)
                decorator_lists(", ")
                self.put(f"{base}) ", child.start_byte)
            elif child.type == "class_heritage":
                self.class_heritage(child)
            elif child.type == "type_identifier":
                self.used.add(self.text(child))
            else:
                self.walk(child)
        self.planned = False
        self.plan = None
        end = node.end_byte
        self.copy_to(end)
        self.put(";\n" if bound else "\n", end)
        self.put(f"{init} = __decoratorStart({base or 'null'});\n", end)
        for variable in storage.values():
            self.put(f"{variable} = new WeakMap();\n", end)
        for member, _d, kind, static, label, variable in order:
            flags = kind | (8 if static else 0)
            extra = f", {storage[id(member)]}" if kind == 4 else ""
            label = json.dumps(label)
            self.put(
                f"__decorateElement({init}, {flags}, {label}, {variable}, {name}{extra});\n", end
            )
        if class_decorators:
            decorators = f"_{name}_decorators{suffix}"
            call = f"__decorateElement({init}, 0, {json.dumps(name)}, {decorators}, {name})"
            self.put(f"{name} = {call};\n", end)
        else:
            self.put(f"__decoratorMetadata({init}, {name});\n", end)
        if any(e[3] and e[2] < 5 for e in entries):
            self.put(f"__runInitializers({init}, 3, {name});\n", end)
        for member, _d, kind, _s, label, _v in [e for e in entries if e[3] and e[2] >= 4]:
            j = slots[id(member)]
            value = member.child_by_field_name("value")
            target = storage[id(member)] if kind == 4 else None
            define = (
                f"__privateAdd({name}, {target}"
                if target
                else f"__publicField({name}, {json.dumps(label)}"
            )
            self.put(f"{define}, __runInitializers({init}, {(j - 1) * 2}, {name}, ", end)
            if value is not None:
                self.put_fragment(self.capture(value))
            else:
                self.put("void 0", end)
            self.put(f")), __runInitializers({init}, {j * 2 + 1}, {name});\n", end)
        if class_decorators:
            self.put(f"__runInitializers({init}, 1, {name});\n", end)
        if default:
            self.put(f"export {{ {name} as default }};\n", end)
        self.pos = max(self.pos, (export or node).end_byte)
        return True

    def put_list(self, fragments, at: int) -> None:
        for i, fragment in enumerate(fragments):
            if i:
                self.put(", ", at)
            self.put_fragment(fragment)

    # -- legacy decorators ---------------------------------------------------------------------

    def decorated_class(self, node, export) -> None:
        expression = node.type == "class" and export is None  # `x = @d class {}`: refused
        if (
            not expression
            and not self.options.experimental_decorators
            and self.standard_decorators(node, export)
        ):
            return
        if not self.options.experimental_decorators or expression:
            outer = list(export.children) if export is not None else []
            for d in (c for c in outer + list(node.children) if c.type == "decorator"):
                self.decorator_problem(d)
                break
            if export is not None:
                for child in export.children:
                    self.walk(child)
            else:
                self.class_parts(node)
            return
        if self.options.decorator_metadata:
            self.error(
                next(c for c in (export or node).children if c.type in ("decorator", "class")),
                "emitDecoratorMetadata needs the types a type checker infers, which assetpipe "
                "does not have: turn it off in tsconfig.json, or build with tsc first",
            )
        self.helpers.add("decorate")
        name_node = node.child_by_field_name("name")
        name = self.text(name_node).decode() if name_node is not None else "_default"
        default = export is not None and any(c.type == "default" for c in export.children)
        start = export.start_byte if export is not None else node.start_byte
        self.drop(start, node.start_byte)
        class_decorators = [c for c in node.children if c.type == "decorator"]
        if export is not None:
            class_decorators = [
                c for c in export.children if c.type == "decorator"
            ] + class_decorators
        keyword = next(c for c in node.children if c.type == "class")
        self.drop(node.start_byte, keyword.start_byte)
        prefix = "export " if export is not None and not default else ""
        bound = bool(class_decorators) or name_node is None  # `let C = class ...`
        self.put(f"{prefix}let {name} = " if bound else prefix, keyword.start_byte)
        decorations: list = []
        self.class_parts(node, decorations)
        self.copy_to(node.end_byte)
        self.put(";\n" if bound else "\n", node.end_byte)
        instance = [d for d in decorations if not d[0]]
        static = [d for d in decorations if d[0]]
        for is_static, key, fragments, is_field in instance + static:
            target = name if is_static else f"{name}.prototype"
            self.put("__decorate([", node.end_byte)
            for i, fragment in enumerate(fragments):
                if i:
                    self.put(", ", node.end_byte)
                self.put_fragment(fragment)
            self.put(f"], {target}, {key}, {'void 0' if is_field else 'null'});\n", node.end_byte)
        ctor_params = self.parameter_decorators_of_constructor(node)
        if class_decorators or ctor_params:
            self.put(f"{name} = __decorate([", node.end_byte)
            fragments = [self.capture(d.named_children[0]) for d in class_decorators] + ctor_params
            for i, fragment in enumerate(fragments):
                if i:
                    self.put(", ", node.end_byte)
                self.put_fragment(fragment)
            self.put(f"], {name});\n", node.end_byte)
        if default:
            self.put(f"export {{ {name} as default }};\n", node.end_byte)
        self.pos = max(self.pos, (export or node).end_byte)

    def parameter_decorators_of_constructor(self, node) -> list:
        body = node.child_by_field_name("body")
        for m in body.named_children:
            if (
                m.type == "method_definition"
                and self.text(m.child_by_field_name("name")) == b"constructor"
            ):
                return self.parameter_decorators(m)
        return []

    def parameter_decorators(self, method) -> list:
        params = method.child_by_field_name("parameters")
        found = []
        if params is None:
            return found
        for i, p in enumerate(params.named_children):
            for d in (c for c in p.children if c.type == "decorator"):
                self.helpers.add("param")
                text, segs = self.capture(d.named_children[0])
                found.append((f"__param({i}, ".encode() + text + b")", [0, d.start_byte, 0]))
        return found

    def member_decorations(self, member, decorations: list, before: list) -> None:
        decorators = before + [c for c in member.children if c.type == "decorator"]
        name = member.child_by_field_name("name")
        is_ctor = name is not None and self.text(name) == b"constructor"
        params = (
            []
            if is_ctor or member.type != "method_definition"
            else self.parameter_decorators(member)
        )
        if not decorators and not params or name is None:
            return
        key = _member_key(name, self.src)
        fragments = [self.capture(d.named_children[0]) for d in decorators] + params
        decorations.append(
            (_is_static(member), key, fragments, member.type == "public_field_definition")
        )

    # -- JSX ---------------------------------------------------------------------------------

    def jsx(self, node: tree_sitter.Node) -> None:
        self.drop(node.start_byte, node.end_byte)
        opening = (
            node
            if node.type == "jsx_self_closing_element"
            else node.child_by_field_name("open_tag")
        )
        name = opening.child_by_field_name("name")
        attributes = [c for c in opening.children if c.type in ("jsx_attribute", "jsx_expression")]
        children = []
        if node.type == "jsx_element":
            children = self.jsx_children(node)
        automatic = self.options.jsx == "automatic"
        at = node.start_byte
        # the element type
        if name is None:
            tag = ("fragment", None)
        elif (
            name.type == "identifier"
            and _intrinsic(self.text(name))
            or name.type == "jsx_namespace_name"
        ):
            tag = ("string", self.text(name).decode())
        else:
            tag = ("expr", name)
        key_after_spread = False
        seen_spread = False
        key_attr = None
        for a in attributes:
            if a.type == "jsx_expression":
                seen_spread = True
            elif self.jsx_attr_name(a) == "key":
                if seen_spread:
                    key_after_spread = True
                else:
                    key_attr = a
        if automatic and key_after_spread:
            call = self.runtime_name("createElement")
            self.put(f"{call}(", at)
            self.jsx_type(tag, at)
            self.jsx_props(attributes, [], at, null=True)
            for child in children:
                self.put(", ", at)
                self.jsx_child(child)
            self.put(")", at)
            return
        if automatic:
            spread = any(not isinstance(c, tuple) and c.type == "spread_element" for c in children)
            fn = self.runtime_name("jsxs" if len(children) > 1 or spread else "jsx")
            self.put(f"{fn}(", at)
            self.jsx_type(tag, at)
            props = [a for a in attributes if a != key_attr]
            self.jsx_props(props, children, at, null=False)
            if key_attr is not None:
                self.put(", ", at)
                self.jsx_attr_value(key_attr)
            self.put(")", at)
            return
        factory = self.options.jsx_factory
        self.used.add(factory.split(".")[0].encode())
        self.put(f"{factory}(", at)
        self.jsx_type(tag, at)
        self.jsx_props(attributes, [], at, null=True)
        for child in children:
            self.put(", ", at)
            self.jsx_child(child)
        self.put(")", at)

    def runtime_name(self, export: str) -> str:
        """The local name of an export of the JSX runtime (createElement, for a key after a
        spread, comes from the package itself), imported at the end of the module."""
        source = self.options.jsx_import_source
        module = source if export == "createElement" else f"{source}/jsx-runtime"
        local = self.runtime.get((module, export))
        if local is None:
            local = "_" + export
            while local.encode() in self.src:
                local += "_"
            self.runtime[(module, export)] = local
        return local

    def jsx_type(self, tag, at: int) -> None:
        kind, value = tag
        if kind == "fragment":
            if self.options.jsx == "automatic":
                self.put(self.runtime_name("Fragment"), at)
            else:
                self.used.add(self.options.jsx_fragment.split(".")[0].encode())
                self.put(self.options.jsx_fragment, at)
        elif kind == "string":
            self.put(js_string(value), at)
        else:
            self.put_fragment(self.capture(value))

    def jsx_attr_name(self, attr) -> str:
        name = attr.named_children[0]
        return self.text(name).decode()

    def jsx_attr_value(self, attr) -> None:
        value = attr.named_children[1] if len(attr.named_children) > 1 else None
        if value is None:
            self.put("true", attr.start_byte)
        elif value.type == "string":
            raw = self.text(value).decode("utf-8", "replace")[1:-1]
            self.put(js_string(decode_entities(raw)), value.start_byte)
        elif value.type == "jsx_expression":
            inner = [c for c in value.named_children if c.type != "comment"]
            if inner:
                self.jsx_value(inner[0])
            else:
                self.put("void 0", value.start_byte)
        else:  # an element as the value
            self.put_fragment(self.capture(value))

    def jsx_props(self, attributes, children, at: int, null: bool) -> None:
        self.put(", ", at)
        if not attributes and not children:
            self.put("null" if null else "{}", at)
            return
        self.put("{ ", at)
        first = True
        for a in attributes:
            if not first:
                self.put(", ", a.start_byte)
            first = False
            if a.type == "jsx_expression":  # {...spread}
                spread = a.named_children[0]
                self.put_fragment(self.capture(spread))
                continue
            name = self.jsx_attr_name(a)
            self.put((name if _IDENTIFIER.match(name) else json.dumps(name)) + ": ", a.start_byte)
            self.jsx_attr_value(a)
        if children:
            if not first:
                self.put(", ", at)
            self.put("children: ", at)
            many = (
                len(children) > 1 or children[0].type == "spread_element"
                if not isinstance(children[0], tuple)
                else len(children) > 1
            )
            if many:
                self.put("[", at)
            for i, child in enumerate(children):
                if i:
                    self.put(", ", at)
                self.jsx_child(child)
            if many:
                self.put("]", at)
        self.put(" }", at)

    def jsx_children(self, node) -> list:
        """The children that become values: cleaned text (str, offset), expressions, elements."""
        out: list = []
        text: list[str] = []
        text_at = -1
        for child in node.children[1:-1]:
            if child.type in ("jsx_text", "html_character_reference"):
                if text_at < 0:
                    text_at = child.start_byte
                text.append(self.text(child).decode("utf-8", "replace"))
                continue
            if text:
                cleaned = jsx_text("".join(text))
                if cleaned:
                    out.append((cleaned, text_at))
                text, text_at = [], -1
            if child.type == "jsx_expression":
                inner = [c for c in child.named_children if c.type != "comment"]
                if inner:
                    out.append(inner[0])
            elif child.type in ("jsx_element", "jsx_self_closing_element"):
                out.append(child)
        if text:
            cleaned = jsx_text("".join(text))
            if cleaned:
                out.append((cleaned, text_at))
        return out

    def jsx_child(self, child) -> None:
        if isinstance(child, tuple):  # text
            self.put(js_string(child[0]), child[1])
        else:
            self.jsx_value(child)

    def jsx_value(self, node) -> None:
        """An expression from `{...}`: `{a, b}` is one value, so in parentheses."""
        if node.type == "sequence_expression":
            self.put("(", node.start_byte)
            self.put_fragment(self.capture(node))
            self.put(")", node.end_byte)
        else:
            self.put_fragment(self.capture(node))


@dataclass(slots=True)
class _Plan:
    moved: set[int]  # members left out of the class body (their value set elsewhere)
    inits: list  # (text, fragment or None) for the constructor


def _clause(node: tree_sitter.Node) -> bool:
    return any(c.type == "export_clause" for c in node.children)


def _import_specifiers(node: tree_sitter.Node):
    for clause in node.children:
        if clause.type == "import_clause":
            for part in clause.named_children:
                if part.type == "named_imports":
                    yield from (s for s in part.named_children if s.type == "import_specifier")


def _intrinsic(name: bytes) -> bool:
    return name[:1].islower() or b"-" in name


def _instantiated(node: tree_sitter.Node) -> bool:
    """Whether a namespace holds values (one of only types is left out, as `tsc` does)."""
    body = node.child_by_field_name("body")
    if body is None:
        return False
    for child in body.named_children:
        inner = child
        if inner.type == "export_statement":
            inner = child.child_by_field_name("declaration") or child
            if inner is child and any(c.type == "type" for c in child.children[:2]):
                continue
        if inner.type == "expression_statement" and inner.named_children:
            first = inner.named_children[0]
            if first.type == "internal_module":
                if _instantiated(first):
                    return True
                continue
        if inner.type in ("internal_module", "module"):
            if _instantiated(inner):
                return True
            continue
        if (
            inner.type in _TYPE_STATEMENTS
            or inner.type == "comment"
            or inner.type == "import_statement"
        ):
            continue
        if inner.type == "enum_declaration" and any(c.type == "const" for c in inner.children):
            return True
        return True
    return False


def _dotted(text: bytes) -> list[bytes]:
    return [part.strip() for part in text.split(b".")]


def _declared_before(statement, name: bytes, src: bytes) -> bool:
    """Whether a class, function or enum of this name comes before (merged declarations)."""
    sibling = statement.prev_named_sibling
    while sibling is not None:
        node = sibling
        if node.type == "export_statement":
            node = node.child_by_field_name("declaration") or node
        if node.type in (
            "class_declaration",
            "function_declaration",
            "enum_declaration",
            "abstract_class_declaration",
        ):
            n = node.child_by_field_name("name")
            if n is not None and src[n.start_byte : n.end_byte] == name:
                return True
        if (
            node.type == "expression_statement"
            and node.named_children
            and node.named_children[0].type == "internal_module"
        ):
            n = node.named_children[0].child_by_field_name("name")
            if n is not None and _dotted(src[n.start_byte : n.end_byte])[0] == name:
                return True
        sibling = sibling.prev_named_sibling
    return False


def _declared_names(node, src: bytes) -> list[str]:
    kind = node.type
    if kind in ("lexical_declaration", "variable_declaration"):
        names: list[str] = []
        for d in node.named_children:
            if d.type == "variable_declarator":
                _pattern_names(d.child_by_field_name("name"), src, names)
        return names
    name = node.child_by_field_name("name")
    if name is not None and kind in (
        "function_declaration",
        "generator_function_declaration",
        "class_declaration",
        "abstract_class_declaration",
        "enum_declaration",
    ):
        return [src[name.start_byte : name.end_byte].decode()]
    if kind == "import_alias":
        return [src[node.named_children[0].start_byte : node.named_children[0].end_byte].decode()]
    return []


def _pattern_names(node, src: bytes, out: list[str]) -> None:
    if node is None:
        return
    if node.type in ("identifier", "shorthand_property_identifier_pattern"):
        out.append(src[node.start_byte : node.end_byte].decode())
        return
    for child in node.named_children:
        if child.type == "pair_pattern":
            _pattern_names(child.child_by_field_name("value"), src, out)
        elif child.type in ("type_annotation",) or child.type == "property_identifier":
            continue
        elif child.type == "assignment_pattern" or child.type == "object_assignment_pattern":
            _pattern_names(child.child_by_field_name("left"), src, out)
        else:
            _pattern_names(child, src, out)


_CLASSES = frozenset({"class_declaration", "abstract_class_declaration", "class"})


def _decorated(node) -> bool:
    if any(c.type == "decorator" for c in node.children):
        return True
    parent = node.parent
    if (
        parent is not None
        and parent.type == "export_statement"
        and any(c.type == "decorator" for c in parent.children)
    ):
        return True
    body = node.child_by_field_name("body")
    if body is None:
        return False
    for m in body.named_children:
        if m.type == "decorator" or any(c.type == "decorator" for c in m.children):
            return True
        params = m.child_by_field_name("parameters") if m.type == "method_definition" else None
        if params is not None and any(
            c.type == "decorator" for p in params.named_children for c in p.children
        ):
            return True
    return False


def _extends(heritage) -> bool:
    return any(c.type == "extends_clause" or c.type == "extends" for c in heritage.children)


def _is_static(member) -> bool:
    return any(c.type == "static" for c in member.children)


def _is_ambient(member) -> bool:
    return any(c.type in ("declare", "abstract") for c in member.children)


def _is_super_call(node) -> bool:
    return (
        node is not None
        and node.type == "call_expression"
        and node.child_by_field_name("function") is not None
        and node.child_by_field_name("function").type == "super"
    )


def _member_target(key, src: bytes) -> str:
    text = src[key.start_byte : key.end_byte].decode()
    if key.type == "property_identifier":
        return "." + text
    if key.type == "computed_property_name":
        return text
    return f"[{text}]"


def _member_key(key, src: bytes) -> str:
    text = src[key.start_byte : key.end_byte].decode()
    if key.type in ("property_identifier", "private_property_identifier"):
        return json.dumps(text)
    if key.type == "computed_property_name":
        return text[1:-1]
    return text


def _literal(value: object) -> bytes:
    if isinstance(value, str):
        return js_string(value)
    text = _number(float(value))  # type: ignore[arg-type]
    return f"({text})".encode() if text.startswith("-") else text.encode()


def _fold(node, src: bytes, values: dict, enum: str):
    """The constant value of an enum member's initializer, or None."""
    kind = node.type
    text = src[node.start_byte : node.end_byte].decode("utf-8", "replace")
    if kind == "number":
        try:
            if text.lower().startswith(("0x", "0o", "0b")):
                return float(int(text.replace("_", ""), 0))
            return float(text.replace("_", ""))
        except ValueError:
            return None
    if kind == "string":
        try:
            return (
                json.loads(text)
                if text[0] == '"'
                else json.loads('"' + text[1:-1].replace('"', '\\"') + '"')
            )
        except ValueError:
            return None
    if kind == "template_string" and node.named_children == [
        c for c in node.named_children if c.type == "string_fragment"
    ]:
        return text[1:-1] if "\\" not in text else None
    if kind == "parenthesized_expression" and node.named_children:
        return _fold(node.named_children[0], src, values, enum)
    if kind == "identifier":
        return values.get(text)
    if kind in ("member_expression", "subscript_expression"):
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property") or node.child_by_field_name("index")
        if (
            obj is not None
            and prop is not None
            and src[obj.start_byte : obj.end_byte].decode() == enum
        ):
            name = src[prop.start_byte : prop.end_byte].decode()
            if prop.type == "string":
                name = name[1:-1]
            return values.get(name)
        return None
    if kind == "unary_expression":
        op = node.child_by_field_name("operator")
        arg = _fold(node.child_by_field_name("argument"), src, values, enum)
        if op is None or not isinstance(arg, float):
            return None
        o = op.type
        return {"-": -arg, "+": arg, "~": float(~_int32(arg))}.get(o)
    if kind == "binary_expression":
        left = _fold(node.child_by_field_name("left"), src, values, enum)
        right = _fold(node.child_by_field_name("right"), src, values, enum)
        op = node.child_by_field_name("operator").type
        if left is None or right is None:
            return None
        if op == "+" and (isinstance(left, str) or isinstance(right, str)):
            return _to_string(left) + _to_string(right)
        if not (isinstance(left, float) and isinstance(right, float)):
            return None
        try:
            if op == "+":
                return left + right
            if op == "-":
                return left - right
            if op == "*":
                return left * right
            if op == "/":
                return (
                    left / right
                    if right
                    else (
                        math.nan
                        if not left
                        else math.copysign(math.inf, left) * math.copysign(1, right)
                    )
                )
            if op == "%":
                return math.fmod(left, right) if right else math.nan
            if op == "**":
                return left**right
            a, b = _int32(left), _int32(right)
            if op == "|":
                return float(_int32(a | b))
            if op == "&":
                return float(_int32(a & b))
            if op == "^":
                return float(_int32(a ^ b))
            if op == "<<":
                return float(_int32(a << (b & 31)))
            if op == ">>":
                return float(a >> (b & 31))
            if op == ">>>":
                return float((a & 0xFFFFFFFF) >> (b & 31))
        except (OverflowError, ZeroDivisionError):
            return None
    return None


def _to_string(value) -> str:
    return value if isinstance(value, str) else _number(value)


_HANDLERS = {
    "as_expression": _Compiler.first_only,
    "satisfies_expression": _Compiler.first_only,
    "non_null_expression": _Compiler.first_only,
    "instantiation_expression": _Compiler.first_only,
    "type_assertion": _Compiler.type_assertion,
    "arrow_function": _Compiler.arrow_function,
    "member_expression": _Compiler.member_expression,
    "subscript_expression": _Compiler.member_expression,
    "call_expression": _Compiler.call_expression,
    "required_parameter": _Compiler.parameter,
    "optional_parameter": _Compiler.parameter,
    "formal_parameters": _Compiler.formal_parameters,
    "variable_declarator": _Compiler.variable_declarator,
    "expression_statement": _Compiler.statement,
    "lexical_declaration": _Compiler.statement,
    "variable_declaration": _Compiler.statement,
    "return_statement": _Compiler.statement,
    "throw_statement": _Compiler.statement,
    "import_statement": _Compiler.import_statement,
    "import_alias": _Compiler.import_alias,
    "export_statement": _Compiler.export_statement,
    "enum_declaration": _Compiler.enum_declaration,
    "internal_module": _Compiler.namespace,
    "module": _Compiler.namespace,
    "class_declaration": _Compiler.class_declaration,
    "abstract_class_declaration": _Compiler.class_declaration,
    "class": _Compiler.class_declaration,
    "jsx_element": _Compiler.jsx,
    "jsx_self_closing_element": _Compiler.jsx,
}
