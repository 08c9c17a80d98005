"""SVG, minified safely: what no renderer reads goes, every drawing instruction stays.

Removed: comments, the XML declaration, `<metadata>`, elements and attributes in editor
namespaces (Inkscape, Sodipodi, Illustrator, Sketch, ...) and their `xmlns:` declarations, and
whitespace-only text between tags (except inside `<text>`, `<style>`, `<script>`, `<title>`,
`<desc>` and under `xml:space="preserve"`). Kept: every other element and attribute as written
(`viewBox`, `id`s, `<title>` for accessibility), in order. Never rasterized.

Expat parses, without namespace processing so that names stay as written. A document with an
internal DTD subset (entity declarations) is returned as written: its text cannot be re-serialized
without them. An SVG expat cannot parse is an error located at its line and column, since a
browser would not draw it either.
"""

from __future__ import annotations

from xml.parsers import expat

EDITOR_NAMESPACES = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/SaveForWeb/1.0/",
        "http://ns.adobe.com/Variables/1.0/",
        "http://ns.adobe.com/ImageReplacement/1.0/",
        "http://ns.adobe.com/xap/1.0/",
        "http://www.bohemiancoding.com/sketch/ns",
        "http://www.figma.com/figma/ns",
        "http://creativecommons.org/ns#",
        "http://purl.org/dc/elements/1.1/",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }
)
_DROPPED_ELEMENTS = frozenset({"metadata"})
_TEXT_ELEMENTS = frozenset({"text", "tspan", "textPath", "style", "script", "title", "desc"})


class SvgError(Exception):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column  # 1-based


def minify(text: str) -> str:
    """`text`, an SVG document, minified; raises SvgError when it is not well-formed XML."""
    out: list[str] = []
    # per open element: (kept, keeps whitespace, editor prefixes in scope)
    stack: list[tuple[bool, bool, frozenset[str]]] = [(True, False, frozenset())]
    internal_subset = False
    pending_text: list[str] = []

    def flush() -> None:
        if pending_text:
            data = "".join(pending_text)
            pending_text.clear()
            if stack[-1][0] and (stack[-1][1] or data.strip()):
                out.append(_escape_text(data))

    def start(name: str, attrs: list[str]) -> None:
        flush()
        kept, preserve, editors = stack[-1]
        pairs = list(zip(attrs[::2], attrs[1::2], strict=True))
        declared = {n[6:] for n, v in pairs if n.startswith("xmlns:") and v in EDITOR_NAMESPACES}
        if declared:
            editors = editors | declared
        prefix = name.split(":", 1)[0] if ":" in name else ""
        if prefix in editors or name in _DROPPED_ELEMENTS:
            kept = False
        space = dict(pairs).get("xml:space")
        preserve = (
            preserve or name in _TEXT_ELEMENTS or space == "preserve"
        ) and space != "default"
        stack.append((kept, preserve, editors))
        if not kept:
            return
        written = []
        for n, v in pairs:
            if n.startswith("xmlns:") and n[6:] in editors:
                continue
            if ":" in n and n.split(":", 1)[0] in editors:
                continue
            written.append(f' {n}="{_escape_attr(v)}"')
        out.append(f"<{name}{''.join(written)}>")

    def end(name: str) -> None:
        flush()
        kept = stack.pop()[0]
        if not kept:
            return
        if (
            out
            and out[-1].startswith(f"<{name}")
            and out[-1].endswith(">")
            and not (out[-1].endswith("/>"))
            and _is_open_tag(out[-1], name)
        ):
            out[-1] = out[-1][:-1] + "/>"  # empty element
        else:
            out.append(f"</{name}>")

    def data(chunk: str) -> None:
        pending_text.append(chunk)

    def cdata_start() -> None:
        flush()
        if stack[-1][0]:
            out.append("<![CDATA[")

    def cdata_end() -> None:
        if stack[-1][0]:
            out.append("".join(pending_text))
            out.append("]]>")
        pending_text.clear()

    def pi(target: str, value: str) -> None:
        flush()
        if stack[-1][0]:
            out.append(f"<?{target} {value}?>")

    def doctype(name, sysid, pubid, has_internal_subset) -> None:
        nonlocal internal_subset
        internal_subset = internal_subset or bool(has_internal_subset)

    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.buffer_text = True
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartCdataSectionHandler = cdata_start
    parser.EndCdataSectionHandler = cdata_end
    parser.ProcessingInstructionHandler = pi
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(text, True)
    except expat.ExpatError as exc:
        raise SvgError(expat.errors.messages[exc.code], exc.lineno, exc.offset + 1) from None
    if internal_subset:
        return text
    return "".join(out)


def _is_open_tag(tag: str, name: str) -> bool:
    rest = tag[len(name) + 1 :]
    return rest[:1] in (">", " ") and not tag.startswith("</")


def _escape_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _escape_attr(value: str) -> str:
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\n", "&#10;")
        .replace("\t", "&#9;")
    )
