"""Standard (TC39) decorators, TypeScript 5's default without `experimentalDecorators`,
lowered as esbuild lowers them for browsers that lack them, with its runtime helpers
(`decorators.js`, appended to the module). `@d class C { @e m() {} @f x = 1 }` becomes:

    var _m_dec, _x_dec, _init, _C_decorators;       // the head (`standard_head`)
    _C_decorators = [d];
    _m_dec = [e];
    _x_dec = [f];
    class C {
    constructor() { __runInitializers(_init, 5, this); __publicField(this, "x",
      __runInitializers(_init, 8, this, 1)), __runInitializers(_init, 11, this); }
      m() {} ; }
    _init = __decoratorStart(null);                  // the tail (`standard_tail`)
    __decorateElement(_init, 1, "m", _m_dec, C);
    __decorateElement(_init, 5, "x", _x_dec, C);
    C = __decorateElement(_init, 0, "C", _C_decorators, C);
    __runInitializers(_init, 1, C);

Fields and accessors get their initial values through `__runInitializers` in the
constructor: `standard_constructor` makes that code, and `class_body` (in `classes`) puts it
there and leaves the members out, from the `Plan` it finds in `self.plan`. A decorated member
that is private (`#x`), has a computed name or decorated parameters is refused:
`standard_decorators` returns False and `decorated_class` reports it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import NamedTuple

import tree_sitter

from .node_types import TYPES, is_static
from .segments import Output


@dataclass(slots=True)
class Plan:
    """What `class_body` does for standard decorators."""

    moved: set[int]  # members left out of the class body (their value set elsewhere)
    inits: list  # (text, fragment or None) for the constructor


class _Element(NamedTuple):
    """A decorated member."""

    member: tree_sitter.Node
    decorators: list[tree_sitter.Node]
    kind: int  # as esbuild numbers them: 1 method, 2 getter, 3 setter, 4 accessor, 5 field
    static: bool
    label: str  # its name
    variable: str  # the variable holding its decorators (`_m_dec`)


@dataclass(slots=True)
class _Lowering:
    """The names and layout of one decorated class's output."""

    name: str  # the class's binding (`_default` for an anonymous one)
    suffix: str  # of the variables: "" for the module's first such class, then "1", "2", ...
    init: str  # the variable of `__decoratorStart`'s array (`_init`)
    extends: tree_sitter.Node | None  # the superclass expression
    base: str | None  # the variable holding the superclass (`_base`)
    elements: list[_Element]  # the decorated members, in source order
    order: list[_Element]  # ... in the order __decorateElement runs them
    slots: dict[int, int]  # id(field or accessor) -> its initializers' slot
    storage: dict[int, str]  # id(accessor) -> the WeakMap of its private storage
    class_decorators: list[tree_sitter.Node]  # on the class and its export statement
    default: bool  # `export default`
    bound: bool  # an anonymous class: `let _default = class ...`


class StandardDecorators(Output):
    """`standard_decorators`, called by `decorated_class`. State: `private_names` (how many
    classes got variables, for their suffix), `plan`/`planned` (read by `class_body` and
    `class_member`)."""

    def standard_decorators(self, node, export) -> bool:
        """TC39 decorators (TypeScript 5 without `experimentalDecorators`), lowered as esbuild
        lowers them for browsers without them (its runtime helpers): each decorated element
        goes through `__decorateElement`, fields and accessors get their initial value through
        `__runInitializers` in the constructor. False when a decorated member is private or
        has a computed name (refused by the caller)."""
        body = node.child_by_field_name("body")
        outer = [c for c in export.children if c.type == "decorator"] if export is not None else []
        class_decorators = outer + [c for c in node.children if c.type == "decorator"]
        members = _decorated_members(body)
        if members is None:
            return False
        lowering = self.lowering(node, export, members, class_decorators)
        self.standard_head(node, export, lowering)
        self.plan = self.standard_constructor(body, lowering)
        self.planned = True
        self.standard_class(node, body, lowering)
        self.planned = False
        self.plan = None
        self.standard_tail(node, lowering)
        self.pos = max(self.pos, (export or node).end_byte)
        return True

    def lowering(self, node, export, members: list, class_decorators: list) -> _Lowering:
        name_node = node.child_by_field_name("name")
        name = self.text(name_node).decode() if name_node is not None else "_default"
        extends = _extends_value(node)
        self.helpers.add("standard")
        n = self.private_names
        self.private_names += 1
        suffix = f"{n}" if n else ""
        elements = [self.element(member, decorators, suffix) for member, decorators in members]
        order = (
            [e for e in elements if e.static and e.kind < 5]
            + [e for e in elements if not e.static and e.kind < 5]
            + [e for e in elements if e.static and e.kind == 5]
            + [e for e in elements if not e.static and e.kind == 5]
        )
        slots = {}
        length = 4
        for e in order:
            if e.kind >= 4:
                slots[id(e.member)] = length + 1
                length += 2
        storage = {
            id(e.member): f"_{re.sub(r'[^A-Za-z0-9_$]', '_', e.label)}{suffix}"
            for e in elements
            if e.kind == 4
        }
        return _Lowering(
            name=name,
            suffix=suffix,
            init=f"_init{suffix}",
            extends=extends,
            base=f"_base{suffix}" if extends is not None else None,
            elements=elements,
            order=order,
            slots=slots,
            storage=storage,
            class_decorators=class_decorators,
            default=export is not None and any(c.type == "default" for c in export.children),
            bound=name_node is None,
        )

    def element(self, member, decorators: list, suffix: str) -> _Element:
        key = member.child_by_field_name("name")
        static = is_static(member)
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
        return _Element(member, decorators, kind, static, label, variable)

    def standard_head(self, node, export, lowering: _Lowering) -> None:
        """Before the class: its variables, the decorator lists (those of the members after
        the superclass when there is one: `standard_class` puts them there), `let C = `."""
        lw = lowering
        names = (
            [e.variable for e in lw.elements]
            + ([lw.base] if lw.base else [])
            + [lw.init]
            + list(lw.storage.values())
        )
        if lw.class_decorators:
            names.append(f"_{lw.name}_decorators{lw.suffix}")
        start = (export or node).start_byte
        self.drop(start, node.start_byte)
        keyword = next(c for c in node.children if c.type == "class")
        self.drop(node.start_byte, keyword.start_byte)
        at = node.start_byte
        self.put(f"var {', '.join(names)};\n", at)
        if lw.class_decorators:
            self.put(f"_{lw.name}_decorators{lw.suffix} = [", at)
            self.put_list([self.capture(d.named_children[0]) for d in lw.class_decorators], at)
            self.put("];\n", at)
        if lw.extends is None:
            self.decorator_lists(lw, ";\n", at)
        prefix = "export " if export is not None and not lw.default else ""
        self.put(f"{prefix}let {lw.name} = " if lw.bound else prefix, keyword.start_byte)

    def decorator_lists(self, lowering: _Lowering, separator: str, at: int) -> None:
        for e in lowering.elements:
            self.put(f"{e.variable} = [", at)
            self.put_list([self.capture(d.named_children[0]) for d in e.decorators], at)
            self.put("]" + separator, at)

    def standard_constructor(self, body, lowering: _Lowering) -> Plan:
        """The constructor's code: the decorated fields and accessors, and every instance field
        (their order kept), get their values there."""
        lw = lowering
        moved: set[int] = set()
        inits: list = []
        instance_methods = any(not e.static and e.kind < 5 for e in lw.elements)
        if instance_methods:
            inits.append((f"__runInitializers({lw.init}, 5, this);", None))
        elements = {id(e.member): e for e in lw.elements}
        for member in body.named_children:
            if member.type != "public_field_definition" or is_static(member):
                continue
            key = member.child_by_field_name("name")
            e = elements.get(id(member))
            if e is None and not any(x.kind >= 4 and not x.static for x in lw.elements):
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
            j = lw.slots[id(member)]
            target = (
                f"__privateAdd(this, {lw.storage[id(member)]}"
                if e.kind == 4
                else (f"__publicField(this, {label}")
            )
            inits.append(
                (
                    f"{target}, __runInitializers({lw.init}, {(j - 1) * 2}, this, ",
                    value_fragment,
                    f")), __runInitializers({lw.init}, {j * 2 + 1}, this);",
                )
            )
        static_fields = [e for e in lw.elements if e.static and e.kind >= 4]
        for e in static_fields:
            moved.add(e.member.start_byte)
        return Plan(moved, inits)

    def standard_class(self, node, body, lowering: _Lowering) -> None:
        """The class itself; a superclass is kept in `_base`, the members' decorator lists
        evaluated after it (`extends (_base = B, _m_dec = [d], _base)`)."""
        lw = lowering
        for child in node.children:
            if child.type in ("abstract",) or child.type in TYPES or child.type == "decorator":
                self.drop(child.start_byte, child.end_byte)
            elif child == body:
                self.class_body(body, lw.extends is not None, None)
            elif child.type == "class_heritage" and lw.extends is not None:
                self.drop(child.start_byte, child.end_byte)
                self.put(f"extends ({lw.base} = ", child.start_byte)
                self.put_fragment(self.capture(lw.extends))
                self.put(", ", child.start_byte)
                self.decorator_lists(lw, ", ", node.start_byte)
                self.put(f"{lw.base}) ", child.start_byte)
            elif child.type == "class_heritage":
                self.class_heritage(child)
            elif child.type == "type_identifier":
                self.used.add(self.text(child))
            else:
                self.walk(child)

    def standard_tail(self, node, lowering: _Lowering) -> None:
        """After the class: the elements decorated in esbuild's order, then the class, the
        static fields and accessors initialized."""
        lw = lowering
        name, init = lw.name, lw.init
        end = node.end_byte
        self.copy_to(end)
        self.put(";\n" if lw.bound else "\n", end)
        self.put(f"{init} = __decoratorStart({lw.base or 'null'});\n", end)
        for variable in lw.storage.values():
            self.put(f"{variable} = new WeakMap();\n", end)
        for e in lw.order:
            flags = e.kind | (8 if e.static else 0)
            extra = f", {lw.storage[id(e.member)]}" if e.kind == 4 else ""
            label = json.dumps(e.label)
            self.put(
                f"__decorateElement({init}, {flags}, {label}, {e.variable}, {name}{extra});\n", end
            )
        if lw.class_decorators:
            decorators = f"_{name}_decorators{lw.suffix}"
            call = f"__decorateElement({init}, 0, {json.dumps(name)}, {decorators}, {name})"
            self.put(f"{name} = {call};\n", end)
        else:
            self.put(f"__decoratorMetadata({init}, {name});\n", end)
        if any(e.static and e.kind < 5 for e in lw.elements):
            self.put(f"__runInitializers({init}, 3, {name});\n", end)
        for e in [e for e in lw.elements if e.static and e.kind >= 4]:
            self.static_initializer(lw, e, end)
        if lw.class_decorators:
            self.put(f"__runInitializers({init}, 1, {name});\n", end)
        if lw.default:
            self.put(f"export {{ {name} as default }};\n", end)

    def static_initializer(self, lowering: _Lowering, e: _Element, end: int) -> None:
        """A static decorated field or accessor, defined on the class after it."""
        name, init = lowering.name, lowering.init
        j = lowering.slots[id(e.member)]
        value = e.member.child_by_field_name("value")
        target = lowering.storage[id(e.member)] if e.kind == 4 else None
        define = (
            f"__privateAdd({name}, {target}"
            if target
            else f"__publicField({name}, {json.dumps(e.label)}"
        )
        self.put(f"{define}, __runInitializers({init}, {(j - 1) * 2}, {name}, ", end)
        if value is not None:
            self.put_fragment(self.capture(value))
        else:
            self.put("void 0", end)
        self.put(f")), __runInitializers({init}, {j * 2 + 1}, {name});\n", end)


def _decorated_members(body) -> list | None:
    """The decorated members, each with its decorators (those before it, which tree-sitter
    makes its siblings, then its own); None when one cannot be compiled."""
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
            return None
    return members


def _extends_value(node):
    """The superclass expression of a class, or None."""
    heritage = next((c for c in node.children if c.type == "class_heritage"), None)
    extends = None
    if heritage is not None:
        clause = next((c for c in heritage.children if c.type == "extends_clause"), None)
        extends = clause.child_by_field_name("value") if clause is not None else None
        if extends is None and clause is not None:
            extends = next((c for c in clause.named_children if c.type not in TYPES), None)
    return extends
