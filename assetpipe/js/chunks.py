"""Code splitting: which modules go into which chunk, and what chunks import from each other.

Each included module gets the set of entries (module scripts of pages, inline module scripts,
`import()` targets) that reach it through static imports; modules with the same set form one
chunk, so no module is ever in two chunks and a chunk holds exactly what its entries share. An
inline module script is a chunk of its own (it stays in its page); what it imports goes to the
other chunks. Modules are laid out in the order ES module evaluation visits them: a depth-first
walk of static imports from the entries, each module after its dependencies.

Chunks only import from chunks reached by a superset of their entries, so an entry's own chunk
exports nothing but the entry's public names (when something imports it dynamically).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from .link import Linked

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")
# packages of less live source than this stay in the app's chunk (webpack's
# splitChunks.minSize, counted after tree shaking)
VENDOR_MIN_BYTES = 20_000


@dataclass(frozen=True, slots=True)
class Entry:
    module: str
    kind: str  # "page" (a module script's src), "inline", or "dynamic"


@dataclass(slots=True)
class Chunk:
    key: str  # manifest key: the entry module's key, or "_<name>.js" for a shared chunk
    name: str  # output file stem
    modules: list[str]  # in evaluation order
    entry: str | None  # the entry module, for an entry's own chunk
    inline: bool = False
    dynamic: bool = False  # its entry is imported with import(): it exports its public names
    deps: list[str] = field(default_factory=list)  # chunks it imports statically, in order


def static_deps(linked: Linked, key: str) -> list[str]:
    """The included modules `key` imports statically. A dropped module in between (a barrel
    whose package has no side effects) is looked through: what it re-exports is imported."""
    cache = linked.deps_cache
    found = cache.get(key)
    if found is None:
        found = cache[key] = list(_deps(linked, key, {key}, linked.through_cache)[0])
    return found


def _deps(linked: Linked, key: str, walking: set[str], through: dict) -> tuple[dict, bool]:
    """`key`'s static dependencies as an ordered set, and whether the answer is complete: a
    walk through dropped modules that meets one it is already inside (a cycle of barrels)
    leaves that one's part to the outer walk, so its answer is not kept for reuse."""
    module = linked.modules[key]
    deps: dict[str, None] = {}
    complete = True
    for index, record in enumerate(module.analysis.imports):
        target = module.resolved[index]
        if record.kind not in ("import", "re-export", "require") or target not in linked.modules:
            continue
        if target in linked.included:
            deps[target] = None
        elif record.kind == "require":
            continue
        elif target in through:
            deps.update(through[target])
        elif target in walking:
            complete = False
        else:
            walking.add(target)
            inner, whole = _deps(linked, target, walking, through)
            walking.discard(target)
            if whole:
                through[target] = inner
            complete = complete and whole
            deps.update(inner)
    return deps, complete


def evaluation_order(linked: Linked, roots: list[str]) -> list[str]:
    """Post-order of a depth-first walk of static imports from `roots` (iterative)."""
    order: list[str] = []
    seen: set[str] = set()
    for root in roots:
        if root in seen:
            continue
        seen.add(root)
        stack = [(root, iter(static_deps(linked, root)))]
        while stack:
            key, deps = stack[-1]
            for dep in deps:
                if dep not in seen:
                    seen.add(dep)
                    stack.append((dep, iter(static_deps(linked, dep))))
                    break
            else:
                stack.pop()
                order.append(key)
    return order


def split(
    linked: Linked, entries: list[Entry], *, vendor: bool = True
) -> tuple[list[Chunk], dict[str, str]]:
    """The chunks, in a deterministic order, and the chunk key of every included module.
    `vendor`: the packages (modules under node_modules) of a group go to a chunk of their
    own, when tree shaking keeps at least VENDOR_MIN_BYTES of their source and none imports
    the app's code,
    so that a change to the app leaves the
    chunk holding React (or any library) as it was: its name, and returning visitors' copy,
    stay. Its modules then run before the group's app modules, as they do with Rollup's
    `manualChunks`: only an app module that a package relies on having run first (none
    imports it) would notice."""
    order = evaluation_order(linked, [e.module for e in entries])
    position = {key: i for i, key in enumerate(order)}
    reach: dict[str, set[int]] = {}
    for index, entry in enumerate(entries):
        stack = [entry.module]
        seen = {entry.module}
        while stack:
            key = stack.pop()
            reach.setdefault(key, set()).add(index)
            for dep in static_deps(linked, key):
                if dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
    inline = {e.module for e in entries if e.kind == "inline"}
    dynamic = {e.module for e in entries if e.kind == "dynamic"}
    groups: dict[frozenset[int], list[str]] = {}
    singles: list[list[str]] = []
    for key in order:
        if key in inline:
            singles.append([key])
        else:
            groups.setdefault(frozenset(reach[key]), []).append(key)
    chunks: list[Chunk] = []
    used: set[str] = set()
    for members in singles:
        key = members[0]
        chunks.append(Chunk(key, _unique(_stem(key), used), members, key, inline=True))
    for bits, members in list(groups.items()):
        packages = [m for m in members if "node_modules/" in m]
        if not vendor or not packages or len(packages) == len(members):
            continue
        if _live_bytes(linked, packages) < VENDOR_MIN_BYTES:
            continue  # a file more to fetch, for little to keep cached
        app = set(members).difference(packages)
        if any(d in app for m in packages for d in static_deps(linked, m)):
            continue
        groups[bits] = [m for m in members if m in app]
        name = _unique("vendor", used)
        chunks.append(Chunk(f"_{name}.js", name, packages, None))
    for bits, members in groups.items():
        owner = entries[next(iter(bits))].module if len(bits) == 1 else None
        if owner is not None and owner in members:
            chunks.append(
                Chunk(owner, _unique(_stem(owner), used), members, owner, dynamic=owner in dynamic)
            )
        else:
            name = _unique(_stem(members[-1]), used)
            chunks.append(Chunk(f"_{name}.js", name, members, None))
    chunks.sort(key=lambda c: position[c.modules[0]])
    chunk_of = {m: c.key for c in chunks for m in c.modules}
    by_key = {c.key: c for c in chunks}
    for c in chunks:
        for m in c.modules:
            for dep in static_deps(linked, m):
                target = chunk_of[dep]
                if target != c.key and target not in c.deps:
                    c.deps.append(target)
        by_key[c.key] = c
    return chunks, chunk_of


def _live_bytes(linked: Linked, keys: list[str]) -> int:
    """The source bytes of the statements of `keys` that tree shaking kept."""
    total = 0
    for key in keys:
        statements = linked.modules[key].analysis.statements
        total += sum(statements[i].end - statements[i].start for i in linked.live.get(key, ()))
    return total


def _stem(key: str) -> str:
    base = key.split("#")[0]
    stem = os.path.splitext(os.path.basename(base))[0]
    if stem == "index":  # name a package's or folder's index after its folder
        stem = os.path.basename(os.path.dirname(base)) or stem
    return _UNSAFE.sub("-", stem).strip("-.") or "chunk"


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name, 1
    while candidate in used:
        n += 1
        candidate = f"{name}{n}"
    used.add(candidate)
    return candidate
