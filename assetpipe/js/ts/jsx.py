"""JSX elements into function calls, as esbuild compiles them: with the automatic runtime
(`jsx`/`jsxs`/`Fragment` imported from `<importSource>/jsx-runtime`, `createElement` from the
package for a `key` after a spread) or the classic one (`React.createElement` or the
`@jsx`/`jsxFactory` factory). Text children are cleaned as esbuild cleans them (`jsx_text`),
entities decoded; the runtime's imports are printed at the end by `Compiler.program`."""

from __future__ import annotations

import html.entities
import json
import re

import tree_sitter

from .segments import Output, js_string

_ENTITIES = {**html.entities.name2codepoint, "apos": 0x27}
_ENTITY = re.compile(r"&(?:#x([0-9a-fA-F]+)|#([0-9]+)|([A-Za-z][A-Za-z0-9]*));")
_IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def decode_entities(text: str) -> str:
    def one(m: re.Match) -> str:
        hexa, dec, name = m.groups()
        try:
            if hexa:
                return chr(int(hexa, 16))
            if dec:
                return chr(int(dec))
        except (ValueError, OverflowError):
            return m.group(0)
        code = _ENTITIES.get(name)
        return chr(code) if code is not None else m.group(0)

    return _ENTITY.sub(one, text) if "&" in text else text


def jsx_text(raw: str) -> str:
    """JSX text as the string it becomes, as esbuild makes it: lines trimmed of spaces and
    tabs where they meet line breaks (the first line keeps its start, the last its end),
    lines with nothing else left out, the others joined with one space; then entities."""
    lines = []
    first, last = 0, -1
    for i, c in enumerate(raw):
        if c in "\r\n\u2028\u2029":
            if first != -1 and last != -1:
                lines.append(raw[first : last + 1])
            first = -1
        elif c not in _JSX_SPACE:
            last = i
            if first == -1:
                first = i
    if first != -1:
        lines.append(raw[first:])
    return " ".join(decode_entities(line) for line in lines)


_JSX_SPACE = frozenset(
    "\t\v\f \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009"
    "\u200a\u202f\u205f\u3000\ufeff"
)


def _intrinsic(name: bytes) -> bool:
    return name[:1].islower() or b"-" in name


class Jsx(Output):
    """Handlers of JSX elements. State: `runtime` ((module, export) -> local name: what the
    automatic runtime needs imported), `used` (the classic factory's name is read)."""

    def jsx(self, node: tree_sitter.Node) -> None:
        self.drop(node.start_byte, node.end_byte)
        opening = (
            node
            if node.type == "jsx_self_closing_element"
            else node.child_by_field_name("open_tag")
        )
        name = opening.child_by_field_name("name")
        attributes = [c for c in opening.children if c.type in ("jsx_attribute", "jsx_expression")]
        children = []
        if node.type == "jsx_element":
            children = self.jsx_children(node)
        automatic = self.options.jsx == "automatic"
        at = node.start_byte
        # the element type
        if name is None:
            tag = ("fragment", None)
        elif (
            name.type == "identifier"
            and _intrinsic(self.text(name))
            or name.type == "jsx_namespace_name"
        ):
            tag = ("string", self.text(name).decode())
        else:
            tag = ("expr", name)
        key_after_spread = False
        seen_spread = False
        key_attr = None
        for a in attributes:
            if a.type == "jsx_expression":
                seen_spread = True
            elif self.jsx_attr_name(a) == "key":
                if seen_spread:
                    key_after_spread = True
                else:
                    key_attr = a
        if automatic and key_after_spread:
            self.create_element(self.runtime_name("createElement"), tag, attributes, children, at)
            return
        if automatic:
            spread = any(not isinstance(c, tuple) and c.type == "spread_element" for c in children)
            fn = self.runtime_name("jsxs" if len(children) > 1 or spread else "jsx")
            self.put(f"{fn}(", at)
            self.jsx_type(tag, at)
            props = [a for a in attributes if a != key_attr]
            self.jsx_props(props, children, at, null=False)
            if key_attr is not None:
                self.put(", ", at)
                self.jsx_attr_value(key_attr)
            self.put(")", at)
            return
        factory = self.options.jsx_factory
        self.used.add(factory.split(".")[0].encode())
        self.create_element(factory, tag, attributes, children, at)

    def create_element(self, call: str, tag, attributes, children, at) -> None:
        """`call(type, props or null, ...children)`: the classic form (also the automatic
        runtime's, for a `key` after a spread)."""
        self.put(f"{call}(", at)
        self.jsx_type(tag, at)
        self.jsx_props(attributes, [], at, null=True)
        for child in children:
            self.put(", ", at)
            self.jsx_child(child)
        self.put(")", at)

    def runtime_name(self, export: str) -> str:
        """The local name of an export of the JSX runtime (createElement, for a key after a
        spread, comes from the package itself), imported at the end of the module."""
        source = self.options.jsx_import_source
        module = source if export == "createElement" else f"{source}/jsx-runtime"
        local = self.runtime.get((module, export))
        if local is None:
            local = "_" + export
            while local.encode() in self.src:
                local += "_"
            self.runtime[(module, export)] = local
        return local

    def jsx_type(self, tag, at: int) -> None:
        kind, value = tag
        if kind == "fragment":
            if self.options.jsx == "automatic":
                self.put(self.runtime_name("Fragment"), at)
            else:
                self.used.add(self.options.jsx_fragment.split(".")[0].encode())
                self.put(self.options.jsx_fragment, at)
        elif kind == "string":
            self.put(js_string(value), at)
        else:
            self.put_fragment(self.capture(value))

    def jsx_attr_name(self, attr) -> str:
        name = attr.named_children[0]
        return self.text(name).decode()

    def jsx_attr_value(self, attr) -> None:
        value = attr.named_children[1] if len(attr.named_children) > 1 else None
        if value is None:
            self.put("true", attr.start_byte)
        elif value.type == "string":
            raw = self.text(value).decode("utf-8", "replace")[1:-1]
            self.put(js_string(decode_entities(raw)), value.start_byte)
        elif value.type == "jsx_expression":
            inner = [c for c in value.named_children if c.type != "comment"]
            if inner:
                self.jsx_value(inner[0])
            else:
                self.put("void 0", value.start_byte)
        else:  # an element as the value
            self.put_fragment(self.capture(value))

    def jsx_props(self, attributes, children, at: int, null: bool) -> None:
        self.put(", ", at)
        if not attributes and not children:
            self.put("null" if null else "{}", at)
            return
        self.put("{ ", at)
        first = True
        for a in attributes:
            if not first:
                self.put(", ", a.start_byte)
            first = False
            if a.type == "jsx_expression":  # {...spread}
                spread = a.named_children[0]
                self.put_fragment(self.capture(spread))
                continue
            name = self.jsx_attr_name(a)
            self.put((name if _IDENTIFIER.match(name) else json.dumps(name)) + ": ", a.start_byte)
            self.jsx_attr_value(a)
        if children:
            if not first:
                self.put(", ", at)
            self.put("children: ", at)
            many = (
                len(children) > 1 or children[0].type == "spread_element"
                if not isinstance(children[0], tuple)
                else len(children) > 1
            )
            if many:
                self.put("[", at)
            for i, child in enumerate(children):
                if i:
                    self.put(", ", at)
                self.jsx_child(child)
            if many:
                self.put("]", at)
        self.put(" }", at)

    def jsx_children(self, node) -> list:
        """The children that become values: cleaned text (str, offset), expressions, elements."""
        out: list = []
        text: list[str] = []
        text_at = -1
        for child in node.children[1:-1]:
            if child.type in ("jsx_text", "html_character_reference"):
                if text_at < 0:
                    text_at = child.start_byte
                text.append(self.text(child).decode("utf-8", "replace"))
                continue
            if text:
                cleaned = jsx_text("".join(text))
                if cleaned:
                    out.append((cleaned, text_at))
                text, text_at = [], -1
            if child.type == "jsx_expression":
                inner = [c for c in child.named_children if c.type != "comment"]
                if inner:
                    out.append(inner[0])
            elif child.type in ("jsx_element", "jsx_self_closing_element"):
                out.append(child)
        if text:
            cleaned = jsx_text("".join(text))
            if cleaned:
                out.append((cleaned, text_at))
        return out

    def jsx_child(self, child) -> None:
        if isinstance(child, tuple):  # text
            self.put(js_string(child[0]), child[1])
        else:
            self.jsx_value(child)

    def jsx_value(self, node) -> None:
        """An expression from `{...}`: `{a, b}` is one value, so in parentheses."""
        if node.type == "sequence_expression":
            self.put("(", node.start_byte)
            self.put_fragment(self.capture(node))
            self.put(")", node.end_byte)
        else:
            self.put_fragment(self.capture(node))
