"""Statements' early errors: what a module may not contain although tree-sitter's grammar parses it.

`break` and `continue` need an enclosing loop, switch or label of the right kind (`labels`,
`loops` and `breakable`, which start over in each function); `return` needs a function,
`await` and `yield` their places; `with` and nested `import`/`export` are not allowed. The
checks themselves are in `early.py`; these handlers hold the context they need.
"""

from __future__ import annotations

from .. import early


class Statements:
    """Control flow of `_Walker` (`analyze.py`), for its early errors."""

    def init_statements(self) -> None:
        self.labels: list[tuple[str, bool]] = []  # enclosing labels: (name, of a loop)
        self.loops = 0  # enclosing loops, in this function
        self.breakable = 0  # enclosing loops and switches, in this function

    def nested_module_syntax(self, node, mode: str | None) -> None:
        word = "import" if node.type == "import_statement" else "export"
        self.early(node, f"an {word} declaration may only appear at the top level of a module")
        self.visit_leaves(node)

    def with_statement(self, node, mode: str | None) -> None:
        self.early(node.children[0], "'with' is not allowed in strict mode (a module)")
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

    def await_(self, node, mode: str | None) -> None:
        if self.depth == 0:
            self.top_level_await = True
        elif early.in_static_block(node):
            self.early(node, "'await' is not allowed in a class static block")
        elif problem := early.await_problem(node):
            self.early(node.children[0], problem)
        self.visit_children(node)


_LOOPS = frozenset({"for_statement", "for_in_statement", "while_statement", "do_statement"})
