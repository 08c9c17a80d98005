"""Printing: a chunk's text, made of its modules' statement templates with the holes filled.

Nothing is re-printed from a tree: each live top-level statement's template (`template.py`: the
source bytes with the module's own edits applied) is copied, and its holes get the chunk's names
for top-level bindings, the declarations namespace members resolve to, and the URLs of other
chunks and assets. Source-map points come with the templates, one per source line.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Rendered
from .chunks import Chunk
from .graph import JsModule
from .link import AMBIGUOUS, WRAPPER, Binding
from .model import (
    CALL,
    HOLE_DEFAULT,
    HOLE_IDENT,
    HOLE_MEMBER,
    PROTO,
    SHORTHAND,
    SPEC_HEAD,
    SPEC_TAIL,
    WORKERS,
    ImportRecord,
)
from .resolve import EMPTY
from .sourcemap import SourceMapData

# The stylesheets of a dynamically imported chunk, loaded before it runs (so its code never
# paints unstyled); the chunk itself (`p`) is fetched meanwhile, through a modulepreload of
# the URL the import will load (`import.meta.resolve` applies the import map), so the CSS
# costs no extra round trip.
CSS_HELPER = (
    "(u,b,p)=>{{if(typeof document>'u')return Promise.resolve();"
    "if(p&&import.meta.resolve){{p=import.meta.resolve(p);"
    'if(!document.querySelector(`link[rel=modulepreload][href="${{p}}"]`)){{'
    "const l=document.createElement('link');l.rel='modulepreload';l.href=p;"
    "document.head.append(l)}}}}"
    "return Promise.all(u.map(h=>{{h=new URL(h,b).href;"
    'if(document.querySelector(`link[rel=stylesheet][href="${{h}}"]`))return;'
    "const l=document.createElement('link');l.rel='stylesheet';l.href=h;"
    "return new Promise((r,j)=>{{l.onload=r;l.onerror=j;document.head.append(l)}})}}))}}"
)

# CommonJS interop, as esbuild's runtime does it: a CommonJS module's function runs once, on
# the first `require_x()` (`this` and `exports` are `module.exports`; a cycle sees the exports
# so far, as in Node); an ES module importing it sees `__toESM(module.exports)`: its own
# properties, and `default` = `module.exports` unless the module was compiled from ESM
# (`__esModule`); `require()` of an ES module gives `__toCommonJS(namespace)`.
RUNTIME = {
    "commonJS": "(f,m)=>()=>(m||f.call((m={exports:{}}).exports,m.exports,m),m.exports)",
    "toESM": "(m,t)=>{t=m!=null?Object.create(Object.getPrototypeOf(m)):{};"
    'if(!m||!m.__esModule)Object.defineProperty(t,"default",{value:m,enumerable:!0});'
    'if(m&&typeof m=="object"||typeof m=="function")'
    "for(let k of Object.getOwnPropertyNames(m))"
    "Object.prototype.hasOwnProperty.call(t,k)||Object.defineProperty(t,k,"
    "{get:()=>m[k],enumerable:Object.getOwnPropertyDescriptor(m,k).enumerable});return t}",
    "toCommonJS": 'm=>{let t=Object.defineProperty({},"__esModule",{value:!0});'
    "for(let k of Object.getOwnPropertyNames(m))"
    "Object.defineProperty(t,k,{get:()=>m[k],enumerable:!0});return t}",
}


class Output:
    """Bytes being assembled, with source-map points: a flat list of (output byte offset,
    source index, source byte offset) triples."""

    def __init__(self, mappings: bool = True) -> None:
        self.parts: list[bytes] = []
        self.size = 0
        self.mappings: list[int] | None = [] if mappings else None
        self.declaration = b""  # the keyword, when the text ends with a declaration's `;`

    def text(self, data: bytes) -> None:
        if data:
            self.parts.append(data)
            self.size += len(data)
            self.declaration = b""

    def unsemicolon(self) -> None:
        """Take back the `;` the text ends with (a declaration that another continues)."""
        last = self.parts[-1]
        self.parts[-1] = last[:-1]
        self.size -= 1
        points = self.mappings
        j = len(points) - 3 if points else -1
        while j >= 0 and points[j] > self.size:  # a point after the `;`
            points[j] = self.size
            j -= 3

    def bytes(self) -> bytes:
        return b"".join(self.parts)


Hole = Callable[[str, tuple], str]


def print_module(
    out: Output,
    module: JsModule,
    source: int,
    live: set[int],
    *,
    hole: Hole,
    default_name: str,
    minify: bool,
) -> None:
    """Append the live statements of `module`, filling the holes of their templates."""
    analysis = module.analysis
    statements = analysis.statements
    templates = analysis.templates
    key = module.key
    newline = b"" if minify else b"\n"
    mappings = out.mappings
    for i in sorted(live):
        items, maps = templates[i]
        if not items:
            continue
        if statements[i].kind == "default-expr":
            out.text(f"const {default_name}{'=' if minify else ' = '}".encode())
        keyword = _declaration(items) if minify else b""
        if keyword and keyword == out.declaration:
            # `const a=1;` then `const b=2;`: `const a=1,b=2;`, as esbuild prints them
            out.unsemicolon()
            cut = len(keyword) - 1
            items = (b"," + items[0][len(keyword) :], *items[1:])
            maps = tuple(
                max(0, v - cut) if k % 3 == 1 and maps[k - 1] == 0 else v
                for k, v in enumerate(maps)
            )
        starts = []
        for item in items:
            starts.append(out.size)
            if item.__class__ is bytes:
                out.text(item)
            elif item[0] == HOLE_DEFAULT:
                out.text(f" {default_name}".encode())
            else:
                out.text(hole(key, item).encode())
        if mappings is not None:
            for j in range(0, len(maps), 3):
                mappings.extend((starts[maps[j]] + maps[j + 1], source, maps[j + 2]))
        out.text(newline)
        last = items[-1]
        if keyword and last.__class__ is bytes and last.endswith(b";"):
            out.declaration = keyword


def _declaration(items: tuple) -> bytes:
    """`let `, `const ` or `var ` when a minified statement is a plain declaration."""
    first = items[0]
    if first.__class__ is bytes and len(items) > 1:
        for keyword in (b"const ", b"let ", b"var "):
            if first == keyword:
                return keyword
    return b""


class ChunkPrinting:
    """`_Builder`'s printing of a chunk (a mixin: it reads the builder's `modules`, `linked`,
    `names`, `chunk_of`, `by_key`, `needs`, `options`): imports from other chunks, the
    runtime helpers it needs, its modules' templates with the holes filled, its exports, and
    its source map."""

    def hole(self, chunk: Chunk, module: str, item: tuple, links: list[Link]) -> str:
        code, a, b = item
        if code == HOLE_IDENT:
            name = self.name_of(chunk, module, a)
            if b & CALL and ("." in name or name.endswith("]")):
                return f"(0,{name})"  # a CommonJS export called without its object as `this`
            original = self.modules[module].analysis.symbols[a].name
            if b & SHORTHAND and name != original:
                key = '["__proto__"]' if b & PROTO else original
                return f"{key}:{name}"
            return name
        if code == HOLE_MEMBER:
            direct = self.member(chunk, module, a, b)
            return direct if direct is not None else f"{self.name_of(chunk, module, a)}.{b}"
        return self.spec(chunk, module, a, links, b).decode()

    def render(self, chunk: Chunk) -> Rendered:
        """A chunk's code: its imports, helpers and namespace objects, its modules' live
        statements in evaluation order (CommonJS modules' functions first), its exports."""
        minify = self.options.minify
        out = Output(mappings=self.options.sourcemap and not chunk.inline)
        links: list[Link] = []
        sep = "" if minify else " "
        nl = b"" if minify else b"\n"
        owners = self.render_imports(chunk, out, links, sep, nl)
        self.render_externals(chunk, out, links, sep, nl)
        self.render_helpers(chunk, out, sep, nl)
        sources = self.render_modules(chunk, out, links, sep, nl)
        for name, binding in self.aliases(chunk):
            alias = self.names[chunk.key][("alias", name)]
            out.text(f"var {alias}{sep}={sep}{self.binding_name(chunk, binding)};".encode() + nl)
        exports = self.chunk_exports(chunk)
        if exports:
            out.text(f"export{sep}{{{sep}{(',' + sep).join(exports)}{sep}}};".encode() + nl)
        comments = self.legal_comments(chunk)
        if comments:  # at the end, as esbuild does by default
            out.text(b"\n" + b"\n".join(comments))
        text = out.bytes().decode("utf-8", "surrogateescape")
        if chunk.inline and not minify:  # keep the script element's layout readable
            text = "\n" + text
        return Rendered(
            chunk.key,
            f"{self.options.assets_dir}/{chunk.name}-[hash].js",
            text,
            None,
            tuple(links),
            tuple(owners),
            self.dynamic_targets(chunk),
            css=tuple(self.css[chunk.key]),
            sourcemap=self.source_map(out, sources),
        )

    def render_imports(
        self, chunk: Chunk, out: Output, links: list[Link], sep: str, nl: bytes
    ) -> list[str]:
        """Imports from other chunks, in dependency order, then any other binding sources;
        returns the chunks imported."""
        owners = list(chunk.deps) + [
            o for o in sorted(self.imports[chunk.key]) if o not in chunk.deps
        ]
        for owner in owners:
            bindings = self.imports[chunk.key].get(owner, set())
            spec = self.url(chunk, owner, links)
            if bindings:
                parts = []
                for b in sorted(bindings, key=lambda b: self.export_name(owner, b)):
                    exported = self.export_name(owner, b)
                    local = self.binding_name(chunk, b)
                    parts.append(exported if exported == local else f"{exported} as {local}")
                out.text(
                    f"import{sep}{{{sep}{(',' + sep).join(parts)}{sep}}}{sep}from"
                    f'{sep}"{spec}";'.encode()
                    + nl
                )
            else:
                out.text(f'import{sep}"{spec}";'.encode() + nl)
        return owners

    def render_helpers(self, chunk: Chunk, out: Output, sep: str, nl: bytes) -> None:
        """The lazy CSS helper, the CommonJS runtime helpers and the namespace objects the
        chunk's code uses."""
        if chunk.key in self.needs_css_helper:
            name = self.names[chunk.key][("helper", "css")]
            out.text(f"const {name}{sep}={sep}{CSS_HELPER.format()};".encode() + nl)
        names = self.names[chunk.key]
        for helper in sorted(self.runtime[chunk.key]):
            name = names[("helper", helper)]
            out.text(f"var {name}{sep}={sep}{RUNTIME[helper]};".encode() + nl)
        for module in sorted(self.namespaces[chunk.key]):
            out.text(self.namespace_object(chunk, module, sep).encode() + nl)

    def render_modules(
        self, chunk: Chunk, out: Output, links: list[Link], sep: str, nl: bytes
    ) -> list[str]:
        """The modules' code: CommonJS modules' functions first (defined before any code can
        require them), then each module's live statements where it stands in the evaluation
        order (a CommonJS one: its call); returns the modules printed, by source index."""
        minify = self.options.minify
        names = self.names[chunk.key]
        sources: list[str] = []
        hole = lambda m, item: self.hole(chunk, m, item, links)  # noqa: E731
        for key in chunk.modules:
            module = self.modules[key]
            if not module.analysis.commonjs:
                continue
            if not minify and not chunk.inline:
                out.text(f"// {key}\n".encode())
            sources.append(key)
            out.text(
                f"var {names[('cjs', key)]}{sep}={sep}{names[('helper', 'commonJS')]}"
                f"(function(exports,{sep}module){sep}{{".encode()
                + nl
            )
            statements = range(len(module.analysis.statements))
            print_module(
                out, module, len(sources) - 1, statements, hole=hole, default_name="", minify=minify
            )
            out.text(b"});" + nl)
        for key in chunk.modules:
            module = self.modules[key]
            if module.analysis.commonjs:  # evaluated here, as an ES module would be
                call = f"{names[('cjs', key)]}()"
                if key in self.linked.views:
                    view = names[("view", key)]
                    helper = names[("helper", "toESM")]
                    out.text(f"var {view}{sep}={sep}{helper}({call});".encode() + nl)
                elif key in self.linked.evaluated:
                    out.text(f"{call};".encode() + nl)
                continue
            live = self.linked.live.get(key, set())
            if not live:
                continue
            if not minify and not chunk.inline:
                out.text(f"// {key}\n".encode())
            index = len(sources)
            sources.append(key)
            analysis = module.analysis
            default = (
                self.names[chunk.key].get((key, analysis.default_symbol), "")
                if analysis.default_symbol >= 0
                else ""
            )
            print_module(
                out,
                module,
                index,
                live,
                hole=hole,
                default_name=default,
                minify=minify,
            )
        return sources

    def dynamic_targets(self, chunk: Chunk) -> tuple[str, ...]:
        """The other chunks the chunk's modules `import()`."""
        return tuple(
            sorted(
                {
                    self.chunk_of[t]
                    for key in chunk.modules
                    for t, r in zip(
                        self.modules[key].resolved, self.modules[key].analysis.imports, strict=True
                    )
                    if r.kind == "dynamic" and t in self.chunk_of and self.chunk_of[t] != chunk.key
                }
            )
        )

    def source_map(self, out: Output, sources: list[str]) -> SourceMapData | None:
        """The chunk's source map data (None: none asked for); the points of compiled
        modules mapped to their `.ts` text."""
        if out.mappings is None:
            return None
        points = out.mappings
        if any(self.modules[k].segments for k in sources):  # compiled: to the .ts text
            points = list(points)
            for i in range(0, len(points), 3):
                module = self.modules[sources[points[i + 1]]]
                if module.segments:
                    points[i + 2] = module.source_offset(points[i + 2])
        return SourceMapData(
            tuple(sources), tuple(self.modules[k].text for k in sources), tuple(points)
        )

    def render_externals(
        self, chunk: Chunk, out: Output, links: list[Link], sep: str, nl: bytes
    ) -> None:
        """Imports of what stays outside the bundle (URLs, public files), kept as imports."""
        for key in chunk.modules:
            module = self.modules[key]
            analysis = module.analysis
            if not self.linked.live.get(key) and key not in self.linked.included:
                continue
            for index, record in enumerate(analysis.imports):
                if record.kind != "import" or module.resolved[index] is not None:
                    continue
                if module.public[index]:
                    links.append(
                        Link(record.specifier.lstrip("/").split("?")[0], "module", public=True)
                    )
                    spec = placeholder(len(links) - 1)
                else:
                    spec = record.specifier
                parts = []
                for b in analysis.import_bindings:
                    if b.record != index:
                        continue
                    local = self.names[chunk.key][("ext", key, b.symbol)]
                    if b.imported == "*":
                        out.text(f'import*as {local} from"{spec}";'.encode() + nl)
                    else:
                        name = b.imported if b.imported.isidentifier() else json.dumps(b.imported)
                        parts.append(f"{name} as {local}")
                if parts:
                    out.text(f'import{{{",".join(parts)}}}from"{spec}";'.encode() + nl)
                elif not any(b.record == index for b in analysis.import_bindings):
                    out.text(f'import{sep}"{spec}";'.encode() + nl)

    def namespace_object(self, chunk: Chunk, module: str, sep: str) -> str:
        name = self.names[chunk.key][("ns", module)]
        getters = []
        for export in self.linker.export_names(module):
            found = self.linker.resolve_export(module, export)
            if found is None or found is AMBIGUOUS:
                continue
            key = export if export.isidentifier() else json.dumps(export)
            getters.append(f"get {key}(){{return {self.binding_name(chunk, found)}}}")
        body = ",".join(["__proto__:null", *getters])
        # as a module namespace: @@toStringTag "Module", not enumerable; nothing can be added
        return (
            f"const {name}{sep}={sep}Object.freeze(Object.defineProperty({{{body}}},"
            f'Symbol.toStringTag,{{value:"Module"}}));'
        )

    def member(self, chunk: Chunk, module: str, sid: int, prop: str) -> str | None:
        b = self.resolve(module, sid)
        if b is None or not b.namespace:
            return None
        found = self.linker.resolve_export(b.module, prop)
        if found is None or found is AMBIGUOUS:
            return "void 0"
        return self.binding_name(chunk, found)

    def spec(
        self, chunk: Chunk, module: str, record_index: int, links: list[Link], part: int | None
    ) -> bytes:
        """What a `new URL(...)` or `import(...)` becomes; `part` is SPEC_HEAD or SPEC_TAIL
        for an `import()` with options, which are printed as written between the two."""
        m = self.modules[module]
        record = m.analysis.imports[record_index]
        target = m.resolved[record_index]
        if record.kind == "new-url" or record.kind in WORKERS:
            if target is None:
                if m.public[record_index]:
                    links.append(
                        Link(record.specifier.lstrip("/").split("?")[0], "url", public=True)
                    )
                    return placeholder(len(links) - 1).encode()
                return record.specifier.encode()
            links.append(Link(target, "url"))
            return placeholder(len(links) - 1).encode()
        if record.kind == "require":
            if target is not None and target.startswith(EMPTY):
                return b"{}"  # `"browser": {"fs": false}`
            if target is None or target not in self.chunk_of:
                if target is not None and target.endswith(".css"):
                    return b"{}"  # its rules are the chunk's stylesheet's
                return m.data[record.call_start : record.call_end]
            binding = self.linker.required(target)
            if binding.symbol == WRAPPER:
                return f"{self.binding_name(chunk, binding)}()".encode()
            if binding.namespace:
                helper = self.names[chunk.key][("helper", "toCommonJS")]
                return f"{helper}({self.binding_name(chunk, binding)})".encode()
            return self.binding_name(chunk, binding).encode()
        if part is None and (target is None or target not in self.chunk_of):
            return m.data[record.call_start : record.call_end]
        # the tail's links (none) must not be added twice: the head's hole made them
        head, tail = self._dynamic_import(chunk, record, target, [] if part == SPEC_TAIL else links)
        if part is None:
            return (head + tail).encode()
        return (head if part == SPEC_HEAD else tail).encode()

    def _dynamic_import(
        self, chunk: Chunk, record: ImportRecord, target: str | None, links: list[Link]
    ) -> tuple[str, str]:
        """An `import()` as the text before its closing `)` and the rest; its options, if
        any, go between (`(0, options, ...)` keeps them evaluated for a module in the chunk)."""
        if target is None or target not in self.chunk_of:
            return f"import({json.dumps(record.specifier)}", ")"
        other = self.by_key[self.chunk_of[target]]
        namespace = self.linker.namespace_of(target)
        if other.key == chunk.key:
            ns = self.binding_name(chunk, namespace)
            return "(0", f",Promise.resolve().then(()=>{ns}))"
        url = self.url(chunk, other.key, links)
        head = f'import("{url}"'
        tail = ")"
        if not (other.entry == target and other.dynamic) or namespace.commonjs:
            tail += f".then(m=>m.{self.export_name(other.key, namespace)})"
        css = self._lazy_css(other.key)
        if css:
            helper = self.names[chunk.key][("helper", "css")]
            urls = []
            for c in css:
                links.append(Link(c, "url"))
                urls.append(f'"{placeholder(len(links) - 1)}"')
            preload = self.url(chunk, other.key, links)  # (its own link: one per place)
            head = f'{helper}([{",".join(urls)}],import.meta.url,"{preload}").then(()=>{head}'
            tail += ")"
        return head, tail

    def legal_comments(self, chunk: Chunk) -> list[bytes]:
        """Licence comments of the chunk's modules, and of the modules dropped on the way to
        them (a package's barrel): kept once each, in module order."""
        order: list[str] = []
        seen: set[str] = set()
        todo = list(reversed(chunk.modules))
        while todo:
            key = todo.pop()
            if key in seen:
                continue
            seen.add(key)
            order.append(key)
            module = self.modules[key]
            for index, record in enumerate(module.analysis.imports):
                target = module.resolved[index]
                if (
                    record.kind in ("import", "re-export")
                    and target in self.modules
                    and target not in self.linked.included
                ):
                    todo.append(target)
        comments: list[bytes] = []
        for key in order:
            for comment in self.modules[key].analysis.legal_comments:
                if comment not in comments:
                    comments.append(comment)
        return comments

    def aliases(self, chunk: Chunk) -> list[tuple[str, Binding]]:
        """The exports of a dynamically imported entry that are properties of a CommonJS
        module's exports (`export { x } from "./cjs.js"`): an export clause can only name a
        variable, so each is read into one after the modules have run."""
        if not chunk.dynamic or chunk.entry is None or self.linker.commonjs(chunk.entry):
            return []
        found = []
        for name in self.linker.export_names(chunk.entry):
            b = self.linker.resolve_export(chunk.entry, name)
            if b is not None and b is not AMBIGUOUS and b.prop is not None:
                found.append((name, b))
        return found

    def chunk_exports(self, chunk: Chunk) -> list[str]:
        parts: dict[str, str] = {}
        if chunk.dynamic and chunk.entry is not None and not self.linker.commonjs(chunk.entry):
            for name in self.linker.export_names(chunk.entry):
                found = self.linker.resolve_export(chunk.entry, name)
                if found is None or found is AMBIGUOUS:
                    continue
                if found.prop is not None:  # a CommonJS export, read into a variable
                    local = self.names[chunk.key][("alias", name)]
                else:
                    local = self.binding_name(chunk, found)
                exported = name if name.isidentifier() else json.dumps(name)
                parts[exported] = local if local == exported else f"{local} as {exported}"
        for b in self.exports[chunk.key]:
            local = self.binding_name(chunk, b)
            parts.setdefault(local, local)
        return [parts[k] for k in sorted(parts)]
