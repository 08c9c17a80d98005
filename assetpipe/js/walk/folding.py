"""Defines, and the code that conditions known at build time make dead.

A global expression the build defines (`process.env.NODE_ENV`, `__APP_VERSION__`: the table of
`constants.py`) is printed as its value, when its first name is the global here (`is_global`:
the module declares no such name; one it declares later, hoisted, is found after the walk by
`shadowed_defines`, and the module walked again without it). Conditions made of literals and
defines are evaluated with JavaScript's semantics (`constants.evaluate`): `if`, `?:`, `&&`,
`||`, `??` and the expression statements they decide keep only the branch that runs, with
`Cut` ops (`tokens.replace`, `tokens.keep_only`), before tree shaking: what only a dead branch
imports is never recorded. A dead branch that declares `var`s leaves `var a,b;` behind.
"""

from __future__ import annotations

from .. import early, shorten
from ..constants import UNDEFINED, UNKNOWN, Defines, evaluate, short_circuits, source, truthy
from ..ops import Cut, Gap, Member
from .joins import if_run_of, return_chain_of
from .nodes import (
    DECLARATIONS,
    FUNCTION_DECLARATIONS,
    FUNCTIONS,
    STATEMENT_LISTS,
    assigned,
    string_value,
    unary_fits,
)


class Folding:
    """Defines and dead branches of `_Walker` (`analyze.py`)."""

    def init_folding(self, defines: Defines) -> None:
        self.defines = defines  # global expressions with a value (`constants.py`)
        self.applied: set[tuple[int, str]] = set()  # (scope, first name) of defines applied
        self.define_hits = 0  # defines applied so far (in values printed, or conditions)

    def defined(self, node) -> bool:
        """Whether `node` (a member or subscript read) is a define, printed as its value."""
        found = self.defines.match(node, self.data) if self.defines.tails else None
        if found is not None and not assigned(node):
            value = self.global_value(found)
            if value is not UNKNOWN:
                self.print_value(node, value)
                return True
        return False

    def member(self, node, mode: str | None) -> None:
        if self.defined(node):
            return
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        if obj is not None and obj.type == "super" and not early.super_property_allowed(node):
            self.early(obj, "'super' is only allowed in methods, class fields and static blocks")
        elif obj is not None and obj.type == "super" and prop.type == "private_property_identifier":
            self.early(prop, "a private name cannot be read through 'super'")
        if prop is not None and prop.type == "property_identifier":
            self.text(prop)  # (checks the escapes of `a.\u0062`)
        if (
            self.namespace_names
            and obj.type == "identifier"
            and prop is not None
            and prop.type == "property_identifier"
            and self.text(obj) in self.namespace_names
            and not assigned(node)
        ):
            # the identifier's own op comes next (see `reference`); `ns.x = 1` and
            # `delete ns.x` keep the namespace object, whose refusal (a TypeError) they need
            self.member_of[len(self.ops) + 1] = len(self.ops)
            self.ops.append(Member(obj.start_byte, node.end_byte, -1, self.text(prop)))
        self.visit_children(node)

    def subscript(self, node, mode: str | None) -> None:
        """`process.env["NODE_ENV"]` is `process.env.NODE_ENV`."""
        if self.defined(node):
            return
        for child in node.children:
            self.visit(child)

    def defined_value(self, node) -> object:
        """The value a define gives the name, `a.b.c` or `a["b"]` at `node` (its first name
        the global one), or UNKNOWN."""
        found = self.defines.match(node, self.data)
        return UNKNOWN if found is None else self.global_value(found)

    def global_value(self, found: tuple[object, str]) -> object:
        """The value `Defines.match` found, if the path's first name here is the global."""
        value, first = found
        if first and not self.is_global(first):
            return UNKNOWN
        self.define_hits += 1
        return value

    def is_global(self, name: str) -> bool:
        """Whether `name` here is the global: the module declares no such name in scope so
        far (one declared later, hoisted, is found by `shadowed_defines`)."""
        if name in self.defines.shadowed:
            return False
        s = self.scope
        while s >= 0:
            if name in self.scope_names[s]:
                return False
            s = self.scope_parent[s]
        self.applied.add((self.scope, name))
        return True

    def shadowed_defines(self) -> set[str]:
        """After the walk: the names taken for globals (defines applied, `undefined` read)
        where the module, as it turned out, declares them (`var` and functions hoist)."""
        found = set()
        for scope, name in self.applied:
            s = scope
            while s >= 0:
                if name in self.scope_names[s]:
                    found.add(name)
                    break
                s = self.scope_parent[s]
        return found

    def constant(self, node) -> object:
        """The value of an expression known at build time (`constants.evaluate`), or UNKNOWN."""
        return evaluate(node, self.leaf_value)

    def leaf_value(self, node) -> object:
        t = node.type
        if t == "string":
            return string_value(self.data, node)
        if t == "undefined":
            return UNDEFINED if self.is_global("undefined") else UNKNOWN
        if t == "identifier":
            name = self.data[node.start_byte : node.end_byte]
            return self.defined_value(node) if name in self.defines.names else UNKNOWN
        if t in ("member_expression", "subscript_expression") and self.defines.tails:
            return self.defined_value(node)
        return UNKNOWN

    def decided(self, node) -> bool:
        """Whether a condition is known at build time (then `if_statement`, `dead_statement`
        leave a branch out: the minifier's joins must leave it alone)."""
        return self.constant(node) is not UNKNOWN

    def print_value(self, node, value: object) -> None:
        """Print a value known at build time in place of `node` (`!0`/`!1` for booleans when
        minified, where a unary expression means the same)."""
        text = source(value)
        fits = unary_fits(node)
        parent = node.parent
        if text[:1] in b"-v" and not fits:
            text = b"(" + text + b")"  # `(-1)**2`, `(void 0).x`
        elif text[:1] in b"0123456789" and (
            parent.type in ("member_expression", "subscript_expression", "call_expression")
            and parent.children[0] == node
        ):
            text = b"(" + text + b")"  # `(1).toFixed()`
        minified = shorten.LITERALS.get(text) if fits and isinstance(value, bool) else None
        self.replace(node, text, minified)

    def condition(self, node) -> bool | None:
        """Whether a condition known at build time holds (None: not known)."""
        value = self.constant(node)
        return None if value is UNKNOWN else truthy(value)

    def if_statement(self, node, mode: str | None) -> None:
        if node.start_byte in self.joined_ifs:
            return  # printed with the first of its run (`if_run`)
        run = if_run_of(node, self.decided)
        if run:
            self.if_run(run)
            return
        chain = return_chain_of(node, self.decided)
        if chain:
            self.return_chain(chain)
            return
        value = self.condition(node.child_by_field_name("condition"))
        consequence = node.child_by_field_name("consequence")
        alternative = node.child_by_field_name("alternative")
        otherwise = None
        for child in alternative.named_children if alternative is not None else ():
            if child.type != "comment":
                otherwise = child
        for body in (consequence, otherwise):  # (checked here: a dead branch is not walked)
            if body is not None and _declaration_as_body(body, self.commonjs):
                self.early(body, "a declaration cannot be the body of an 'if' (put it in braces)")
        dropped = otherwise if value else consequence
        kept = consequence if value else otherwise
        if (
            value is not None
            and dropped is not None
            and kept is None
            and node.parent is not None
            and node.parent.type in STATEMENT_LISTS
            and _hoists(dropped, self.commonjs)
        ):
            names = _var_names(dropped, self.commonjs)
            if names:  # `if (!1) { var a = {}, b = 0 }` is `var a,b;`, as esbuild prints it
                self.only_vars(node, names)
                return
        if value is None or (dropped is not None and _hoists(dropped, self.commonjs)):
            self.visit_children(node)
            return
        if kept is not None:
            self.keep_only(node, kept)
        elif node.parent is not None and node.parent.start_byte in self.unbraced_blocks:
            self.replace(node, b";")  # the only statement of a block printed without braces
        elif node.parent is not None and node.parent.type in STATEMENT_LISTS:
            # left out; minified, the gap from the token before to the one after spans it
            self.ops.append(Cut(node.start_byte, node.end_byte, b""))
        else:
            self.visit_children(node)

    def only_vars(self, node, names: list) -> None:
        """Print `var a,b;` for the statement `node` (a branch left out that declares them:
        the names stay declared, their values go)."""
        first = names[0]
        head = self.space_before(node.start_byte, 0x76) + b"var "  # `v`
        self.ops.append(Cut(node.start_byte, first.start_byte, head))
        self.prev_end = self.cut_end = first.start_byte
        self.cut_byte = 0x20
        for i, name in enumerate(names):
            if i:
                self.ops.append(Cut(names[i - 1].end_byte, name.start_byte, b","))
                self.prev_end = self.cut_end = name.start_byte
                self.cut_byte = 0x2C
            self.binding(name, self.text(name), "var", 0)
            self.prev_end = name.end_byte
            self.prev_number = False
        self.ops.append(Cut(names[-1].end_byte, node.end_byte, b";"))
        self.prev_end = self.cut_end = node.end_byte
        self.cut_byte = 0x3B

    def dead_statement(self, node) -> bool:
        """Leave out an expression statement that a define makes a constant, such as
        `process.env.NODE_ENV !== "production" && warn()` (as `if_statement` leaves out an
        `if` with nothing left); True if it did."""
        expr = node.named_children[0] if node.named_child_count else None
        if expr is None or expr.type != "binary_expression":
            return False
        op = expr.child_by_field_name("operator").type
        if op not in ("&&", "||"):
            return False
        value = self.condition(expr.child_by_field_name("left"))
        if value is None or value == (op == "&&"):
            return False
        parent = node.parent
        if parent is not None and parent.start_byte in self.unbraced_blocks:
            self.replace(node, b";")
        elif parent is not None and parent.type in STATEMENT_LISTS:
            self.ops.append(Cut(node.start_byte, node.end_byte, b""))
        else:
            return False
        return True

    def ternary(self, node, mode: str | None) -> None:
        value = self.condition(node.child_by_field_name("condition"))
        if value is None:
            self.visit_children(node)
            return
        kept = node.child_by_field_name("consequence" if value else "alternative")
        head = self.data[kept.start_byte : kept.start_byte + 9]
        if head[:1] == b"{" or head.startswith((b"function", b"class", b"let", b"async")):
            self.keep_only(node, kept, b"(", b")")
        else:
            self.keep_only(node, kept)

    def binary(self, node, mode: str | None) -> None:
        op = node.child_by_field_name("operator")
        left = node.child_by_field_name("left")
        if left is not None and left.type == "private_property_identifier":
            problem = early.private_in_problem(node)
            if problem:
                self.early(left, problem)
        elif op is not None and op.type in ("&&", "||", "??"):
            value = self.constant(left)
            if value is not UNKNOWN and short_circuits(op.type, value):  # `false && x`: false
                self.print_value(node, value)
                return
            if value is not UNKNOWN:  # `true && x`: x
                right = node.child_by_field_name("right")
                self.keep_only(node, right, *((b"(", b")") if _needs_parens(right) else ()))
                return
        elif op is not None and op.type in ("===", "!==", "==", "!="):
            hits = self.define_hits
            value = self.constant(node)
            if value is not UNKNOWN and self.define_hits > hits:  # (`1 === 1` stays)
                self.print_value(node, value)
                return
        if op is not None and op.type in ("===", "!==", "==", "!=") and _typeof_comparison(node):
            # `typeof x === "y"`: both sides are strings, so `==` means the same; and
            # `typeof x > "u"` is `typeof x == "undefined"` (no other result sorts after "u")
            string = node.child_by_field_name("right")
            before = string.type == "string"
            string = string if before else node.child_by_field_name("left")
            if string_value(self.data, string) == "undefined":
                equal = op.type in ("===", "==")
                new = b">" if equal == before else b"<"
                self.ops.append(Gap(string.start_byte, string.end_byte, b'"u"'))
            else:
                new = op.type[:2].encode()
            self.ops.append(Gap(op.start_byte, op.end_byte, new))
        self.visit_children(node)

    def unary(self, node, mode: str | None) -> None:
        op = node.child_by_field_name("operator")
        arg = node.child_by_field_name("argument")
        while arg is not None and arg.type == "parenthesized_expression" and arg.named_children:
            arg = arg.named_children[0]
        deleted = arg if op is not None and op.type == "delete" else None
        if deleted is not None and deleted.type == "identifier":
            self.early(node, "cannot delete a plain name in strict mode")
        elif deleted is not None and deleted.type == "member_expression":
            prop = deleted.child_by_field_name("property")
            if prop is not None and prop.type == "private_property_identifier":
                self.early(node, "cannot delete a private field")
        elif (
            op is not None
            and op.type == "typeof"
            and arg is not None
            and arg.type == "identifier"
            and self.data[arg.start_byte : arg.end_byte] == b"require"
            and not self.bound("require")
        ):
            # "function", as esbuild makes it (its `__require` stub): UMD code such as
            # moment's locales checks it before `factory(require("../moment"))`, which the
            # bundle provides
            self.replace(node, b'"function"')
            return
        elif op is not None and op.type in ("!", "typeof") and self.defines.values:
            hits = self.define_hits
            value = self.constant(node)
            if value is not UNKNOWN and self.define_hits > hits:  # (`!0` stays)
                self.print_value(node, value)
                return
        self.visit_children(node)


def _hoists(node, sloppy: bool = False) -> bool:
    """Whether code left out would take a `var` declaration with it (visible outside), or, in
    sloppy code (CommonJS), a function declared in a block (Annex B hoists it too)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "variable_declaration" or (sloppy and n.type in FUNCTION_DECLARATIONS):
            return True
        if n.type in FUNCTIONS:
            continue
        stack.extend(n.named_children)
    return False


def _var_names(node, sloppy: bool) -> list:
    """The names the `var`s in `node` declare (outside nested functions), in order; empty
    when one is a pattern, or a function declaration would hoist too (sloppy code)."""
    names: list = []
    stack = [node]
    while stack:
        n = stack.pop()
        if sloppy and n.type in FUNCTION_DECLARATIONS:
            return []
        if n.type in FUNCTIONS:
            continue
        if n.type == "variable_declaration":
            for d in n.named_children:
                if d.type != "variable_declarator":
                    continue
                name = d.child_by_field_name("name")
                if name is None or name.type != "identifier":
                    return []
                names.append(name)
        stack.extend(reversed(n.named_children))
    names.sort(key=lambda n: n.start_byte)
    return names


def _declaration_as_body(node, sloppy: bool) -> bool:
    """`if (x) class A {}`, `let`, `function`: an early error, but for a plain function in
    sloppy code (Annex B)."""
    if node.type not in DECLARATIONS or node.type == "using_declaration":
        return False  # (`using` has its own check)
    return not (sloppy and node.type == "function_declaration" and node.children[0].type != "async")


def _needs_parens(node) -> bool:
    """Whether an operand put where a `&&`/`||` was needs parentheses to keep its meaning."""
    return node.type in (
        "ternary_expression",
        "assignment_expression",
        "arrow_function",
        "yield_expression",
        "sequence_expression",
        "binary_expression",
    )


def _typeof_comparison(node) -> bool:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    kinds = {left.type, right.type} if left is not None and right is not None else set()
    if kinds != {"unary_expression", "string"}:
        return False
    unary = left if left.type == "unary_expression" else right
    operator = unary.child_by_field_name("operator")
    return operator is not None and operator.type == "typeof"
