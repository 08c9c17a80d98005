"""Linking: bind every import to the declaration it names, then shake the tree.

Binding follows the ES module specification's ResolveExport: local exports, re-exports (with
renaming), `export * as ns`, and `export *` (never `default`; a name two stars provide
differently is ambiguous and not exported). An import that names nothing is an error at the
importing specifier. Imports of namespaces used only as `ns.name` bind `name` directly; a
namespace used as a value gets a namespace object.

Tree shaking works on top-level statements. Live roots: every statement with side effects in an
included module, and the exports of every dynamically imported module (its namespace is
observable). A module is included when it is an entry, when an included module imports it and
its package does not say `"sideEffects": false`, or when one of its bindings is live. As webpack,
Rollup and esbuild read that flag, it only lets a module none of whose bindings are used be
dropped whole: an included module runs all its statements with side effects (`init()`,
`Obj.DEFAULT = ...`). Live bindings make their declaring statements live, and those statements'
own references live in turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, error
from .graph import JsModule
from .resolve import EMPTY, UNDEFINED_EXPORT

NAMESPACE = -1  # a module's namespace object
COMMONJS = -3  # a CommonJS module's exports as an ES module sees them (`__toESM(require_x())`)
WRAPPER = -4  # a CommonJS module's function (`require_x`)


@dataclass(frozen=True, slots=True)
class Binding:
    """What a name resolves to: a symbol of a module, a module's namespace (NAMESPACE), or a
    property (`prop`, None for the whole object) of a CommonJS module's exports (COMMONJS)."""

    module: str
    symbol: int
    prop: str | None = None

    @property
    def namespace(self) -> bool:
        return self.symbol == NAMESPACE

    @property
    def commonjs(self) -> bool:
        return self.symbol == COMMONJS

    @property
    def whole(self) -> Binding:
        """The binding a chunk imports from another for this one (a CommonJS module's
        exports object, not one property of it)."""
        return Binding(self.module, self.symbol) if self.prop is not None else self


AMBIGUOUS = Binding("", -2)
_MISSING = object()


@dataclass(slots=True)
class Linked:
    modules: dict[str, JsModule]
    bindings: dict[tuple[str, int], Binding]  # (module, import symbol) -> what it names
    included: set[str] = field(default_factory=set)
    live: dict[str, set[int]] = field(default_factory=dict)  # module -> live statements
    namespaces: set[str] = field(default_factory=set)  # modules that need a namespace object
    # CommonJS modules that ES modules import (evaluated where they stand in the module
    # order), and those whose exports object is used (`import_x = __toESM(require_x())`)
    evaluated: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)
    external: dict[tuple[str, int], tuple[str, str]] = field(default_factory=dict)
    deps_cache: dict[str, list[str]] = field(default_factory=dict)  # see chunks.static_deps
    through_cache: dict[str, dict] = field(default_factory=dict)  # ... of dropped modules

    def resolve_symbol(self, module: str, symbol: int) -> Binding:
        """A symbol followed through imports to its declaration (or namespace)."""
        return self.bindings.get((module, symbol), Binding(module, symbol))


class Linker:
    def __init__(self, modules: dict[str, JsModule]) -> None:
        self.modules = modules
        self.diagnostics: list[Diagnostic] = []
        self._exports: dict[str, dict[str, list]] = {}
        self._resolved: dict[tuple[str, str], Binding | None] = {}
        self._names: dict[str, list[str]] = {}

    # -- ResolveExport -------------------------------------------------------------------------

    def commonjs(self, key: str) -> bool:
        module = self.modules.get(key)
        return module is not None and module.analysis.commonjs

    def namespace_of(self, key: str) -> Binding:
        """What `import * as ns` of `key` binds: its namespace, or a CommonJS module's
        exports object (with `default`: `module.exports` itself, as Node and esbuild give)."""
        return Binding(key, COMMONJS) if self.commonjs(key) else Binding(key, NAMESPACE)

    def required(self, target: str) -> Binding:
        """What `require(target)` reads: a CommonJS module's function, a JSON module's value,
        an ES module's namespace."""
        if self.commonjs(target):
            return Binding(target, WRAPPER)
        if self.modules[target].kind == "json":
            found = self.resolve_export(target, "default")
            if found is not None and found is not AMBIGUOUS:
                return found
        return Binding(target, NAMESPACE)

    def commonjs_names(self, key: str, seen: set[str] | None = None) -> set[str]:
        """The names a CommonJS module visibly exports (see `Analysis.cjs_exports`), its
        re-exports' included."""
        seen = seen if seen is not None else set()
        if key in seen or not self.commonjs(key):
            return set()
        seen.add(key)
        module = self.modules[key]
        names = set(module.analysis.cjs_exports)
        for record in module.analysis.cjs_reexports:
            target = module.resolved[record]
            if target is not None:
                names |= self.commonjs_names(target, seen)
        names.discard("__esModule")
        return names

    def exports_of(self, key: str) -> dict[str, list]:
        cached = self._exports.get(key)
        if cached is None:
            cached = {}
            for e in self.modules[key].analysis.exports:
                cached.setdefault(e.name, []).append(e)
            self._exports[key] = cached
        return cached

    def resolve_export(self, key: str, name: str, seen: set | None = None) -> Binding | None:
        if seen is None:
            cached = self._resolved.get((key, name), _MISSING)
            if cached is _MISSING:
                cached = self._resolved[(key, name)] = self.resolve_export(key, name, set())
            return cached
        if (key, name) in seen or key not in self.modules:
            return None
        seen.add((key, name))
        module = self.modules[key]
        if module.analysis.commonjs:  # any name: a property of its exports, read when used
            return Binding(key, COMMONJS, name)
        found = self.exports_of(key).get(name)
        if found:
            e = found[0]
            if e.record < 0:
                return self.resolve_local(key, e.symbol, seen)
            target = module.resolved[e.record]
            if target is None or target not in self.modules:
                return None
            if e.imported == "*":
                return self.namespace_of(target)
            return self.resolve_export(target, e.imported, seen)
        if name == "default":
            return None
        result: Binding | None = None
        for record in module.analysis.star_exports:
            target = module.resolved[record]
            if target is None or target not in self.modules:
                continue
            if self.commonjs(target) and name not in self.commonjs_names(target):
                continue  # `export *` of CommonJS: the names its code visibly exports
            found_binding = self.resolve_export(target, name, seen)
            if found_binding is None:
                continue
            if found_binding is AMBIGUOUS:
                return AMBIGUOUS
            if result is None:
                result = found_binding
            elif result != found_binding:
                return AMBIGUOUS
        return result

    def resolve_local(self, key: str, symbol: int, seen: set | None = None) -> Binding | None:
        """A local symbol; an import symbol is followed to what it imports."""
        module = self.modules[key]
        for b in module.analysis.import_bindings:
            if b.symbol == symbol:
                target = module.resolved[b.record]
                if target is None or target not in self.modules:
                    return None
                if b.imported == "*":
                    return self.namespace_of(target)
                return self.resolve_export(target, b.imported, seen)
        return Binding(key, symbol)

    def export_names(self, key: str, seen: set[str] | None = None) -> list[str]:
        """GetExportedNames: every name the module's namespace has, sorted."""
        if seen is None and key in self._names:
            return self._names[key]
        top = seen is None
        seen = seen if seen is not None else set()
        if key in seen or key not in self.modules:
            return []
        seen.add(key)
        module = self.modules[key]
        if module.analysis.commonjs:
            result = sorted(self.commonjs_names(key) | {"default"})
            if top:
                self._names[key] = result
            return result
        names = set(self.exports_of(key))
        for record in module.analysis.star_exports:
            target = module.resolved[record]
            if target is not None:
                names.update(n for n in self.export_names(target, seen) if n != "default")
        result = sorted(n for n in names if self.resolve_export(key, n) not in (None, AMBIGUOUS))
        if top:  # inside an `export *` cycle the list is cut short where the walk came in
            self._names[key] = result
        return result

    # -- binding every import ------------------------------------------------------------------

    def _broken(self, key: str) -> bool:
        """Whether `key` or a module it re-exports from has a syntax error: its exports are
        unknown, so an import of a name it seems to lack is not reported on top of that."""
        seen: set[str] = set()
        todo = [key]
        while todo:
            k = todo.pop()
            if k in seen or k not in self.modules:
                continue
            seen.add(k)
            module = self.modules[k]
            if module.analysis.problems:
                return True
            records = {*module.analysis.star_exports}
            records.update(e.record for e in module.analysis.exports if e.record >= 0)
            todo.extend(t for r in records if (t := module.resolved[r]) is not None)
        return False

    def bind(self) -> Linked:
        bindings: dict[tuple[str, int], Binding] = {}
        external: dict[tuple[str, int], tuple[str, str]] = {}
        for key, module in self.modules.items():
            analysis = module.analysis
            for b in analysis.import_bindings:
                target = module.resolved[b.record]
                record = analysis.imports[b.record]
                if target is None:
                    if not module.public[b.record]:
                        external[(key, b.symbol)] = (record.specifier, b.imported)
                    else:
                        external[(key, b.symbol)] = (record.specifier, b.imported)
                    continue
                if target not in self.modules:
                    self.diagnostics.append(
                        error(
                            "import-binding",
                            f"'{record.specifier}' is not a JavaScript module: "
                            f"it has no '{b.imported}' to import",
                            module.locate(b.start, b.end),
                        )
                    )
                    continue
                if b.imported == "*":
                    bindings[(key, b.symbol)] = self.namespace_of(target)
                    continue
                found = self.resolve_export(target, b.imported)
                if found is None and target.startswith(EMPTY):
                    found = self.resolve_export(target, UNDEFINED_EXPORT)
                if (
                    found is None
                    and _maybe_type(key, target)
                    and any(e.symbol == b.symbol for e in analysis.exports)
                ):
                    continue  # only passed on (`import { T }; export { T }`): a type
                if (found is None or found is AMBIGUOUS) and not self._broken(target):
                    how = "exports more than one" if found is AMBIGUOUS else "does not export"
                    self.diagnostics.append(
                        error(
                            "missing-export",
                            f"'{record.specifier}' {how} '{b.imported}' (imported by {key})",
                            module.locate(b.start, b.end),
                        )
                    )
                    continue
                if found is None or found is AMBIGUOUS:
                    continue  # the module has a syntax error, reported for itself
                bindings[(key, b.symbol)] = found
            for e in analysis.exports:  # re-exports must name something too
                if e.record >= 0 and e.imported != "*":
                    target = module.resolved[e.record]
                    if (
                        target in self.modules
                        and not self._broken(target)
                        and self.resolve_export(target, e.imported) in (None, AMBIGUOUS)
                        and not (
                            _maybe_type(key, target)
                            and self.resolve_export(target, e.imported) is None
                        )
                    ):
                        self.diagnostics.append(
                            error(
                                "missing-export",
                                f"'{analysis.imports[e.record].specifier}' does "
                                f"not export '{e.imported}' (re-exported by {key})",
                                module.locate(e.start, e.end),
                            )
                        )
        return Linked(self.modules, bindings, external=external)

    # -- tree shaking --------------------------------------------------------------------------

    def shake(
        self, linked: Linked, entries: list[tuple[str, bool]], *, enabled: bool = True
    ) -> None:
        """Mark what runs. `entries`: (module key, whether its namespace is observable)."""
        _Shaker(self, linked, enabled).run(entries)


class _Shaker:
    """Tree shaking by statement: from the entries, every statement with side effects, then
    whatever a marked statement uses (the statements that declare it, across modules through
    the linker's bindings), until nothing new is marked (`Linked.live`)."""

    def __init__(self, linker: Linker, linked: Linked, enabled: bool) -> None:
        self.linker = linker
        self.modules = linker.modules
        self.linked = linked
        self.enabled = enabled
        self.declared_by: dict[str, dict[int, list[int]]] = {}
        self.todo: list[tuple[str, int]] = []  # statements to mark

    def run(self, entries: list[tuple[str, bool]]) -> None:
        modules, linked, linker = self.modules, self.linked, self.linker
        requiring = {
            key
            for key, module in modules.items()
            if any(r.kind == "require" for r in module.analysis.imports)
        }
        for key, observable in entries:
            self.include(key)
            if observable:
                self.mark_namespace(key)
        todo = self.todo
        while todo:
            key, i = todo.pop()
            live = linked.live.setdefault(key, set())
            if i in live:
                continue
            live.add(i)
            analysis = modules[key].analysis
            st = analysis.statements[i]
            if key in requiring:
                self.required(key, i)
            for sid in st.uses:
                if (key, sid) in linked.external:
                    continue
                self.mark_binding(linked.resolve_symbol(key, sid))
            for sid, prop in st.members:
                target = linked.resolve_symbol(key, sid)
                if target.namespace:
                    found = linker.resolve_export(target.module, prop)
                    if found is not None and found is not AMBIGUOUS:
                        self.mark_binding(found)
                    else:
                        self.include(target.module)
                elif target.commonjs:
                    self.mark_binding(target)

    def include(self, key: str) -> None:
        """The module `key` runs: its statements with side effects are marked, and the modules
        it imports for their side effects are included."""
        modules, linked, enabled = self.modules, self.linked, self.enabled
        if key in linked.included or key not in modules:
            return
        linked.included.add(key)
        module = modules[key]
        linked.live.setdefault(key, set())
        analysis = module.analysis
        keep_all = analysis.direct_eval or not enabled or analysis.commonjs
        for i, st in enumerate(analysis.statements):
            if (
                keep_all
                and st.kind in ("code", "default-expr", "default-anon")
                or (
                    st.kind == "comment"
                    or st.side_effects
                    or (not enabled and st.kind in ("code", "default-expr", "default-anon"))
                )
            ):
                self.todo.append((key, i))
        for record_index, record in enumerate(analysis.imports):
            target = module.resolved[record_index]
            if (
                record.kind in ("import", "re-export")
                and target in modules
                and (modules[target].side_effects or not enabled)
            ):
                self.include(target)
                if modules[target].analysis.commonjs:
                    linked.evaluated.add(target)

    def required(self, key: str, i: int) -> None:
        """What the `require()` calls of statement `i` of `key` need."""
        module = self.modules[key]
        st = module.analysis.statements[i]
        for index, record in enumerate(module.analysis.imports):
            if record.kind != "require" or not st.start <= record.call_start < st.end:
                continue
            target = module.resolved[index]
            if target in self.modules:
                self.mark_binding(self.linker.required(target))

    def mark_binding(self, binding: Binding) -> None:
        """What a binding names is used: the statements that declare it run."""
        if binding.namespace:
            self.mark_namespace(binding.module)
            return
        if binding.commonjs:
            self.include(binding.module)
            self.linked.views.add(binding.module)
            return
        if binding.symbol == WRAPPER:  # `require_x()`: the module, run when called
            self.include(binding.module)
            return
        self.include(binding.module)
        table = self.declared_by.get(binding.module)
        if table is None:  # every statement that declares it: `var x = 0` may repeat
            table = self.declared_by[binding.module] = {}
            for i, st in enumerate(self.modules[binding.module].analysis.statements):
                for sid in st.declares:
                    table.setdefault(sid, []).append(i)
        for stmt in table.get(binding.symbol, ()):
            self.todo.append((binding.module, stmt))

    def mark_namespace(self, key: str) -> None:
        """A module's namespace object is used as a value: every export it has is used."""
        linker, linked = self.linker, self.linked
        if linker.commonjs(key):
            self.mark_binding(Binding(key, COMMONJS))
            return
        if key in linked.namespaces:
            return
        linked.namespaces.add(key)
        self.include(key)
        for name in linker.export_names(key):
            found = linker.resolve_export(key, name)
            if found is not None and found is not AMBIGUOUS:
                self.mark_binding(found)


def dynamic_targets(linked: Linked) -> list[str]:
    """Modules that live code imports with `import()`, sorted."""
    found = set()
    for key in linked.included:
        module = linked.modules[key]
        statements = module.analysis.statements
        live = linked.live.get(key, set())
        for index, record in enumerate(module.analysis.imports):
            target = module.resolved[index]
            if record.kind != "dynamic" or target not in linked.modules:
                continue
            if any(statements[i].start <= record.call_start < statements[i].end for i in live):
                found.add(target)
    return sorted(found)


def _maybe_type(importer: str, target: str) -> bool:
    """Whether a name one TypeScript module passes on from another and that has no value there
    may be a type (`export { User } from './types'`, an interface): then, as esbuild and tsc
    with `isolatedModules` do, it is left out rather than an error. (A name the code uses is
    not only a type, or TypeScript's import elision would have dropped it: that stays an
    error.)"""
    return importer.endswith(TYPESCRIPT) and target.endswith(TYPESCRIPT)


TYPESCRIPT = (".ts", ".mts", ".cts", ".tsx")
