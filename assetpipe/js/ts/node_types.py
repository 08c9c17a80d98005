"""The vocabulary of tree-sitter node types the compiler's concerns share: what is only a type,
where statements are listed, which nodes have nothing inside to compile; and small tests on
class nodes (`decorated`, `is_static`, `is_ambient`)."""

from __future__ import annotations

# Nodes that are only types, wherever they are.
TYPES = frozenset(
    {
        "type_annotation",
        "type_arguments",
        "type_parameters",
        "implements_clause",
        "accessibility_modifier",
        "override_modifier",
        "asserts_annotation",
        "type_predicate_annotation",
        "omitting_type_annotation",
        "opting_type_annotation",
        "adding_type_annotation",
    }
)
# Statements that are only types.
TYPE_STATEMENTS = frozenset(
    {
        "interface_declaration",
        "type_alias_declaration",
        "ambient_declaration",
        "function_signature",
    }
)
# Class members that are only types.
TYPE_MEMBERS = frozenset({"method_signature", "abstract_method_signature", "index_signature"})
# Tokens of a member or parameter that are only types.
MODIFIERS = frozenset({"?", "!", "readonly", "abstract", "declare", "override_modifier"})
STATEMENT_LISTS = frozenset({"program", "statement_block", "class_body", "switch_body"})
# nodes with nothing inside to compile (a string's escapes, a number)
LEAVES = frozenset(
    {
        "property_identifier",
        "private_property_identifier",
        "string",
        "number",
        "regex",
        "comment",
        "this",
        "super",
        "true",
        "false",
        "null",
        "undefined",
        "statement_identifier",
        "hash_bang_line",
    }
)
BLOCKS = frozenset({"program", "statement_block", "switch_case", "switch_default"})
# where an identifier is part of a type (`N.T` in `x: N.T`, `typeof n`)
TYPE_CONTEXTS = TYPES | TYPE_STATEMENTS | {"nested_type_identifier", "type_query"}
CLASSES = frozenset({"class_declaration", "abstract_class_declaration", "class"})


def decorated(node) -> bool:
    """Whether a class, its export statement, a member or a method's parameter has a
    decorator."""
    if any(c.type == "decorator" for c in node.children):
        return True
    parent = node.parent
    if (
        parent is not None
        and parent.type == "export_statement"
        and any(c.type == "decorator" for c in parent.children)
    ):
        return True
    body = node.child_by_field_name("body")
    if body is None:
        return False
    for m in body.named_children:
        if m.type == "decorator" or any(c.type == "decorator" for c in m.children):
            return True
        params = m.child_by_field_name("parameters") if m.type == "method_definition" else None
        if params is not None and any(
            c.type == "decorator" for p in params.named_children for c in p.children
        ):
            return True
    return False


def is_static(member) -> bool:
    return any(c.type == "static" for c in member.children)


def is_ambient(member) -> bool:
    return any(c.type in ("declare", "abstract") for c in member.children)
