"""bundle(): the module graph in, chunks ready for hashing out.

    link      bind imports to declarations (errors: missing exports)      link.py
    shake     mark live statements, from the entries and side effects     link.py
    split     group modules into chunks by the entries that reach them    chunks.py
    needs     what each chunk uses from other chunks; namespace objects    here
    name      give every top-level binding of a chunk a unique name       naming.py
    print     each chunk's text, with placeholders for other outputs      printer.py

Chunk URLs: with `import_map` on (the default), chunks import each other by stable names
(`./ui.js`) that each page's import map maps to the hashed files, so a change to one module
renames only its own chunk and the pages; with it off, they import the hashed names directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic
from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Rendered
from .chunks import Chunk, Entry, split
from .graph import JsModule
from .link import AMBIGUOUS, Binding, Linked, Linker, dynamic_targets
from .naming import ChunkNaming
from .printer import ChunkPrinting
from .resolve import EMPTY


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


class _Builder(ChunkNaming, ChunkPrinting):
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
