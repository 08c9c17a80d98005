"""bundle(): the module graph in, chunks ready for hashing out.

    link      bind imports to declarations (errors: missing exports)      link.py
    shake     mark live statements, from the entries and side effects     link.py
    split     group modules into chunks by the entries that reach them    chunks.py
    needs     what each chunk uses from other chunks; namespace objects    here
    name      give every top-level binding of a chunk a unique name       names.py
    print     each chunk's text, with placeholders for other outputs      printer.py

Chunk URLs: with `import_map` on (the default), chunks import each other by stable names
(`./ui.js`) that each page's import map maps to the hashed files, so a change to one module
renames only its own chunk and the pages; with it off, they import the hashed names directly.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, error
from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Rendered
from .chunks import Chunk, Entry, split
from .graph import JsModule
from .link import AMBIGUOUS, WRAPPER, Binding, Linked, Linker, dynamic_targets
from .model import (
    CALL,
    HOLE_IDENT,
    HOLE_MEMBER,
    PROTO,
    SHORTHAND,
    SPEC_HEAD,
    SPEC_TAIL,
    WORKERS,
    ImportRecord,
)
from .names import minified, readable
from .printer import Output, print_module
from .resolve import EMPTY
from .sourcemap import SourceMapData

CSS_HELPER = (
    "(u,b)=>Promise.all(u.map(h=>{{if(typeof document>'u')return;h=new URL(h,b).href;"
    'if(document.querySelector(`link[rel=stylesheet][href="${{h}}"]`))return;'
    "const l=document.createElement('link');l.rel='stylesheet';l.href=h;"
    "return new Promise((r,j)=>{{l.onload=r;l.onerror=j;document.head.append(l)}})}}))"
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


@dataclass(frozen=True, slots=True)
class BundleOptions:
    assets_dir: str = "assets"
    minify: bool = True
    import_map: bool = True
    tree_shaking: bool = True
    sourcemap: bool = True
    vendor_chunk: bool = True  # packages apart from the app's code (see `chunks.split`)


@dataclass(frozen=True, slots=True)
class PageBundle:
    """What a page needs from the bundle: its scripts' chunks, preloads, CSS, import map."""

    entry_chunks: dict[str, str] = field(default_factory=dict)  # entry module -> chunk key
    preload: tuple[str, ...] = ()  # chunk keys its entries import statically
    css: tuple[str, ...] = ()  # stylesheets imported by those chunks
    import_map: tuple[str, ...] = ()  # every chunk the page may load
    inline: dict[str, Rendered] = field(default_factory=dict)  # inline module -> its code


@dataclass(frozen=True, slots=True)
class Bundle:
    """The bundle stage's result: the chunk files, what each page needs, where each module
    went, and the unhashed path an import map maps each chunk's hashed file to."""

    chunks: list[Rendered]
    pages: dict[str, PageBundle]
    chunk_of: dict[str, str]  # module -> chunk key
    diagnostics: list[Diagnostic]
    stable_paths: dict[str, str] = field(default_factory=dict)  # chunk key -> unhashed path


def bundle(
    modules: dict[str, JsModule], page_entries: dict[str, list[str]], options: BundleOptions
) -> Bundle:
    """Bundle the modules that the pages' entries (page -> module keys) reach."""
    linker = Linker(modules)
    linked = linker.bind()
    diagnostics = list(linker.diagnostics)
    entries: list[Entry] = []
    seen: set[str] = set()
    for page in sorted(page_entries):
        for key in page_entries[page]:
            if key not in seen and key in modules:
                seen.add(key)
                entries.append(Entry(key, "inline" if "#module-" in key else "page"))
    observable = [(e.module, False) for e in entries]
    while True:
        linker.shake(linked, observable, enabled=options.tree_shaking)
        new = [
            t
            for t in dynamic_targets(linked)
            if t not in {e.module for e in entries if e.kind == "dynamic"}
        ]
        if not new:
            break
        for t in new:
            entries = [e for e in entries if not (e.module == t and e.kind == "page")]
            entries.append(Entry(t, "dynamic"))
        observable = [(t, True) for t in new]
    chunks, chunk_of = split(linked, entries, vendor=options.vendor_chunk)
    builder = _Builder(linker, linked, chunks, chunk_of, options)
    rendered = builder.build()
    inline = {r.source: r for r, c in zip(rendered, chunks, strict=True) if c.inline}
    pages = {page: builder.page(keys, inline) for page, keys in sorted(page_entries.items())}
    files = [r for r, c in zip(rendered, chunks, strict=True) if not c.inline]
    stable_paths = {c.key: builder.stable_path(c.key) for c in chunks}
    return Bundle(files, pages, chunk_of, diagnostics + builder.diagnostics, stable_paths)


class _Builder:
    def __init__(
        self,
        linker: Linker,
        linked: Linked,
        chunks: list[Chunk],
        chunk_of: dict[str, str],
        options: BundleOptions,
    ) -> None:
        self.linker = linker
        self.linked = linked
        self.modules = linked.modules
        self.chunks = chunks
        self.by_key = {c.key: c for c in chunks}
        self.chunk_of = chunk_of
        self.options = options
        self.diagnostics: list[Diagnostic] = []
        # per chunk: bindings it uses that live elsewhere, by chunk they come from
        self.imports: dict[str, dict[str, set[Binding]]] = {c.key: {} for c in chunks}
        self.exports: dict[str, set[Binding]] = {c.key: set() for c in chunks}
        self.namespaces: dict[str, set[str]] = {c.key: set() for c in chunks}  # defined here
        self.needs_css_helper: set[str] = set()
        self.runtime: dict[str, set[str]] = {c.key: set() for c in chunks}  # RUNTIME helpers
        self.css: dict[str, list[str]] = {c.key: [] for c in chunks}  # CSS files, by chunk
        self.names: dict[str, dict[object, str]] = {}

    # -- what each chunk needs ---------------------------------------------------------------

    def resolve(self, module: str, sid: int) -> Binding | None:
        if (module, sid) in self.linked.external:
            return None
        return self.linked.resolve_symbol(module, sid)

    def need(self, chunk: str, binding: Binding) -> None:
        binding = binding.whole
        owner = self.chunk_of.get(binding.module)
        if owner is None:
            return
        if binding.namespace and binding.module not in self.namespaces[owner]:
            self.namespaces[owner].add(binding.module)
            for name in self.linker.export_names(binding.module):
                found = self.linker.resolve_export(binding.module, name)
                if found is not None and found is not AMBIGUOUS:
                    self.need(owner, found)
        if owner != chunk:
            self.imports[chunk].setdefault(owner, set()).add(binding)
            self.exports[owner].add(binding)

    def compute_needs(self) -> None:
        for chunk in self.chunks:
            for key in chunk.modules:
                module = self.modules[key]
                analysis = module.analysis
                live = self.linked.live.get(key, set())
                if analysis.commonjs:
                    self.runtime[chunk.key].add("commonJS")
                    if key in self.linked.views:
                        self.runtime[chunk.key].add("toESM")
                for i in live:
                    st = analysis.statements[i]
                    for sid in st.uses:
                        b = self.resolve(key, sid)
                        if b is not None:
                            self.need(chunk.key, b)
                    for sid, prop in st.members:
                        b = self.resolve(key, sid)
                        if b is None:
                            continue
                        found = self.linker.resolve_export(b.module, prop) if b.namespace else b
                        if found is not None and found is not AMBIGUOUS:
                            self.need(chunk.key, found)
                for index, record in enumerate(analysis.imports):
                    target = module.resolved[index]
                    if record.kind == "require" and target in self.chunk_of:
                        if target.startswith(EMPTY):
                            continue
                        binding = self.linker.required(target)
                        self.need(chunk.key, binding)
                        if binding.namespace:  # `__toCommonJS(ns)`
                            self.runtime[chunk.key].add("toCommonJS")
                    elif record.kind == "dynamic" and target in self.chunk_of:
                        other = self.by_key[self.chunk_of[target]]
                        namespace = self.linker.namespace_of(target)
                        if other.key == chunk.key:
                            self.need(chunk.key, namespace)
                        elif not (other.entry == target and other.dynamic) or namespace.commonjs:
                            # import(shared chunk).then(m => m.<namespace of target>)
                            self.need(other.key, namespace)
                            self.exports[other.key].add(namespace)
                    elif (
                        record.kind in ("import", "require")
                        and target is not None
                        and target.endswith(".css")
                        and target not in self.modules
                        and target not in self.css[chunk.key]
                    ):
                        self.css[chunk.key].append(target)
            if chunk.dynamic and chunk.entry is not None:
                for name in self.linker.export_names(chunk.entry):
                    found = self.linker.resolve_export(chunk.entry, name)
                    if found is not None and found is not AMBIGUOUS:
                        self.need(chunk.key, found)
        for chunk in self.chunks:  # CSS is known for every chunk only now
            for key in chunk.modules:
                module = self.modules[key]
                for t, r in zip(module.resolved, module.analysis.imports, strict=True):
                    if (
                        r.kind == "dynamic"
                        and t in self.chunk_of
                        and self.chunk_of[t] != chunk.key
                        and self._lazy_css(self.chunk_of[t])
                    ):
                        self.needs_css_helper.add(chunk.key)

    def _lazy_css(self, chunk_key: str) -> list[str]:
        """CSS a lazily loaded chunk needs: its own and that of the chunks it imports."""
        result: list[str] = []
        todo, seen = [chunk_key], set()
        while todo:
            key = todo.pop(0)
            if key in seen:
                continue
            seen.add(key)
            result.extend(c for c in self.css.get(key, []) if c not in result)
            todo.extend(self.by_key[key].deps)
        return result

    # -- names ----------------------------------------------------------------------------------

    def name_chunk(self, chunk: Chunk) -> None:
        """The chunk's top-level names (`self.names[chunk.key]`): every name its code
        declares or imports, readable (as written, `$1` on collision) or minified (short, by
        weight), avoiding globals and the names nested scopes use."""
        wanted, weights, reserved, nested = self.wanted_names(chunk)
        # A module with a direct eval keeps its top-level names: the eval may use any of them.
        fixed = {
            ident: name
            for ident, name in wanted
            if _is_symbol(ident) and self.modules[ident[0]].analysis.direct_eval
        }
        if fixed:
            reserved |= set(fixed.values())
            wanted = [(i, n) for i, n in wanted if i not in fixed]
            weights = [(i, w) for i, w in weights if i not in fixed]
        if self.options.minify:
            # nested names are the modules' slot names: top-level names avoid them all
            self.names[chunk.key] = minified(weights, reserved.union(*nested.values()))
            self.names[chunk.key].update(fixed)
        else:
            # A top-level name must not be captured by a nested binding of another module that
            # refers to it; in its own module, any shadowing was already the author's.
            every = set().union(*nested.values())
            counts = Counter(name for names in nested.values() for name in names)
            others = {key: _NestedElsewhere(counts, nested[key]) for key in nested}
            extra = {
                ident: (others[ident[0]] if _is_symbol(ident) else every) for ident, _ in wanted
            }
            self.names[chunk.key] = readable(wanted, reserved, extra)
            self.names[chunk.key].update(fixed)

    def wanted_names(
        self, chunk: Chunk
    ) -> tuple[
        list[tuple[object, str]], list[tuple[object, int]], set[str], dict[str, frozenset[str]]
    ]:
        """What `name_chunk` names: (identity, preferred name) and (identity, weight) pairs,
        the names to avoid (globals), and each module's nested names."""
        reserved: set[str] = set()
        wanted: list[tuple[object, str]] = []
        weights: list[tuple[object, int]] = []
        nested: dict[str, frozenset[str]] = {}
        for key in chunk.modules:
            analysis = self.modules[key].analysis
            reserved |= analysis.free
            nested[key] = analysis.nested
            live = self.linked.live.get(key, ())
            declared = {sid for i in live for sid in analysis.statements[i].declares}
            if analysis.default_symbol >= 0 and any(
                analysis.statements[i].kind in ("default-expr", "default-anon") for i in live
            ):
                declared.add(analysis.default_symbol)
            for sid in sorted(declared):
                sym = analysis.symbols[sid]
                if sym.kind != "import":
                    wanted.append(((key, sid), sym.name))
                    weights.append(((key, sid), analysis.reference_counts[sid] + 1))
            for m, sid in self.linked.external:
                if m == key:
                    wanted.append((("ext", m, sid), analysis.symbols[sid].name))
                    weights.append((("ext", m, sid), 1))
        for module in sorted(self.namespaces[chunk.key]):
            wanted.append((("ns", module), _ident(module) + "_ns"))
            weights.append((("ns", module), 2))
        for key in chunk.modules:
            if self.modules[key].analysis.commonjs:
                reserved |= {"exports", "module", "require"}  # its function's parameters
                wanted.append((("cjs", key), "require_" + _ident(key)))
                weights.append((("cjs", key), 3))
                if key in self.linked.views:
                    wanted.append((("view", key), "import_" + _ident(key)))
                    weights.append((("view", key), 3))
        for helper in sorted(self.runtime[chunk.key]):
            wanted.append((("helper", helper), "__" + helper))
            weights.append((("helper", helper), 2))
        for _, bindings in sorted(self.imports[chunk.key].items()):
            for b in sorted(bindings, key=lambda b: (b.module, b.symbol)):
                if b.namespace:
                    preferred = _ident(b.module) + "_ns"
                elif b.commonjs:
                    preferred = "import_" + _ident(b.module)
                elif b.symbol == WRAPPER:
                    preferred = "require_" + _ident(b.module)
                else:
                    preferred = self.modules[b.module].analysis.symbols[b.symbol].name
                wanted.append((("import", b.module, b.symbol), preferred))
                weights.append((("import", b.module, b.symbol), 3))
        for name, _ in self.aliases(chunk):
            wanted.append((("alias", name), name if _identifier(name) else "export_"))
            weights.append((("alias", name), 1))
        if chunk.key in self.needs_css_helper:
            wanted.append((("helper", "css"), "__loadCss"))
            weights.append((("helper", "css"), 1))
        return wanted, weights, reserved, nested

    def name_of(self, chunk: Chunk, module: str, sid: int) -> str:
        """The chunk's name for a top-level symbol of `module`."""
        sym = self.modules[module].analysis.symbols[sid]
        if sym.kind == "import":
            if (module, sid) in self.linked.external:
                return self.names[chunk.key][("ext", module, sid)]
            b = self.resolve(module, sid)
            return sym.name if b is None else self.binding_name(chunk, b)
        return self.names[chunk.key].get((module, sid), sym.name)

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

    def binding_name(self, chunk: Chunk, b: Binding) -> str:
        """The expression for a binding in a chunk: a name, or `import_x.name` (CommonJS)."""
        names = self.names[chunk.key]
        owner = self.chunk_of.get(b.module)
        if owner != chunk.key:
            name = names[("import", b.module, b.symbol)]
        elif b.namespace:
            return names[("ns", b.module)]
        elif b.commonjs:
            name = names[("view", b.module)]
        elif b.symbol == WRAPPER:
            name = names[("cjs", b.module)]
        else:
            return names.get(
                (b.module, b.symbol), self.modules[b.module].analysis.symbols[b.symbol].name
            )
        if b.prop is None:
            return name
        return f"{name}.{b.prop}" if _identifier(b.prop) else f"{name}[{json.dumps(b.prop)}]"

    def export_name(self, owner: str, b: Binding) -> str:
        """The name chunk `owner` exports binding `b` under (its own local name)."""
        return self.binding_name(self.by_key[owner], b)

    # -- output ---------------------------------------------------------------------------------

    def build(self) -> list[Rendered]:
        self.compute_needs()
        for chunk in self.chunks:
            self.name_chunk(chunk)
        return [self.render(chunk) for chunk in self.chunks]

    def url(self, chunk: Chunk, target: str, links: list[Link]) -> str:
        """The specifier text for chunk `target` inside `chunk`: its hashed name, or with an
        import map its stable name (a link that is no hash dependency: see `stable_path`)."""
        if self.options.import_map:
            links.append(Link(self.stable_path(target), "module", public=True))
        else:
            links.append(Link(target, "module"))
        return placeholder(len(links) - 1)

    def stable_path(self, chunk_key: str) -> str:
        """The unhashed output path an import map maps to a chunk's hashed file."""
        return f"{self.options.assets_dir}/{self.by_key[chunk_key].name}.js"

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
        head = f'import("{self.url(chunk, other.key, links)}"'
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
            head = f"{helper}([{','.join(urls)}],import.meta.url).then(()=>{head}"
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

    # -- pages ------------------------------------------------------------------------------------

    def page(self, keys: list[str], inline: dict[str, Rendered]) -> PageBundle:
        """What a page whose scripts are the entries `keys` needs; `inline`: the code of
        inline modules, by key."""
        entry_chunks: dict[str, str] = {}
        static: list[str] = []
        everything: list[str] = []
        for key in keys:
            chunk = self.chunk_of.get(key)
            if chunk is None:
                continue
            entry_chunks[key] = chunk
            for c in self._closure(chunk, dynamic=False):
                if c not in static:
                    static.append(c)
            for c in self._closure(chunk, dynamic=True):
                if c not in everything:
                    everything.append(c)
        inline_chunks = {c.key for c in self.chunks if c.inline}
        preload = [c for c in static if c not in entry_chunks.values() and c not in inline_chunks]
        css: list[str] = []
        for c in static:
            css.extend(x for x in self.css[c] if x not in css)
        imported = set()  # chunks some chunk imports by specifier: what the map must name
        for c in everything:
            imported.update(self.by_key[c].deps)
            imported.update(self.dynamic_chunks(c))
        import_map = [c for c in everything if c in imported and c not in inline_chunks]
        return PageBundle(
            entry_chunks,
            tuple(preload),
            tuple(css),
            tuple(import_map),
            {key: inline[key] for key in keys if key in inline},
        )

    def dynamic_chunks(self, chunk_key: str) -> list[str]:
        found = []
        for m in self.by_key[chunk_key].modules:
            module = self.modules[m]
            for t, r in zip(module.resolved, module.analysis.imports, strict=True):
                if r.kind == "dynamic" and t in self.chunk_of and self.chunk_of[t] not in found:
                    found.append(self.chunk_of[t])
        return found

    def _closure(self, chunk: str, *, dynamic: bool) -> list[str]:
        order: list[str] = []
        todo = [chunk]
        while todo:
            key = todo.pop(0)
            if key in order:
                continue
            order.append(key)
            todo.extend(self.by_key[key].deps)
            if dynamic:
                todo.extend(self.dynamic_chunks(key))
        return order


class _NestedElsewhere:
    """The nested names of every module of a chunk but one, as a set to test names against:
    built from one count of all of them rather than a union per module (which grows with the
    square of the module count: 2.4 s for three.js x 10)."""

    __slots__ = ("counts", "own")

    def __init__(self, counts: Counter[str], own: frozenset[str]) -> None:
        self.counts = counts
        self.own = own

    def __contains__(self, name: object) -> bool:
        return self.counts.get(name, 0) > (1 if name in self.own else 0)  # type: ignore[arg-type]


def _identifier(name: str) -> bool:
    return name.isidentifier() and name.isascii()


def _is_symbol(ident: object) -> bool:
    """Whether a naming id is (module, symbol), not ("ns", module), ("import", ...) and so on."""
    return isinstance(ident, tuple) and len(ident) == 2 and isinstance(ident[1], int)


def _ident(key: str) -> str:
    stem = posixpath.splitext(posixpath.basename(key.split("#")[0]))[0]
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in stem) or "module"
    return "_" + name if name[0].isdigit() else name


def page_diagnostic(message: str, location) -> Diagnostic:
    return error("bundle", message, location)
