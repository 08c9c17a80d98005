"""The data the JavaScript stages hand each other: a module's analysis, then the module graph.

An `Analysis` is everything the linker and the printer need from one module, taken in one walk
of its tree-sitter tree, as plain tuples (so it pickles into the cache and crosses processes):
its symbols and scopes, every occurrence of a symbol, its import and export records, its
top-level statements with what they declare and use, and the edits that minify it.

Offsets are byte offsets into the module's UTF-8 source, as tree-sitter gives them.
"""

from __future__ import annotations

from dataclasses import dataclass

# Occurrence flags
SHORTHAND = 1  # `{a}` in an object literal or pattern: printed `a: b` when renamed
WRITE = 2  # an assignment target

# Operation codes of Analysis.ops, in document order. Each op is (start, end, code, a, b).
OP_GAP = 0  # a: replacement bytes (minify only): whitespace and comments between tokens
OP_SEMI = 1  # insert ";" at start (a statement that relied on automatic semicolon insertion)
OP_IDENT = 2  # a: symbol id, b: flags
OP_MEMBER = 3  # `ns.prop` on a namespace import: a: symbol id, b: property name
OP_SPEC = 4  # a: import record index (dynamic import or new URL)


@dataclass(frozen=True, slots=True)
class Symbol:
    name: str
    scope: int
    kind: str  # var let const function class param catch import default name


@dataclass(frozen=True, slots=True)
class Scope:
    parent: int  # -1 for the module scope
    function: bool  # holds `var`s
    unsafe: bool  # a direct eval can see its names: they keep them


@dataclass(frozen=True, slots=True)
class ImportRecord:
    specifier: str
    kind: str  # "import", "re-export", "dynamic", "new-url"
    start: int  # the string literal's content
    end: int
    call_start: int  # dynamic: the whole `import(...)` expression
    call_end: int
    statement: int  # the top-level statement of a static import or re-export, else -1
    attr_type: str | None  # `with { type: "json" }`


@dataclass(frozen=True, slots=True)
class ImportBinding:
    symbol: int
    record: int
    imported: str  # a name, "default", or "*"
    start: int  # where the imported name is written (for diagnostics)
    end: int


@dataclass(frozen=True, slots=True)
class Export:
    name: str
    symbol: int  # the local symbol, or -1 for a re-export
    record: int  # the import record of a re-export, or -1
    imported: str  # re-export: the name in the other module, or "*" for `export * as ns`
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Statement:
    start: int
    end: int
    print_start: int  # where its printed text starts (after `export ` or `export default `)
    kind: str  # "code", "import", "re-export", "export-clause", "default-expr", "default-anon"
    name_at: int  # "default-anon": where the function or class gets its name
    declares: tuple[int, ...]
    uses: tuple[int, ...]  # top-level symbols it reads or writes, nested functions included
    side_effects: bool
    members: tuple[tuple[int, str], ...] = ()  # `ns.prop` on namespace imports: (ns, prop)


@dataclass(frozen=True, slots=True)
class Problem:
    start: int
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class Analysis:
    statements: tuple[Statement, ...]
    imports: tuple[ImportRecord, ...]
    import_bindings: tuple[ImportBinding, ...]
    exports: tuple[Export, ...]
    star_exports: tuple[int, ...]  # import records of `export * from`
    symbols: tuple[Symbol, ...]
    scopes: tuple[Scope, ...]
    ops: tuple[tuple[int, int, int, object, object], ...]
    op_starts: tuple[int, ...]
    reference_counts: tuple[int, ...]  # per symbol, for choosing short names
    free: frozenset[str]  # names used but declared nowhere (globals)
    declared: frozenset[str]  # every name declared in any scope
    default_symbol: int  # the symbol of an anonymous default export, or -1
    top_level_await: bool
    commonjs: bool  # uses require/module/exports and has no import or export
    problems: tuple[Problem, ...]
