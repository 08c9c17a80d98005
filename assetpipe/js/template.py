"""Templates: each top-level statement printed once, with holes for what linking decides.

A module's statements print the same bytes in every chunk except at top-level names (which the
chunk renames), `ns.prop` accesses (bound to a declaration when the namespace is a module of the
bundle) and import URLs. So the walk's edits are applied here, once per module and mode, and the
result is cached with the analysis; the printer then only fills holes.

Minified templates have whitespace and comments collapsed, automatic semicolons made explicit,
and every nested binding renamed to a short name chosen per module: each nested binding gets a
slot numbered after the slots of its enclosing scopes (sibling scopes share slots, so an inner
name never shadows an outer one), slots are ordered by use, and names skip the module's globals
and names a direct `eval` must keep. A chunk's top-level names then avoid the slot names of its
modules (`Analysis.nested`).
"""

from __future__ import annotations

import bisect

from .model import (
    HOLE_DEFAULT,
    HOLE_IDENT,
    HOLE_MEMBER,
    HOLE_SPEC,
    PROTO,
    SHORTHAND,
    Statement,
    Template,
)
from .names import FIRST_NAMES, RESERVED, short_names
from .ops import Cut, Gap, Ident, Member, Op, Semi, Spec


def slot_names(symbols, scopes, counts, free: frozenset[str]) -> tuple[list[str | None], set[str]]:
    """The minified name of every nested symbol (None: top-level, or kept), and the names used."""
    by_scope: dict[int, list[int]] = {}
    for sid, sym in enumerate(symbols):
        if sym.scope:
            by_scope.setdefault(sym.scope, []).append(sid)
    after = [0] * len(scopes)
    slot_of = [-1] * len(symbols)
    weight: dict[int, int] = {}
    kept: set[str] = set()
    for s, scope in enumerate(scopes):
        if s == 0:
            continue
        n = after[scope.parent] if scope.parent > 0 else 0
        for sid in by_scope.get(s, ()):
            if scope.unsafe:
                kept.add(symbols[sid].name)
                continue
            slot_of[sid] = n
            weight[n] = weight.get(n, 0) + counts[sid] + 1
            n += 1
        after[s] = n
    avoid = free | kept
    if len(weight) <= sum(1 for c in FIRST_NAMES if c not in avoid):
        # every slot gets a one-letter name: slot i the i-th free letter in every module, so
        # the same code in two modules (two builds of a package) minifies the same (gzip)
        order = sorted(weight)
    else:  # the most used slots get the one-letter names
        order = sorted(weight, key=lambda slot: (-weight[slot], slot))
    names = short_names()
    slot_name: dict[int, str] = {}
    for slot in order:
        name = next(names)
        while name in RESERVED or name in avoid:
            name = next(names)
        slot_name[slot] = name
    result = [slot_name.get(slot) if slot >= 0 else None for slot in slot_of]
    for sid, sym in enumerate(symbols):
        if sym.scope and result[sid] is None:
            result[sid] = sym.name  # kept for a direct eval
    return result, set(slot_name.values()) | kept


def make_templates(
    data: bytes,
    statements: list[Statement],
    ops: list[Op],
    symbols,
    local_names: list[str | None] | None,
) -> tuple[Template, ...]:
    """Templates for `statements`; `local_names` (minified) renames nested symbols, and with
    it whitespace collapses; None keeps the source as written (readable). `ops` are sorted by
    start (`ops.py`)."""
    minify = local_names is not None
    starts = [op.start for op in ops]
    return tuple(
        _template(data, st, ops, starts, symbols, local_names, minify) for st in statements
    )


def _template(
    data: bytes, st: Statement, ops, starts, symbols, local_names, minify: bool
) -> Template:
    items: list = []
    maps: list[int] = []
    buf = bytearray()
    if st.kind in ("import", "re-export", "export-clause"):
        return Template((), ())
    if st.kind == "comment":
        return Template((data[st.start : st.end] + b"\n",), (0, 0, st.start))

    def flush() -> None:
        if buf:
            items.append(bytes(buf))
            buf.clear()

    def copy(start: int, end: int) -> None:
        """Copy source bytes; readable output keeps lines, so each one is a map point."""
        if not minify:
            nl = data.find(b"\n", start, end)
            while nl >= 0:
                maps.extend((len(items), len(buf) + nl + 1 - start, nl + 1))
                nl = data.find(b"\n", nl + 1, end)
        buf.extend(data[start:end])

    pos = st.print_start
    maps.extend((0, 0, pos))
    end = st.end
    name_at = st.name_at if st.kind == "default-anon" else -1
    j = bisect.bisect_left(starts, pos)
    n = len(ops)
    while j < n:
        op = ops[j]
        s = op.start
        kind = type(op)
        if s > end or (s == end and kind is not Semi and (kind is not Cut or op.text == b" ")):
            break  # (a cut's closing `)` at the very end is the statement's own)
        j += 1
        if name_at >= 0 and s >= name_at:
            copy(pos, name_at)
            flush()
            items.append((HOLE_DEFAULT, 0, 0))
            pos, name_at = name_at, -1
        if s < pos:
            continue  # inside a span already replaced
        if kind is Gap:
            if minify:
                copy(pos, s)
                buf.extend(op.text)
                pos = e = op.end
                if data.find(b"\n", s, e) >= 0:
                    maps.extend((len(items), len(buf), e))
        elif kind is Ident:
            sid = op.symbol
            sym = symbols[sid]
            if sym.scope == 0:
                copy(pos, s)
                flush()
                items.append((HOLE_IDENT, sid, op.flags))
                pos = op.end
            elif minify:
                name = local_names[sid]
                if name != sym.name:
                    copy(pos, s)
                    flags = op.flags
                    text = _shorthand(sym.name, name, flags) if flags & SHORTHAND else name
                    buf.extend(text.encode())
                    pos = op.end
        elif kind is Member:
            copy(pos, s)
            flush()
            items.append((HOLE_MEMBER, op.symbol, op.prop))
            pos = op.end
        elif kind is Spec:
            copy(pos, s)
            flush()
            items.append((HOLE_SPEC, op.record, op.part))
            pos = op.end
        elif kind is Semi:
            copy(pos, s)
            buf.extend(b";")
            pos = s
        elif kind is Cut:
            copy(pos, s)
            buf.extend(op.text)
            pos = op.end
    if name_at >= 0:
        copy(pos, name_at)
        flush()
        items.append((HOLE_DEFAULT, 0, 0))
        pos = name_at
    copy(pos, end)
    flush()
    return Template(tuple(items), tuple(maps))


def _shorthand(original: str, name: str, flags: int) -> str:
    """`{a}` renamed: `{a:e}`; `{__proto__}` makes an own property, which `__proto__:e` would
    not (it sets the prototype): `{["__proto__"]:e}`."""
    key = '["__proto__"]' if flags & PROTO else original
    return f"{key}:{name}"
