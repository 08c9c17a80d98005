"""Types erased: what is only a type is left out as the walk passes it (annotations,
modifiers, `as`/`satisfies`/`!`, type arguments, `this` parameters), statements get a `;` where
leaving a type out would join them to the next line, and the names that are only types are
found (`declared_types`, `used_as_value`) for the imports and exports that mention them.

Which node types are only types, wherever they are, is in `node_types` (`TYPES`, `TYPE_STATEMENTS`):
`Compiler.walk` drops those itself; the methods here handle nodes with types inside."""

from __future__ import annotations

import tree_sitter

from .node_types import BLOCKS, MODIFIERS, STATEMENT_LISTS, TYPE_CONTEXTS, TYPES
from .parsing import identifier_query
from .segments import Output


class TypeErasure(Output):
    """Handlers of nodes with types inside. State: `used` (names read as values), `type_only`
    (top-level names that are only types), `value_names` (every identifier outside types,
    found once, on demand)."""

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

    def used_as_value(self, name_node: tree_sitter.Node) -> bool:
        """Whether an identifier with this name appears outside types, other than here."""
        if self.value_names is None:
            self.value_names = set()
            query = identifier_query(self.kind)
            for nodes in tree_sitter.QueryCursor(query).captures(self.root).values():
                for n in nodes:
                    parent = n.parent
                    while parent is not None and parent.type not in TYPE_CONTEXTS:
                        if parent.type in STATEMENT_LISTS:
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
            and node.parent.type in BLOCKS
        ):
            self.copy_to(node.end_byte)
            self.put(";", node.end_byte)

    def drop_statement(self, node: tree_sitter.Node) -> None:
        """Leave out a statement or class member; a `;` in its place keeps the statements
        around it apart, as the line break before it did (`a \\n interface I {} \\n (b)`)."""
        self.drop(node.start_byte, node.end_byte)
        parent = node.parent
        if parent is not None and parent.type in STATEMENT_LISTS:
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
            if child.type in MODIFIERS or child.type in TYPES or child.type == "decorator":
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
            if child.type == "!" or child.type in TYPES:
                self.drop(child.start_byte, child.end_byte)
            else:
                self.walk(child)


def _import_specifiers(node: tree_sitter.Node):
    for clause in node.children:
        if clause.type == "import_clause":
            for part in clause.named_children:
                if part.type == "named_imports":
                    yield from (s for s in part.named_children if s.type == "import_specifier")
