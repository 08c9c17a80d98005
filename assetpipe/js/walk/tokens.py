"""Tokens: the edits between and over them that minify a module, in the walk's document order.

Every token the walk meets goes through `leaf` (or `visit`'s inline copy of it): the whitespace
and comments before it become a `Gap` of b"" or b" " (a space only where the two tokens would
otherwise read as one, `SPACE_BETWEEN`, `SPACE_BEFORE`), legal comments are kept aside, and a
statement's `;` that automatic semicolon insertion supplied becomes an explicit `Semi`.
Literals are spelled shorter (`shorten.py`), and `replace`/`keep_only` print something else in
place of a node (`Cut`): a define's value, or what a condition known at build time keeps.

State: `ops` (the edits so far), `prev_end` (where the last token walked ends), and what
printing across a cut needs to know about the bytes printed last (`cut_end`, `cut_byte`).
"""

from __future__ import annotations

from .. import early, shorten
from ..model import Problem
from ..ops import Cut, Gap, Op, Semi, make
from .nodes import unary_fits

_OPAQUE = frozenset({"string", "regex", "number"})

_NO_REQUOTE = frozenset({"import_statement", "export_statement", "import_attribute"})


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
WORD, _PLUS, _MINUS, _SLASH, _LT = 1, 2, 4, 8, 16

SPACE_BETWEEN = [
    (WORD if _ident_byte(b) else 0)
    | (_PLUS if b == 0x2B else 0)
    | (_MINUS if b == 0x2D else 0)
    | (_SLASH if b == 0x2F else 0)
    | (_LT if b == 0x3C else 0)
    for b in range(256)
]

SPACE_BEFORE = [
    (WORD if _ident_byte(b) else 0)
    | (_PLUS | _MINUS if b in (0x2B, 0x2D) else 0)  # a + +b, a - --b, a + -b
    | (_SLASH if b in (0x2F, 0x2A) else 0)  # a / /re/
    | (_LT if b == 0x21 else 0)  # <!
    for b in range(256)
]


class Tokens:
    """The minifier's edits of `_Walker` (`analyze.py`): gaps, semicolons, cuts, literals."""

    def init_tokens(self) -> None:
        self.ops: list[Op | None] = []  # (None: a reference, until `Scopes.resolve`)
        self.prev_end = 0  # where the last token walked ends
        self.prev_number = False  # the last token was a number (`1 .x`)
        self.semi_end = -1  # where the last statement-ending semicolon (written or not) ends
        self.need_semi = -1  # where a `;` goes unless the next token is `}` (see `unbraced`)
        self.regex_end = -1  # where the last regular expression literal ended
        self.cut_end = -1  # a cut ending here printed `cut_byte` last (not the source's byte)
        self.cut_byte = 0
        self.legal: list[bytes] = []  # legal comments, kept for the end of the chunk
        self.undefined_spans: list[tuple[int, int]] = []  # may print `void 0`, unless...
        self.undefined_bound = False  # ... the module binds the name (`function(undefined)`)

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
            if type(last) is Gap and last.end >= start and last.start <= self.prev_end:
                return  # already replaced (see `merge_declaration`)
        a = self.cut_byte if self.prev_end == self.cut_end else data[self.prev_end - 1]
        b = next_byte if next_byte >= 0 else data[start]
        space = (SPACE_BETWEEN[a] & SPACE_BEFORE[b]) or (self.prev_number and b == 0x2E)
        if not space and self.prev_end == self.regex_end and SPACE_BEFORE[b] & WORD:
            space = True  # `/a/ in x`: a word after a regex would read as its flags
        if space and self.ops:
            i = len(self.ops) - 1
            while i > 0 and type(self.ops[i]) is Cut and self.ops[i].text == b"":
                i -= 1  # statements a define left out
            last = self.ops[i]
            if type(last) is Semi and last.start == self.prev_end:
                space = False  # `a=1;let` once the semicolon that ASI supplied is written
        self.ops.append(make(Gap, (self.prev_end, start, b" " if space else b"")))

    def skip_to(self, node) -> None:
        """Keep the text before `node` as it is (inside template literals)."""
        self.prev_end = node.start_byte

    def comment(self, node, mode: str | None = None) -> None:
        """Comments go, but legal ones (`/*!`, `//!`, `@license`, `@preserve`) are collected:
        the bundle puts them at the end of the chunk, as esbuild does."""
        text = self.data[node.start_byte : node.end_byte]
        if text[2:3] == b"!" or b"@license" in text or b"@preserve" in text:
            self.legal.append(text)

    def semicolon(self, node) -> None:
        """Make a semicolon that automatic semicolon insertion supplied explicit, after the
        statement's last token (a trailing comment may belong to the node: `x = 1 // why`)."""
        children = node.children
        i = len(children) - 1
        while i > 0 and children[i].type in ("comment", "html_comment"):
            i -= 1
        end = children[i].end_byte
        if children[i].type != ";":
            self.ops.append(make(Semi, (end, end)))
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

    def settle_semicolon(self, next_type: str) -> None:
        """After a block printed without braces whose statement lost its `;`: the `;` again,
        unless the next token is `}` (or there is none)."""
        if next_type != "}":
            self.ops.append(Gap(self.need_semi, self.need_semi, b";"))
        self.need_semi = -1

    def space_before(self, start: int, first: int) -> bytes:
        """Before printing a cut whose first byte is `first` at `start`: the gap to the token
        before (b"" then), or, when they touch in the source, a space if the two need one."""
        if self.need_semi >= 0:
            self.settle_semicolon("")
        if start > self.prev_end:
            self.gap(start, first)
            return b""
        before = self.cut_byte if self.prev_end == self.cut_end else self.data[start - 1]
        return b" " if self.prev_end and SPACE_BETWEEN[before] & SPACE_BEFORE[first] else b""

    def glue(self, start: int) -> None:
        """The token at `start` touches a cut in the source: a space if the cut's last printed
        byte and the token's first need one (`ain` from `a:"b"in`)."""
        if SPACE_BETWEEN[self.cut_byte] & SPACE_BEFORE[self.data[start]]:
            self.ops.append(Cut(start, start, b" "))

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

    def listing(self, node, mode: str | None) -> None:
        """An array, object or argument list: minified without a trailing comma (`[1,2,]`)."""
        trailing = trailing_comma(node)
        for child in node.children:
            self.visit(child, mode)
            if child == trailing:
                self.ops.append(Gap(child.start_byte, child.end_byte, b""))

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
        if unary_fits(node):
            self.shorter(node, shorten.LITERALS[self.data[node.start_byte : node.end_byte]])
        else:
            self.leaf(node)

    def undefined(self, node, mode: str | None) -> None:
        """`undefined` (a token of its own in tree-sitter's grammar): `void 0` when minified,
        if the module never binds the name."""
        if mode is not None and mode != "assign" or node.parent.type == "formal_parameters":
            self.undefined_bound = True
        elif unary_fits(node):
            self.undefined_spans.append((node.start_byte, node.end_byte))
        self.leaf(node)

    def jsx(self, node, mode: str | None) -> None:
        self.problems.append(
            Problem(
                node.start_byte,
                node.start_byte + 1,
                "JSX is not supported: compile it to JavaScript first",
            )
        )
        self.leaf(node)

    def visit_leaves(self, node) -> None:
        """Walk a statement that is never printed as written, for its tokens' gaps only."""
        if node.child_count == 0 or node.type in _OPAQUE:
            self.leaf(node)
            return
        for child in node.children:
            self.visit_leaves(child)


def trailing_comma(node):
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
