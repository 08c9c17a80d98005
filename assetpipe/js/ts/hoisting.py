"""Import and export statements. They are left out where they stand (a `;` keeps the
statements around them apart) and printed at the end of the output, in their order
(`finish_deferred`, called by `Compiler.program`): by then the walk knows which imported names
the code reads as values, and imports only types use are left out, as `tsc` does (unless
`verbatimModuleSyntax`). Declarations that are exported (`export class`, `export enum`) stay in
place; `export =` and `import x = require()` (CommonJS) are refused."""

from __future__ import annotations

import tree_sitter

from .namespaces import instantiated
from .node_types import CLASSES, STATEMENT_LISTS, TYPE_STATEMENTS, decorated
from .segments import Output


class ImportsExports(Output):
    """Handlers of `import`, `import A = N.B` and `export`. State: `deferred` (the statements
    printed at the end), `used` (names the code reads as values)."""

    def import_statement(self, node: tree_sitter.Node) -> None:
        if any(c.type == "import_require_clause" for c in node.children):
            self.error(
                node,
                "import x = require() is CommonJS, which TypeScript compiles for Node: "
                "write import x from '...'",
            )
            return
        self.drop(node.start_byte, node.end_byte)
        if node.parent is not None and node.parent.type in STATEMENT_LISTS:
            self.put(";", node.start_byte)
        if not any(c.type == "type" for c in node.children):
            self.deferred.append(node)

    def import_alias(self, node: tree_sitter.Node) -> None:
        """`import A = N.B` (an alias of a namespace member): `var A = N.B`; left out when
        code uses `A` only as a type, as `tsc` does (`N` may not exist at run time)."""
        name = node.named_children[0]
        exported = node.parent is not None and node.parent.type == "export_statement"
        if not exported and not self.used_as_value(name):
            self.drop_statement(node)
            return
        keyword = node.children[0]
        self.drop(keyword.start_byte, keyword.end_byte)
        self.put("var", keyword.start_byte)
        for child in node.children[1:]:
            self.walk(child)

    def export_statement(self, node: tree_sitter.Node) -> None:
        children = node.children
        declaration = node.child_by_field_name("declaration")
        if len(children) > 1 and children[1].type in ("=", "as"):
            if children[1].type == "=":
                self.error(
                    node,
                    "export = is CommonJS, which TypeScript compiles for Node: "
                    "write export default",
                )
            self.drop_statement(node)
            return
        if any(c.type == "type" for c in children[:2]):  # export type {...}, export type * ...
            self.drop_statement(node)
            return
        if declaration is not None and (
            declaration.type in TYPE_STATEMENTS
            or (declaration.type in ("internal_module", "module") and not instantiated(declaration))
        ):
            self.drop_statement(node)
            return
        if declaration is None and (
            any(c.type == "export_clause" for c in children)
            or node.child_by_field_name("source") is not None
        ):  # export lists and `export * from`: printed with the imports, in their order
            self.drop(node.start_byte, node.end_byte)
            if node.parent is not None and node.parent.type in STATEMENT_LISTS:
                self.put(";", node.start_byte)
            self.deferred.append(node)
            return
        if self.namespaces and node.parent is not None and node.parent.type == "statement_block":
            self.namespace_export(node, declaration)
            return
        value = node.child_by_field_name("value")
        if (
            value is not None
            and value.type == "identifier"
            and self.text(value) in self.type_only
            and children[1].type == "default"
        ):
            self.drop_statement(node)
            return
        target = declaration if declaration is not None else value
        if target is not None and target.type in CLASSES and decorated(target):
            self.decorated_class(target, export=node)
            return
        for child in children:
            self.walk(child)

    def finish_deferred(self) -> None:
        """The import and export-list statements, in their order, without what only types
        need. Export lists go first, for the imported names they use."""
        lists = [n for n in self.deferred if n.type == "export_statement" and _clause(n)]
        kept = {id(n): self.exported(n) for n in lists}
        for node in self.deferred:
            if id(node) in kept:
                self.export_list(node, kept[id(node)])
            elif node.type == "export_statement":  # export * from, export * as ns from
                self.put("\n", node.start_byte)
                self.pos = node.start_byte
                self.copy_to(node.end_byte)
                self.put("\n", node.end_byte)
            else:
                self.import_list(node)

    def exported(self, node: tree_sitter.Node) -> list[tree_sitter.Node] | None:
        """The specifiers of an export list that export values (None: leave the statement
        out, as `tsc` does when all of them are types)."""
        clause = next(c for c in node.children if c.type == "export_clause")
        source = node.child_by_field_name("source")
        specs = [s for s in clause.named_children if s.type == "export_specifier"]
        kept = []
        for spec in specs:
            name = spec.child_by_field_name("name")
            if any(c.type == "type" for c in spec.children) or name is None:
                continue
            if source is None and self.text(name) in self.type_only:
                continue
            if source is None:
                self.used.add(self.text(name))
            kept.append(spec)
        if specs and not kept and self.typescript:
            return None
        return kept

    def export_list(self, node: tree_sitter.Node, kept) -> None:
        if kept is None:
            return
        clause = next(c for c in node.children if c.type == "export_clause")
        source = node.child_by_field_name("source")
        self.put("\nexport { ", node.start_byte)
        self.copy_list(kept)
        self.put(" }", clause.end_byte)
        if source is not None:
            self.put(" ", clause.end_byte)
            self.pos = clause.end_byte
            self.skip_space()
            self.copy_to(node.end_byte)
        self.put("\n", node.end_byte)

    def import_list(self, node: tree_sitter.Node) -> None:
        clause = next((c for c in node.children if c.type == "import_clause"), None)
        source = node.child_by_field_name("source")
        if source is None:
            return
        if clause is None:  # import "x": kept for its effects
            self.put("\n", node.start_byte)
            self.pos = node.start_byte
            self.copy_to(node.end_byte)
            self.put("\n", node.end_byte)
            return
        default, star, named, any_named = _import_clause(clause)
        verbatim = self.options.verbatim or not self.typescript

        def used(n: tree_sitter.Node) -> bool:
            if verbatim:
                return True
            local = n
            if n.type == "import_specifier":
                local = n.child_by_field_name("alias") or n.child_by_field_name("name")
            elif n.type == "namespace_import":
                local = n.named_children[-1]
            return self.text(local) in self.used

        default = default if default is not None and used(default) else None
        star = star if star is not None and used(star) else None
        named = [s for s in named if used(s)]
        parts = []
        if default is not None:
            parts.append(("node", default))
        if star is not None:
            parts.append(("node", star))
        if named:
            parts.append(("named", named))
        if not parts:
            if verbatim or not (default or star or any_named) and not self.typescript:
                self.put("\nimport ", node.start_byte)
                self.pos = source.start_byte
                self.copy_to(node.end_byte)
                self.put("\n", node.end_byte)
            return
        self.put("\nimport ", node.start_byte)
        for i, (what, value) in enumerate(parts):
            if i:
                self.put(", ", clause.start_byte)
            if what == "node":
                self.pos = value.start_byte
                self.copy_to(value.end_byte)
            else:
                self.put("{ ", clause.start_byte)
                self.copy_list(value)
                self.put(" }", clause.start_byte)
        self.put(" from ", source.start_byte)
        self.pos = source.start_byte
        self.copy_to(node.end_byte)
        self.put("\n", node.end_byte)


def _clause(node: tree_sitter.Node) -> bool:
    return any(c.type == "export_clause" for c in node.children)


def _import_clause(clause: tree_sitter.Node):
    """The default import, the `* as ns` import and the named imports (not `type` ones) of an
    import clause, and whether it had named imports at all."""
    default = None
    star = None
    named = []
    any_named = False
    for child in clause.named_children:
        if child.type == "identifier":
            default = child
        elif child.type == "namespace_import":
            star = child
        elif child.type == "named_imports":
            for spec in child.named_children:
                if spec.type != "import_specifier":
                    continue
                any_named = True
                if any(c.type == "type" for c in spec.children):
                    continue
                named.append(spec)
    return default, star, named, any_named
