"""Side effects of top-level statements, for tree shaking.

A statement is free of side effects when running it can only declare things: function and class
declarations (without static blocks or impure static initialisers), variable declarations whose
initialisers are pure, imports and exports. Pure expressions: literals, functions, classes,
templates, arrays and objects of pure parts, operators on pure operands, reads of bindings and
of well-known globals, and calls marked `/*#__PURE__*/`. Anything else may have an effect and
keeps its statement. Being wrong towards "impure" only costs bytes; the other way would break
code, so every unknown node is impure.
"""

from __future__ import annotations

import tree_sitter

KNOWN_GLOBALS = frozenset(
    {
        "Array",
        "ArrayBuffer",
        "BigInt",
        "Boolean",
        "DataView",
        "Date",
        "Error",
        "EvalError",
        "Float32Array",
        "Float64Array",
        "Function",
        "Infinity",
        "Int16Array",
        "Int32Array",
        "Int8Array",
        "JSON",
        "Map",
        "Math",
        "NaN",
        "Number",
        "Object",
        "Promise",
        "Proxy",
        "RangeError",
        "ReferenceError",
        "Reflect",
        "RegExp",
        "Set",
        "String",
        "Symbol",
        "SyntaxError",
        "TypeError",
        "URIError",
        "Uint16Array",
        "Uint32Array",
        "Uint8Array",
        "Uint8ClampedArray",
        "WeakMap",
        "WeakSet",
        "globalThis",
        "undefined",
        "console",
        "window",
        "document",
        "navigator",
        "self",
        "location",
        "URL",
        "Intl",
    }
)

_LITERALS = frozenset(
    {
        "number",
        "string",
        "true",
        "false",
        "null",
        "undefined",
        "regex",
        "this",
        "function_expression",
        "arrow_function",
        "generator_function",
    }
)
_PURE_UNARY = frozenset({"!", "-", "+", "~", "void", "typeof"})


def statement_is_pure(node: tree_sitter.Node, data: bytes, declared: set[str]) -> bool:
    t = node.type
    if t in (
        "function_declaration",
        "generator_function_declaration",
        "import_statement",
        "empty_statement",
    ):
        return True
    if t == "class_declaration":
        return class_is_pure(node, data, declared)
    if t in ("lexical_declaration", "variable_declaration"):
        for d in node.named_children:
            if d.type == "variable_declarator":
                value = d.child_by_field_name("value")
                if d.child_by_field_name("name").type != "identifier" and value is not None:
                    return False  # destructuring may run getters
                if value is not None and not expression_is_pure(value, data, declared):
                    return False
        return True
    if t == "export_statement":
        decl = node.child_by_field_name("declaration")
        if decl is not None:
            return statement_is_pure(decl, data, declared)
        value = node.child_by_field_name("value")
        return value is None or expression_is_pure(value, data, declared)
    if t == "expression_statement":
        (expr,) = node.named_children[:1] or (None,)
        return expr is not None and expr.type == "string"  # a directive
    return False


def class_is_pure(node: tree_sitter.Node, data: bytes, declared: set[str]) -> bool:
    for child in node.children:
        if child.type == "decorator":
            return False
        if child.type == "class_heritage":
            parent = child.named_children[0] if child.named_children else None
            if parent is None or not expression_is_pure(parent, data, declared):
                return False
        elif child.type == "class_body":
            for member in child.named_children:
                mt = member.type
                if mt == "class_static_block" or mt == "decorator":
                    return False
                key = member.child_by_field_name("name") or member.child_by_field_name("property")
                if (
                    key is not None
                    and key.type == "computed_property_name"
                    and not all(expression_is_pure(k, data, declared) for k in key.named_children)
                ):
                    return False
                if mt == "field_definition" and _is_static(member):
                    value = member.child_by_field_name("value")
                    if value is not None and not expression_is_pure(value, data, declared):
                        return False
    return True


def _is_static(member: tree_sitter.Node) -> bool:
    return any(c.type == "static" for c in member.children)


def expression_is_pure(node: tree_sitter.Node, data: bytes, declared: set[str]) -> bool:
    t = node.type
    if t in _LITERALS:
        return True
    if t == "identifier":
        name = data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        return name in declared or name in KNOWN_GLOBALS
    if t == "class":
        return class_is_pure(node, data, declared)
    if t == "template_string":
        return all(
            expression_is_pure(sub.named_children[0], data, declared)
            for sub in node.named_children
            if sub.type == "template_substitution" and sub.named_children
        )
    if t in (
        "array",
        "parenthesized_expression",
        "sequence_expression",
        "ternary_expression",
        "binary_expression",
    ):
        return all(
            expression_is_pure(c, data, declared)
            for c in node.named_children
            if c.type != "comment"
        )
    if t == "object":
        for member in node.named_children:
            mt = member.type
            if mt == "pair":
                key, value = member.child_by_field_name("key"), member.child_by_field_name("value")
                if key.type == "computed_property_name" and not all(
                    expression_is_pure(k, data, declared) for k in key.named_children
                ):
                    return False
                if not expression_is_pure(value, data, declared):
                    return False
            elif mt == "shorthand_property_identifier":
                continue
            elif mt == "method_definition":
                key = member.child_by_field_name("name")
                if key.type == "computed_property_name":
                    return False
            elif mt != "comment":
                return False  # spread may run getters
        return True
    if t == "unary_expression":
        op = node.child_by_field_name("operator")
        return (
            op is not None
            and op.type in _PURE_UNARY
            and expression_is_pure(node.child_by_field_name("argument"), data, declared)
        )
    if t == "member_expression":
        obj = node.child_by_field_name("object")
        return (
            obj.type == "identifier"
            and node.child_by_field_name("property").type == "property_identifier"
            and data[obj.start_byte : obj.end_byte].decode("utf-8", "replace") in KNOWN_GLOBALS
        )
    if t in ("call_expression", "new_expression") and _known_pure(node, data, declared):
        return True
    if t in ("call_expression", "new_expression"):
        return _marked_pure(node, data) and all(
            expression_is_pure(a, data, declared)
            for a in (node.child_by_field_name("arguments") or node).named_children
            if a.type != "comment"
        )
    return False


_COLLECTIONS = frozenset({b"Map", b"Set", b"WeakMap", b"WeakSet"})


def _known_pure(node: tree_sitter.Node, data: bytes, declared: set[str]) -> bool:
    """Calls of globals that only make a value, as esbuild knows them: `Symbol("x")`,
    `Symbol.for("x")`, `new Map()`, `new Set([1, 2])`, `new WeakMap()` (argument-free or of
    array literals, which the constructor's iteration cannot observe)."""
    callee = node.child_by_field_name(
        "function" if node.type == "call_expression" else "constructor"
    )
    args = node.child_by_field_name("arguments")
    if callee is None or args is None or args.type != "arguments":
        return False
    values = [a for a in args.named_children if a.type != "comment"]
    name = data[callee.start_byte : callee.end_byte]
    root = name.split(b".")[0].decode("utf-8", "replace")
    if root in declared:
        return False  # a top-level binding of the module's own, not the global
    if node.type == "call_expression" and name in (b"Symbol", b"Symbol.for"):
        return len(values) <= 1 and all(v.type in ("string", "number") for v in values)
    if node.type == "new_expression" and name in _COLLECTIONS:
        if not values:
            return True
        if len(values) != 1 or values[0].type != "array":
            return False
        items = [v for v in values[0].named_children if v.type != "comment"]
        pairs = name in (b"Map", b"WeakMap")
        return all(
            (v.type == "array" if pairs else True) and expression_is_pure(v, data, declared)
            for v in items
        )
    return False


def _marked_pure(node: tree_sitter.Node, data: bytes) -> bool:
    """A `/*#__PURE__*/` or `/*@__PURE__*/` comment right before the call, or before the
    parentheses around it (`/*#__PURE__*/ (function () {...}())`, as fflate writes it)."""
    while node.parent is not None and node.parent.type == "parenthesized_expression":
        if _marked_pure_at(node.start_byte, data):
            return True
        node = node.parent
    return _marked_pure_at(node.start_byte, data)


def _marked_pure_at(end: int, data: bytes) -> bool:
    while end > 0 and data[end - 1 : end].isspace():
        end -= 1
    if not data[:end].endswith(b"*/"):
        return False
    start = data.rfind(b"/*", 0, end)
    return start >= 0 and b"__PURE__" in data[start:end]
