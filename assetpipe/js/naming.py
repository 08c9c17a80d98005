"""Naming a chunk: the modules of a chunk share one top-level scope, so every top-level binding
gets a name no other binding of the chunk, no global it uses and no nested scope could clash
with (`names.py` allocates them: readable `name$1`, or minified short names by frequency).
`ChunkNaming` is the part of bundle's `_Builder` that does it, per chunk (`name_chunk`), and
gives the expression a binding is printed as (`binding_name`).
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter

from .chunks import Chunk
from .link import WRAPPER, Binding
from .names import minified, readable


class ChunkNaming:
    """`_Builder`'s naming (a mixin: it reads the builder's `modules`, `linked`, `names`,
    `chunk_of`, `by_key`, `options`)."""

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
            wanted.append((("ns", module), ident(module) + "_ns"))
            weights.append((("ns", module), 2))
        for key in chunk.modules:
            if self.modules[key].analysis.commonjs:
                reserved |= {"exports", "module", "require"}  # its function's parameters
                wanted.append((("cjs", key), "require_" + ident(key)))
                weights.append((("cjs", key), 3))
                if key in self.linked.views:
                    wanted.append((("view", key), "import_" + ident(key)))
                    weights.append((("view", key), 3))
        for helper in sorted(self.runtime[chunk.key]):
            wanted.append((("helper", helper), "__" + helper))
            weights.append((("helper", helper), 2))
        for _, bindings in sorted(self.imports[chunk.key].items()):
            for b in sorted(bindings, key=lambda b: (b.module, b.symbol)):
                if b.namespace:
                    preferred = ident(b.module) + "_ns"
                elif b.commonjs:
                    preferred = "import_" + ident(b.module)
                elif b.symbol == WRAPPER:
                    preferred = "require_" + ident(b.module)
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


def ident(key: str) -> str:
    stem = posixpath.splitext(posixpath.basename(key.split("#")[0]))[0]
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in stem) or "module"
    return "_" + name if name[0].isdigit() else name
