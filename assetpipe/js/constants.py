"""Values known at build time: defines, and the conditions they (or literals) decide.

A define maps a global expression, written as a dotted path (`process.env.NODE_ENV`,
`__APP_VERSION__`, `globalThis.DEBUG`, `import.meta.env`), to a JSON value. The build hands the
analyser its defines as one hashable value, a tuple of sorted (path, JSON text) pairs (so it can
be part of the analysis cache key); `parse_defines` makes the `Defines` table of it once.

`Defines.match` finds the value of an expression: its path is a key (`process.env.NODE_ENV`), or
it reads a property of a key whose value is an object (`import.meta.env.MODE`: that property,
or `undefined` when the object has no such own property and it is not one every object inherits
(`toString`)). `evaluate` computes, as JavaScript does, the value of an expression made only of
literals and such expressions with `!`, `typeof`, `void`, unary `-`, `&&`, `||`, `??`, `===`,
`!==`, `==`, `!=` and parentheses, or returns `UNKNOWN`. Invariants: what `evaluate` returns is
what JavaScript computes (`==` between values of different types, whose conversions are many, is
UNKNOWN; so are objects compared, whose identity a copy would change), and an expression it
knows has no side effects, so the analyser may print the value in its place and leave out the
branches it makes dead. Whether the first name is the global one (not a binding of the module)
is the analyser's to check: it knows the scopes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass


class _Undefined:
    __slots__ = ()

    def __repr__(self) -> str:
        return "undefined"


class _Unknown:
    __slots__ = ()

    def __repr__(self) -> str:
        return "UNKNOWN"


UNDEFINED = _Undefined()  # JavaScript's undefined (None is null)
UNKNOWN = _Unknown()  # not known at build time

Pairs = tuple[tuple[str, str], ...]  # (dotted path, JSON text), sorted: what the build passes

# What every object has from Object.prototype: reading one of these is not `undefined`.
_INHERITED = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)


def node_env(development: bool) -> Pairs:
    """The defines every build has unless told otherwise: `process.env.NODE_ENV`."""
    return (("process.env.NODE_ENV", json.dumps("development" if development else "production")),)


@dataclass(frozen=True, slots=True)
class Defines:
    values: dict[str, object]  # dotted path -> value
    names: frozenset[bytes]  # the paths that are one name
    tails: frozenset[bytes]  # the last name of every path: a quick test before `match`
    objects: tuple[bytes, ...]  # ... of every path whose value is an object
    shadowed: frozenset[str] = frozenset()  # first names the module binds: not the globals

    def __bool__(self) -> bool:
        return bool(self.values)

    def without(self, names: set[str] | frozenset[str]) -> Defines:
        """These defines where `names` (first names of paths) are the module's own."""
        return dataclasses.replace(self, shadowed=self.shadowed | frozenset(names))

    def match(self, node, data: bytes) -> tuple[object, str] | None:
        """(the value, the first name of the path) of a name, `a.b.c` or `a["b"]` that a define
        gives a value, or None. The first name is "" for `import.meta...`. (Called for every
        member expression: what cannot match is turned away before any string is made.)"""
        t = node.type
        if t == "identifier" or t == "shorthand_property_identifier":
            name = data[node.start_byte : node.end_byte]
            if name not in self.names:
                return None
            key = name.decode()
            return self.values[key], key
        if t == "member_expression":
            prop = node.child_by_field_name("property")
            if prop is None:
                return None
            last = data[prop.start_byte : prop.end_byte]
        elif t == "subscript_expression":
            index = node.child_by_field_name("index")
            if index is None or index.type != "string":
                return None
            last = data[index.start_byte + 1 : index.end_byte - 1]
        else:
            return None
        if last not in self.tails:
            obj = node.child_by_field_name("object") if self.objects else None
            if obj is None or not data.endswith(self.objects, 0, obj.end_byte):
                return None
        path = _path(node, data)
        if path is None:
            return None
        first = "" if path[0] == "import.meta" else path[0]
        key = ".".join(path)
        if key in self.values:
            return self.values[key], first
        value = self.values.get(".".join(path[:-1]), UNKNOWN)
        if isinstance(value, dict):
            name = path[-1]
            if name in value:
                return value[name], first
            if name not in _INHERITED:
                return UNDEFINED, first
        return None


NO_DEFINES = Defines({}, frozenset(), frozenset(), ())


def relevant(pairs: Pairs, data: bytes) -> Pairs:
    """The defines that may apply in a module: those whose every name occurs in its text. The
    analysis with them is the analysis with all of them, and the cache key names only them, so
    that changing one (an `.env` file) analyses again only the modules that may read it."""
    return tuple(p for p in pairs if all(name in data for name in _names(p[0])))


@functools.lru_cache(maxsize=256)
def _names(path: str) -> tuple[bytes, ...]:
    """The names of a path, as bytes, the last first (the rarest, usually)."""
    return tuple(name.encode() for name in reversed(path.split(".")))


@functools.lru_cache(maxsize=64)
def parse_defines(pairs: Pairs) -> Defines:
    values = {path: json.loads(text) for path, text in pairs}
    names = frozenset(p.encode() for p in values if "." not in p)
    tails = frozenset(p.rsplit(".", 1)[-1].encode() for p in values)
    objects = tuple(
        sorted({p.rsplit(".", 1)[-1].encode() for p, v in values.items() if type(v) is dict})
    )
    return Defines(values, names, tails, objects)


def _property(node, data: bytes) -> bytes | None:
    """`c` of `a.b.c` or `a.b["c"]` (not `a?.c`, `a.#c`, or a key with escapes)."""
    if node.child_by_field_name("optional_chain") is not None:
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        if prop is None or prop.type != "property_identifier":
            return None
        return data[prop.start_byte : prop.end_byte]
    index = node.child_by_field_name("index")
    if index is None or index.type != "string":
        return None
    raw = data[index.start_byte + 1 : index.end_byte - 1]
    return None if b"\\" in raw else raw


def _path(node, data: bytes) -> list[str] | None:
    """The names of `a.b["c"]` (["a", "b", "c"]; `import.meta` is one name), or None."""
    names: list[bytes] = []
    while node.type in ("member_expression", "subscript_expression"):
        name = _property(node, data)
        if name is None:
            return None
        names.append(name)
        node = node.child_by_field_name("object")
        if node is None:
            return None
    if node.type == "identifier":
        names.append(data[node.start_byte : node.end_byte])
    elif node.type == "meta_property" and data[node.start_byte : node.end_byte] == b"import.meta":
        names.append(b"import.meta")
    else:
        return None
    return [n.decode("utf-8", "replace") for n in reversed(names)]


# -- JavaScript's semantics, for the values JSON has and undefined ---------------------------


def type_of(value: object) -> str:
    if value is UNDEFINED:
        return "undefined"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "object"  # null, arrays, objects


def truthy(value: object) -> bool:
    if value is UNDEFINED or value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0 and not math.isnan(value)
    if isinstance(value, str):
        return value != ""
    return True


def strict_equal(a: object, b: object) -> bool | _Unknown:
    if isinstance(a, dict | list) or isinstance(b, dict | list):
        return UNKNOWN  # two copies of one define are two objects
    if type_of(a) != type_of(b):
        return False
    return a is b if a is None or a is UNDEFINED else a == b  # (NaN != NaN, 0 == -0)


def loose_equal(a: object, b: object) -> bool | _Unknown:
    nullish_a, nullish_b = a is None or a is UNDEFINED, b is None or b is UNDEFINED
    if nullish_a or nullish_b:
        return nullish_a and nullish_b  # null and undefined equal each other, nothing else
    if type_of(a) == type_of(b):
        return strict_equal(a, b)
    return UNKNOWN  # conversions (`1 == "1"`, `true == 1`, `{} == "x"`): not folded


def source(value: object) -> bytes:
    """JavaScript text for a value (an object in parentheses: it may start a statement)."""
    if value is UNDEFINED:
        return b"void 0"
    text = json.dumps(value, separators=(",", ":")).encode()
    return b"(" + text + b")" if isinstance(value, dict) else text


def evaluate(node, leaf: Callable[[object], object]) -> object:
    """The value of the expression `node`, or UNKNOWN; `leaf(node)` gives the value of what
    is not an operator, a number or a keyword literal (strings, names, member expressions)."""
    t = node.type
    if t == "parenthesized_expression":
        inner = [c for c in node.named_children if c.type != "comment"]
        return evaluate(inner[0], leaf) if len(inner) == 1 else UNKNOWN
    if t == "true":
        return True
    if t == "false":
        return False
    if t == "null":
        return None
    if t == "number":
        return _number(node.text)
    if t == "unary_expression":
        op = node.child_by_field_name("operator")
        argument = node.child_by_field_name("argument")
        if op is None or argument is None or op.type not in ("!", "typeof", "void", "-"):
            return UNKNOWN
        value = evaluate(argument, leaf)
        if value is UNKNOWN:
            return UNKNOWN
        if op.type == "!":
            return not truthy(value)
        if op.type == "typeof":
            return type_of(value)
        if op.type == "void":
            return UNDEFINED
        return -value if type_of(value) == "number" else UNKNOWN
    if t == "binary_expression":
        op = node.child_by_field_name("operator").type
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op in ("&&", "||", "??"):
            value = evaluate(left, leaf)
            if value is UNKNOWN:
                return UNKNOWN
            return value if short_circuits(op, value) else evaluate(right, leaf)
        if op not in ("===", "!==", "==", "!="):
            return UNKNOWN
        a = evaluate(left, leaf)
        b = UNKNOWN if a is UNKNOWN else evaluate(right, leaf)
        if b is UNKNOWN:
            return UNKNOWN
        equal = strict_equal(a, b) if op in ("===", "!==") else loose_equal(a, b)
        if equal is UNKNOWN:
            return UNKNOWN
        return equal if op in ("===", "==") else not equal
    return leaf(node)


def short_circuits(op: str, left: object) -> bool:
    """Whether `left op right` is `left` (right is not evaluated), for `&&`, `||`, `??`."""
    if op == "&&":
        return not truthy(left)
    if op == "||":
        return truthy(left)
    return left is not None and left is not UNDEFINED


def _number(raw: bytes) -> object:
    text = raw.decode("ascii", "replace").replace("_", "")
    if text.endswith("n"):
        return UNKNOWN  # a BigInt
    low = text.lower()
    try:
        if low.startswith(("0x", "0o", "0b")):
            return float(int(text[2:], {"x": 16, "o": 8, "b": 2}[low[1]]))
        if len(text) > 1 and text[0] == "0" and text[1].isdigit():
            return UNKNOWN  # legacy octal (an error in a module)
        return float(text)
    except ValueError:
        return UNKNOWN
