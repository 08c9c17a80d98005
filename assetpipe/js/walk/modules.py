"""Module syntax: import records, import bindings, exports, and the imports found in expressions.

Static `import` and `export ... from` statements, dynamic `import()` (with its options, when
known at build time), `require("x")` (CommonJS, where `require` is the global), `new
URL("./x", import.meta.url)`, and the workers started from one (`new Worker`, `new
SharedWorker`, `navigator.serviceWorker.register`) each become an `ImportRecord`, and in the
code a `Spec` op where the bundle prints the target's URL or name. Exports are recorded by
name; a local `export { a }` is resolved with the other references after the walk.
"""

from __future__ import annotations

import re

from .. import early
from ..model import (
    SPEC_HEAD,
    SPEC_TAIL,
    Export,
    ImportBinding,
    ImportRecord,
    Problem,
)
from ..ops import Gap, Spec
from ..parse import parse
from .nodes import static_string, string_value, unescape_name


class ModuleSyntax:
    """Imports and exports of `_Walker` (`analyze.py`)."""

    def init_modules(self, default_name: str) -> None:
        self.default_name = default_name  # the name of an anonymous default export
        self.imports: list[ImportRecord] = []
        self.bindings: list[ImportBinding] = []
        self.exports: list[Export] = []
        self.export_refs: dict[int, int] = {}  # a local `export { a }`: export -> `a`'s op
        self.stars: list[int] = []  # records of `export * from`
        self.namespace_names: set[str] = set()  # `import * as ns`: `ns.x` becomes a hole
        self.default_symbol = -1
        self.module_syntax = False  # an import or export statement was seen
        self.top_level_await = False
        self.require_calls: list[tuple[int, int]] = []  # computed `require(x)`: (start, end)

    def record(
        self, string_node, kind: str, call_start: int, call_end: int, attr_type: str | None
    ) -> int:
        index = len(self.imports)
        self.imports.append(
            ImportRecord(
                string_value(self.data, string_node),
                kind,
                string_node.start_byte + 1,
                string_node.end_byte - 1,
                call_start,
                call_end,
                self.stmt if kind in ("import", "re-export") else -1,
                attr_type,
            )
        )
        if kind in ("dynamic", "require"):
            self.ops.append(Spec(call_start, call_end, index, None))
        elif kind == "new-url":
            self.ops.append(Spec(string_node.start_byte + 1, string_node.end_byte - 1, index, None))
        return index

    def import_statement(self, node) -> None:
        source = node.child_by_field_name("source")
        index = self.record(source, "import", -1, -1, _attribute_type(self, node))
        for child in node.children:
            if child.type != "import_clause":
                continue
            for part in child.children:
                if part.type == "identifier":
                    self.import_binding(part, "default", part, index)
                elif part.type == "namespace_import":
                    self.import_binding(part.named_children[-1], "*", part, index)
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        self.import_binding(alias, self.export_name(name), name, index)
        self.visit_leaves(node)

    def import_binding(self, ident, imported: str, where, record: int) -> None:
        name = self.text(ident)
        if name in ("eval", "arguments") or name in early.STRICT_RESERVED:
            self.early(ident, f"'{name}' cannot be a name in strict mode")
        sid = self.declare(name, "import", 0, ident)
        self.bindings.append(ImportBinding(sid, record, imported, where.start_byte, where.end_byte))

    def export_statement(self, node) -> tuple[str, int, int]:
        """An `export` statement: its exports recorded, its code walked; returns the
        statement's kind, where its printed text starts, and (`default-anon`) where the
        anonymous function or class gets its name (see `model.Statement`)."""
        decl = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        source = node.child_by_field_name("source")
        is_default = any(c.type == "default" for c in node.children)
        if is_default and decl is not None and decl.type in _NOT_DEFAULT:
            self.early(decl, "'export default' takes an expression, a function or a class")
        if source is not None:
            self.re_export(node, source)
            return "re-export", node.start_byte, -1
        if decl is not None:
            self.export_declaration(node, decl, is_default)
            return "code", decl.start_byte, -1
        if is_default and value is not None:
            return self.export_default(node, value)
        self.export_clause(node)
        return "export-clause", node.start_byte, -1

    def re_export(self, node, source) -> None:
        """`export { a as b } from "x"`, `export * as ns from "x"`, `export * from "x"`."""
        index = self.record(source, "re-export", -1, -1, _attribute_type(self, node))
        clause = next((c for c in node.children if c.type == "export_clause"), None)
        ns = next((c for c in node.children if c.type == "namespace_export"), None)
        if clause is not None:
            for spec in clause.named_children:
                if spec.type == "export_specifier":
                    name = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or name
                    self.exports.append(
                        Export(
                            self.export_name(alias),
                            -1,
                            index,
                            self.export_name(name),
                            name.start_byte,
                            name.end_byte,
                        )
                    )
        elif ns is not None:
            self.exports.append(
                Export(
                    self.export_name(ns.children[-1]),  # `default` is no named node
                    -1,
                    index,
                    "*",
                    ns.start_byte,
                    ns.end_byte,
                )
            )
        else:
            self.stars.append(index)
        self.visit_leaves(node)

    def export_declaration(self, node, decl, is_default: bool) -> None:
        """`export const a = 1, b`, `export function f() {}`, `export default class A {}`:
        the names the declaration declares are exported."""
        for child in node.children:
            if child.start_byte == decl.start_byte and child.type == decl.type:
                before = len(self.stmt_declares)
                self.visit(child)
                declared = self.stmt_declares[before:]
                if is_default:
                    self.exports.append(
                        Export(
                            "default",
                            declared[0] if declared else -1,
                            -1,
                            "",
                            node.start_byte,
                            node.end_byte,
                        )
                    )
                else:
                    for sid in declared:
                        self.exports.append(
                            Export(
                                self.symbols[sid].name,
                                sid,
                                -1,
                                "",
                                decl.start_byte,
                                decl.end_byte,
                            )
                        )
            else:
                self.leaf(child)

    def export_default(self, node, value) -> tuple[str, int, int]:
        """`export default <expression>`, or an anonymous function or class (`default-anon`:
        the printer gives it its name), as a symbol of its own (`default_name`)."""
        first = value
        while first.children and first.type not in (
            "function_expression",
            "generator_function",
            "class",
        ):
            first = first.children[0]
        if first != value and first.type in (
            "function_expression",
            "generator_function",
            "class",
        ):
            # `export default function () {}()`: a declaration, which cannot be called
            self.early(
                first,
                "'export default' of a function or class declares it: "
                "wrap it in parentheses to use it in an expression",
            )
        anonymous = (
            value.type in ("function_expression", "generator_function", "class")
            and value.child_by_field_name("name") is None
        )
        sid = self.declare(self.default_name, "default", 0)
        self.default_symbol = sid
        self.exports.append(Export("default", sid, -1, "", node.start_byte, node.end_byte))
        for child in node.children:
            if child.start_byte == value.start_byte and child.type == value.type:
                self.visit(child)
            else:
                self.leaf(child)
        if anonymous:
            keyword = next(c for c in value.children if c.type in ("function", "class"))
            star = next((c for c in value.children if c.type == "*"), None)
            return "default-anon", value.start_byte, (star or keyword).end_byte
        self.semicolon(node)
        return "default-expr", value.start_byte, -1

    def export_clause(self, node) -> None:
        """`export { a, b as c }` of the module's own names: references, resolved with the
        others after the walk (`final_exports`)."""
        clause = next((c for c in node.children if c.type == "export_clause"), None)
        for spec in clause.named_children if clause is not None else ():
            if spec.type == "export_specifier":
                name = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or name
                if name.type == "string":  # only `export { "a" } from "./x.js"` may
                    self.early(name, "a string names an export of another module only (from)")
                self.export_refs[len(self.exports)] = len(self.ops)
                self.reference(name, self.export_name(name), 0)
                self.exports.append(
                    Export(self.export_name(alias), -1, -1, "", name.start_byte, name.end_byte)
                )
        self.visit_leaves(node)

    def export_name(self, node) -> str:
        if node.type != "string":
            return self.text(node)
        value = string_value(self.data, node)
        if node.parent.type in _MODULE_NAMES and lone_surrogate(value):
            self.early(node, "a module export name may not have a lone surrogate")
        return value

    def final_exports(self, resolved: dict[int, int]) -> list[Export]:
        """After the walk: the exports, a local `export { a }` with the symbol its reference
        resolved to (`Scopes.resolve`); a name exported twice, or not declared, is an error."""
        exported: set[str] = set()
        for e in self.exports:
            if e.name in exported:
                self.problems.append(
                    Problem(e.start, e.end, f"syntax error: '{e.name}' is exported twice")
                )
            exported.add(e.name)
        exports = []
        for i, e in enumerate(self.exports):
            op = self.export_refs.get(i)
            if op is not None:  # a local `export { name }`
                sid = resolved.get(op, -1)
                exports.append(Export(e.name, sid, -1, "", e.start, e.end))
                if sid < 0:
                    self.problems.append(
                        Problem(e.start, e.end, f"'{e.name}' is exported but not declared")
                    )
            else:
                exports.append(e)
        return exports

    def call(self, node, mode: str | None) -> None:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        self.callee = fn.start_byte if fn is not None and fn.type == "identifier" else -1
        if fn is not None and fn.type == "import" and args is not None:
            given = [a for a in args.named_children if a.type != "comment"]
            if not 1 <= len(given) <= 2 or any(a.type == "spread_element" for a in given):
                self.early(args, "import() takes a specifier and an optional options object")
            first = next((a for a in args.named_children if a.type != "comment"), None)
            while first is not None and first.type in (
                "parenthesized_expression",
                "sequence_expression",
            ):
                inner = [a for a in first.named_children if a.type != "comment"]
                if first.type == "sequence_expression" and not all(
                    a.type in _LITERALS for a in inner[:-1]
                ):
                    break  # `(f(), "./x.js")`: not known at build time
                first = inner[-1] if inner else None
            if first is not None and static_string(first):
                static, attr_type = _import_options(self, given[1] if len(given) > 1 else None)
                index = self.record(first, "dynamic", node.start_byte, node.end_byte, attr_type)
                if early.handles_failure(node):
                    self.imports[index] = self.imports[index]._replace(handled=True)
                if not static:  # options known at run time: printed as written, between holes
                    self.ops[-1] = Spec(node.start_byte, given[0].end_byte, index, SPEC_HEAD)
                    self.ops.append(Spec(given[-1].end_byte, node.end_byte, index, SPEC_TAIL))
        elif (
            fn is not None
            and fn.type == "identifier"
            and args is not None
            and self.data[fn.start_byte : fn.end_byte] == b"require"
            and not self.bound("require")
        ):
            given = [a for a in args.named_children if a.type != "comment"]
            if len(given) == 1 and static_string(given[0]):
                index = self.record(given[0], "require", node.start_byte, node.end_byte, None)
                if early.handles_failure(node):
                    self.imports[index] = self.imports[index]._replace(handled=True)
            elif given and not early.handles_failure(node):
                self.require_calls.append((node.start_byte, node.end_byte))
        elif (
            fn is not None
            and args is not None
            and fn.type == "member_expression"
            and re.sub(rb"\s|\?", b"", self.data[fn.start_byte : fn.end_byte])
            == b"navigator.serviceWorker.register"
        ):
            self.visit_children(node)
            self.worker(args, "service-worker")
            return
        elif fn is not None and fn.type == "super" and not early.super_call_allowed(node):
            self.early(fn, "'super()' is only allowed in the constructor of a derived class")
        elif fn is not None and fn.type == "identifier" and self.text(fn) == "eval":
            s = self.scope
            while s >= 0:
                self.scope_unsafe[s] = True
                s = self.scope_parent[s]
        self.visit_children(node)

    def new(self, node, mode: str | None) -> None:
        ctor = node.child_by_field_name("constructor")
        args = node.child_by_field_name("arguments")
        if (
            args is not None
            and args.named_child_count == 0
            and args.child_count == 2
            and node.parent is not None
            and node.parent.type in _NEW_WITHOUT_PARENS
        ):
            # `new Map()` minifies to `new Map` where nothing follows that would bind to it
            for child in node.children:
                if child.start_byte >= args.start_byte:
                    break
                self.visit(child)
            self.ops.append(Gap(args.start_byte, args.end_byte, b""))
            self.cut_byte = self.data[self.prev_end - 1]
            self.prev_end = self.cut_end = args.end_byte
            return
        if ctor is not None and ctor.type == "identifier" and self.text(ctor) == "URL" and args:
            named = [a for a in args.named_children if a.type != "comment"]
            if (
                len(named) == 2
                and named[0].type == "string"
                and self.text(named[1]) == "import.meta.url"
            ):
                self.record(named[0], "new-url", -1, -1, None)
        self.visit_children(node)
        if (
            ctor is not None
            and ctor.type == "identifier"
            and args is not None
            and self.data[ctor.start_byte : ctor.end_byte] in (b"Worker", b"SharedWorker")
        ):
            self.worker(args, "worker")

    def worker(self, args, kind: str) -> None:
        """`new Worker(new URL("./w.js", import.meta.url), options)` and
        `navigator.serviceWorker.register(new URL(...), options)`: the URL's record names an
        entry of its own (`kind`, with "-classic" unless the options say `type: "module"`)."""
        named = [a for a in args.named_children if a.type != "comment"]
        if not named or named[0].type != "new_expression":
            return
        first = named[0]
        for i in range(len(self.imports) - 1, -1, -1):
            record = self.imports[i]
            if record.kind == "new-url" and first.start_byte <= record.start < first.end_byte:
                module = len(named) > 1 and _type_module(self.data, named[1])
                self.imports[i] = record._replace(kind=kind if module else kind + "-classic")
                return


_NOT_DEFAULT = frozenset({"variable_declaration", "lexical_declaration", "using_declaration"})

_NEW_WITHOUT_PARENS = frozenset(
    {
        "variable_declarator",
        "assignment_expression",
        "arguments",
        "array",
        "pair",
        "return_statement",
        "expression_statement",
        "parenthesized_expression",
        "spread_element",
        "field_definition",
        "ternary_expression",
        "sequence_expression",
        "assignment_pattern",
        "object_assignment_pattern",
    }
)


_MODULE_NAMES = frozenset({"export_specifier", "import_specifier", "namespace_export"})

_LITERALS = frozenset({"number", "string", "true", "false", "null"})


def lone_surrogate(value: str) -> bool:
    """Whether a string has a lone UTF-16 surrogate (not a module export name then)."""
    return any("\ud800" <= c <= "\udfff" for c in value)


def _attribute_type(walker: ModuleSyntax, node) -> str | None:
    """The `type` of an import's or re-export's attributes (`with { type: "json" }`); a key
    given twice is an early error."""
    data, attribute = (
        walker.data,
        next((c for c in node.children if c.type == "import_attribute"), None),
    )
    source = node.child_by_field_name("source")
    if attribute is None and source is not None and node.type == "export_statement":
        # `export ... from "x" with {...}`: blanked for the grammar (parse.py), read here
        rest = data[source.end_byte : node.end_byte]
        if rest.lstrip().startswith((b"with", b"assert")):
            data = b"import''" + rest
            attribute = next(
                (
                    c
                    for c in parse(data)[0].root_node.children[0].children
                    if c.type == "import_attribute"
                ),
                None,
            )
    obj = (
        attribute.named_children[0] if attribute is not None and attribute.named_children else None
    )
    found, seen = None, set()
    for pair in obj.named_children if obj is not None else ():
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        name = string_value(data, key) if key.type == "string" else unescape_name(key.text.decode())
        if name in seen:
            walker.early(
                key if data is walker.data else source, f"import attribute '{name}' is given twice"
            )
        seen.add(name)
        if name == "type" and value.type == "string":
            found = string_value(data, value)
    return found


def _import_options(walker: ModuleSyntax, options) -> tuple[bool, str | None]:
    """Whether an `import()`'s options are known at build time (none, or a literal
    `{ with: { type: "json" } }`; the bundle reads and drops them), and the `type` they give.
    Any other options are kept, and the browser checks them (a bad one rejects the import);
    their type is then "" (unknown)."""
    if options is None:
        return True, None
    pairs = _literal_pairs(walker, options)
    if pairs is None:
        return False, ""
    found = None
    for name, value in pairs:
        attributes = _literal_pairs(walker, value) if name in ("with", "assert") else None
        if attributes is None or any(v.type != "string" for _, v in attributes):
            return False, ""
        found = next((string_value(walker.data, v) for k, v in attributes if k == "type"), found)
    return True, found


def _literal_pairs(walker: ModuleSyntax, node) -> list[tuple[str, object]] | None:
    """The (key, value node) pairs of an object literal whose keys are all written out
    (`{a: 1, "b": 2}`), or None (not an object, a computed key, a spread, a method...)."""
    if node is None or node.type != "object":
        return None
    pairs = []
    for pair in node.named_children:
        if pair.type == "comment":
            continue
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is None or key.type not in ("property_identifier", "string"):
            return None
        pairs.append((walker.export_name(key), pair.child_by_field_name("value")))
    return pairs


def _type_module(data: bytes, options) -> bool:
    """Whether a worker's options object says `type: "module"`."""
    if options.type != "object":
        return False
    for pair in options.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        name = data[key.start_byte : key.end_byte].strip(b"\"'")
        if name == b"type" and value.type == "string":
            return string_value(data, value) == "module"
    return False
