"""Classes: the class body as JavaScript has it. Parameter properties
(`constructor(private x)`) become assignments at the top of the constructor, after `super(...)`
(and, with define semantics, field declarations); with `useDefineForClassFields: false`,
instance fields with values become assignments there too; `accessor x` becomes a private
field with a getter and setter; members that are only types (signatures, `declare`,
`abstract`, index signatures) are left out.

A decorated class is not compiled here: `export_statement`, `namespace_export` and
`class_declaration` send it to `decorated_class` (in `decorators`), which comes back to
`class_parts`/`class_body` with what the decorators need (`decorations`, or the `plan` the
standard decorators leave)."""

from __future__ import annotations

import re

import tree_sitter

from .node_types import MODIFIERS, TYPE_MEMBERS, TYPES, decorated, is_ambient, is_static
from .segments import Output


class Classes(Output):
    """Handlers of class declarations and expressions, and what their bodies hold. State:
    `static_accessors` (where `static accessor` members start: the parser blanked the
    keyword), `plan` and `planned` (set by `standard_decorators` for the class it compiles)."""

    def class_declaration(self, node: tree_sitter.Node) -> None:
        if decorated(node):
            self.decorated_class(node, export=None)
            return
        self.class_parts(node)

    def class_parts(self, node: tree_sitter.Node, decorations: list | None = None) -> None:
        body = node.child_by_field_name("body")
        heritage = next((c for c in node.children if c.type == "class_heritage"), None)
        for child in node.children:
            if child.type in ("abstract",) or child.type in TYPES or child.type == "decorator":
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
                    if part.type in TYPES:
                        self.drop(part.start_byte, part.end_byte)
                    else:
                        self.walk(part)
            else:
                self.walk(child)

    def class_body(self, body, derived: bool, decorations: list | None) -> None:
        """The members in order; what the constructor gets (parameter properties, assigned
        fields, the standard decorators' initializers) is put at its top, or in a constructor
        made for it. `decorations`: the legacy decorators' list to fill (None: none allowed)."""
        members = [c for c in body.named_children if c.type != "comment"]
        constructor = self.constructor_of(members)
        inits, declared = self.parameter_properties(constructor)
        moved: set[int] = set()  # members whose value the constructor sets
        plan = self.plan  # standard decorators: members moved out, constructor code
        self.plan = None
        if plan is not None:
            moved |= plan.moved
            inits += plan.inits
        if not self.options.define_fields:
            self.assigned_fields(members, moved, inits)
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

    def constructor_of(self, members: list):
        """The class's constructor with a body (an overload signature has none), or None."""
        return next(
            (
                m
                for m in members
                if m.type == "method_definition"
                and self.text(m.child_by_field_name("name")) == b"constructor"
                and m.child_by_field_name("body") is not None
            ),
            None,
        )

    def parameter_properties(self, constructor) -> tuple[list, list[str]]:
        """`constructor(private x)`: the constructor's assignments (`this.x = x;`), and the
        names, declared as fields with define semantics."""
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
        return inits, declared

    def assigned_fields(self, members: list, moved: set[int], inits: list) -> None:
        """`useDefineForClassFields: false`: instance fields (not `accessor` ones) leave the
        class body, those with a value are assigned in the constructor."""
        for m in members:
            if m.type != "public_field_definition" or is_static(m) or is_ambient(m):
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
        if child.type in MODIFIERS or child.type in TYPES or child.type == "decorator":
            self.drop(child.start_byte, child.end_byte)
        else:
            self.walk(child)

    def class_member(self, child, decorations: list | None, before: list) -> None:
        if self.planned:
            decorations = decorations if decorations is not None else []
        kind = child.type
        if kind in TYPE_MEMBERS or (kind == "public_field_definition" and is_ambient(child)):
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
        static = "static " if is_static(node) else ""
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


def _extends(heritage) -> bool:
    return any(c.type == "extends_clause" or c.type == "extends" for c in heritage.children)


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
