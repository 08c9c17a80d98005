"""Analyse one ES module in one walk of its tree-sitter tree.

The walk builds the module's scopes (module, function, block, catch, class and named-function
scopes; `var` goes to the nearest function scope, `let`/`const`/`class`/block functions to the
block), declares every binding (patterns, parameters, imports included) and records every
identifier that refers to one, then resolves those references up the scope chain once all
declarations are known (so hoisting is right). Property names, labels and private names are not
bindings. Along the way it records imports, exports, dynamic `import()`, `new URL(...,
import.meta.url)`, what each top-level statement declares and uses, and the edits that minify
the module (whitespace and comments between tokens, and the semicolons that automatic semicolon
insertion supplied, which become necessary once line breaks go).

The walk touches every node once, from Python; everything else works on its plain-data result
(`model.Analysis`), which is cached by content hash.
"""

from __future__ import annotations

import itertools
import re

from . import early, shorten
from .constants import (
    NO_DEFINES,
    UNDEFINED,
    UNKNOWN,
    Defines,
    Pairs,
    evaluate,
    node_env,
    parse_defines,
    short_circuits,
    source,
    truthy,
)
from .model import (
    CALL,
    PROTO,
    SHORTHAND,
    SPEC_HEAD,
    SPEC_TAIL,
    WRITE,
    Analysis,
    Export,
    ImportBinding,
    ImportRecord,
    Problem,
    Scope,
    Statement,
    Symbol,
)
from .names import short_names
from .ops import Cut, Gap, Ident, Member, Op, Semi, Spec
from .parse import _RESERVED as _RESERVED_WORDS
from .parse import benign, parse, syntax_problems
from .purity import statement_is_pure
from .template import make_templates, slot_names

_SEMI_STATEMENTS = frozenset(
    {
        "expression_statement",
        "lexical_declaration",
        "variable_declaration",
        "return_statement",
        "throw_statement",
        "break_statement",
        "continue_statement",
        "debugger_statement",
        "do_statement",
        "import_statement",
        "export_statement",
        "using_declaration",
    }
)
_OPAQUE = frozenset({"string", "regex", "number"})
NODE_ENV_PRODUCTION = node_env(development=False)  # what `analyze` defines unless told


def _ident_byte(b: int) -> bool:
    return (
        b >= 0x80
        or b == 0x24
        or b == 0x5F
        or b == 0x5C
        or 0x30 <= b <= 0x39
        or 0x41 <= b <= 0x5A
        or 0x61 <= b <= 0x7A
    )


# When whitespace between two tokens can go: a bit set per byte for the last byte of the token
# before and the first byte of the token after; a space stays when the two share a bit.
_WORD, _PLUS, _MINUS, _SLASH, _LT = 1, 2, 4, 8, 16
_SPACE_BETWEEN = [
    (_WORD if _ident_byte(b) else 0)
    | (_PLUS if b == 0x2B else 0)
    | (_MINUS if b == 0x2D else 0)
    | (_SLASH if b == 0x2F else 0)
    | (_LT if b == 0x3C else 0)
    for b in range(256)
]
_SPACE_BEFORE = [
    (_WORD if _ident_byte(b) else 0)
    | (_PLUS | _MINUS if b in (0x2B, 0x2D) else 0)  # a + +b, a - --b, a + -b
    | (_SLASH if b in (0x2F, 0x2A) else 0)  # a / /re/
    | (_LT if b == 0x21 else 0)  # <!
    for b in range(256)
]


def analyze(
    data: bytes,
    default_name: str = "default",
    minify: bool = True,
    defines: Pairs = NODE_ENV_PRODUCTION,
    *,
    commonjs: bool = False,
) -> Analysis:
    """The analysis of the module whose UTF-8 source is `data`, with templates for printing it
    minified or readable, global expressions replaced by the values `defines` gives them
    (`constants.py`), and the branches that conditions known at build time make dead left out
    (see `_Walker.condition`).

    `commonjs`: the module may be CommonJS (nothing says it is an ES module). It is, when it
    has no import or export and uses `require`, `module` or `exports` as globals: then its
    code is analysed as the body of the function the bundle wraps it in (`function(exports,
    module){...}`), so its top-level names are local ones, and `Analysis.commonjs` is set."""
    tree, repaired = parse(data)
    root = tree.root_node
    problems = tuple(Problem(*p) for p in repaired)
    if root.has_error and not benign(root):
        problems += tuple(
            Problem(p.offset, p.offset + p.length, p.message)
            for p in syntax_problems(root, data, lambda b: b)
        )
    wrapped = commonjs and _may_be_commonjs(root, data)
    try:
        while True:
            table = parse_defines(defines)
            walker = _Walker(data, default_name, table, commonjs=wrapped)
            walker.program(root)
            while shadowed := walker.shadowed_defines():  # (declared after a use: hoisted)
                table = table.without(shadowed)  # a `process` of its own: not the global
                walker = _Walker(data, default_name, table, commonjs=wrapped)
                walker.program(root)
            analysis = walker.result(minify)
            if not wrapped or analysis.free & _COMMONJS_NAMES:
                break
            wrapped = False  # the words were there, but not as globals: an ES module
    except Exception:  # a tree full of errors can surprise the walk; the syntax error stands
        if not problems:
            raise
        return failed_analysis(problems)
    if problems:  # the build fails, but the imports found are still resolved and reported
        return Analysis(
            **{
                **{f: getattr(analysis, f) for f in analysis.__dataclass_fields__},
                "problems": problems + analysis.problems,
            }
        )
    return analysis


def failed_analysis(problems: tuple[Problem, ...]) -> Analysis:
    return Analysis(
        (), (), (), (), (), (), (), frozenset(), frozenset(), (), -1, False, False, problems
    )


_COMMONJS_NAMES = frozenset({"require", "module", "exports"})


def _may_be_commonjs(root, data: bytes) -> bool:
    """No import or export, and one of CommonJS's names somewhere."""
    if b"require" not in data and b"module" not in data and b"exports" not in data:
        return False
    return not any(c.type in ("import_statement", "export_statement") for c in root.children)


class _Walker:
    def __init__(
        self, data: bytes, default_name: str, defines: Defines = NO_DEFINES, commonjs: bool = False
    ) -> None:
        self.data = data
        self.commonjs = commonjs  # walked as the body of a CommonJS module's function
        self.top = 1 if commonjs else 0  # the scope that holds its top-level names
        self.require_calls: list[tuple[int, int]] = []  # computed `require(x)`: (start, end)
        self.top_level_names: set[str] = set()
        self.callee = -1  # where the identifier a call calls starts (see `reference`)
        self.cjs_exports: list[str] = []
        self.cjs_reexports: list[int] = []
        self.default_name = default_name
        self.symbols: list[Symbol] = []
        self.scope_parent: list[int] = [-1]
        self.scope_function: list[bool] = [True]
        self.scope_unsafe: list[bool] = [False]
        self.scope_names: list[dict[str, int]] = [{}]
        self.scope = 0
        self.function_scope = 0
        self.depth = 0  # functions entered: 0 means top-level code
        self.ops: list[Op | None] = []  # (None: a reference to a global, once resolved)
        self.refs: list[tuple[int, str, int, int]] = []  # (op index, name, scope, statement)
        self.member_of: dict[int, int] = {}  # an identifier's op -> the `Member` op of `ns.x`
        self.prev_end = 0
        self.prev_number = False
        self.stmt = -1
        self.stmt_declares: list[int] = []
        self.imports: list[ImportRecord] = []
        self.bindings: list[ImportBinding] = []
        self.exports: list[Export] = []
        self.stars: list[int] = []
        self.statements: list[Statement] = []
        self.problems: list[Problem] = []
        self.reported: set[Problem] = set()
        self.namespace_names: set[str] = set()
        self.default_symbol = -1
        self.top_level_await = False
        self.module_syntax = False
        self.legal: list[bytes] = []
        self.semi_end = -1  # where the last statement-ending semicolon (written or not) ends
        self.defines = defines  # global expressions with a value (`constants.py`)
        self.applied: set[tuple[int, str]] = set()  # (scope, first name) of defines applied
        self.define_hits = 0  # defines applied so far (in values printed, or conditions)
        self.cut_end = -1  # a cut ending here printed `cut_byte` last (not the source's byte)
        self.undefined_spans: list[tuple[int, int]] = []  # may print `void 0`, unless...
        self.undefined_bound = False  # ... the module binds the name (`function(undefined)`)
        self.privates: list[tuple[int, set[bytes], dict]] = []  # (outer, declared, uses)
        self.private = -1  # the class body being walked
        self.consts: list[tuple[int, int, set[int], int]] = []  # keyword span, symbols, chain
        self.need_semi = -1  # where a `;` goes unless the next token is `}` (see `unbraced`)
        self.regex_end = -1  # where the last regular expression literal ended
        self.unbraced_blocks: set[int] = set()  # where blocks printed without braces start
        self.in_field = False  # in a class field's initialiser or a static block
        self.joined_ifs: set[int] = set()  # `if`s printed with the one before (`if_run`)
        self.var_through: dict[int, set[str]] = {}  # scope -> `var` names hoisted through it
        self.body_scopes: set[int] = set()  # bodies of functions with non-simple parameters
        self.labels: list[tuple[str, bool]] = []  # enclosing labels: (name, of a loop)
        self.loops = 0  # enclosing loops, in this function
        self.breakable = 0  # enclosing loops and switches, in this function
        self.cut_byte = 0

    # -- scopes and symbols ------------------------------------------------------------------

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
                name = _unescape_name(raw)
            except ValueError:
                return raw
            bare = name[1:] if node.type == "private_property_identifier" else name
            if not early.identifier_name_ok(bare):
                self.early(node, f"escapes do not spell a name here: '{raw}'")
            return name
        return raw

    # -- leaves and gaps ---------------------------------------------------------------------

    def leaf(self, node) -> None:
        start = node.start_byte
        if self.need_semi >= 0:
            self.settle_semicolon(node.type)
        if start > self.prev_end:
            self.gap(start)
        elif start == self.cut_end:
            self.glue(start)
        self.prev_end = node.end_byte
        self.prev_number = node.type == "number"

    def gap(self, start: int, next_byte: int = -1) -> None:
        """The whitespace and comments before the token at `start` (whose first byte, when a
        cut replaces the text there, is `next_byte`)."""
        data = self.data
        if self.ops:
            last = self.ops[-1]
            if type(last) is Gap and last.start <= self.prev_end and last.end >= start:
                return  # already replaced (see `merge_declaration`)
        a = self.cut_byte if self.prev_end == self.cut_end else data[self.prev_end - 1]
        b = next_byte if next_byte >= 0 else data[start]
        space = (_SPACE_BETWEEN[a] & _SPACE_BEFORE[b]) or (self.prev_number and b == 0x2E)
        if not space and self.prev_end == self.regex_end and _SPACE_BEFORE[b] & _WORD:
            space = True  # `/a/ in x`: a word after a regex would read as its flags
        if space and self.ops:
            i = len(self.ops) - 1
            while i > 0 and type(self.ops[i]) is Cut and self.ops[i].text == b"":
                i -= 1  # statements a define left out
            last = self.ops[i]
            if type(last) is Semi and last.start == self.prev_end:
                space = False  # `a=1;let` once the semicolon that ASI supplied is written
        self.ops.append(Gap(self.prev_end, start, b" " if space else b""))

    def skip_to(self, node) -> None:
        """Keep the text before `node` as it is (inside template literals)."""
        self.prev_end = node.start_byte

    def comment(self, node, mode: str | None = None) -> None:
        """Comments go, but legal ones (`/*!`, `//!`, `@license`, `@preserve`) are collected:
        the bundle puts them at the end of the chunk, as esbuild does."""
        text = self.data[node.start_byte : node.end_byte]
        if text[2:3] == b"!" or b"@license" in text or b"@preserve" in text:
            self.legal.append(text)

    # -- the walk ----------------------------------------------------------------------------

    def program(self, root) -> None:
        for child in root.children:
            if child.type == "import_statement":
                clause = next((c for c in child.children if c.type == "import_clause"), None)
                for part in clause.children if clause else ():
                    if part.type == "namespace_import":
                        self.namespace_names.add(self.text(part.named_children[-1]))
        top_level_names = {self.text(n) for n in _top_level_names(root)}
        self.top_level_names = top_level_names
        if self.commonjs:  # the module's function: `return` is allowed, its names are local
            self.push(True)
            self.function_scope = self.scope
            self.depth = 1
        for child in root.children:
            if child.type == "hash_bang_line":
                continue
            if child.type == "comment":
                self.comment(child)
                continue
            self.stmt = len(self.statements)
            self.stmt_declares = []
            kind, print_start, name_at = self.statement(child)
            effects = kind in ("code", "default-expr", "default-anon") and not statement_is_pure(
                child, self.data, top_level_names
            )
            self.statements.append(
                Statement(
                    child.start_byte,
                    child.end_byte,
                    print_start,
                    kind,
                    name_at,
                    tuple(self.stmt_declares),
                    (),
                    effects,
                )
            )
        if self.need_semi >= 0:  # the last statement's, for what the chunk prints next
            self.settle_semicolon("")
        self.stmt = -1
        if self.commonjs:
            requires = {r.call_start: i for i, r in enumerate(self.imports) if r.kind == "require"}
            for child in root.children:
                self.exports_of_commonjs(child, requires)

    def exports_of_commonjs(self, node, requires: dict[int, int]) -> None:
        """The names a CommonJS module's top-level code visibly exports, as Node's
        cjs-module-lexer finds them (what `import { x }` and `export *` can see statically):
        `exports.x =`, `module.exports.x =`, `module.exports = { x, y: 1 }`,
        `Object.defineProperty(exports, "x", ...)`, and re-exports: `module.exports =
        require("./y")`, `__exportStar(require("./y"), exports)` (TypeScript's output)."""
        t = node.type
        if t in ("if_statement", "else_clause", "statement_block"):
            for child in node.named_children:
                self.exports_of_commonjs(child, requires)
            return
        if t == "expression_statement" and node.named_child_count:
            node = node.named_children[0]
            t = node.type
        while t in ("sequence_expression", "parenthesized_expression") and node.named_child_count:
            for child in node.named_children[:-1]:  # `exports.a = 1, exports.b = 2`
                self.exports_of_commonjs(child, requires)
            node = node.named_children[-1]
            t = node.type
        data = self.data
        if t == "assignment_expression":
            left = node.child_by_field_name("left")
            right = node.child_by_field_name("right")
            target = _exports_member(left, data)
            if target is not None:
                self.cjs_exports.append(target)
            elif left.type == "member_expression" and _is_module_exports(left, data):
                if right.type == "object":
                    for part in right.named_children:
                        key = (
                            part
                            if part.type == "shorthand_property_identifier"
                            else (
                                part.child_by_field_name("key")
                                if part.type in ("pair", "method_definition")
                                else None
                            )
                        )
                        if key is not None and key.type in (
                            "property_identifier",
                            "shorthand_property_identifier",
                        ):
                            self.cjs_exports.append(self.text(key))
                        elif key is not None and key.type == "string":
                            self.cjs_exports.append(_string_value(data, key))
                elif right.type == "call_expression" and right.start_byte in requires:
                    self.cjs_reexports.append(requires[right.start_byte])
            if right is not None and right.type == "assignment_expression":
                self.exports_of_commonjs(right, requires)  # `exports.a = exports.b = void 0`
        elif t == "call_expression":
            fn = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            given = [a for a in args.named_children if a.type != "comment"] if args else []
            name = data[fn.start_byte : fn.end_byte] if fn is not None else b""
            if (
                name == b"Object.defineProperty"
                and len(given) >= 2
                and data[given[0].start_byte : given[0].end_byte] == b"exports"
                and given[1].type == "string"
            ):
                self.cjs_exports.append(_string_value(data, given[1]))
            elif (
                name.endswith((b"__exportStar", b"__export"))
                and given
                and given[0].type == "call_expression"
                and given[0].start_byte in requires
            ):
                self.cjs_reexports.append(requires[given[0].start_byte])

    def statement(self, node) -> tuple[str, int, int]:
        t = node.type
        if t == "import_statement":
            self.module_syntax = True
            self.import_statement(node)
            return "import", node.start_byte, -1
        if t == "export_statement":
            self.module_syntax = True
            return self.export_statement(node)
        self.visit(node)
        return "code", node.start_byte, -1

    def visit(self, node, mode: str | None = None) -> None:
        t = node.type
        handler = _HANDLERS.get(t)
        if handler is not None:
            handler(self, node, mode)
            return
        children = node.children
        if not children:  # a token: the hot path, kept inline
            start = node.start_byte
            if self.need_semi >= 0:
                self.settle_semicolon(t)
            if t == "}" and self.semi_end == self.prev_end:
                self.drop_semicolon()
            if start > self.prev_end:
                self.gap(start)
            elif start == self.cut_end:
                self.glue(start)
            self.prev_end = node.end_byte
            self.prev_number = False
            return
        for child in children:
            self.visit(child)
        if t in _SEMI_STATEMENTS:
            self.semicolon(node)

    def visit_children(self, node, mode: str | None = None) -> None:
        for child in node.children:
            self.visit(child, mode)

    def semicolon(self, node) -> None:
        """Make a semicolon that automatic semicolon insertion supplied explicit, after the
        statement's last token (a trailing comment may belong to the node: `x = 1 // why`)."""
        children = node.children
        i = len(children) - 1
        while i > 0 and children[i].type in ("comment", "html_comment"):
            i -= 1
        end = children[i].end_byte
        if children[i].type != ";":
            self.ops.append(Semi(end, end))
        self.semi_end = end

    def drop_semicolon(self) -> None:
        """A statement's semicolon right before `}` is not needed: one that ASI supplied is not
        written, one in the source is minified away (an empty statement's never comes here)."""
        last = self.ops[-1] if self.ops else None
        if type(last) is Semi and last.start == self.prev_end:
            self.ops.pop()
        else:
            self.ops.append(Gap(self.prev_end - 1, self.prev_end, b""))
        self.semi_end = -1

    # identifiers

    def identifier(self, node, mode: str | None) -> None:
        name = self.text(node)
        self.check_name(node, name, mode)
        if mode is None and name in self.defines.values and not _assigned(node):
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
        self.refs.append((len(self.ops), name, self.scope, self.stmt))
        self.ops.append(Ident(node.start_byte, node.end_byte, -1, flags))

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
        self.ops.append(Ident(node.start_byte, node.end_byte, sid, flags))
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

    # patterns: children keep the binding mode, except default values and computed keys

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

    # declarations

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
            chain = self.consts[-1][3] if merged and self.consts else len(self.consts)
            sids = {
                sid
                for sid in range(first, len(self.symbols))
                if self.symbols[sid].kind == "const" and self.symbols[sid].scope == self.scope
            }
            self.consts.append((keyword.start_byte, keyword.end_byte, sids, chain))

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

    def merge_declaration(self, node) -> bool:
        """`let a=1;let b=2` in a block minifies to `let a=1,b=2` (top-level statements are
        printed one by one, so only nested ones): the previous declaration's semicolon, the
        keyword and the space around it become a comma."""
        first = node.children[0].type
        prev = node.prev_sibling
        while prev is not None and prev.type == "comment":
            prev = prev.prev_sibling
        if (
            prev is None
            or prev.type != node.type
            or first not in ("let", "const", "var")
            or prev.children[0].type != first
            or node.parent is None
            or node.parent.type in ("program", "export_statement")
            or len(node.children) < 2
        ):
            return False
        self.comma_for_semicolon(node.children[1].start_byte)
        return True

    def comma_for_semicolon(self, until: int) -> None:
        """The previous statement's `;` (written, or supplied by ASI) and what follows it up to
        `until` become a comma: statements joined (`merge_declaration`, `expression_statement`)."""
        last = self.ops[-1] if self.ops else None
        if type(last) is Semi and last.start == self.prev_end:
            self.ops.pop()
            start = self.prev_end
        else:
            start = self.prev_end - 1  # the `;` written in the source
        self.ops.append(Gap(start, until, b","))
        self.semi_end = -1

    def expression_statement(self, node, mode: str | None) -> None:
        """`a();b()` in a block minifies to `a(),b()`, as esbuild writes it (which lets a
        block of them lose its braces): the previous statement's semicolon becomes a comma."""
        if self.dead_statement(node):
            return
        prev = node.prev_sibling
        while prev is not None and prev.type == "comment":
            prev = prev.prev_sibling
        if (
            prev is not None
            and prev.type == "expression_statement"
            and _joinable(prev, self.decided)
            and _joinable(node, self.decided)
            and node.parent is not None
            and node.parent.type in _JOINED_IN
        ):
            self.comma_for_semicolon(node.start_byte)
        for child in node.children:
            self.visit(child)
        self.semicolon(node)

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
            space = b" " if _SPACE_BETWEEN[before] & _WORD else b""
            self.ops.append(Gap(open_.start_byte, open_.end_byte, space))
            self.ops.append(Gap(close.start_byte, close.end_byte, b""))
        trailing = _trailing_comma(node)
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

    def listing(self, node, mode: str | None) -> None:
        """An array, object or argument list: minified without a trailing comma (`[1,2,]`)."""
        trailing = _trailing_comma(node)
        for child in node.children:
            self.visit(child, mode)
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
        self.privates.append((outer, declared, {}))
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
            return _string_value(self.data, key)
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

    def lets(self, written: set[int]) -> list[Gap]:
        """`const` minifies to `let` where nothing assigns to what it declares (an assignment
        must still throw); declarations merged into one (`merge_declaration`) go together."""
        if self.scope_unsafe[0]:
            return []
        blocked = {chain for _, _, sids, chain in self.consts if sids & written}
        return [
            Gap(start, end, b"let") for start, end, _, chain in self.consts if chain not in blocked
        ]

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
            start = base[outer] + len(self.privates[outer][1]) if outer >= 0 else 0
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

    # blocks

    def block(self, node, mode: str | None) -> None:
        outer = self.push(False)
        if node.type == "statement_block" and _braces_optional(node, self.decided):
            self.unbraced(node)
        else:
            self.visit_children(node)
        self.scope = outer

    def unbraced(self, node) -> None:
        """A loop's or `if`'s block of one statement, minified without its braces
        (`if(a)return!1`). The statement's `;`, left out before the `}`, comes back unless
        the next token is a `}` too (`settle_semicolon`)."""
        children = node.children
        open_, close = children[0], children[-1]
        inner = next(c for c in node.named_children if c.type != "comment")
        self.unbraced_blocks.add(node.start_byte)
        before = self.cut_byte if self.prev_end == self.cut_end else self.data[self.prev_end - 1]
        self.leaf(open_)
        first = self.data[inner.start_byte]
        space = b" " if _SPACE_BETWEEN[before] & _SPACE_BEFORE[first] else b""
        self.ops.append(Gap(open_.start_byte, open_.end_byte, space))
        for child in children[1:-1]:
            self.visit(child)
        dropped = self.semi_end == self.prev_end
        end = self.prev_end
        pending, self.need_semi = self.need_semi, -1  # an inner block's: our `}` goes too
        if dropped:  # as before any `}`; settled by the next token
            self.drop_semicolon()
        self.leaf(close)
        if pending >= 0 or dropped:
            self.need_semi = pending if pending >= 0 else end
            dropped = True
        self.ops.append(Gap(close.start_byte, close.end_byte, b""))
        self.cut_end = close.end_byte
        self.cut_byte = 0x3B if dropped else self.data[end - 1]

    def settle_semicolon(self, next_type: str) -> None:
        """After a block printed without braces whose statement lost its `;`: the `;` again,
        unless the next token is `}` (or there is none)."""
        if next_type != "}":
            self.ops.append(Gap(self.need_semi, self.need_semi, b";"))
        self.need_semi = -1

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
                        (keyword.start_byte, keyword.end_byte, sids, len(self.consts))
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

    # expressions

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

    def member(self, node, mode: str | None) -> None:
        found = self.defines.match(node, self.data) if self.defines.tails else None
        if found is not None and not _assigned(node):
            value = self.global_value(found)
            if value is not UNKNOWN:
                self.print_value(node, value)
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
            and not _assigned(node)
        ):
            # the identifier's own op comes next (see `reference`); `ns.x = 1` and
            # `delete ns.x` keep the namespace object, whose refusal (a TypeError) they need
            self.member_of[len(self.ops) + 1] = len(self.ops)
            self.ops.append(Member(obj.start_byte, node.end_byte, -1, self.text(prop)))
        self.visit_children(node)

    # defines (`constants.py`) and the code that conditions known at build time make dead --

    def subscript(self, node, mode: str | None) -> None:
        """`process.env["NODE_ENV"]` is `process.env.NODE_ENV`."""
        found = self.defines.match(node, self.data) if self.defines.tails else None
        if found is not None and not _assigned(node):
            value = self.global_value(found)
            if value is not UNKNOWN:
                self.print_value(node, value)
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
            return _string_value(self.data, node)
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
        fits = _unary_fits(node)
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

    def replace(self, node, text: bytes, minified: bytes | None = None) -> None:
        """Print `text` for `node` (`minified` instead when minifying, if given); the node's own
        tokens are not walked."""
        start = node.start_byte
        touching = start <= self.prev_end
        space = self.space_before(start, (minified or text)[0])  # (a gap is minified only)
        if minified is not None:
            self.ops.append(Gap(start, node.end_byte, space + minified))
            if touching:  # `return!0`, but `return true`
                space = self.space_before(start, text[0])
        text = space + text
        self.ops.append(Cut(node.start_byte, node.end_byte, text))
        self.prev_end = self.cut_end = node.end_byte
        self.cut_byte = text[-1]
        self.prev_number = False

    def keep_only(self, node, kept, before: bytes = b"", after: bytes = b"") -> None:
        """Print the child `kept` in place of `node`, with `before` and `after` around it."""
        data = self.data
        first = (before or data[kept.start_byte : kept.start_byte + 1])[0]
        before = self.space_before(node.start_byte, first) + before
        self.ops.append(Cut(node.start_byte, kept.start_byte, before))
        if before:
            self.prev_end = self.cut_end = kept.start_byte
            self.cut_byte = before[-1]
        else:
            self.prev_end = kept.start_byte  # no gap over the cut
        self.visit(kept)
        last = self.ops[-1]
        semi = type(last) is Semi and last.start == self.prev_end  # `return x` got its `;`
        if after or kept.end_byte < node.end_byte:
            self.ops.append(Cut(kept.end_byte, node.end_byte, after))
        self.cut_byte = after[-1] if after else (0x3B if semi else data[self.prev_end - 1])
        self.prev_end = self.cut_end = node.end_byte
        self.prev_number = self.prev_number and not after

    def space_before(self, start: int, first: int) -> bytes:
        """Before printing a cut whose first byte is `first` at `start`: the gap to the token
        before (b"" then), or, when they touch in the source, a space if the two need one."""
        if self.need_semi >= 0:
            self.settle_semicolon("")
        if start > self.prev_end:
            self.gap(start, first)
            return b""
        before = self.cut_byte if self.prev_end == self.cut_end else self.data[start - 1]
        return b" " if self.prev_end and _SPACE_BETWEEN[before] & _SPACE_BEFORE[first] else b""

    def glue(self, start: int) -> None:
        """The token at `start` touches a cut in the source: a space if the cut's last printed
        byte and the token's first need one (`ain` from `a:"b"in`)."""
        if _SPACE_BETWEEN[self.cut_byte] & _SPACE_BEFORE[self.data[start]]:
            self.ops.append(Cut(start, start, b" "))

    def condition(self, node) -> bool | None:
        """Whether a condition known at build time holds (None: not known)."""
        value = self.constant(node)
        return None if value is UNKNOWN else truthy(value)

    def if_statement(self, node, mode: str | None) -> None:
        if node.start_byte in self.joined_ifs:
            return  # printed with the first of its run (`if_run`)
        run = _if_run(node, self.decided)
        if run:
            self.if_run(run)
            return
        chain = _return_chain(node, self.decided)
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
            and node.parent.type in _STATEMENT_LISTS
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
        elif node.parent is not None and node.parent.type in _STATEMENT_LISTS:
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
        self.defined = True

    def if_run(self, run: list) -> None:
        """`if(a)return!1;if(b)return!1` minifies to `if(a||b)return!1`, as esbuild writes it:
        what lies between one condition and the next (the first `return` and the second `if`
        hold no names: `_if_run`) becomes `||`."""
        first, last = run[0], run[-1]
        self.visit(first.children[0])  # `if`
        condition = first.child_by_field_name("condition")
        self.visit(condition.children[0])  # `(`
        inner = condition.named_children[0]
        self.visit(inner)
        for node in run[1:]:
            self.joined_ifs.add(node.start_byte)
            following = node.child_by_field_name("condition").named_children[0]
            self.ops.append(Gap(inner.end_byte, following.start_byte, b"||"))
            self.prev_end = following.start_byte
            inner = following
            self.visit(inner)
        condition = last.child_by_field_name("condition")
        self.visit(condition.children[-1])  # `)`
        for child in last.children:
            if child.start_byte >= condition.end_byte:
                self.visit(child)

    def return_chain(self, chain: list) -> None:
        """`if(a)return X;if(b)return Y;return Z` minifies to `return a?X:b?Y:Z`, as esbuild
        writes it: only keywords and punctuation lie between the parts (`_return_chain`), and
        they become `return `, `?` and `:`."""
        *ifs, final = chain
        first = ifs[0]
        condition = first.child_by_field_name("condition").named_children[0]
        space = self.space_before(first.start_byte, 0x72)  # `r`
        keyword = space + b"return"
        if _SPACE_BETWEEN[0x6E] & _SPACE_BEFORE[self.data[condition.start_byte]]:
            keyword += b" "
        self.ops.append(Gap(first.start_byte, condition.start_byte, keyword))
        self.prev_end = condition.start_byte
        value = None
        for node in ifs:
            if value is not None:
                condition = node.child_by_field_name("condition").named_children[0]
                self.ops.append(Gap(value.end_byte, condition.start_byte, b":"))
                self.prev_end = condition.start_byte
            self.joined_ifs.add(node.start_byte)
            self.visit(condition)
            value = _returned(node, self.decided)
            self.ops.append(Gap(condition.end_byte, value.start_byte, b"?"))
            self.prev_end = value.start_byte
            self.visit(value)
        self.joined_ifs.add(final.start_byte)
        last = final.named_children[0]
        self.ops.append(Gap(value.end_byte, last.start_byte, b":"))
        self.prev_end = last.start_byte
        for child in final.children:
            if child.start_byte >= last.start_byte:
                self.visit(child)
        self.semicolon(final)

    def yield_(self, node, mode: str | None) -> None:
        star = next((c for c in node.children if c.type == "*"), None)
        if star is not None and b"\n" in self.data[node.start_byte : star.start_byte]:
            self.early(star, "no line break is allowed between 'yield' and '*'")
        problem = early.yield_problem(node)
        if problem:
            self.early(node, problem)
        if early.yield_operand(node):
            self.early(node, "'yield' must be in parentheses here")
        self.visit_children(node)

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
        elif parent is not None and parent.type in _STATEMENT_LISTS:
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
            if _string_value(self.data, string) == "undefined":
                equal = op.type in ("===", "==")
                new = b">" if equal == before else b"<"
                self.ops.append(Gap(string.start_byte, string.end_byte, b'"u"'))
            else:
                new = op.type[:2].encode()
            self.ops.append(Gap(op.start_byte, op.end_byte, new))
        self.visit_children(node)

    # early errors of statements (`early.py`) ------------------------------------------------

    def nested_module_syntax(self, node, mode: str | None) -> None:
        word = "import" if node.type == "import_statement" else "export"
        self.early(node, f"an {word} declaration may only appear at the top level of a module")
        self.visit_leaves(node)

    def with_statement(self, node, mode: str | None) -> None:
        self.early(node.children[0], "'with' is not allowed in strict mode (a module)")
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

    def loop(self, node, mode: str | None) -> None:
        """Loops (and `switch`, which `break` leaves too), for `break` and `continue`."""
        is_loop = node.type != "switch_statement"
        self.loops += is_loop
        self.breakable += 1
        if node.type == "for_statement":
            init = node.child_by_field_name("initializer")
            found = early.bare_in(init) if init is not None else None
            if found is not None:
                self.early(found, "'in' in a for loop's first part must be in parentheses")
            self.block(node, mode)  # its own scope
        elif node.type == "for_in_statement":
            self.for_in(node, mode)
        else:
            self.visit_children(node)
            if node.type == "do_statement":
                self.semicolon(node)
        self.loops -= is_loop
        self.breakable -= 1

    def labeled(self, node, mode: str | None) -> None:
        label = node.child_by_field_name("label")
        name = self.text(label) if label is not None else ""
        if name in ("await", "yield") or name in early.STRICT_RESERVED:
            self.early(label, f"'{name}' is a reserved word in strict mode (a module)")
        elif any(n == name for n, _ in self.labels):
            self.early(label, f"label '{name}' has already been declared")
        body = node.child_by_field_name("body")
        while body is not None and body.type == "labeled_statement":
            body = body.child_by_field_name("body")
        is_loop = body is not None and body.type in _LOOPS
        self.labels.append((name, is_loop))
        self.visit_children(node)
        self.labels.pop()

    def jump(self, node, mode: str | None) -> None:
        label = node.child_by_field_name("label")
        word = node.children[0].type
        if label is not None:
            name = self.text(label)
            found = [loop for n, loop in self.labels if n == name]
            if not found:
                self.early(label, f"undefined label '{name}'")
            elif word == "continue" and not found[-1]:
                self.early(label, f"'continue {name}' does not name a loop")
        elif word == "continue" and not self.loops:
            self.early(node, "'continue' outside a loop")
        elif word == "break" and not self.breakable:
            self.early(node, "'break' outside a loop or switch")
        self.visit_children(node)
        self.semicolon(node)

    def return_(self, node, mode: str | None) -> None:
        if node.start_byte in self.joined_ifs:
            return  # printed with the `if`s before it (`return_chain`)
        if self.depth == 0:
            self.early(node.children[0], "'return' outside a function")
        elif early.in_static_block(node):
            self.early(node.children[0], "'return' is not allowed in a class static block")
        self.visit_children(node)
        self.semicolon(node)

    def throw(self, node, mode: str | None) -> None:
        value = node.named_children[0] if node.named_children else None
        keyword = node.children[0]
        if value is not None and b"\n" in self.data[keyword.end_byte : value.start_byte]:
            self.early(keyword, "no line break is allowed between 'throw' and its expression")
        self.visit_children(node)
        self.semicolon(node)

    def call(self, node, mode: str | None) -> None:
        fn = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        self.callee = fn.start_byte if fn is not None and fn.type == "identifier" else -1
        if fn is not None and fn.type == "import" and args is not None:
            given = [a for a in args.named_children if a.type != "comment"]
            if not 1 <= len(given) <= 2 or any(a.type == "spread_element" for a in given):
                self.early(args, "import() takes a specifier and an optional options object")
            first = next((a for a in args.named_children if a.type != "comment"), None)
            while first is not None and first.type in (
                "parenthesized_expression",
                "sequence_expression",
            ):
                inner = [a for a in first.named_children if a.type != "comment"]
                if first.type == "sequence_expression" and not all(
                    a.type in _LITERALS for a in inner[:-1]
                ):
                    break  # `(f(), "./x.js")`: not known at build time
                first = inner[-1] if inner else None
            if first is not None and _static_string(first):
                static, attr_type = _import_options(self, given[1] if len(given) > 1 else None)
                index = self.record(first, "dynamic", node.start_byte, node.end_byte, attr_type)
                if early.handles_failure(node):
                    self.imports[index] = self.imports[index]._replace(handled=True)
                if not static:  # options known at run time: printed as written, between holes
                    self.ops[-1] = Spec(node.start_byte, given[0].end_byte, index, SPEC_HEAD)
                    self.ops.append(Spec(given[-1].end_byte, node.end_byte, index, SPEC_TAIL))
        elif (
            fn is not None
            and fn.type == "identifier"
            and args is not None
            and self.data[fn.start_byte : fn.end_byte] == b"require"
            and not self.bound("require")
        ):
            given = [a for a in args.named_children if a.type != "comment"]
            if len(given) == 1 and _static_string(given[0]):
                index = self.record(given[0], "require", node.start_byte, node.end_byte, None)
                if early.handles_failure(node):
                    self.imports[index] = self.imports[index]._replace(handled=True)
            elif given and not early.handles_failure(node):
                self.require_calls.append((node.start_byte, node.end_byte))
        elif (
            fn is not None
            and args is not None
            and fn.type == "member_expression"
            and re.sub(rb"\s|\?", b"", self.data[fn.start_byte : fn.end_byte])
            == b"navigator.serviceWorker.register"
        ):
            self.visit_children(node)
            self.worker(args, "service-worker")
            return
        elif fn is not None and fn.type == "super" and not early.super_call_allowed(node):
            self.early(fn, "'super()' is only allowed in the constructor of a derived class")
        elif fn is not None and fn.type == "identifier" and self.text(fn) == "eval":
            s = self.scope
            while s >= 0:
                self.scope_unsafe[s] = True
                s = self.scope_parent[s]
        self.visit_children(node)

    def new(self, node, mode: str | None) -> None:
        ctor = node.child_by_field_name("constructor")
        args = node.child_by_field_name("arguments")
        if (
            args is not None
            and args.named_child_count == 0
            and args.child_count == 2
            and node.parent is not None
            and node.parent.type in _NEW_WITHOUT_PARENS
        ):
            # `new Map()` minifies to `new Map` where nothing follows that would bind to it
            for child in node.children:
                if child.start_byte >= args.start_byte:
                    break
                self.visit(child)
            self.ops.append(Gap(args.start_byte, args.end_byte, b""))
            self.cut_byte = self.data[self.prev_end - 1]
            self.prev_end = self.cut_end = args.end_byte
            return
        if ctor is not None and ctor.type == "identifier" and self.text(ctor) == "URL" and args:
            named = [a for a in args.named_children if a.type != "comment"]
            if (
                len(named) == 2
                and named[0].type == "string"
                and self.text(named[1]) == "import.meta.url"
            ):
                self.record(named[0], "new-url", -1, -1, None)
        self.visit_children(node)
        if (
            ctor is not None
            and ctor.type == "identifier"
            and args is not None
            and self.data[ctor.start_byte : ctor.end_byte] in (b"Worker", b"SharedWorker")
        ):
            self.worker(args, "worker")

    def worker(self, args, kind: str) -> None:
        """`new Worker(new URL("./w.js", import.meta.url), options)` and
        `navigator.serviceWorker.register(new URL(...), options)`: the URL's record names an
        entry of its own (`kind`, with "-classic" unless the options say `type: "module"`)."""
        named = [a for a in args.named_children if a.type != "comment"]
        if not named or named[0].type != "new_expression":
            return
        first = named[0]
        for i in range(len(self.imports) - 1, -1, -1):
            record = self.imports[i]
            if record.kind == "new-url" and first.start_byte <= record.start < first.end_byte:
                module = len(named) > 1 and _type_module(self.data, named[1])
                self.imports[i] = record._replace(kind=kind if module else kind + "-classic")
                return

    def await_(self, node, mode: str | None) -> None:
        if self.depth == 0:
            self.top_level_await = True
        elif early.in_static_block(node):
            self.early(node, "'await' is not allowed in a class static block")
        elif problem := early.await_problem(node):
            self.early(node.children[0], problem)
        self.visit_children(node)

    def template(self, node, mode: str | None) -> None:
        for i, child in enumerate(node.children):
            if i:
                self.skip_to(child)
            if child.type == "template_substitution":
                for part in child.children:
                    self.visit(part)
            else:
                self.leaf(child)

    def opaque(self, node, mode: str | None) -> None:
        """Strings, regular expressions, numbers: one token; strings and numbers minify to
        shorter spellings (`shorten.py`)."""
        t = node.type
        raw = self.data[node.start_byte : node.end_byte]
        if t == "number" and early.number_problem(raw):
            self.early(node, early.number_problem(raw))
        elif t == "string" and early.string_problem(raw) >= 0:
            self.early(node, "octal escape sequences are not allowed in strict mode")
        elif t == "string" and early.string_line_break(raw) >= 0:
            self.early(node, "a string may not contain a line break (write \\n, or a template)")
        elif t == "regex":
            self.regex_end = node.end_byte
            flags = node.child_by_field_name("flags")
            problem = flags and early.regex_flags_problem(flags.text)
            if problem:
                self.early(flags, problem)
        if t == "number":
            short = shorten.number(self.data[node.start_byte : node.end_byte])
            if short is not None and not (
                self.data[node.end_byte : node.end_byte + 1] == b"." and short.isdigit()
            ):
                self.shorter(node, short)
                self.prev_number = True
                return
        elif (
            t == "string"
            and node.parent is not None
            and node.parent.type not in _NO_REQUOTE
            and not (  # `new URL('./x.png', import.meta.url)`: its text is the bundler's hole
                node.parent.type == "arguments" and node.parent.parent.type == "new_expression"
            )
        ):
            short = shorten.string(self.data[node.start_byte : node.end_byte])
            if short is not None:
                self.shorter(node, short)
                return
        self.leaf(node)

    def literal(self, node, mode: str | None) -> None:
        """`true`, `false` (and `undefined`, see `reference`): `!0`, `!1`, where a unary
        expression means the same (not before `.`, `[`, `(`, `**`, or after `new`)."""
        if _unary_fits(node):
            self.shorter(node, shorten.LITERALS[self.data[node.start_byte : node.end_byte]])
        else:
            self.leaf(node)

    def undefined(self, node, mode: str | None) -> None:
        """`undefined` (a token of its own in tree-sitter's grammar): `void 0` when minified,
        if the module never binds the name."""
        if mode is not None and mode != "assign" or node.parent.type == "formal_parameters":
            self.undefined_bound = True
        elif _unary_fits(node):
            self.undefined_spans.append((node.start_byte, node.end_byte))
        self.leaf(node)

    def shorter(self, node, text: bytes) -> None:
        """A token printed as `text` when minified (a `Gap` over it)."""
        start = node.start_byte
        if self.need_semi >= 0:
            self.settle_semicolon(node.type)
        if start > self.prev_end:
            self.gap(start, text[0])
        self.ops.append(Gap(start, node.end_byte, text))
        self.prev_end = self.cut_end = node.end_byte
        self.cut_byte = text[-1]
        self.prev_number = False

    def jsx(self, node, mode: str | None) -> None:
        self.problems.append(
            Problem(
                node.start_byte,
                node.start_byte + 1,
                "JSX is not supported: compile it to JavaScript first",
            )
        )
        self.leaf(node)

    def record(
        self, string_node, kind: str, call_start: int, call_end: int, attr_type: str | None
    ) -> int:
        index = len(self.imports)
        self.imports.append(
            ImportRecord(
                _string_value(self.data, string_node),
                kind,
                string_node.start_byte + 1,
                string_node.end_byte - 1,
                call_start,
                call_end,
                self.stmt if kind in ("import", "re-export") else -1,
                attr_type,
            )
        )
        if kind in ("dynamic", "require"):
            self.ops.append(Spec(call_start, call_end, index, None))
        elif kind == "new-url":
            self.ops.append(Spec(string_node.start_byte + 1, string_node.end_byte - 1, index, None))
        return index

    # imports and exports ------------------------------------------------------------------

    def import_statement(self, node) -> None:
        source = node.child_by_field_name("source")
        index = self.record(source, "import", -1, -1, _attribute_type(self, node))
        for child in node.children:
            if child.type != "import_clause":
                continue
            for part in child.children:
                if part.type == "identifier":
                    self.import_binding(part, "default", part, index)
                elif part.type == "namespace_import":
                    self.import_binding(part.named_children[-1], "*", part, index)
                elif part.type == "named_imports":
                    for spec in part.named_children:
                        if spec.type != "import_specifier":
                            continue
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        self.import_binding(alias, self._name(name), name, index)
        self.visit_leaves(node)

    def import_binding(self, ident, imported: str, where, record: int) -> None:
        name = self.text(ident)
        if name in ("eval", "arguments") or name in early.STRICT_RESERVED:
            self.early(ident, f"'{name}' cannot be a name in strict mode")
        sid = self.declare(name, "import", 0, ident)
        self.bindings.append(ImportBinding(sid, record, imported, where.start_byte, where.end_byte))

    def visit_leaves(self, node) -> None:
        """Walk a statement that is never printed as written, for its tokens' gaps only."""
        if node.child_count == 0 or node.type in _OPAQUE:
            self.leaf(node)
            return
        for child in node.children:
            self.visit_leaves(child)

    def export_statement(self, node) -> tuple[str, int, int]:
        decl = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        source = node.child_by_field_name("source")
        is_default = any(c.type == "default" for c in node.children)
        if is_default and decl is not None and decl.type in _NOT_DEFAULT:
            self.early(decl, "'export default' takes an expression, a function or a class")
        if source is not None:
            index = self.record(source, "re-export", -1, -1, _attribute_type(self, node))
            clause = next((c for c in node.children if c.type == "export_clause"), None)
            ns = next((c for c in node.children if c.type == "namespace_export"), None)
            if clause is not None:
                for spec in clause.named_children:
                    if spec.type == "export_specifier":
                        name = spec.child_by_field_name("name")
                        alias = spec.child_by_field_name("alias") or name
                        self.exports.append(
                            Export(
                                self._name(alias),
                                -1,
                                index,
                                self._name(name),
                                name.start_byte,
                                name.end_byte,
                            )
                        )
            elif ns is not None:
                self.exports.append(
                    Export(
                        self._name(ns.children[-1]),  # `default` is no named node
                        -1,
                        index,
                        "*",
                        ns.start_byte,
                        ns.end_byte,
                    )
                )
            else:
                self.stars.append(index)
            self.visit_leaves(node)
            return "re-export", node.start_byte, -1
        if decl is not None:
            for child in node.children:
                if child.start_byte == decl.start_byte and child.type == decl.type:
                    before = len(self.stmt_declares)
                    self.visit(child)
                    declared = self.stmt_declares[before:]
                    if is_default:
                        self.exports.append(
                            Export(
                                "default",
                                declared[0] if declared else -1,
                                -1,
                                "",
                                node.start_byte,
                                node.end_byte,
                            )
                        )
                    else:
                        for sid in declared:
                            self.exports.append(
                                Export(
                                    self.symbols[sid].name,
                                    sid,
                                    -1,
                                    "",
                                    decl.start_byte,
                                    decl.end_byte,
                                )
                            )
                else:
                    self.leaf(child)
            return "code", decl.start_byte, -1
        if is_default and value is not None:
            first = value
            while first.children and first.type not in (
                "function_expression",
                "generator_function",
                "class",
            ):
                first = first.children[0]
            if first != value and first.type in (
                "function_expression",
                "generator_function",
                "class",
            ):
                # `export default function () {}()`: a declaration, which cannot be called
                self.early(
                    first,
                    "'export default' of a function or class declares it: "
                    "wrap it in parentheses to use it in an expression",
                )
            anonymous = (
                value.type in ("function_expression", "generator_function", "class")
                and value.child_by_field_name("name") is None
            )
            sid = self.declare(self.default_name, "default", 0)
            self.default_symbol = sid
            self.exports.append(Export("default", sid, -1, "", node.start_byte, node.end_byte))
            for child in node.children:
                if child.start_byte == value.start_byte and child.type == value.type:
                    self.visit(child)
                else:
                    self.leaf(child)
            if anonymous:
                keyword = next(c for c in value.children if c.type in ("function", "class"))
                star = next((c for c in value.children if c.type == "*"), None)
                return "default-anon", value.start_byte, (star or keyword).end_byte
            self.semicolon(node)
            return "default-expr", value.start_byte, -1
        clause = next((c for c in node.children if c.type == "export_clause"), None)
        for spec in clause.named_children if clause is not None else ():
            if spec.type == "export_specifier":
                name = spec.child_by_field_name("name")
                alias = spec.child_by_field_name("alias") or name
                if name.type == "string":  # only `export { "a" } from "./x.js"` may
                    self.early(name, "a string names an export of another module only (from)")
                op = len(self.ops)
                self.reference(name, self._name(name), 0)
                # the symbol is resolved with the other references: see `result`
                self.exports.append(
                    Export(self._name(alias), -op - 2, -1, "", name.start_byte, name.end_byte)
                )
        self.visit_leaves(node)
        return "export-clause", node.start_byte, -1

    def _name(self, node) -> str:
        if node.type != "string":
            return self.text(node)
        value = _string_value(self.data, node)
        if node.parent.type in _MODULE_NAMES and lone_surrogate(value):
            self.early(node, "a module export name may not have a lone surrogate")
        return value

    # -- the result --------------------------------------------------------------------------

    def result(self, minify: bool) -> Analysis:
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
        for op_index, name, scope, stmt in self.refs:
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
            ident = ops[op_index]
            ops[op_index] = Ident(ident.start, ident.end, sid, ident.flags)
            counts[sid] += 1
            if ident.flags & WRITE:
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
        kept = [op for op in ops if op is not None]
        kept.extend(self.private_names())
        kept.extend(self.lets(written))
        if not self.undefined_bound:
            kept.extend(Gap(a, b, b"void 0") for a, b in self.undefined_spans)
        kept.sort(key=_op_order)
        exported: set[str] = set()
        for e in self.exports:
            if e.name in exported:
                self.problems.append(
                    Problem(e.start, e.end, f"syntax error: '{e.name}' is exported twice")
                )
            exported.add(e.name)
        exports = []
        for e in self.exports:
            if e.symbol < -1:  # a local `export { name }`
                sid = resolved.get(-e.symbol - 2, -1)
                exports.append(Export(e.name, sid, -1, "", e.start, e.end))
                if sid < 0:
                    self.problems.append(
                        Problem(e.start, e.end, f"'{e.name}' is exported but not declared")
                    )
            else:
                exports.append(e)
        statements = [
            Statement(
                s.start,
                s.end,
                s.print_start,
                s.kind,
                s.name_at,
                s.declares,
                tuple(sorted(uses.get(i, ()))),
                s.side_effects,
                tuple(sorted(members.get(i, ()))),
            )
            for i, s in enumerate(self.statements)
        ]
        free_names = frozenset(free)
        if minify:
            scopes = [
                Scope(p, f, u)
                for p, f, u in zip(
                    self.scope_parent, self.scope_function, self.scope_unsafe, strict=True
                )
            ]
            local_names, nested = slot_names(symbols, scopes, counts, free_names)
        else:
            local_names = None
            nested = {name for scope in names[1:] for name in scope}
        templates = make_templates(self.data, statements, kept, symbols, local_names)
        return Analysis(
            statements=tuple(statements),
            imports=tuple(self.imports),
            import_bindings=tuple(self.bindings),
            exports=tuple(exports),
            star_exports=tuple(self.stars),
            symbols=tuple(symbols),
            reference_counts=tuple(counts),
            free=free_names,
            nested=frozenset(nested),
            templates=templates,
            default_symbol=self.default_symbol,
            top_level_await=self.top_level_await,
            commonjs=self.commonjs,
            cjs_exports=tuple(sorted(set(self.cjs_exports))),
            cjs_reexports=tuple(self.cjs_reexports),
            computed_requires=tuple(self.require_calls),
            problems=tuple(self.problems),
            legal_comments=tuple(self.legal),
            direct_eval=self.scope_unsafe[0],
        )


def _op_order(op: Op) -> tuple[int, bool, int]:
    """Ops by start; a `Member` or `Spec` first, as the ops in the span it replaces are skipped."""
    return op.start, type(op) is not Member and type(op) is not Spec, op.end


_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
_SIMPLE_STATEMENTS = frozenset(
    {
        "expression_statement",
        "return_statement",
        "throw_statement",
        "break_statement",
        "continue_statement",
        "empty_statement",
    }
)
_DECLARATIONS = frozenset(
    {
        "lexical_declaration",
        "class_declaration",
        "function_declaration",
        "generator_function_declaration",
        "using_declaration",
    }
)


def _trailing_comma(node):
    """The comma before a list's closing bracket, if it can go: not after a hole (`[a,,]` has
    two elements, `[a,]` one)."""
    children = node.children
    i = len(children) - 2
    while i > 0 and children[i].type == "comment":
        i -= 1
    if i < 1 or children[i].type != "," or children[-1].type not in ("]", "}", ")"):
        return None
    before = children[i - 1]
    return None if before.type in (",", "[", "comment") else children[i]


def _if_run(node, decided) -> list:
    """`node` and the `if` statements right after it that `_Walker.if_run` joins into one: no
    `else`, each only returning the same constant (`return!1`, `return null`, `return`),
    conditions that `||` may join without parentheses; [] if fewer than two."""
    parent = node.parent
    if parent is None or parent.type not in _JOINED_IN:
        return []
    returned = _constant_return(node, decided)
    if returned is None:
        return []
    run = [node]
    sibling = node.next_sibling
    while sibling is not None and _constant_return(sibling, decided) == returned:
        run.append(sibling)
        sibling = sibling.next_sibling
    return run if len(run) > 1 else []


_LOOSER_THAN_OR = frozenset(
    {
        "assignment_expression",
        "augmented_assignment_expression",
        "ternary_expression",
        "sequence_expression",
        "arrow_function",
        "yield_expression",
    }
)
_CONSTANTS = frozenset({"true", "false", "null", "number", "string", "undefined"})


def _if_return(node, decided):
    """For `if (c) return ...` (the return alone or in a block, no `else`, no comments, `c`
    not looser than `||`, nor `decided`: known at build time): (`c`, the return); else None."""
    if node.type != "if_statement" or node.child_by_field_name("alternative") is not None:
        return None
    condition = node.child_by_field_name("condition")
    body = node.child_by_field_name("consequence")
    if condition is None or body is None or condition.named_child_count != 1:
        return None
    inner = condition.named_children[0]
    if inner.type in _LOOSER_THAN_OR or inner.type == "comment" or decided(inner):
        return None
    if body.type == "statement_block":
        if body.named_child_count != 1:
            return None
        body = body.named_children[0]
    if body.type != "return_statement" or any(c.type == "comment" for c in body.children):
        return None
    return inner, body


def _constant_return(node, decided) -> bytes | None:
    """For `if (c) return K` (`_if_return`, K a constant or nothing): K's source text (b""
    for none); else None."""
    found = _if_return(node, decided)
    if found is None:
        return None
    inner, body = found
    if inner.type == "binary_expression" and inner.child_by_field_name("operator").type == "??":
        return None  # `a ?? b || c` is a syntax error
    value = next((c for c in body.named_children), None)
    if value is None:
        return b""
    if value.type == "unary_expression":
        argument = value.child_by_field_name("argument")
        if argument is None or argument.type not in _CONSTANTS:
            return None
    elif value.type not in _CONSTANTS:
        return None
    return value.text


def _returned(node, decided):
    """The value of `if (c) return X` (`_if_return`) if `?:` may take it as it is."""
    found = _if_return(node, decided)
    return None if found is None else _return_value(found[1])


def _return_value(node):
    """The value of `return X` when it is one expression that `?:` may take as it is."""
    if node.type != "return_statement" or any(c.type == "comment" for c in node.children):
        return None
    values = node.named_children
    if len(values) != 1 or values[0].type == "sequence_expression":
        return None
    return values[0]


def _return_chain(node, decided) -> list:
    """`node`, the `if (c) return X` statements right after it and the `return Z` that ends
    them (`_Walker.return_chain`), or []."""
    parent = node.parent
    if parent is None or parent.type not in _JOINED_IN or _returned(node, decided) is None:
        return []
    chain = [node]
    sibling = node.next_sibling
    while sibling is not None and _returned(sibling, decided) is not None:
        chain.append(sibling)
        sibling = sibling.next_sibling
    if sibling is None or _return_value(sibling) is None:
        return []
    return [*chain, sibling]


_JOINED_IN = frozenset({"statement_block", "switch_case", "switch_default"})


def _joinable(node, decided) -> bool:
    """Whether an expression statement may join its neighbours in a comma expression: not a
    string (a directive such as "use strict" would stop being one), and nothing `decided` (known
    at build time) leaves out (`process.env.NODE_ENV !== "production" && warn()`)."""
    expr = node.named_children[0] if node.named_child_count else None
    if expr is None or expr.type in ("string", "comment"):
        return False
    if expr.type == "binary_expression":  # what `_Walker.dead_statement` may leave out
        left = expr.child_by_field_name("left")
        return expr.child_by_field_name("operator").type not in ("&&", "||") or not decided(left)
    return True


_NOT_DEFAULT = frozenset({"variable_declaration", "lexical_declaration", "using_declaration"})


def _braces_optional(node, decided) -> bool:
    """Whether a block is a loop's or an `if`'s body of one statement that means the same
    without its braces: not a declaration (its scope is the block), and before an `else`
    nothing that could take the `else` for itself (an `if` inside)."""
    parent = node.parent
    if parent is None or node.child_count < 2 or node.children[-1].type != "}":
        return False
    t = parent.type
    else_follows = False
    if t == "if_statement":
        if parent.child_by_field_name("consequence") != node:
            return False
        else_follows = parent.child_by_field_name("alternative") is not None
    elif t in ("for_statement", "for_in_statement", "while_statement"):
        if parent.child_by_field_name("body") != node:
            return False
    elif t != "else_clause":
        return False
    inner = [c for c in node.named_children if c.type != "comment"]
    if len(inner) > 1 and all(
        c.type == "expression_statement" and _joinable(c, decided) for c in inner
    ):
        return True  # one comma expression once minified (`expression_statement`)
    if len(inner) > 1 and not else_follows and len(_if_run(inner[0], decided)) == len(inner):
        return True  # one `if` once minified (`if_run`)
    if len(inner) != 1 or inner[0].type in _DECLARATIONS:
        return False
    return not else_follows or inner[0].type in _SIMPLE_STATEMENTS


_NEW_WITHOUT_PARENS = frozenset(
    {
        "variable_declarator",
        "assignment_expression",
        "arguments",
        "array",
        "pair",
        "return_statement",
        "expression_statement",
        "parenthesized_expression",
        "spread_element",
        "field_definition",
        "ternary_expression",
        "sequence_expression",
        "assignment_pattern",
        "object_assignment_pattern",
    }
)


def _typeof_comparison(node) -> bool:
    left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
    kinds = {left.type, right.type} if left is not None and right is not None else set()
    if kinds != {"unary_expression", "string"}:
        return False
    unary = left if left.type == "unary_expression" else right
    operator = unary.child_by_field_name("operator")
    return operator is not None and operator.type == "typeof"


_KEYWORDS = _RESERVED_WORDS | early.STRICT_RESERVED | {"await", "yield", "default"}
_RESERVED_ONLY = _KEYWORDS - early.STRICT_RESERVED - {"await", "yield"}
_NO_REQUOTE = frozenset({"import_statement", "export_statement", "import_attribute"})


def _unary_fits(node) -> bool:
    """Whether a primary expression may be printed as a unary one (`!0`, `void 0`)."""
    parent = node.parent
    if parent is None:
        return False
    t = parent.type
    if t in ("member_expression", "subscript_expression"):
        return parent.child_by_field_name("object") != node
    if t == "call_expression":
        return parent.child_by_field_name("function") != node
    if t == "binary_expression":
        return not (
            parent.child_by_field_name("left") == node
            and parent.child_by_field_name("operator").type == "**"
        )
    return t not in ("new_expression", "update_expression", "pair_pattern", "object_pattern")


_STATEMENT_LISTS = frozenset({"program", "statement_block", "switch_case", "switch_default"})


def _unescape_name(raw: str) -> str:
    """`\\u0061` and `\\u{61}` in an identifier, decoded (both spell the same name)."""
    out = []
    i = 0
    while i < len(raw):
        if raw.startswith("\\u{", i):
            end = raw.find("}", i)
            out.append(chr(int(raw[i + 3 : end], 16)))
            i = end + 1
        elif raw.startswith("\\u", i):
            out.append(chr(int(raw[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def _assigned(node) -> bool:
    """Whether `node` is written to (or deleted)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in ("assignment_expression", "augmented_assignment_expression"):
        return parent.child_by_field_name("left") == node
    if parent.type == "unary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and op.type == "delete"
    return parent.type in ("update_expression", "for_in_statement", "array_pattern")


def _hoists(node, sloppy: bool = False) -> bool:
    """Whether code left out would take a `var` declaration with it (visible outside), or, in
    sloppy code (CommonJS), a function declared in a block (Annex B hoists it too)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "variable_declaration" or (sloppy and n.type in _FUNCTION_DECLARATIONS):
            return True
        if n.type in _FUNCTIONS:
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
        if sloppy and n.type in _FUNCTION_DECLARATIONS:
            return []
        if n.type in _FUNCTIONS:
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


_FUNCTIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "generator_function",
        "arrow_function",
        "method_definition",
        "class_static_block",
    }
)


_FUNCTION_DECLARATIONS = frozenset({"function_declaration", "generator_function_declaration"})


def _declaration_as_body(node, sloppy: bool) -> bool:
    """`if (x) class A {}`, `let`, `function`: an early error, but for a plain function in
    sloppy code (Annex B)."""
    if node.type not in _DECLARATIONS or node.type == "using_declaration":
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


def _static_string(node) -> bool:
    if node.type == "string":
        return True
    return node.type == "template_string" and not any(
        c.type == "template_substitution" for c in node.named_children
    )


def _string_value(data: bytes, node) -> str:
    """A string literal's value, as JavaScript reads its escapes (a lone surrogate of
    `"\\uD83D"` stays one; a pair is one character)."""
    raw = data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8", "surrogateescape")
    if "\\" not in raw:
        return raw
    value = _ESCAPE.sub(_unescape, raw)
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


_ESCAPE = re.compile(
    r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[\s\S])"
)
_SINGLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(match: re.Match) -> str:
    e = match.group(1)
    if e[0] == "u":
        code = int(e[2:-1] if e[1] == "{" else e[1:], 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)  # (an early error)
    if e[0] == "x":
        return chr(int(e[1:], 16))
    if e[0] in "01234567":
        return chr(int(e, 8))
    if e in ("\r\n", "\n", "\r", "\u2028", "\u2029"):
        return ""  # a line continuation
    return _SINGLE.get(e, e)


def lone_surrogate(value: str) -> bool:
    """Whether a string has a lone UTF-16 surrogate (not a module export name then)."""
    return any("\ud800" <= c <= "\udfff" for c in value)


def _attribute_type(walker: _Walker, node) -> str | None:
    """The `type` of an import's or re-export's attributes (`with { type: "json" }`); a key
    given twice is an early error."""
    data, attribute = (
        walker.data,
        next((c for c in node.children if c.type == "import_attribute"), None),
    )
    source = node.child_by_field_name("source")
    if attribute is None and source is not None and node.type == "export_statement":
        # `export ... from "x" with {...}`: blanked for the grammar (parse.py), read here
        rest = data[source.end_byte : node.end_byte]
        if rest.lstrip().startswith((b"with", b"assert")):
            data = b"import''" + rest
            attribute = next(
                (
                    c
                    for c in parse(data)[0].root_node.children[0].children
                    if c.type == "import_attribute"
                ),
                None,
            )
    obj = (
        attribute.named_children[0] if attribute is not None and attribute.named_children else None
    )
    found, seen = None, set()
    for pair in obj.named_children if obj is not None else ():
        if pair.type != "pair":
            continue
        key = pair.child_by_field_name("key")
        value = pair.child_by_field_name("value")
        name = (
            _string_value(data, key) if key.type == "string" else _unescape_name(key.text.decode())
        )
        if name in seen:
            walker.early(
                key if data is walker.data else source, f"import attribute '{name}' is given twice"
            )
        seen.add(name)
        if name == "type" and value.type == "string":
            found = _string_value(data, value)
    return found


_MODULE_NAMES = frozenset({"export_specifier", "import_specifier", "namespace_export"})
_LITERALS = frozenset({"number", "string", "true", "false", "null"})


def _import_options(walker: _Walker, options) -> tuple[bool, str | None]:
    """Whether an `import()`'s options are known at build time (none, or a literal
    `{ with: { type: "json" } }`; the bundle reads and drops them), and the `type` they give.
    Any other options are kept, and the browser checks them (a bad one rejects the import);
    their type is then "" (unknown)."""
    if options is None:
        return True, None
    pairs = _literal_pairs(walker, options)
    if pairs is None:
        return False, ""
    found = None
    for name, value in pairs:
        attributes = _literal_pairs(walker, value) if name in ("with", "assert") else None
        if attributes is None or any(v.type != "string" for _, v in attributes):
            return False, ""
        found = next((_string_value(walker.data, v) for k, v in attributes if k == "type"), found)
    return True, found


def _literal_pairs(walker: _Walker, node) -> list[tuple[str, object]] | None:
    """The (key, value node) pairs of an object literal whose keys are all written out
    (`{a: 1, "b": 2}`), or None (not an object, a computed key, a spread, a method...)."""
    if node is None or node.type != "object":
        return None
    pairs = []
    for pair in node.named_children:
        if pair.type == "comment":
            continue
        key = pair.child_by_field_name("key") if pair.type == "pair" else None
        if key is None or key.type not in ("property_identifier", "string"):
            return None
        pairs.append((walker._name(key), pair.child_by_field_name("value")))
    return pairs


def _type_module(data: bytes, options) -> bool:
    """Whether a worker's options object says `type: "module"`."""
    if options.type != "object":
        return False
    for pair in options.named_children:
        if pair.type != "pair":
            continue
        key, value = pair.child_by_field_name("key"), pair.child_by_field_name("value")
        name = data[key.start_byte : key.end_byte].strip(b"\"'")
        if name == b"type" and value.type == "string":
            return _string_value(data, value) == "module"
    return False


def _exports_member(node, data: bytes) -> str | None:
    """`x` of `exports.x`, `module.exports.x` or `exports["x"]`."""
    if node is None or node.type not in ("member_expression", "subscript_expression"):
        return None
    obj = node.child_by_field_name("object")
    if obj is None:
        return None
    if not (
        (obj.type == "identifier" and data[obj.start_byte : obj.end_byte] == b"exports")
        or _is_module_exports(obj, data)
    ):
        return None
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return data[prop.start_byte : prop.end_byte].decode() if prop is not None else None
    index = node.child_by_field_name("index")
    return _string_value(data, index) if index is not None and index.type == "string" else None


def _is_module_exports(node, data: bytes) -> bool:
    return node.type == "member_expression" and data[node.start_byte : node.end_byte] in (
        b"module.exports",
    )


def _top_level_names(root):
    """Identifiers declared by top-level statements (for the purity of initialisers)."""
    for child in root.children:
        node = child
        if node.type == "export_statement":
            node = node.child_by_field_name("declaration") or node
        if node.type in (
            "function_declaration",
            "generator_function_declaration",
            "class_declaration",
        ):
            name = node.child_by_field_name("name")
            if name is not None:
                yield name
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for d in node.named_children:
                if d.type == "variable_declarator":
                    name = d.child_by_field_name("name")
                    if name.type == "identifier":
                        yield name
        elif node.type == "import_statement":
            yield from _identifiers(node)


def _identifiers(node):
    for child in node.children:
        if child.type == "identifier":
            yield child
        yield from _identifiers(child)


_HANDLERS = {
    "identifier": _Walker.identifier,
    "shorthand_property_identifier": _Walker.shorthand_property,
    "shorthand_property_identifier_pattern": _Walker.shorthand_pattern,
    "object_pattern": _Walker.pattern,
    "array_pattern": _Walker.pattern,
    "rest_pattern": _Walker.pattern,
    "assignment_pattern": _Walker.assignment_pattern,
    "object_assignment_pattern": _Walker.assignment_pattern,
    "pair_pattern": _Walker.pair_pattern,
    "lexical_declaration": _Walker.variable_declaration,
    "variable_declaration": _Walker.variable_declaration,
    "using_declaration": _Walker.variable_declaration,
    "function_declaration": _Walker.function,
    "generator_function_declaration": _Walker.function,
    "function_expression": _Walker.function,
    "generator_function": _Walker.function,
    "arrow_function": _Walker.function,
    "method_definition": _Walker.function,
    "formal_parameters": _Walker.formal_parameters,
    "field_definition": _Walker.field,
    "yield_expression": _Walker.yield_,
    "array": _Walker.listing,
    "object": _Walker.listing,
    "arguments": _Walker.listing,
    "class_declaration": _Walker.class_,
    "class": _Walker.class_,
    "class_body": _Walker.class_body,
    "class_static_block": _Walker.static_block,
    "statement_block": _Walker.block,
    "expression_statement": _Walker.expression_statement,
    "switch_body": _Walker.block,
    "for_statement": _Walker.loop,
    "for_in_statement": _Walker.loop,
    "catch_clause": _Walker.catch_clause,
    "assignment_expression": _Walker.assignment,
    "augmented_assignment_expression": _Walker.assignment,
    "update_expression": _Walker.update,
    "member_expression": _Walker.member,
    "subscript_expression": _Walker.subscript,
    "call_expression": _Walker.call,
    "if_statement": _Walker.if_statement,
    "import_statement": _Walker.nested_module_syntax,
    "export_statement": _Walker.nested_module_syntax,
    "with_statement": _Walker.with_statement,
    "unary_expression": _Walker.unary,
    "while_statement": _Walker.loop,
    "do_statement": _Walker.loop,
    "switch_statement": _Walker.loop,
    "labeled_statement": _Walker.labeled,
    "break_statement": _Walker.jump,
    "continue_statement": _Walker.jump,
    "return_statement": _Walker.return_,
    "throw_statement": _Walker.throw,
    "ternary_expression": _Walker.ternary,
    "binary_expression": _Walker.binary,
    "new_expression": _Walker.new,
    "await_expression": _Walker.await_,
    "template_string": _Walker.template,
    "string": _Walker.opaque,
    "undefined": _Walker.undefined,
    "private_property_identifier": _Walker.private_name,
    "true": _Walker.literal,
    "false": _Walker.literal,
    "regex": _Walker.opaque,
    "number": _Walker.opaque,
    "comment": _Walker.comment,
    "hash_bang_line": lambda w, node, mode: None,
    "html_comment": lambda w, node, mode: None,
    "jsx_element": _Walker.jsx,
    "jsx_self_closing_element": _Walker.jsx,
}
