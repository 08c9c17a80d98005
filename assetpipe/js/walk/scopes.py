"""Scopes and symbols: every binding declared in its scope, every reference resolved after the walk.

The module scope is scope 0 (for CommonJS, its function is scope 1); `push` opens a function,
block, catch, class or named-function-expression scope. `var` and parameters go to the nearest
function scope (`function_scope`), everything else to the current one. A binding becomes a
`Symbol` and an `Ident` op at once; a reference keeps its place in the ops (None) until
`resolve` looks its name up the scope chain, once every declaration (hoisted ones too) is
known, and makes it an `Ident`. The early errors of names (`early.py`: redeclarations,
reserved words, escapes) are reported here as well, through `early`.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import early
from ..constants import UNKNOWN, source
from ..model import CALL, PROTO, SHORTHAND, WRITE, Problem, Symbol
from ..ops import Gap, Ident, Member, make
from ..parse import _RESERVED as _RESERVED_WORDS
from .joins import braces_optional
from .nodes import assigned, unescape_name

_KEYWORDS = _RESERVED_WORDS | early.STRICT_RESERVED | {"await", "yield", "default"}

_RESERVED_ONLY = _KEYWORDS - early.STRICT_RESERVED - {"await", "yield"}


class References(NamedTuple):
    """What resolving a module's references found (`Scopes.resolve`)."""

    counts: list[int]  # per symbol: the references to it
    uses: dict[int, set[int]]  # per top-level statement: the top-level symbols it uses
    members: dict[int, set[tuple[int, str]]]  # per statement: its `ns.prop`s, (ns, prop)
    free: set[str]  # names that refer to no declaration: globals
    written: set[int]  # symbols assigned to
    resolved: dict[int, int]  # a reference's op -> its symbol, or -1 (a global)


class Const(NamedTuple):
    """A `const` declaration (or `for (const x of y)`), printed `let` when minified if
    nothing assigns to what it declares (`Scopes.lets`)."""

    start: int  # the keyword
    end: int
    symbols: set[int]
    chain: int  # declarations merged into one (`Joins.merge_declaration`) share a chain


class Scopes:
    """Scopes, symbols, declarations and references of `_Walker` (`analyze.py`)."""

    def init_scopes(self) -> None:
        self.symbols: list[Symbol] = []
        self.scope_parent: list[int] = [-1]  # per scope; the module scope first
        self.scope_function: list[bool] = [True]  # holds `var`s
        self.scope_unsafe: list[bool] = [False]  # a direct eval sees its names
        self.scope_names: list[dict[str, int]] = [{}]  # name -> symbol
        self.scope = 0  # the scope being walked
        self.function_scope = 0  # the scope `var` declares in
        self.depth = 0  # functions entered: 0 means top-level code
        self.top_level_names: set[str] = set()  # names top-level statements declare
        self.var_through: dict[int, set[str]] = {}  # scope -> `var` names hoisted through it
        self.body_scopes: set[int] = set()  # bodies of functions with non-simple parameters
        # references: (op index, name, scope, statement, start, end, flags); the op is None
        # until `resolve` makes it an `Ident`
        self.refs: list[tuple[int, str, int, int, int, int, int]] = []
        self.member_of: dict[int, int] = {}  # an identifier's op -> the `Member` op of `ns.x`
        self.callee = -1  # where the identifier a call calls starts (see `reference`)
        self.stmt = -1  # the top-level statement being walked
        self.stmt_declares: list[int] = []  # the top-level symbols it declares
        self.consts: list[Const] = []  # `const` declarations, for `lets`
        self.problems: list[Problem] = []
        self.reported: set[Problem] = set()

    def push(self, function: bool) -> int:
        self.scope_parent.append(self.scope)
        self.scope_function.append(function)
        self.scope_unsafe.append(False)
        self.scope_names.append({})
        outer = self.scope
        self.scope = len(self.scope_parent) - 1
        return outer

    def bound(self, name: str) -> bool:
        """Whether `name` is declared here so far, or at the top level anywhere."""
        s = self.scope
        while s >= 0:
            if name in self.scope_names[s]:
                return True
            s = self.scope_parent[s]
        return name in self.top_level_names

    def early(self, node, message: str) -> None:
        """An early error (`early.py`) at `node`: the build fails, as the browser would."""
        problem = Problem(node.start_byte, node.end_byte, f"syntax error: {message}")
        if problem not in self.reported:  # once, however often the node is read (`text`)
            self.reported.add(problem)
            self.problems.append(problem)

    def declare(self, name: str, kind: str, scope: int, node=None) -> int:
        names = self.scope_names[scope]
        sid = names.get(name)
        if node is not None:
            function_scope = self.scope_function[scope] and scope != 0
            if sid is not None and early.conflict(self.symbols[sid].kind, kind, function_scope):
                self.early(node, f"'{name}' has already been declared")
            elif (kind in early.LEXICAL or (kind == "function" and not function_scope)) and (
                name in self.var_through.get(scope, ())
            ):
                self.early(node, f"'{name}' has already been declared (by a var)")
            elif kind in early.LEXICAL and scope in self.body_scopes:
                param = self.scope_names[self.scope_parent[scope]].get(name)
                if param is not None and self.symbols[param].kind in ("param", "catch"):
                    self.early(node, f"'{name}' has already been declared (a parameter)")
        if sid is None:
            sid = names[name] = len(self.symbols)
            self.symbols.append(Symbol(name, scope, kind))
            if scope == 0 and self.stmt >= 0:
                self.stmt_declares.append(sid)
        elif scope == 0 and self.stmt >= 0 and sid not in self.stmt_declares:
            self.stmt_declares.append(sid)  # `var x = 0` again: live whenever x is
        return sid

    def text(self, node) -> str:
        """A node's text; a name's as the language reads it (`\\u0061` is `a`)."""
        raw = self.data[node.start_byte : node.end_byte].decode("utf-8", "replace")
        if ("\\" in raw or not raw.isascii()) and "identifier" in node.type:
            try:
                name = unescape_name(raw)
            except ValueError:
                return raw
            bare = name[1:] if node.type == "private_property_identifier" else name
            if not early.identifier_name_ok(bare):
                self.early(node, f"escapes do not spell a name here: '{raw}'")
            return name
        return raw

    def identifier(self, node, mode: str | None) -> None:
        name = self.text(node)
        self.check_name(node, name, mode)
        if mode is None and name in self.defines.values and not assigned(node):
            value = self.defined_value(node)  # `__APP_VERSION__`
            if value is not UNKNOWN:
                self.print_value(node, value)
                return
        if mode is None or mode == "assign":
            self.reference(node, name, WRITE if mode == "assign" else 0)
        else:
            self.binding(node, name, mode, 0)
        self.leaf(node)

    def check_name(self, node, name: str, mode: str | None) -> None:
        """Early errors of a name used or declared (`early.py`)."""
        if name in _KEYWORDS and self.data[node.start_byte : node.end_byte] != name.encode():
            self.early(node, f"'{name}' is a keyword, which may not be written with escapes")
        elif name in _RESERVED_ONLY and not node.parent.has_error:  # (not what tree-sitter
            self.early(node, f"'{name}' is a reserved word, not a name")  # made of an error)
        elif name in early.STRICT_RESERVED or (
            name in ("await", "yield")
            and not (
                node.parent.type in ("call_expression", "subscript_expression")
                and node.parent.children[0] == node
            )
        ):  # (tree-sitter reads `await (x)` as a call of `await`, `await [x]` as an element)
            self.early(node, f"'{name}' is a reserved word in strict mode (a module)")
        elif mode == "assign" and name in ("eval", "arguments"):
            self.early(node, f"cannot assign to '{name}' in strict mode")
        elif name == "arguments" and self.in_field and mode is None:
            self.early(node, "'arguments' is not allowed in a class field or static block")

    def reference(self, node, name: str, flags: int) -> None:
        if node.start_byte == self.callee:
            flags |= CALL
        self.refs.append(
            (len(self.ops), name, self.scope, self.stmt, node.start_byte, node.end_byte, flags)
        )
        self.ops.append(None)

    def binding(self, node, name: str, kind: str, flags: int) -> int:
        scope = self.function_scope if kind in ("var", "param") else self.scope
        if name in ("eval", "arguments"):
            self.early(node, f"'{name}' cannot be a name in strict mode")
        if kind == "var":  # a var hoists through the blocks between: a let there is a conflict
            s = self.scope
            while s != scope and s > 0:
                other = self.scope_names[s].get(name)
                if other is not None and self.symbols[other].kind not in ("catch", "name"):
                    self.early(node, f"'{name}' has already been declared")
                self.var_through.setdefault(s, set()).add(name)
                s = self.scope_parent[s]
        if kind == "var" and scope in self.body_scopes:
            param = self.scope_names[self.scope_parent[scope]].get(name)
            if param is not None and self.symbols[param].kind == "param":
                scope = self.scope_parent[scope]  # `var a` of a parameter `a`: starts as it
        sid = self.declare(name, kind, scope, node)
        self.ops.append(make(Ident, (node.start_byte, node.end_byte, sid, flags)))
        return sid

    def shorthand_property(self, node, mode: str | None) -> None:
        name = self.text(node)
        self.check_name(node, name, None)
        if name in self.defines.values and name != "__proto__":
            value = self.defined_value(node)  # `{ DEBUG }` is `{ DEBUG: true }`
            if value is not UNKNOWN:
                self.replace(node, name.encode() + b":" + source(value))
                return
        self.reference(node, name, SHORTHAND | (PROTO if name == "__proto__" else 0))
        self.leaf(node)

    def shorthand_pattern(self, node, mode: str | None) -> None:
        name = self.text(node)
        self.check_name(node, name, mode or "assign")
        if mode is None or mode == "assign":
            self.reference(node, name, SHORTHAND | WRITE)
        else:
            self.binding(node, name, mode, SHORTHAND)
        self.leaf(node)

    def pattern(self, node, mode: str | None) -> None:
        for child in node.children:
            self.visit(child, mode)

    def assignment_pattern(self, node, mode: str | None) -> None:
        for i, child in enumerate(node.children):
            self.visit(child, mode if node.field_name_for_child(i) == "left" else None)

    def pair_pattern(self, node, mode: str | None) -> None:
        key = node.child_by_field_name("key")
        if key is not None and key.type == "private_property_identifier":
            self.early(key, "a private name cannot be a destructuring key")
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "value":
                self.visit(child, mode)
            elif field == "key" and child.type == "computed_property_name":
                self.visit(child)
            elif child.child_count == 0:
                self.leaf(child)
            else:
                self.visit(child)

    def variable_declaration(self, node, mode: str | None) -> None:
        if node.type == "using_declaration":
            self.check_using(node)
        kind = "var"
        merged = self.merge_declaration(node)
        first = len(self.symbols)
        for child in node.children:
            t = child.type
            if t in ("let", "const", "var", "using", "await"):
                kind = "const" if t == "using" else (t if t != "await" else kind)
                self.leaf(child)
            elif t == "variable_declarator":
                for i, part in enumerate(child.children):
                    self.visit(part, kind if child.field_name_for_child(i) == "name" else None)
            else:
                self.visit(child)
        self.semicolon(node)
        keyword = node.children[0]
        if keyword.type == "const":
            for child in node.named_children:
                if (
                    child.type == "variable_declarator"
                    and child.child_by_field_name("value") is None
                ):
                    self.early(child, "a const declaration needs an initialiser")
        if keyword.type == "const":  # `let` when minified, if nothing assigns to it
            chain = self.consts[-1].chain if merged and self.consts else len(self.consts)
            sids = {
                sid
                for sid in range(first, len(self.symbols))
                if self.symbols[sid].kind == "const" and self.symbols[sid].scope == self.scope
            }
            self.consts.append(Const(keyword.start_byte, keyword.end_byte, sids, chain))

    def check_using(self, node) -> None:
        """`using x = v` and `await using x = v`: in a block or at the top level only, names
        only, each with a value."""
        if node.parent is not None and node.parent.type not in early.USING_IN:
            self.early(node, "a 'using' declaration must be directly in a block")
        for declarator in node.named_children:
            if declarator.type != "variable_declarator":
                continue
            name = declarator.child_by_field_name("name")
            if name is not None and name.type != "identifier":
                self.early(name, "a 'using' declaration declares names, not patterns")
            elif declarator.child_by_field_name("value") is None:
                self.early(declarator, "a 'using' declaration needs a value")

    def block(self, node, mode: str | None) -> None:
        outer = self.push(False)
        if node.type == "statement_block" and braces_optional(node, self.decided):
            self.unbraced(node)
        else:
            self.visit_children(node)
        self.scope = outer

    def for_in(self, node, mode: str | None) -> None:
        problem = early.for_in_problem(node, self.data)
        if problem:
            self.early(problem[0], problem[1])
        outer = self.push(False)
        kind = None
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "kind":  # from the source: `parse` may have patched `let` to `var`
                kind, keyword = self.data[child.start_byte : child.end_byte].decode(), child
                self.leaf(child)
            elif field == "left":
                first = len(self.symbols)
                self.visit(child, kind or "assign")
                if kind == "const":  # `for(let x of y)` when minified, as for declarations
                    sids = set(range(first, len(self.symbols)))
                    self.consts.append(
                        Const(keyword.start_byte, keyword.end_byte, sids, len(self.consts))
                    )
            elif child.type == "await" and self.depth == 0:
                self.top_level_await = True
                self.leaf(child)
            elif child.type == "await" and (problem := early.await_problem(child)):
                self.early(child, problem)
                self.leaf(child)
            else:
                self.visit(child)
        self.scope = outer

    def catch_clause(self, node, mode: str | None) -> None:
        outer = self.push(False)
        for i, child in enumerate(node.children):
            field = node.field_name_for_child(i)
            if field == "parameter":
                self.visit(child, "catch")
            elif field == "body":
                parameter = node.child_by_field_name("parameter")
                if parameter is not None and parameter.type != "identifier":
                    self.push(False)  # closures in the pattern cannot see the body's names
                    self.body_scopes.add(self.scope)
                self.visit_children(child)
            else:
                self.visit(child)
        self.scope = outer

    def assignment(self, node, mode: str | None) -> None:
        left = early.target(node.child_by_field_name("left"))
        if left is not None and left.type in early.NOT_TARGETS:
            self.early(left, "invalid assignment target")
        for i, child in enumerate(node.children):
            target = node.field_name_for_child(i) == "left" and child.type not in (
                "member_expression",
                "subscript_expression",
            )
            self.visit(child, "assign" if target else None)

    def update(self, node, mode: str | None) -> None:
        argument = early.target(node.child_by_field_name("argument"))
        if argument is not None and argument.type in early.NOT_TARGETS:
            self.early(argument, "invalid target for '++' or '--'")
        for child in node.children:
            self.visit(child, "assign" if child.type == "identifier" else None)

    def lets(self, written: set[int]) -> list[Gap]:
        """`const` minifies to `let` where nothing assigns to what it declares (an assignment
        must still throw); declarations merged into one (`merge_declaration`) go together."""
        if self.scope_unsafe[0]:
            return []
        blocked = {c.chain for c in self.consts if c.symbols & written}
        return [Gap(c.start, c.end, b"let") for c in self.consts if c.chain not in blocked]

    def resolve(self) -> References:
        """After the walk: each reference's symbol, up the scope chain from where it was
        read. Its place in the ops becomes an `Ident`, or stays None (a global: printed as
        written); an `ns.x`
        keeps its `Member` op only where `ns` is the module's namespace import."""
        ops = self.ops
        names = self.scope_names
        parents = self.scope_parent
        symbols = self.symbols
        member_of = self.member_of
        counts = [0] * len(symbols)
        uses: dict[int, set[int]] = {}
        members: dict[int, set[tuple[int, str]]] = {}
        free: set[str] = set()
        written: set[int] = set()
        resolved: dict[int, int] = {}
        for op_index, name, scope, stmt, start, end, flags in self.refs:
            s = scope
            sid = -1
            while s >= 0:
                sid = names[s].get(name, -1)
                if sid >= 0:
                    break
                s = parents[s]
            member = member_of.get(op_index)
            resolved[op_index] = sid
            if sid < 0:
                free.add(name)
                ops[op_index] = None
                if member is not None:
                    ops[member] = None
                continue
            ops[op_index] = make(Ident, (start, end, sid, flags))
            counts[sid] += 1
            if flags & WRITE:
                written.add(sid)
            if member is not None:
                if symbols[sid].kind == "import" and s == 0:
                    m = ops[member]
                    ops[member] = Member(m.start, m.end, sid, m.prop)
                    if stmt >= 0:
                        members.setdefault(stmt, set()).add((sid, m.prop))
                    continue
                ops[member] = None
            if s == 0 and stmt >= 0:
                uses.setdefault(stmt, set()).add(sid)
        return References(counts, uses, members, free, written, resolved)
