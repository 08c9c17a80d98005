"""Standard (TC39) decorators, TypeScript 5's default without `experimentalDecorators`,
lowered as esbuild lowers them for browsers that lack them, with its runtime helpers
(`decorators.js`, appended to the module). `@d class C { @e m() {} @f x = 1 }` becomes:

    var _m_dec, _x_dec, _init, _C_decorators;
    _C_decorators = [d];
    _m_dec = [e];
    _x_dec = [f];
    class C {
    constructor() { __runInitializers(_init, 5, this); __publicField(this, "x",
      __runInitializers(_init, 8, this, 1)), __runInitializers(_init, 11, this); }
      m() {} ; }
    _init = __decoratorStart(null);
    __decorateElement(_init, 1, "m", _m_dec, C);
    __decorateElement(_init, 5, "x", _x_dec, C);
    C = __decorateElement(_init, 0, "C", _C_decorators, C);
    __runInitializers(_init, 1, C);

Fields and accessors get their initial values through `__runInitializers` in the
constructor: `standard_decorators` leaves that code, and the members it takes out of the body,
in a `Plan` (in `self.plan`) that `class_body` (in `classes`) picks up. A decorated member that
is private (`#x`), has a computed name or decorated parameters is refused:
`standard_decorators` returns False and `decorated_class` reports it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .nodes import TYPES, is_static
from .output import Output


@dataclass(slots=True)
class Plan:
    """What `class_body` does for standard decorators."""

    moved: set[int]  # members left out of the class body (their value set elsewhere)
    inits: list  # (text, fragment or None) for the constructor


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
                return False
        name_node = node.child_by_field_name("name")
        name = self.text(name_node).decode() if name_node is not None else "_default"
        heritage = next((c for c in node.children if c.type == "class_heritage"), None)
        extends = None
        if heritage is not None:
            clause = next((c for c in heritage.children if c.type == "extends_clause"), None)
            extends = clause.child_by_field_name("value") if clause is not None else None
            if extends is None and clause is not None:
                extends = next((c for c in clause.named_children if c.type not in TYPES), None)
        self.helpers.add("standard")
        n = self.private_names
        self.private_names += 1
        suffix = f"{n}" if n else ""
        init = f"_init{suffix}"
        base = f"_base{suffix}" if extends is not None else None
        # element kinds as esbuild numbers them; the order __decorateElement runs them in
        entries = []
        for member, decorators in members:
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
            entries.append((member, decorators, kind, static, label, variable))
        order = (
            [e for e in entries if e[3] and e[2] < 5]
            + [e for e in entries if not e[3] and e[2] < 5]
            + [e for e in entries if e[3] and e[2] == 5]
            + [e for e in entries if not e[3] and e[2] == 5]
        )
        slots = {}
        length = 4
        for e in order:
            if e[2] >= 4:
                slots[id(e[0])] = length + 1
                length += 2
        storage = {
            id(e[0]): f"_{re.sub(r'[^A-Za-z0-9_$]', '_', e[4])}{suffix}"
            for e in entries
            if e[2] == 4
        }
        names = [e[5] for e in entries] + ([base] if base else []) + [init] + list(storage.values())
        if class_decorators:
            names.append(f"_{name}_decorators{suffix}")
        start = (export or node).start_byte
        self.drop(start, node.start_byte)
        keyword = next(c for c in node.children if c.type == "class")
        self.drop(node.start_byte, keyword.start_byte)
        at = node.start_byte
        self.put(f"var {', '.join(names)};\n", at)
        if class_decorators:
            self.put(f"_{name}_decorators{suffix} = [", at)
            self.put_list([self.capture(d.named_children[0]) for d in class_decorators], at)
            self.put("];\n", at)

        def decorator_lists(separator: str) -> None:
            for _m, decorators, _k, _s, _l, variable in entries:
                self.put(f"{variable} = [", at)
                self.put_list([self.capture(d.named_children[0]) for d in decorators], at)
                self.put("]" + separator, at)

        if extends is None:
            decorator_lists(";\n")
        default = export is not None and any(c.type == "default" for c in export.children)
        bound = name_node is None
        prefix = "export " if export is not None and not default else ""
        self.put(f"{prefix}let {name} = " if bound else prefix, keyword.start_byte)
        # the constructor: the decorated fields and accessors, and every instance field
        # (their order kept), get their values there
        moved: set[int] = set()
        inits: list = []
        instance_methods = any(not e[3] and e[2] < 5 for e in entries)
        if instance_methods:
            inits.append((f"__runInitializers({init}, 5, this);", None))
        decorated = {id(e[0]): e for e in entries}
        for member in body.named_children:
            if member.type != "public_field_definition" or is_static(member):
                continue
            key = member.child_by_field_name("name")
            e = decorated.get(id(member))
            if e is None and not any(x[2] >= 4 and not x[3] for x in entries):
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
            j = slots[id(member)]
            target = (
                f"__privateAdd(this, {storage[id(member)]}"
                if e[2] == 4
                else (f"__publicField(this, {label}")
            )
            inits.append(
                (
                    f"{target}, __runInitializers({init}, {(j - 1) * 2}, this, ",
                    value_fragment,
                    f")), __runInitializers({init}, {j * 2 + 1}, this);",
                )
            )
        static_fields = [e for e in entries if e[3] and e[2] >= 4]
        for e in static_fields:
            moved.add(e[0].start_byte)
        self.plan = Plan(moved, inits)
        self.planned = True
        # the class itself
        for child in node.children:
            if child.type in ("abstract",) or child.type in TYPES or child.type == "decorator":
                self.drop(child.start_byte, child.end_byte)
            elif child == body:
                self.class_body(body, extends is not None, None)
            elif child.type == "class_heritage" and extends is not None:
                self.drop(child.start_byte, child.end_byte)
                self.put(f"extends ({base} = ", child.start_byte)
                self.put_fragment(self.capture(extends))
                self.put(", ", child.start_byte)
                decorator_lists(", ")
                self.put(f"{base}) ", child.start_byte)
            elif child.type == "class_heritage":
                self.class_heritage(child)
            elif child.type == "type_identifier":
                self.used.add(self.text(child))
            else:
                self.walk(child)
        self.planned = False
        self.plan = None
        end = node.end_byte
        self.copy_to(end)
        self.put(";\n" if bound else "\n", end)
        self.put(f"{init} = __decoratorStart({base or 'null'});\n", end)
        for variable in storage.values():
            self.put(f"{variable} = new WeakMap();\n", end)
        for member, _d, kind, static, label, variable in order:
            flags = kind | (8 if static else 0)
            extra = f", {storage[id(member)]}" if kind == 4 else ""
            label = json.dumps(label)
            self.put(
                f"__decorateElement({init}, {flags}, {label}, {variable}, {name}{extra});\n", end
            )
        if class_decorators:
            decorators = f"_{name}_decorators{suffix}"
            call = f"__decorateElement({init}, 0, {json.dumps(name)}, {decorators}, {name})"
            self.put(f"{name} = {call};\n", end)
        else:
            self.put(f"__decoratorMetadata({init}, {name});\n", end)
        if any(e[3] and e[2] < 5 for e in entries):
            self.put(f"__runInitializers({init}, 3, {name});\n", end)
        for member, _d, kind, _s, label, _v in [e for e in entries if e[3] and e[2] >= 4]:
            j = slots[id(member)]
            value = member.child_by_field_name("value")
            target = storage[id(member)] if kind == 4 else None
            define = (
                f"__privateAdd({name}, {target}"
                if target
                else f"__publicField({name}, {json.dumps(label)}"
            )
            self.put(f"{define}, __runInitializers({init}, {(j - 1) * 2}, {name}, ", end)
            if value is not None:
                self.put_fragment(self.capture(value))
            else:
                self.put("void 0", end)
            self.put(f")), __runInitializers({init}, {j * 2 + 1}, {name});\n", end)
        if class_decorators:
            self.put(f"__runInitializers({init}, 1, {name});\n", end)
        if default:
            self.put(f"export {{ {name} as default }};\n", end)
        self.pos = max(self.pos, (export or node).end_byte)
        return True
