"""Statements joined when minified, as esbuild writes them.

- `let a=1;let b=2` in a block: `let a=1,b=2` (`merge_declaration`);
- `a();b()` in a block: `a(),b()` (`expression_statement`), which lets a block of them lose
  its braces;
- a loop's or `if`'s block of one statement: without its braces (`unbraced`), the statement's
  `;` settled by the token after the `}` (`tokens.settle_semicolon`);
- `if(a)return!1;if(b)return!1`: `if(a||b)return!1` (`if_run`);
- `if(a)return X;if(b)return Y;return Z`: `return a?X:b?Y:Z` (`return_chain`).

Each join is a few `Gap` ops over the keywords and punctuation between the parts (minified
output only). A statement that a condition known at build time decides (`folding.py`) is
never joined: the functions here take `decided`, which says so.
"""

from __future__ import annotations

from ..ops import Gap, Semi
from .nodes import DECLARATIONS
from .tokens import SPACE_BEFORE, SPACE_BETWEEN


class Joins:
    """The minifier's joins of statements, for `_Walker` (`analyze.py`)."""

    def init_joins(self) -> None:
        self.joined_ifs: set[int] = set()  # `if`s printed with the one before (`if_run`)
        self.unbraced_blocks: set[int] = set()  # where blocks printed without braces start

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
        space = b" " if SPACE_BETWEEN[before] & SPACE_BEFORE[first] else b""
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

    def if_run(self, run: list) -> None:
        """`if(a)return!1;if(b)return!1` minifies to `if(a||b)return!1`, as esbuild writes it:
        what lies between one condition and the next (the first `return` and the second `if`
        hold no names: `if_run_of`) becomes `||`."""
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
        writes it: only keywords and punctuation lie between the parts (`return_chain_of`), and
        they become `return `, `?` and `:`."""
        *ifs, final = chain
        first = ifs[0]
        condition = first.child_by_field_name("condition").named_children[0]
        space = self.space_before(first.start_byte, 0x72)  # `r`
        keyword = space + b"return"
        if SPACE_BETWEEN[0x6E] & SPACE_BEFORE[self.data[condition.start_byte]]:
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


_JOINED_IN = frozenset({"statement_block", "switch_case", "switch_default"})

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


def if_run_of(node, decided) -> list:
    """`node` and the `if` statements right after it that `Joins.if_run` joins into one: no
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


def return_chain_of(node, decided) -> list:
    """`node`, the `if (c) return X` statements right after it and the `return Z` that ends
    them (`Joins.return_chain`), or []."""
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


def _joinable(node, decided) -> bool:
    """Whether an expression statement may join its neighbours in a comma expression: not a
    string (a directive such as "use strict" would stop being one), and nothing `decided` (known
    at build time) leaves out (`process.env.NODE_ENV !== "production" && warn()`)."""
    expr = node.named_children[0] if node.named_child_count else None
    if expr is None or expr.type in ("string", "comment"):
        return False
    if expr.type == "binary_expression":  # what `Folding.dead_statement` may leave out
        left = expr.child_by_field_name("left")
        return expr.child_by_field_name("operator").type not in ("&&", "||") or not decided(left)
    return True


def braces_optional(node, decided) -> bool:
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
    if len(inner) > 1 and not else_follows and len(if_run_of(inner[0], decided)) == len(inner):
        return True  # one `if` once minified (`if_run`)
    if len(inner) != 1 or inner[0].type in DECLARATIONS:
        return False
    return not else_follows or inner[0].type in _SIMPLE_STATEMENTS
