"""Namespaces: `namespace N { ... }` (and `module N { ... }`) into the function `tsc` writes,
`var N; (function (N) { ... })(N || (N = {}));`, one per name of a dotted `A.B.C`; exported
declarations inside are assigned to the namespace object after them (`N.x = x;`). A namespace
of only types is left out (`instantiated`); one merged with a class, function or enum declared
before it reuses that name (`_declared_before`)."""

from __future__ import annotations

import tree_sitter

from .node_types import CLASSES, TYPE_STATEMENTS, decorated
from .segments import Output


class Namespaces(Output):
    """Handlers of `namespace`/`module` blocks and of `export` inside them. State:
    `namespaces` (the names of the namespaces being compiled, innermost last)."""

    def namespace(self, node: tree_sitter.Node) -> None:
        statement = (
            node.parent if node.parent and node.parent.type == "expression_statement" else node
        )
        if not instantiated(node):
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
            if not instantiated(declaration):
                self.drop(declaration.start_byte, declaration.end_byte)
                return
            self.drop(declaration.start_byte, declaration.end_byte)
            name = declaration.child_by_field_name("name")
            path = _dotted(self.text(name))
            self.put(f"let {path[0].decode()};\n", declaration.start_byte)
            self.open_namespace_member(declaration, path, ns)
            return
        if declaration.type in CLASSES and decorated(declaration):
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


def instantiated(node: tree_sitter.Node) -> bool:
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
                if instantiated(first):
                    return True
                continue
        if inner.type in ("internal_module", "module"):
            if instantiated(inner):
                return True
            continue
        if (
            inner.type in TYPE_STATEMENTS
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
