"""Reading tree-sitter nodes, for the walk: string values and names as JavaScript reads their
escapes, where a node stands (`assigned`, `unary_fits`), and node types the parts share.
"""

from __future__ import annotations

import re

STATEMENT_LISTS = frozenset({"program", "statement_block", "switch_case", "switch_default"})

DECLARATIONS = frozenset(
    {
        "lexical_declaration",
        "class_declaration",
        "function_declaration",
        "generator_function_declaration",
        "using_declaration",
    }
)


FUNCTIONS = frozenset(
    {
        "function_declaration",
        "generator_function_declaration",
        "function_expression",
        "generator_function",
        "arrow_function",
        "method_definition",
        "class_static_block",
    }
)


FUNCTION_DECLARATIONS = frozenset({"function_declaration", "generator_function_declaration"})


def string_value(data: bytes, node) -> str:
    """A string literal's value, as JavaScript reads its escapes (a lone surrogate of
    `"\\uD83D"` stays one; a pair is one character)."""
    raw = data[node.start_byte + 1 : node.end_byte - 1].decode("utf-8", "surrogateescape")
    if "\\" not in raw:
        return raw
    value = _ESCAPE.sub(_unescape, raw)
    return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


_ESCAPE = re.compile(
    r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-3][0-7]{0,2}|[4-7][0-7]?|\r\n|[\s\S])"
)


_SINGLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v"}


def _unescape(match: re.Match) -> str:
    e = match.group(1)
    if e[0] == "u":
        code = int(e[2:-1] if e[1] == "{" else e[1:], 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)  # (an early error)
    if e[0] == "x":
        return chr(int(e[1:], 16))
    if e[0] in "01234567":
        return chr(int(e, 8))
    if e in ("\r\n", "\n", "\r", "\u2028", "\u2029"):
        return ""  # a line continuation
    return _SINGLE.get(e, e)


def unescape_name(raw: str) -> str:
    """`\\u0061` and `\\u{61}` in an identifier, decoded (both spell the same name)."""
    out = []
    i = 0
    while i < len(raw):
        if raw.startswith("\\u{", i):
            end = raw.find("}", i)
            out.append(chr(int(raw[i + 3 : end], 16)))
            i = end + 1
        elif raw.startswith("\\u", i):
            out.append(chr(int(raw[i + 2 : i + 6], 16)))
            i += 6
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def static_string(node) -> bool:
    if node.type == "string":
        return True
    return node.type == "template_string" and not any(
        c.type == "template_substitution" for c in node.named_children
    )


def assigned(node) -> bool:
    """Whether `node` is written to (or deleted)."""
    parent = node.parent
    if parent is None:
        return False
    if parent.type in ("assignment_expression", "augmented_assignment_expression"):
        return parent.child_by_field_name("left") == node
    if parent.type == "unary_expression":
        op = parent.child_by_field_name("operator")
        return op is not None and op.type == "delete"
    return parent.type in ("update_expression", "for_in_statement", "array_pattern")


def unary_fits(node) -> bool:
    """Whether a primary expression may be printed as a unary one (`!0`, `void 0`)."""
    parent = node.parent
    if parent is None:
        return False
    t = parent.type
    if t in ("member_expression", "subscript_expression"):
        return parent.child_by_field_name("object") != node
    if t == "call_expression":
        return parent.child_by_field_name("function") != node
    if t == "binary_expression":
        return not (
            parent.child_by_field_name("left") == node
            and parent.child_by_field_name("operator").type == "**"
        )
    return t not in ("new_expression", "update_expression", "pair_pattern", "object_pattern")


def declared_at_top_level(root):
    """Identifiers declared by top-level statements (for the purity of initialisers)."""
    for child in root.children:
        node = child
        if node.type == "export_statement":
            node = node.child_by_field_name("declaration") or node
        if node.type in (
            "function_declaration",
            "generator_function_declaration",
            "class_declaration",
        ):
            name = node.child_by_field_name("name")
            if name is not None:
                yield name
        elif node.type in ("lexical_declaration", "variable_declaration"):
            for d in node.named_children:
                if d.type == "variable_declarator":
                    name = d.child_by_field_name("name")
                    if name.type == "identifier":
                        yield name
        elif node.type == "import_statement":
            yield from _identifiers(node)


def _identifiers(node):
    for child in node.children:
        if child.type == "identifier":
            yield child
        yield from _identifiers(child)
