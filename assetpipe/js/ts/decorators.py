"""Decorated classes. `decorated_class` decides: with `experimentalDecorators`, legacy
decorators, compiled as `tsc` does (the class, then `__decorate([...], C.prototype, "m", null)`
for each decorated member and `C = __decorate([...], C)` for the class, parameter decorators
through `__param`); without it, TC39 decorators (`standard_decorators`, in its own module).
What neither can compile (decorators on class expressions, on #private members, ...) is
reported with `decorator_problem`, and the class compiled without its decorators.

The runtime helpers a module needs (`helpers`) are appended to it by `Compiler.program`:
`HELPERS` holds their code, the standard decorators' from `decorators.js` beside this package."""

from __future__ import annotations

import json
from pathlib import Path
from typing import NamedTuple

from .node_types import is_static
from .segments import Output

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
HELPERS = {"decorate": _DECORATE, "param": _PARAM}


# TC39 decorators' runtime (esbuild's helpers, as function declarations)
_STANDARD = b"\n" + (Path(__file__).parent.parent / "decorators.js").read_bytes()


HELPERS["standard"] = _STANDARD


class _Decoration(NamedTuple):
    """A decorated member, for its `__decorate` call after the class."""

    static: bool
    key: str  # the member's name as a JavaScript expression
    fragments: list  # the decorators' expressions (captured), then its parameters'
    field: bool  # a field (the descriptor argument is `void 0`) or a method (`null`)


class LegacyDecorators(Output):
    """`decorated_class` and the legacy decorators. State: `helpers` (the runtime helpers the
    module needs)."""

    def decorated_class(self, node, export) -> None:
        """A class with decorators (`export`: its export statement, or None)."""
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
        self.legacy_decorators(node, export)

    def legacy_decorators(self, node, export) -> None:
        """`experimentalDecorators`: the class (bound with `let` when the class itself is
        decorated), then its members' `__decorate` calls, instance members first, then the
        class's."""
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
        decorations: list[_Decoration] = []
        self.class_parts(node, decorations)
        end = node.end_byte
        self.copy_to(end)
        self.put(";\n" if bound else "\n", end)
        instance = [d for d in decorations if not d.static]
        static = [d for d in decorations if d.static]
        for d in instance + static:
            target = name if d.static else f"{name}.prototype"
            descriptor = "void 0" if d.field else "null"
            self.put_decorate("", d.fragments, f"{target}, {d.key}, {descriptor}", end)
        ctor_params = self.parameter_decorators_of_constructor(node)
        if class_decorators or ctor_params:
            fragments = [self.capture(d.named_children[0]) for d in class_decorators] + ctor_params
            self.put_decorate(f"{name} = ", fragments, name, end)
        if default:
            self.put(f"export {{ {name} as default }};\n", end)
        self.pos = max(self.pos, (export or node).end_byte)

    def put_decorate(self, before: str, fragments: list, arguments: str, at: int) -> None:
        """`before__decorate([decorators], arguments);`"""
        self.put(f"{before}__decorate([", at)
        for i, fragment in enumerate(fragments):
            if i:
                self.put(", ", at)
            self.put_fragment(fragment)
        self.put(f"], {arguments});\n", at)

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
            _Decoration(is_static(member), key, fragments, member.type == "public_field_definition")
        )


def _member_key(key, src: bytes) -> str:
    text = src[key.start_byte : key.end_byte].decode()
    if key.type in ("property_identifier", "private_property_identifier"):
        return json.dumps(text)
    if key.type == "computed_property_name":
        return text[1:-1]
    return text
