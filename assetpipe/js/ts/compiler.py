"""The compiler: one walk of the tree, in source order, with a cursor (`Output.pos`).

`walk(node)` looks the node's type up in `HANDLERS`: a handler compiles the node (and the
nodes inside it, by calling `walk` on them); a node that is only a type is left out; an
identifier is noted as used; any other node is walked into, its named children in turn. What
no handler touches is copied through as it is, by the next `copy_to`. `program` walks the
whole file, then prints what goes at the end (the hoisted imports and exports, the JSX
runtime's imports, the decorators' runtime helpers).

The handlers live in one mixin per concern (see the package's docstring); `Compiler` holds the
state they share, set up in `__init__`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import tree_sitter

from .classes import Classes
from .decorators import HELPERS, LegacyDecorators
from .enums import Enums
from .erase import TypeErasure
from .hoisting import ImportsExports
from .jsx import Jsx
from .namespaces import Namespaces
from .node_types import LEAVES, TYPE_STATEMENTS, TYPES
from .segments import Output
from .standard_decorators import Plan, StandardDecorators

if TYPE_CHECKING:
    from ..typescript import Options


class Compiler(
    TypeErasure,
    ImportsExports,
    Enums,
    Namespaces,
    Classes,
    LegacyDecorators,
    StandardDecorators,
    Jsx,
    Output,
):
    """One file's compilation: `program(root)`, then `out`, `segments`, `problems`,
    `exported_enums` are the result."""

    def __init__(
        self,
        data: bytes,
        options: Options,
        kind: str,
        root: tree_sitter.Node,
        static_accessors: set[int],
    ) -> None:
        self.src = data
        self.options = options
        self.typescript = kind != "jsx"
        self.out = bytearray()
        self.segments: list[int] = []
        self.pos = 0
        self.problems: list[tuple[int, int, str]] = []
        self.used: set[bytes] = set()  # names the code uses as values
        self.deferred: list[tree_sitter.Node] = []  # import and export lists, printed last
        self.type_only: set[bytes] = set()  # names that are only types here
        self.const_enums: dict[bytes, dict[str, object]] = {
            local.encode(): dict(members) for local, members in options.enums
        }
        self.exported_enums: list = []
        self.helpers: set[str] = set()
        self.runtime: dict[tuple[str, str], str] = {}  # (module, export) -> local name
        self.namespaces: list[bytes] = []  # the namespaces being compiled, innermost last
        self.static_accessors = static_accessors  # `static accessor` members, by start
        self.value_names: set[tuple[int, bytes]] | None = None  # identifiers outside types
        self.plan: Plan | None = None  # standard decorators of the class being compiled
        self.planned = False
        self.private_names = 0
        self.root = root
        self.kind = kind

    def program(self, root: tree_sitter.Node) -> None:
        """The whole file, then what is printed at its end."""
        self.declared_types(root)
        self.pos = 0
        self.statements(root)
        self.copy_to(root.end_byte)
        tail_at = root.end_byte
        self.finish_deferred()
        for source in sorted({m for m, _ in self.runtime}):
            names = ", ".join(
                f"{e} as {local}" for (m, e), local in sorted(self.runtime.items()) if m == source
            )
            self.put(f"\nimport {{ {names} }} from {json.dumps(source)};\n", tail_at)
        for helper in sorted(self.helpers):
            self.put(HELPERS[helper], tail_at)

    def statements(self, node: tree_sitter.Node) -> None:
        for child in node.children:
            self.walk(child)

    def walk(self, node: tree_sitter.Node) -> None:
        """Compile `node` (the cursor is at or before its start; what no handler writes or
        drops is copied by a later `copy_to`)."""
        kind = node.type
        handler = HANDLERS.get(kind)
        if handler is not None:
            handler(self, node)
            return
        if kind in TYPES:
            self.drop(node.start_byte, node.end_byte)
            return
        if kind in TYPE_STATEMENTS:
            self.drop_statement(node)
            return
        if kind == "identifier" or kind == "shorthand_property_identifier":
            self.used.add(self.src[node.start_byte : node.end_byte])
            return
        # tokens (keywords, punctuation) never need anything: only named nodes are visited,
        # and leaves are dealt with here rather than by a call each
        used, src = self.used, self.src
        for child in node.named_children:
            kind = child.type
            if kind == "identifier" or kind == "shorthand_property_identifier":
                used.add(src[child.start_byte : child.end_byte])
            elif kind not in LEAVES:
                self.walk(child)


# Which method compiles which node type, by the module it is in (`walk` does the rest).
HANDLERS = {
    # erase
    "as_expression": Compiler.first_only,
    "satisfies_expression": Compiler.first_only,
    "non_null_expression": Compiler.first_only,
    "instantiation_expression": Compiler.first_only,
    "type_assertion": Compiler.type_assertion,
    "arrow_function": Compiler.arrow_function,
    "call_expression": Compiler.call_expression,
    "required_parameter": Compiler.parameter,
    "optional_parameter": Compiler.parameter,
    "formal_parameters": Compiler.formal_parameters,
    "variable_declarator": Compiler.variable_declarator,
    "expression_statement": Compiler.statement,
    "lexical_declaration": Compiler.statement,
    "variable_declaration": Compiler.statement,
    "return_statement": Compiler.statement,
    "throw_statement": Compiler.statement,
    # enums (enum members read are inlined; otherwise as `call_expression`)
    "member_expression": Compiler.member_expression,
    "subscript_expression": Compiler.member_expression,
    "enum_declaration": Compiler.enum_declaration,
    # imports
    "import_statement": Compiler.import_statement,
    "import_alias": Compiler.import_alias,
    "export_statement": Compiler.export_statement,
    # namespaces
    "internal_module": Compiler.namespace,
    "module": Compiler.namespace,
    # classes (and, for decorated ones, decorators)
    "class_declaration": Compiler.class_declaration,
    "abstract_class_declaration": Compiler.class_declaration,
    "class": Compiler.class_declaration,
    # jsx
    "jsx_element": Compiler.jsx,
    "jsx_self_closing_element": Compiler.jsx,
}
