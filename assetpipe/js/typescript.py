"""TypeScript and JSX to JavaScript, before analysis: types erased, TypeScript-only constructs
turned into the JavaScript `tsc` writes for them, JSX into calls.

A `.ts`/`.mts`/`.cts` file is parsed with tree-sitter's TypeScript grammar, a `.tsx` file with
its TSX grammar, a `.jsx` file with the JavaScript grammar (which has JSX). One walk of the tree
copies the source through, leaving out what is only a type (annotations, interfaces, type
aliases, `declare`, overload signatures, `abstract` members, `as`/`satisfies`/`!`, type
arguments and parameters, `import type`, imports only types use) and rewriting in place:

- `enum` into an object with reverse mappings for numbers (values folded where constant;
  members read in the same file are inlined, as esbuild does);
- `namespace`/`module` blocks into the function `tsc` writes, with exported declarations
  assigned to the namespace object;
- parameter properties into assignments at the top of the constructor (after `super(...)`);
  with `useDefineForClassFields: false`, instance fields too;
- `accessor` fields into a private field with a getter and setter;
- legacy decorators (`experimentalDecorators`) into `__decorate` calls after the class;
  standard (TC39) decorators into esbuild's `__decorateElement`/`__runInitializers` calls
  (its runtime, `decorators.js`, appended to the module);
- JSX elements into calls of the automatic runtime (`jsx`/`jsxs` from
  `<importSource>/jsx-runtime`) or the classic one (`React.createElement` or a factory),
  with text, entities and whitespace as esbuild makes them.

Where tree-sitter's grammar (0.23) cannot read valid TypeScript, the source is patched before
parsing, inside types only (`_repair_types`: variance annotations, call signatures on their own
line, type-named parameters, `static accessor`).

The result is plain JavaScript for the same analyser every `.js` module goes through, and a
list of segments mapping each byte of it back to the source (copied bytes exactly, generated
ones to the construct they came from), which diagnostics and source maps use. Import and
export statements are printed at the end of the output (they are hoisted; their order among
themselves is kept), once it is known which imported names the code uses as values.

This module is the entry point (`compile_module`) and what the rest of assetpipe imports; the
compiler itself is the package `assetpipe.js.ts`, one module per concern (its docstring is the
map: parsing and repairs, the output and its segments, types erased, imports and exports, enums,
namespaces, classes, decorators, JSX).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import tree_sitter

from .parse import syntax_problems
from .ts.compiler import Compiler
from .ts.jsx import decode_entities, jsx_text
from .ts.parsing import parse
from .ts.segments import js_string, source_offset

__all__ = [
    "EXTENSIONS",
    "Compiled",
    "Options",
    "compile_module",
    "decode_entities",
    "grammar",
    "js_string",
    "jsx_text",
    "source_offset",
]

EXTENSIONS = (".ts", ".mts", ".cts", ".tsx", ".jsx")


@dataclass(frozen=True, slots=True)
class Options:
    """What tsconfig.json (and JSX pragmas) decide about how a file compiles."""

    jsx: str = "automatic"  # or "classic"
    jsx_factory: str = "React.createElement"
    jsx_fragment: str = "React.Fragment"
    jsx_import_source: str = "react"
    experimental_decorators: bool = False
    decorator_metadata: bool = False  # emitDecoratorMetadata: refused (it needs the types)
    define_fields: bool = True  # useDefineForClassFields
    verbatim: bool = False  # verbatimModuleSyntax / preserveValueImports: imports stay
    # const enums this file imports from others, whose members are inlined here:
    # ((local name, ((member, value), ...)), ...)
    enums: tuple = ()

    def key(self) -> str:
        return json.dumps([getattr(self, f) for f in self.__dataclass_fields__])


@dataclass(frozen=True, slots=True)
class Compiled:
    code: bytes  # the JavaScript
    segments: tuple[int, ...]  # (output offset, source offset, copied) triples, by output
    problems: tuple[tuple[int, int, str], ...]  # (start, end, message), source byte offsets
    enums: tuple = ()  # the `export const enum`s: ((name, ((member, value), ...)), ...)


def grammar(path: str) -> str:
    if path.endswith(".tsx"):
        return "tsx"
    if path.endswith(".jsx"):
        return "jsx"
    return "ts"


def compile_module(data: bytes, kind: str, options: Options) -> Compiled:
    """`data`, the source of a module in grammar `kind` ("ts", "tsx", "jsx"), as JavaScript."""
    tree, accessors = parse(data, kind)
    root = tree.root_node
    if root.has_error:
        problems = syntax_problems(root, data, lambda b: b)
        return Compiled(
            b"", (), tuple((p.offset, p.offset + p.length, p.message) for p in problems)
        )
    compiler = Compiler(data, _pragmas(root, data, options), kind, root, accessors)
    compiler.program(root)
    return Compiled(
        bytes(compiler.out),
        tuple(compiler.segments),
        tuple(compiler.problems),
        tuple(compiler.exported_enums),
    )


_PRAGMA = re.compile(rb"@(jsx|jsxFrag|jsxImportSource|jsxRuntime)\s+(\S+)")


def _pragmas(root: tree_sitter.Node, data: bytes, options: Options) -> Options:
    """`/** @jsx h */`, `@jsxFrag`, `@jsxImportSource`, `@jsxRuntime` in the file's comments."""
    found = {}
    for child in root.children:
        if child.type == "comment":
            for name, value in _PRAGMA.findall(data[child.start_byte : child.end_byte]):
                found[name.decode()] = value.decode("utf-8", "replace").rstrip("*/")
    if not found:
        return options
    changes: dict = {}
    if "jsxImportSource" in found:
        changes.update(jsx="automatic", jsx_import_source=found["jsxImportSource"])
    if "jsx" in found:
        changes.update(jsx="classic", jsx_factory=found["jsx"])
    if "jsxFrag" in found:
        changes["jsx_fragment"] = found["jsxFrag"]
    if found.get("jsxRuntime") in ("classic", "automatic"):
        changes["jsx"] = found["jsxRuntime"]
    fields = {f: getattr(options, f) for f in options.__dataclass_fields__}
    return Options(**{**fields, **changes})
