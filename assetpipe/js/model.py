"""The data the JavaScript stages hand each other: a module's analysis, then the module graph.

An `Analysis` is everything the linker and the printer need from one module, taken in one walk
of its tree-sitter tree: its symbols, its import and export records, its top-level statements
with what they declare and use, and for each statement a `Template`: its printed bytes with
holes where top-level names, namespace members and import URLs go (everything else, minified
whitespace and renamed locals included, is already in the bytes). Records are named tuples
rather than dataclasses because there are hundreds of thousands of them in a large graph and
they are pickled into the cache and across processes, where tuples are several times faster.

Offsets are byte offsets into the module's UTF-8 source, as tree-sitter gives them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

# Occurrence flags
SHORTHAND = 1  # `{a}` in an object literal or pattern: printed `a: b` when renamed
WRITE = 2  # an assignment target
PROTO = 4  # shorthand `{__proto__}` in an object literal: an own property, not the prototype
CALL = 8  # the callee of a call (`f()`, f`x`): a property read there is printed `(0, a.f)()`

# The part of an `import()` whose options are known at run time only (`ops.Spec.part`, and
# b of its HOLE_SPEC): `import(spec` or its `)`, the options printed as written between
SPEC_HEAD = 1
SPEC_TAIL = 2


class Symbol(NamedTuple):
    name: str
    scope: int
    kind: str  # var let const function class param catch import default name


class Scope(NamedTuple):
    parent: int  # -1 for the module scope
    function: bool  # holds `var`s
    unsafe: bool  # a direct eval can see its names: they keep them


class ImportRecord(NamedTuple):
    specifier: str
    # "import", "re-export", "dynamic", "new-url", "require", or a `new URL` that names a
    # worker: "worker", "worker-classic", "service-worker", "service-worker-classic"
    kind: str
    start: int  # the string literal's content
    end: int
    call_start: int  # dynamic: the whole `import(...)` expression
    call_end: int
    statement: int  # the top-level statement of a static import or re-export, else -1
    attr_type: str | None  # `with { type: "json" }`
    # dynamic: the code handles the import failing (inside `try`, or `import().catch(...)`),
    # so a module that cannot be found is left to fail at run time, as esbuild does
    handled: bool = False


class ImportBinding(NamedTuple):
    symbol: int
    record: int
    imported: str  # a name, "default", or "*"
    start: int  # where the imported name is written (for diagnostics)
    end: int


class Export(NamedTuple):
    name: str
    symbol: int  # the local symbol, or -1 for a re-export
    record: int  # the import record of a re-export, or -1
    imported: str  # re-export: the name in the other module, or "*" for `export * as ns`
    start: int
    end: int


class Statement(NamedTuple):
    start: int
    end: int
    print_start: int  # where its printed text starts (after `export ` or `export default `)
    kind: str  # "code", "import", "re-export", "export-clause", "default-expr", "default-anon"
    name_at: int  # "default-anon": where the function or class gets its name
    declares: tuple[int, ...]
    uses: tuple[int, ...]  # top-level symbols it reads or writes, nested functions included
    side_effects: bool
    members: tuple[tuple[int, str], ...] = ()  # `ns.prop` on namespace imports: (ns, prop)


WORKERS = ("worker", "worker-classic", "service-worker", "service-worker-classic")


class Problem(NamedTuple):
    start: int
    end: int
    message: str


# Holes of a template: (code, a, b)
HOLE_IDENT = 0  # a top-level symbol: a: symbol id, b: flags
HOLE_MEMBER = 1  # `ns.prop`: a: the namespace import's symbol id, b: prop
HOLE_SPEC = 2  # a: import record index (dynamic import or new URL); b: as `ops.Spec.part`
HOLE_DEFAULT = 3  # where an anonymous default-exported function or class gets its name


class Template(NamedTuple):
    """A statement's printed form: bytes and holes in order, and source-map points, a flat
    tuple of (item index, offset in that item, source byte offset) triples, one per source
    line the statement spans."""

    items: tuple[bytes | tuple[int, object, object], ...]
    maps: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Analysis:
    statements: tuple[Statement, ...]
    imports: tuple[ImportRecord, ...]
    import_bindings: tuple[ImportBinding, ...]
    exports: tuple[Export, ...]
    star_exports: tuple[int, ...]  # import records of `export * from`
    symbols: tuple[Symbol, ...]
    reference_counts: tuple[int, ...]  # per symbol, for choosing short names
    free: frozenset[str]  # names used but declared nowhere (globals)
    nested: frozenset[str]  # names the printed nested scopes declare (top-level names avoid them)
    templates: tuple[Template, ...]  # per statement, for the mode it was analysed for
    default_symbol: int  # the symbol of an anonymous default export, or -1
    top_level_await: bool
    commonjs: bool  # CommonJS: analysed as the body of `function(exports, module){...}`
    problems: tuple[Problem, ...]
    legal_comments: tuple[bytes, ...] = ()  # licence comments, kept at the end of the chunk
    direct_eval: bool = False  # a direct eval can see every top-level name: keep them all
    # CommonJS (`commonjs`): the names its code visibly exports, and the `require` records
    # whose exports it passes on (`module.exports = require("./x")`)
    cjs_exports: tuple[str, ...] = ()
    cjs_reexports: tuple[int, ...] = ()
    computed_requires: tuple[tuple[int, int], ...] = ()  # `require(name)`: (start, end)
