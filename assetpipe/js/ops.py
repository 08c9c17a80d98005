"""The edits a module's walk records (`analyze.py`), which its templates apply (`template.py`).

Each op is an edit of the source span [start, end) (empty for an insertion), one named tuple
type per kind; the walk appends them in document order (as it meets the tokens), and
`template.make_templates` applies them in that order. Ops live for one analysis only: what is
cached and pickled is the templates made from them (`model.Template`). They are named tuples,
as the records of `model.py` are, because a large module has hundreds of thousands of them:
tuples are the cheapest records to make, and their fields are read by name.

- `Gap`: when minified, the bytes of the span become `text` (the whitespace and comments
  between two tokens, or a token spelled shorter: `!0`, `.5`, `"u"`); readable output keeps
  the source.
- `Semi`: a `;` inserted at `start` (automatic semicolon insertion supplied one, which becomes
  necessary once line breaks go), in both modes.
- `Ident`: an identifier that binds or refers to `symbol`: a hole when the symbol is a
  top-level one (the chunk names it), else renamed when minified.
- `Member`: `ns.prop` on a namespace import `symbol`: a hole, bound at link time.
- `Spec`: the specifier of import record `record` (a dynamic `import()`, `require()`, or
  `new URL()`): a hole for its URL.
- `Cut`: the span becomes `text` in both modes (a define's value, a branch a define made dead).
"""

from __future__ import annotations

from typing import NamedTuple


class Gap(NamedTuple):
    start: int
    end: int
    text: bytes  # printed instead when minified


class Semi(NamedTuple):
    start: int
    end: int  # the same as start: an insertion


class Ident(NamedTuple):
    start: int
    end: int
    symbol: int  # (a reference's op is made once resolved: `Scopes.resolve`)
    flags: int  # model.SHORTHAND, WRITE, PROTO, CALL


class Member(NamedTuple):
    start: int  # from the namespace's name to the end of `.prop`
    end: int
    symbol: int  # the namespace import; -1 until the walk resolves it
    prop: str


class Spec(NamedTuple):
    start: int
    end: int
    record: int  # the index of the import record (`model.ImportRecord`)
    # None, or for an `import()` with options known only at run time, model.SPEC_HEAD
    # (`import(spec`) or model.SPEC_TAIL (its `)`), the options printed as written between
    part: int | None


class Cut(NamedTuple):
    start: int
    end: int
    text: bytes  # printed instead in both modes


Op = Gap | Semi | Ident | Member | Spec | Cut

# For the hot paths (a gap per token, an ident per name): `make(Gap, (start, end, text))` is
# `Gap(start, end, text)` at a third of the cost, a named tuple's own __new__ being Python code
make = tuple.__new__
