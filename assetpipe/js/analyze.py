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

Where things are: `_Walker` below drives the walk (`program`, `visit`) and assembles the result
(`result`); `_HANDLERS` at the end says which method walks which node type. The methods are in
the parts of `walk/` (see its `__init__.py`), one concern each: tokens and the minifier's edits
(`ops.py`), scopes and symbols, functions and classes, control flow, defines and dead branches,
joined statements, imports and exports, CommonJS. `template.py` then applies the edits.
"""

from __future__ import annotations

from .constants import NO_DEFINES, Defines, Pairs, node_env, parse_defines
from .model import Analysis, Problem, Scope, Statement
from .ops import Gap, Member, Op, Spec
from .parse import benign, parse, syntax_problems
from .purity import statement_is_pure
from .template import make_templates, slot_names
from .walk.commonjs import COMMONJS_NAMES, CommonJS, may_be_commonjs
from .walk.folding import Folding
from .walk.functions import Functions
from .walk.joins import Joins
from .walk.modules import ModuleSyntax
from .walk.nodes import declared_at_top_level
from .walk.scopes import Scopes
from .walk.statements import Statements
from .walk.tokens import Tokens

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
NODE_ENV_PRODUCTION = node_env(development=False)  # what `analyze` defines unless told


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
    (see `walk/folding.py`).

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
    wrapped = commonjs and may_be_commonjs(root, data)
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
            if not wrapped or analysis.free & COMMONJS_NAMES:
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


class _Walker(Tokens, Scopes, Functions, Statements, Folding, Joins, ModuleSyntax, CommonJS):
    """One walk of a module's tree (`program`), then its `Analysis` (`result`)."""

    def __init__(
        self, data: bytes, default_name: str, defines: Defines = NO_DEFINES, commonjs: bool = False
    ) -> None:
        self.data = data
        self.commonjs = commonjs  # walked as the body of a CommonJS module's function
        self.statements: list[Statement] = []
        self.init_tokens()
        self.init_scopes()
        self.init_functions()
        self.init_statements()
        self.init_folding(defines)
        self.init_joins()
        self.init_modules(default_name)
        self.init_commonjs()

    def program(self, root) -> None:
        for child in root.children:
            if child.type == "import_statement":
                clause = next((c for c in child.children if c.type == "import_clause"), None)
                for part in clause.children if clause else ():
                    if part.type == "namespace_import":
                        self.namespace_names.add(self.text(part.named_children[-1]))
        top_level_names = {self.text(n) for n in declared_at_top_level(root)}
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

    def edits(self, written: set[int]) -> list[Op]:
        """Once references are resolved (`resolve`): the ops the templates apply, sorted,
        with those known only after the walk (short private names, `const` as `let`, `void 0`
        for `undefined`)."""
        ops = [op for op in self.ops if op is not None]
        ops.extend(self.private_names())
        ops.extend(self.lets(written))
        if not self.undefined_bound:
            ops.extend(Gap(a, b, b"void 0") for a, b in self.undefined_spans)
        ops.sort(key=_op_order)
        return ops

    def result(self, minify: bool) -> Analysis:
        """The analysis, once the walk is done; `minify` chooses the templates' mode."""
        refs = self.resolve()
        ops = self.edits(refs.written)
        exports = self.final_exports(refs.resolved)
        statements = [
            s._replace(
                uses=tuple(sorted(refs.uses.get(i, ()))),
                members=tuple(sorted(refs.members.get(i, ()))),
            )
            for i, s in enumerate(self.statements)
        ]
        free = frozenset(refs.free)
        symbols = self.symbols
        if minify:
            scopes = [
                Scope(p, f, u)
                for p, f, u in zip(
                    self.scope_parent, self.scope_function, self.scope_unsafe, strict=True
                )
            ]
            local_names, nested = slot_names(symbols, scopes, refs.counts, free)
        else:
            local_names = None
            nested = {name for scope in self.scope_names[1:] for name in scope}
        templates = make_templates(self.data, statements, ops, symbols, local_names)
        return Analysis(
            statements=tuple(statements),
            imports=tuple(self.imports),
            import_bindings=tuple(self.bindings),
            exports=tuple(exports),
            star_exports=tuple(self.stars),
            symbols=tuple(symbols),
            reference_counts=tuple(refs.counts),
            free=free,
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
