"""Enums: `enum E { A, B = 2 }` into the object `tsc` writes, with reverse mappings for
numbers (`var E = /* @__PURE__ */ ((E) => { E[E["A"] = 0] = "A"; ... })(E || {})`).

Constant initializers are folded (`fold`: numbers, strings, arithmetic, members of the same
enum); a member without a constant value keeps its expression. Members read in the same file
are inlined where they are read (`member_expression`: `E.A` becomes `0 /* A */`), as esbuild
does, for enums and const enums alike; an exported const enum's values are returned with the
module (`Compiled.enums`) and passed to the files that import it (`Options.enums`), which
inline them too."""

from __future__ import annotations

import json
import math

import tree_sitter

from .segments import Output, js_string


class Enums(Output):
    """Handlers of `enum` declarations and of member reads (`E.A`, `E["A"]`). State:
    `const_enums` (name -> {member: value}, this file's enums and the imported const enums),
    `exported_enums`."""

    def enum_declaration(self, node: tree_sitter.Node) -> None:
        name = self.text(node.child_by_field_name("name")).decode()
        body = node.child_by_field_name("body")
        self.drop(node.start_byte, node.end_byte)
        values, lines = self.enum_members(body, name)
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

    def enum_members(self, body: tree_sitter.Node, name: str) -> tuple[dict, list]:
        """The members' constant values ({member: value}), and the lines of the object: (text,
        fragment or None, text after), the fragment a member's initializer that is not
        constant."""
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
                value = fold(value_node, self.src, values, name)
            k = js_string(key).decode()
            if value is None:
                fragment = self.capture(value_node)
                lines.append((f"  {name}[{name}[{k}] = ", fragment, f"] = {k};\n"))
                previous = None
                continue
            values[key] = value
            previous = value
            if isinstance(value, str):
                lines.append((f"  {name}[{k}] = {literal(value).decode()};\n", None, ""))
            else:
                lines.append(
                    (f"  {name}[{name}[{k}] = {literal(value).decode()}] = {k};\n", None, "")
                )
        return values, lines

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
                    self.put(literal(values[name]) + f" /* {name} */".encode(), node.start_byte)
                    return
        self.split_after_type(node, "object")


def literal(value: object) -> bytes:
    if isinstance(value, str):
        return js_string(value)
    text = _number(float(value))  # type: ignore[arg-type]
    return f"({text})".encode() if text.startswith("-") else text.encode()


def fold(node, src: bytes, values: dict, enum: str):
    """The constant value of an enum member's initializer (a float or a str), or None.
    `values`: the members of `enum` before this one."""
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
        return fold(node.named_children[0], src, values, enum)
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
        arg = fold(node.child_by_field_name("argument"), src, values, enum)
        if op is None or not isinstance(arg, float):
            return None
        o = op.type
        return {"-": -arg, "+": arg, "~": float(~_int32(arg))}.get(o)
    if kind == "binary_expression":
        left = fold(node.child_by_field_name("left"), src, values, enum)
        right = fold(node.child_by_field_name("right"), src, values, enum)
        op = node.child_by_field_name("operator").type
        if left is None or right is None:
            return None
        if op == "+" and (isinstance(left, str) or isinstance(right, str)):
            return _to_string(left) + _to_string(right)
        if not (isinstance(left, float) and isinstance(right, float)):
            return None
        return _arithmetic(op, left, right)
    return None


def _arithmetic(op: str, left: float, right: float) -> float | None:
    """`left op right` as JavaScript computes it on numbers (None: an operator not folded)."""
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
