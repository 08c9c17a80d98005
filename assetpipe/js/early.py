"""Early errors: code the language refuses before running it, which tree-sitter's grammar
accepts. A module is strict code, so these are SyntaxErrors in every browser; the bundle must
not turn them into code that runs (tree shaking drops a duplicate `let`, minifying joins
`throw` and its value across a line break). esbuild reports them too.

The walker (`analyze.py`) calls these where it has the facts: scopes for duplicate and
conflicting declarations, a label stack for `break` and `continue`. Each check is
conservative: a false alarm would refuse a user's valid code, so only what the specification
says is an error is one. Messages name the rule as a user would look it up.
"""

from __future__ import annotations

LEXICAL = frozenset({"let", "const", "class", "import"})
# reserved in strict code, never a name there (`await` and `yield` are too, but tree-sitter
# reads `await (x)` and `yield (x)` as calls of a name: those are left to the browser)
STRICT_RESERVED = frozenset(
    {
        "implements",
        "interface",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "let",
        "enum",
    }
)
REGEX_FLAGS = frozenset("dgimsuvy")


def conflict(old: str, new: str, function_scope: bool) -> bool:
    """Whether declaring a name of kind `new` where one of kind `old` is declared in the same
    scope is an error: lexical declarations (functions too at a module's top level and in
    blocks) take their name alone; parameters may not repeat in strict code."""
    if "default" in (old, new) or "name" in (old, new):
        return False

    def lexical(kind: str) -> bool:
        return kind in LEXICAL or (kind == "function" and not function_scope)

    if lexical(old) or lexical(new):
        return True
    return old == new == "param"


def number_problem(raw: bytes) -> str | None:
    """A legacy octal literal (`010`) or a decimal with a leading zero (`08`)."""
    if len(raw) > 1 and raw[:1] == b"0" and raw[1:2].isdigit():
        return "legacy octal literals are not allowed in strict mode (write 0o10)"
    return None


def string_problem(raw: bytes) -> int:
    """The offset in `raw` of an octal escape (`\\01`, `\\7`) or `\\8`, `\\9`, or -1."""
    i = 1
    while i < len(raw) - 1:
        if raw[i] == 0x5C:
            nxt = raw[i + 1 : i + 2]
            if nxt.isdigit() and (nxt != b"0" or raw[i + 2 : i + 3].isdigit()):
                return i
            i += 2
        else:
            i += 1
    return -1


def regex_flags_problem(flags: bytes) -> str | None:
    text = flags.decode("utf-8", "replace")
    if any(c not in REGEX_FLAGS for c in text):
        return f"invalid regular expression flags '{text}'"
    if len(set(text)) != len(text):
        return f"duplicate regular expression flag in '{text}'"
    if "u" in text and "v" in text:
        return "regular expression flags 'u' and 'v' cannot be used together"
    return None


def simple_parameters(params) -> bool:
    """Whether every parameter is a plain name (no default, pattern or rest)."""
    return all(p.type in ("identifier", "comment") for p in params.named_children)


def has_use_strict(body) -> bool:
    """Whether a function body's directive prologue has "use strict"."""
    for child in body.named_children:
        if child.type == "comment":
            continue
        if child.type != "expression_statement" or child.named_child_count != 1:
            return False
        value = child.named_children[0]
        if value.type != "string":
            return False
        if value.text[1:-1] == b"use strict":
            return True
    return False
