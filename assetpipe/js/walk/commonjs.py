"""CommonJS: whether a module is one, and the names it visibly exports.

A module that may be CommonJS (`analyze(commonjs=True)`: nothing says it is an ES module) is
walked as the body of the function the bundle wraps it in when it has no import or export and
`may_be_commonjs`, and kept so if `require`, `module` or `exports` turn out to be globals in
it. After the walk, `exports_of_commonjs` finds what `import { x }` and `export *` can see of
it statically, as Node's cjs-module-lexer does.
"""

from __future__ import annotations

from .nodes import string_value

COMMONJS_NAMES = frozenset({"require", "module", "exports"})


def may_be_commonjs(root, data: bytes) -> bool:
    """No import or export, and one of CommonJS's names somewhere."""
    if b"require" not in data and b"module" not in data and b"exports" not in data:
        return False
    return not any(c.type in ("import_statement", "export_statement") for c in root.children)


class CommonJS:
    """The exports of a CommonJS module, for `_Walker` (`analyze.py`)."""

    def init_commonjs(self) -> None:
        self.cjs_exports: list[str] = []
        self.cjs_reexports: list[int] = []  # `module.exports = require("./x")`: its record

    def exports_of_commonjs(self, node, requires: dict[int, int]) -> None:
        """The names a CommonJS module's top-level code visibly exports, as Node's
        cjs-module-lexer finds them (what `import { x }` and `export *` can see statically):
        `exports.x =`, `module.exports.x =`, `module.exports = { x, y: 1 }`,
        `Object.defineProperty(exports, "x", ...)`, and re-exports: `module.exports =
        require("./y")`, `__exportStar(require("./y"), exports)` (TypeScript's output)."""
        t = node.type
        if t in ("if_statement", "else_clause", "statement_block"):
            for child in node.named_children:
                self.exports_of_commonjs(child, requires)
            return
        if t == "expression_statement" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        while t in ("sequence_expression", "parenthesized_expression") and node.named_child_count:
            for child in node.named_children[:-1]:  # `exports.a = 1, exports.b = 2`
                self.exports_of_commonjs(child, requires)
            node = node.named_children[-1]
            t = node.type
        data = self.data
        if t == "assignment_expression":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            target = _exports_member(left, data)
            if target is not None:
                self.cjs_exports.append(target)
            elif left.type == "member_expression" and _is_module_exports(left, data):
                if right.type == "object":
                    for part in right.named_children:
                        key = (
                            part
                            if part.type == "shorthand_property_identifier"
                            else (
                                part.child_by_field_name("key")
                                if part.type in ("pair", "method_definition")
                                else None
                            )
                        )
                        if key is not None and key.type in (
                            "property_identifier",
                            "shorthand_property_identifier",
                        ):
                            self.cjs_exports.append(self.text(key))
                        elif key is not None and key.type == "string":
                            self.cjs_exports.append(string_value(data, key))
                elif right.type == "call_expression" and right.start_byte in requires:
                    self.cjs_reexports.append(requires[right.start_byte])
            if right is not None and right.type == "assignment_expression":
                self.exports_of_commonjs(right, requires)  # `exports.a = exports.b = void 0`
        elif t == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            given = [a for a in args.named_children if a.type != "comment"] if args else []
            name = data[fn.start_byte : fn.end_byte] if fn is not None else b""
            if (
                name == b"Object.defineProperty"
                and len(given) >= 2
                and data[given[0].start_byte : given[0].end_byte] == b"exports"
                and given[1].type == "string"
            ):
                self.cjs_exports.append(string_value(data, given[1]))
            elif (
                name.endswith((b"__exportStar", b"__export"))
                and given
                and given[0].type == "call_expression"
                and given[0].start_byte in requires
            ):
                self.cjs_reexports.append(requires[given[0].start_byte])


def _exports_member(node, data: bytes) -> str | None:
    """`x` of `exports.x`, `module.exports.x` or `exports["x"]`."""
    if node is None or node.type not in ("member_expression", "subscript_expression"):
        return None
    obj = node.child_by_field_name("object")
    if obj is None:
        return None
    if not (
        (obj.type == "identifier" and data[obj.start_byte : obj.end_byte] == b"exports")
        or _is_module_exports(obj, data)
    ):
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return data[prop.start_byte : prop.end_byte].decode() if prop is not None else None
    index = node.child_by_field_name("index")
    return string_value(data, index) if index is not None and index.type == "string" else None


def _is_module_exports(node, data: bytes) -> bool:
    return node.type == "member_expression" and data[node.start_byte : node.end_byte] in (
        b"module.exports",
    )
