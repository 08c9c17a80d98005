"""Functions and classes: their scopes, parameters, private names, and their early errors.

A function opens a scope for its parameters and body (and a second one for the body when its
parameters are not all plain names, whose defaults cannot see the body's `var`s); a named
function or class expression has a scope of its own for its name. Labels and loop counts start
over inside a function. Private names (`#x`) are recorded with the class that declares them
and renamed short when minified (`private_names`).
"""

from __future__ import annotations

import itertools
from typing import NamedTuple

from .. import early
from ..names import short_names
from ..ops import Gap, Ident, Semi
from .nodes import string_value
from .tokens import SPACE_BETWEEN, WORD, trailing_comma


class ClassPrivates(NamedTuple):
    """The private names of a class body (`#x`), to be renamed short (`private_names`)."""

    outer: int  # the enclosing class body's index, or -1
    declared: set[bytes]
    uses: dict[bytes, list[tuple[int, int]]]  # name -> the spans where it is written


class Functions:
    """Functions, parameters, classes and private names of `_Walker` (`analyze.py`)."""

    def init_functions(self) -> None:
        self.privates: list[ClassPrivates] = []  # per class body, in document order
        self.private = -1  # the class body being walked
        self.in_field = False  # in a class field's initialiser or a static block

    def function(self, node, mode: str | None) -> None:
        t = node.type
        outer, outer_fn, outer_depth = self.scope, self.function_scope, self.depth
        in_field = self.in_field
        if t != "arrow_function":  # a function has its own `arguments`
            self.in_field = False
        name = node.child_by_field_name("name")
        sid = -1
        if name is not None and name.type == "identifier" and t != "method_definition":
            if self.text(name) in ("eval", "arguments"):
                self.early(name, f"'{self.text(name)}' cannot be a name in strict mode")
            else:
                self.check_name(name, self.text(name), "function")
            if t in ("function_declaration", "generator_function_declaration"):
                sid = self.declare(self.text(name), "function", self.scope, name)
            else:
                self.push(False)  # a named function expression sees its own name
                sid = self.declare(self.text(name), "name", self.scope)
        self.check_function(node)
        params = node.child_by_field_name("parameters")
        split = params is not None and not early.simple_parameters(params)
        jumps = self.labels, self.loops, self.breakable
        self.labels, self.loops, self.breakable = [], 0, 0
        entered = False
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "name" and sid >= 0:
                self.ops.append(Ident(child.start_byte, child.end_byte, sid, 0))
                self.leaf(child)
            elif field in ("parameters", "parameter", "body"):
                if not entered:
                    self.push(True)
                    self.function_scope = self.scope
                    self.depth += 1
                    entered = True
                if field == "parameter":
                    self.visit(child, "param")
                elif field == "body" and child.type == "statement_block":
                    if split:  # defaults and patterns cannot see the body's vars: a scope
                        self.push(True)
                        self.function_scope = self.scope
                        self.body_scopes.add(self.scope)
                    self.visit_children(child)
                else:
                    self.visit(child)
            else:
                self.visit(child)
        self.in_field = in_field
        self.scope, self.function_scope, self.depth = outer, outer_fn, outer_depth
        self.labels, self.loops, self.breakable = jumps

    def check_function(self, node) -> None:
        params = node.child_by_field_name("parameters")
        body = node.child_by_field_name("body")
        for before, after in itertools.pairwise(node.children):
            if after.type == "=>" and early.line_break(
                self.data, before.end_byte, after.start_byte
            ):
                self.early(after, "no line break is allowed before '=>'")
            elif before.type == "async" and early.line_break(
                self.data, before.end_byte, after.start_byte
            ):
                self.early(before, "no line break is allowed after 'async'")
        if (
            params is not None
            and body is not None
            and body.type == "statement_block"
            and not early.simple_parameters(params)
            and early.has_use_strict(body)
        ):
            self.early(body, '"use strict" in a function whose parameters are not all names')
        if node.type == "method_definition" and params is not None:
            kinds = {c.type for c in node.children}
            count = sum(1 for c in params.named_children if c.type != "comment")
            rest = any(c.type == "rest_pattern" for c in params.named_children)
            if "get" in kinds and count:
                self.early(params, "a getter takes no parameters")
            elif "set" in kinds and (count != 1 or rest):
                self.early(params, "a setter takes exactly one parameter")

    def formal_parameters(self, node, mode: str | None) -> None:
        children = node.children
        if (
            len(children) == 3
            and children[1].type == "identifier"
            and node.parent is not None
            and node.parent.type == "arrow_function"
        ):
            # `(e)=>` minifies to `e=>`, `return(e)=>` to `return e=>`
            open_, close = children[0], children[2]
            before = self.data[self.prev_end - 1] if self.prev_end else 0x20
            space = b" " if SPACE_BETWEEN[before] & WORD else b""
            self.ops.append(Gap(open_.start_byte, open_.end_byte, space))
            self.ops.append(Gap(close.start_byte, close.end_byte, b""))
        trailing = trailing_comma(node)
        params = [c for c in node.named_children if c.type != "comment"]
        for param in params[:-1]:
            if param.type == "rest_pattern":
                self.early(param, "a rest parameter must be the last one")
        if params and params[-1].type == "rest_pattern" and trailing is not None:
            self.early(trailing, "a rest parameter may not have a trailing comma")
        for child in children:
            self.visit(child, "param" if child.is_named and child.type != "comment" else None)
            if child == trailing:
                self.ops.append(Gap(child.start_byte, child.end_byte, b""))

    def class_(self, node, mode: str | None) -> None:
        if not node.children:  # the `class` keyword of a class expression: a token
            self.leaf(node)
            return
        name = node.child_by_field_name("name")
        outer = self.scope
        sid = -1
        heritage = next((c for c in node.children if c.type == "class_heritage"), None)
        parent_class = heritage.named_children[0] if heritage and heritage.named_children else None
        if parent_class is not None and parent_class.type == "arrow_function":
            self.early(parent_class, "an arrow function must be in parentheses after 'extends'")
        if name is not None:
            self.check_name(name, self.text(name), "class")
            if node.type == "class_declaration":
                sid = self.declare(self.text(name), "class", self.scope, name)
            else:
                self.push(False)  # a named class expression sees its own name
                sid = self.declare(self.text(name), "name", self.scope)
        for i, child in enumerate(node.children):
            if sid >= 0 and node.field_name_for_child(i) == "name":
                self.ops.append(Ident(child.start_byte, child.end_byte, sid, 0))
                self.leaf(child)
            else:
                self.visit(child)
        self.scope = outer

    def class_body(self, node, mode: str | None) -> None:
        children = node.children
        declared = set()
        kinds: dict[bytes, str] = {}  # a private name may be declared twice: a getter and setter
        for member in node.named_children:
            key = member.child_by_field_name("name") or member.child_by_field_name("property")
            if key is not None and key.type == "private_property_identifier":
                name = self.text(key).encode()  # `#\u{6F}` is `#o`
                declared.add(name)
                words = {c.type for c in member.children if c.type in ("get", "set", "static")}
                kind = ("static " if "static" in words else "") + (
                    "get" if "get" in words else "set" if "set" in words else "other"
                )
                seen = kinds.get(name)
                pair = {seen, kind} in ({"get", "set"}, {"static get", "static set"})
                if seen is not None and not pair:
                    self.early(key, f"private name '{name.decode()}' is already declared")
                kinds[name] = "done" if seen is not None else kind
        for key, message in early.class_member_problems(node, self.member_name):
            self.early(key, message)
        outer = self.private
        self.private = len(self.privates)
        self.privates.append(ClassPrivates(outer, declared, {}))
        for i, child in enumerate(children):
            self.visit(child)
            if child.type == ";":
                self.semi_end = child.end_byte
            elif child.type == "field_definition" and (
                i + 1 >= len(children) or children[i + 1].type != ";"
            ):
                self.ops.append(Semi(child.end_byte, child.end_byte))
                self.semi_end = child.end_byte
        self.private = outer

    def member_name(self, key) -> str | None:
        """A class element's name, escapes decoded (`"constructor"` and `constructor` too)."""
        if key.type == "string":
            return string_value(self.data, key)
        return self.text(key)

    def field(self, node, mode: str | None) -> None:
        """A class field: `arguments` may not be used in its initialiser."""
        value = node.child_by_field_name("value")
        for child in node.children:
            if child == value:
                outer, self.in_field = self.in_field, True
                self.visit(child)
                self.in_field = outer
            else:
                self.visit(child)

    def private_name(self, node, mode: str | None) -> None:
        """`#x`: recorded with the class that declares it (the innermost one with the name),
        to be renamed when minified (`private_names`)."""
        name = self.text(node).encode()
        c = self.private
        while c >= 0:
            outer, declared, uses = self.privates[c]
            if name in declared:
                uses.setdefault(name, []).append((node.start_byte, node.end_byte))
                break
            c = outer
        else:
            self.early(node, f"'{name.decode()}' is not declared in an enclosing class")
        self.leaf(node)

    def private_names(self) -> list[Gap]:
        """Ops renaming every class's private names to short ones (`#a`), most used first; a
        class's names start after those of the classes around it, which it can see."""
        if self.scope_unsafe[0]:
            return []  # a direct eval may name them
        names: list[str] = []
        pool = short_names()
        base: list[int] = []
        ops: list[Gap] = []
        for outer, declared, uses in self.privates:
            start = base[outer] + len(self.privates[outer].declared) if outer >= 0 else 0
            base.append(start)
            order = sorted(declared, key=lambda n: (-len(uses.get(n, ())), n))
            for i, name in enumerate(order):
                while len(names) <= start + i:
                    names.append(next(pool))
                short = b"#" + names[start + i].encode()
                if short != name:
                    ops.extend(Gap(a, b, short) for a, b in uses.get(name, ()))
        return ops

    def static_block(self, node, mode: str | None) -> None:
        outer, outer_fn, outer_depth = self.scope, self.function_scope, self.depth
        in_field, self.in_field = self.in_field, True  # no `arguments` in a static block
        for child in node.children:
            if child.type == "statement_block":
                self.push(True)
                self.function_scope = self.scope
                self.depth += 1
                self.visit_children(child)
            else:
                self.visit(child)
        self.in_field = in_field
        self.scope, self.function_scope, self.depth = outer, outer_fn, outer_depth
