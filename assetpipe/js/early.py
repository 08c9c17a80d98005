"""Early errors: code the language refuses before running it, which tree-sitter's grammar
accepts. A module is strict code, so these are SyntaxErrors in every browser; the bundle must
not turn them into code that runs (tree shaking drops a duplicate `let`, minifying joins
`throw` and its value across a line break). esbuild reports them too.

The walker (`analyze.py`) calls these where it has the facts: scopes for duplicate and
conflicting declarations, a label stack for `break` and `continue`. Each check is
conservative: a false alarm would refuse a user's valid code, so only what the specification
says is an error is one. Messages name the rule as a user would look it up.
"""

from __future__ import annotations

import unicodedata

LEXICAL = frozenset({"let", "const", "class", "import"})
# reserved in strict code, never a name there (`await` and `yield` are too, but tree-sitter
# reads `await (x)` and `yield (x)` as calls of a name: those are left to the browser)
STRICT_RESERVED = frozenset(
    {
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "let",
        "enum",
    }
)
REGEX_FLAGS = frozenset("dgimsuvy")


def conflict(old: str, new: str, function_scope: bool) -> bool:
    """Whether declaring a name of kind `new` where one of kind `old` is declared in the same
    scope is an error: lexical declarations (functions too at a module's top level and in
    blocks) take their name alone; parameters may not repeat in strict code."""
    if "default" in (old, new) or "name" in (old, new):
        return False

    def lexical(kind: str) -> bool:
        return kind in LEXICAL or (kind == "function" and not function_scope)

    if lexical(old) or lexical(new):
        return True
    return old == new == "param"


def number_problem(raw: bytes) -> str | None:
    """A legacy octal literal (`010`) or a decimal with a leading zero (`08`)."""
    if len(raw) > 1 and raw[:1] == b"0" and raw[1:2].isdigit():
        return "legacy octal literals are not allowed in strict mode (write 0o10)"
    return None


def string_problem(raw: bytes) -> int:
    """The offset in `raw` of an octal escape (`\\01`, `\\7`) or `\\8`, `\\9`, or -1."""
    i = 1
    while i < len(raw) - 1:
        if raw[i] == 0x5C:
            nxt = raw[i + 1 : i + 2]
            if nxt.isdigit() and (nxt != b"0" or raw[i + 2 : i + 3].isdigit()):
                return i
            i += 2
        else:
            i += 1
    return -1


def regex_flags_problem(flags: bytes) -> str | None:
    text = flags.decode("utf-8", "replace")
    if any(c not in REGEX_FLAGS for c in text):
        return f"invalid regular expression flags '{text}'"
    if len(set(text)) != len(text):
        return f"duplicate regular expression flag in '{text}'"
    if "u" in text and "v" in text:
        return "regular expression flags 'u' and 'v' cannot be used together"
    return None


def simple_parameters(params) -> bool:
    """Whether every parameter is a plain name (no default, pattern or rest)."""
    return all(p.type in ("identifier", "comment") for p in params.named_children)


def has_use_strict(body) -> bool:
    """Whether a function body's directive prologue has "use strict"."""
    for child in body.named_children:
        if child.type == "comment":
            continue
        if child.type != "expression_statement" or child.named_child_count != 1:
            return False
        value = child.named_children[0]
        if value.type != "string":
            return False
        if value.text[1:-1] == b"use strict":
            return True
    return False


def class_member_problems(body, name_of) -> list[tuple[object, str]]:
    """Class elements the language refuses (`name_of(node)` is a key's name, escapes
    decoded, or None when computed): a constructor that is a getter, setter, generator or
    async; two constructors; a static `prototype`; a field named `constructor`; a private
    `#constructor`."""
    problems = []
    constructors = 0
    for member in body.named_children:
        if member.type not in ("method_definition", "field_definition"):
            continue
        key = member.child_by_field_name("name") or member.child_by_field_name("property")
        if key is None:
            continue
        words = {c.type for c in member.children if not c.is_named}
        static = "static" in words
        if key.type == "private_property_identifier":
            if name_of(key) == "#constructor":
                problems.append((key, "'#constructor' is not a valid private name"))
            continue
        if key.type not in ("property_identifier", "string", "identifier"):
            continue
        name = name_of(key)
        if member.type == "field_definition":
            if name == "constructor" or (static and name == "prototype"):
                problems.append((key, f"a class field may not be named '{name}'"))
        elif static and name == "prototype":
            problems.append((key, "a static method may not be named 'prototype'"))
        elif not static and name == "constructor":
            special = words & {"get", "set", "*", "async"}
            if special:
                problems.append(
                    (key, "a class constructor may not be a getter, setter, generator or async")
                )
            constructors += 1
            if constructors == 2:
                problems.append((key, "a class may have only one constructor"))
    return problems


def super_call_allowed(node) -> bool:
    """Whether `super()` at `node` is in the constructor of a class that extends another
    (arrow functions see their surroundings' `super`)."""
    parent = node.parent
    while parent is not None:
        t = parent.type
        if t == "method_definition":
            name = parent.child_by_field_name("name")
            if name is None or name.text.strip(b"'\"") != b"constructor":
                return False
            if any(c.type == "static" for c in parent.children):
                return False
            body = parent.parent
            cls = body.parent if body is not None else None
            return cls is not None and any(c.type == "class_heritage" for c in cls.children)
        if t in _OWN_THIS or t in ("field_definition", "class_static_block", "program"):
            return False
        parent = parent.parent
    return False


# where `yield x` may not stand without parentheses: an operand of a tighter operator (any
# operand, or the field named)
_YIELD_OPERAND_OF = {
    "unary_expression": None,
    "binary_expression": None,
    "update_expression": None,
    "await_expression": None,
    "member_expression": "object",
    "subscript_expression": "object",
    "call_expression": "function",
    "new_expression": "constructor",
    "ternary_expression": "condition",
}


def yield_operand(node) -> bool:
    """Whether `yield` at `node` is an operand that needs parentheses (`void yield`,
    `yield ? a : b`), not `x[yield]` or `f(yield)`."""
    parent = node.parent
    if parent is None or parent.type not in _YIELD_OPERAND_OF:
        return False
    field = _YIELD_OPERAND_OF[parent.type]
    return field is None or parent.child_by_field_name(field) == node


def super_property_allowed(node) -> bool:
    """Whether `super.x` at `node` is in a method, a class field or a static block (arrow
    functions see their surroundings' `super`)."""
    parent = node.parent
    while parent is not None:
        t = parent.type
        if t in ("method_definition", "field_definition", "class_static_block"):
            return True
        if t in _OWN_THIS or t == "program":
            return False
        parent = parent.parent
    return False


# where a `using` or `await using` declaration may stand (not alone in an `if`, a loop, a
# label or a `case`, where it would have no block to be disposed at the end of)
USING_IN = frozenset({"program", "statement_block", "class_static_block"})
_JOINERS = frozenset("\u200c\u200d")


def identifier_name_ok(name: str) -> bool:
    """Whether `name` (escapes decoded) is an IdentifierName: an ID_Start, `$` or `_`, then
    ID_Continue, `$`, ZWNJ or ZWJ (an escape may not spell `#`, a space, ZWJ first, ...)."""
    if not name:
        return False
    first, rest = name[0], name[1:]
    if not (first in "$_" or first.isidentifier() or first in _OTHER_ID_START or _new(first)):
        return False
    return all(
        c in "$_"
        or c in _JOINERS
        or ("a" + c).isidentifier()
        or c in _OTHER_ID_START
        or c in _OTHER_ID_CONTINUE
        or _new(c)
        for c in rest
    )


# Unicode's Other_ID_Start and Other_ID_Continue, which Python's identifiers leave out
_OTHER_ID_START = frozenset("\u1885\u1886\u2118\u212e\u309b\u309c")
_OTHER_ID_CONTINUE = frozenset(
    "\u00b7\u0387\u1369\u136a\u136b\u136c\u136d\u136e\u136f\u1370\u1371\u19da\u30fb\uff65"
)


def _new(c: str) -> bool:
    """A character newer than this Python's Unicode database: given the benefit of the doubt
    (the browser, with a newer one, decides)."""
    return unicodedata.category(c) == "Cn"


FUNCTIONS = frozenset(
    {
        "function_declaration",
        "function_expression",
        "generator_function",
        "generator_function_declaration",
        "method_definition",
        "arrow_function",
    }
)


def handles_failure(call) -> bool:
    """Whether the code handles an `import()` failing, as esbuild reads it: the call is in a
    `try` block of the same function, or `import(...).catch(f)` / `import(...).then(f, g)`."""
    member = call.parent
    if member is not None and member.type == "member_expression":
        prop = member.child_by_field_name("property")
        outer = member.parent
        if prop is not None and outer is not None and outer.type == "call_expression":
            args = outer.child_by_field_name("arguments")
            given = [a for a in args.named_children if a.type != "comment"] if args else []
            name = prop.text.decode()
            if (name == "catch" and given) or (name == "then" and len(given) >= 2):
                return True
    child, parent = call, call.parent
    while parent is not None and parent.type not in FUNCTIONS:
        if parent.type == "try_statement" and child == parent.child_by_field_name("body"):
            return True
        child, parent = parent, parent.parent
    return False


# functions that are not methods nor arrows: their own `this`, `super`-less
_OWN_THIS = FUNCTIONS - {"method_definition", "arrow_function"}


def yield_problem(node) -> str | None:
    """Why `yield` at `node` is not allowed: outside a generator's body (in an arrow, a
    static block, a plain function, or the generator's own parameters)."""
    child, parent = node, node.parent
    while parent is not None:
        t = parent.type
        if t == "class_static_block":
            return "'yield' is not allowed in a class static block"
        if t == "method_definition" and child == parent.child_by_field_name("name"):
            pass  # a computed key (`[yield]() {}`) is evaluated where the class or object is
        elif t in FUNCTIONS:
            generator = t.startswith("generator") or any(c.type == "*" for c in parent.children)
            if not generator or t == "arrow_function":
                return "'yield' is only allowed in a generator"
            if child.type == "formal_parameters":
                return "'yield' is not allowed in a generator's parameters"
            return None
        child, parent = parent, parent.parent
    return "'yield' is only allowed in a generator"


def in_static_block(node) -> bool:
    """Whether `node` is in a class static block, no function between."""
    parent = node.parent
    while parent is not None:
        if parent.type == "class_static_block":
            return True
        if parent.type in FUNCTIONS:
            return False
        parent = parent.parent
    return False


def string_line_break(raw: bytes) -> int:
    """The offset in a string literal `raw` of a line break not escaped by `\\` (only a
    template may span lines), or -1."""
    i = 1
    while i < len(raw) - 1:
        c = raw[i]
        if c == 0x5C:
            i += 3 if raw[i + 1 : i + 3] == b"\r\n" else 2
        elif c in (0x0A, 0x0D):
            return i
        else:
            i += 1
    return -1


# what may never be assigned to, nor incremented (after parentheses)
NOT_TARGETS = frozenset(
    {
        "assignment_expression",  # `(a = b) = 1`
        "augmented_assignment_expression",
        "call_expression",
        "meta_property",
        "new_expression",
        "yield_expression",
        "await_expression",
        "this",
        "super",
        "number",
        "string",
        "template_string",
        "true",
        "false",
        "null",
        "regex",
        "binary_expression",
        "unary_expression",
        "update_expression",
        "ternary_expression",
        "arrow_function",
        "function_expression",
        "class",
    }
)


def target(node):
    """`node` without the parentheses around it."""
    while node is not None and node.type == "parenthesized_expression":
        inner = [c for c in node.named_children if c.type != "comment"]
        if len(inner) != 1:
            return node
        node = inner[0]
    return node


def line_break(data: bytes, start: int, end: int) -> bool:
    """Whether the source between two tokens has a line terminator (in a comment too)."""
    gap = data[start:end]
    return b"\n" in gap or b"\r" in gap or b"\xe2\x80\xa8" in gap or b"\xe2\x80\xa9" in gap


# the operators of a ShiftExpression: what the right of `#x in` may be, unparenthesized
_SHIFT_OPERANDS = frozenset({"<<", ">>", ">>>", "+", "-", "*", "/", "%", "**"})
_NOT_SHIFT = frozenset(
    {
        "assignment_expression",
        "augmented_assignment_expression",
        "arrow_function",
        "ternary_expression",
        "yield_expression",
        "sequence_expression",
    }
)


def private_in_problem(node) -> str | None:
    """`#x in obj` is a RelationalExpression whose right side is a ShiftExpression."""
    op = node.child_by_field_name("operator")
    if op is None or op.type != "in":
        return "a private name may only stand alone before 'in'"
    right = node.child_by_field_name("right")
    if right is None:
        return None
    if right.type in _NOT_SHIFT or (
        right.type == "binary_expression"
        and right.child_by_field_name("operator").type not in _SHIFT_OPERANDS
    ):
        return "the right side of '#name in' must be in parentheses"
    return None


# where an `in` is inside brackets of its own (allowed in a for loop's first part)
_ENCLOSED = frozenset(
    {
        "parenthesized_expression",
        "array",
        "object",
        "arguments",
        "template_string",
        "subscript_expression",
        "statement_block",
        "class_body",
        "formal_parameters",
        "computed_property_name",
    }
)


def bare_in(node):
    """An `in` operator of a `for (...;;)` loop's first part outside any brackets (which
    would make it a for-in loop), or None."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type in _ENCLOSED:
            continue
        if n.type == "binary_expression":
            op = n.child_by_field_name("operator")
            if op is not None and op.type == "in":
                return op
        consequence = (
            n.child_by_field_name("consequence") if n.type == "ternary_expression" else None
        )
        stack.extend(c for c in n.named_children if c != consequence)  # (`a ? b in c : d` is fine)
    return None


def for_in_problem(node, data: bytes):
    """A for-in/of head that is not allowed: an initialiser (`for (var x = 1 of y)`), an
    `in` with `using`, a bare `async` before `of`."""
    children = node.children
    types = [c.type for c in children]
    if "=" in types:
        at = children[types.index("=")]
        return at, "a for-in or for-of loop's variable may not have an initialiser"
    operator = node.child_by_field_name("operator")
    if operator is not None and operator.type == "in" and "using" in types:
        return operator, "'using' declarations cannot be used in a for-in loop"
    left = node.child_by_field_name("left")
    if (
        operator is not None
        and operator.type == "of"
        and left is not None
        and left.type == "identifier"
        and data[left.start_byte : left.end_byte] == b"async"
        and "await" not in types
        and node.child_by_field_name("kind") is None
    ):
        return left, "the left side of a for-of loop may not be 'async'"
    return None


def await_problem(node) -> str | None:
    """Why `await` at `node` (in a function: not at the top level) is not allowed."""
    child, parent = node, node.parent
    while parent is not None:
        t = parent.type
        if t == "method_definition" and child == parent.child_by_field_name("name"):
            pass  # a computed key is evaluated where the class or object is
        elif t == "field_definition" and child == parent.child_by_field_name("value"):
            return "'await' is not allowed in a class field"
        elif t in FUNCTIONS:
            if not any(c.type == "async" for c in parent.children):
                return "'await' is only allowed in an async function or a module's top level"
            if child.type == "formal_parameters" or (
                t == "arrow_function" and child == parent.child_by_field_name("parameter")
            ):
                return "'await' is not allowed in an async function's parameters"
            return None
        child, parent = parent, parent.parent
    return None
