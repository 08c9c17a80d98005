"""The walk of one module (assetpipe/js/analyze.py and its parts in js/walk/): the edits it
records (js/ops.py), the references it resolves, and the Analysis it makes of them."""

from __future__ import annotations

import pickle

from assetpipe.js.analyze import NODE_ENV_PRODUCTION, _Walker, analyze
from assetpipe.js.constants import parse_defines
from assetpipe.js.model import CALL, HOLE_IDENT, SHORTHAND, SPEC_HEAD, SPEC_TAIL, WRITE, Export
from assetpipe.js.ops import Cut, Gap, Ident, Member, Semi, Spec
from assetpipe.js.parse import parse


def walked(code: str) -> tuple[_Walker, list]:
    """The walker after its walk, and its ops once references are resolved."""
    data = code.encode()
    walker = _Walker(data, "default", parse_defines(NODE_ENV_PRODUCTION))
    walker.program(parse(data)[0].root_node)
    return walker, walker.edits(walker.resolve().written)


def at(code: str, text: str, nth: int = 0) -> int:
    """The byte offset of the nth `text` in `code` (ASCII)."""
    i = -1
    for _ in range(nth + 1):
        i = code.index(text, i + 1)
    return i


def test_identifiers_are_ident_ops_with_their_symbol_and_flags():
    code = "let a = 1;\na = f(a, {a});"
    walker, ops = walked(code)
    idents = [op for op in ops if type(op) is Ident]
    a = walker.symbols[idents[0].symbol]
    assert (a.name, a.scope, a.kind) == ("a", 0, "let")
    assert [(op.start, op.symbol) for op in idents] == [
        (at(code, "a"), 0),  # the declaration
        (at(code, "a", 1), 0),  # written
        (at(code, "a", 2), 0),
        (at(code, "a", 3), 0),  # shorthand
    ]
    assert idents[1].flags & WRITE and not idents[2].flags & WRITE
    assert idents[3].flags & SHORTHAND
    assert all(op.end == op.start + 1 for op in idents)
    assert "f" not in [walker.symbols[op.symbol].name for op in idents]  # a global: no op


def test_a_called_identifier_is_flagged_call():
    code = "import { f } from './f.js';\nf();"
    _, ops = walked(code)
    call = [op for op in ops if type(op) is Ident][-1]
    assert call.start == at(code, "f()") and call.flags & CALL


def test_whitespace_is_a_gap_and_asi_a_semi():
    code = "let a = 1\nlet b = 2"
    _, ops = walked(code)
    gaps = [op for op in ops if type(op) is Gap]
    assert Gap(at(code, " ="), at(code, "="), b"") in gaps  # `a =`: `a=`
    assert Gap(3, 4, b" ") in gaps  # `let a`: the space stays
    assert Semi(at(code, "\n"), at(code, "\n")) in ops  # `1` + `;` before the line break
    starts = [op.start for op in ops]
    assert starts == sorted(starts)


def test_a_dead_branch_is_a_cut():
    code = 'if (process.env.NODE_ENV !== "production") {\n  check();\n}\nrun();'
    _, ops = walked(code)
    cuts = [op for op in ops if type(op) is Cut]
    assert cuts == [Cut(0, at(code, "}") + 1, b"")]
    assert cuts[0].text == b"" and cuts[0].end == at(code, "\nrun")


def test_a_define_value_is_a_cut_in_both_modes():
    code = "const mode = process.env.NODE_ENV;"
    _, ops = walked(code)
    cut = next(op for op in ops if type(op) is Cut)
    assert (cut.start, cut.end) == (at(code, "process"), at(code, ";"))
    assert cut.text == b'"production"'


def test_namespace_member_is_a_member_op_before_its_ident():
    code = "import * as ns from './x.js';\nns.y();"
    walker, ops = walked(code)
    i = next(i for i, op in enumerate(ops) if type(op) is Member)
    member = ops[i]
    assert walker.symbols[member.symbol].name == "ns" and member.prop == "y"
    assert (member.start, member.end) == (at(code, "ns.y"), at(code, "()"))
    ident = ops[i + 1]  # the same start: skipped by the template, inside the member's span
    assert type(ident) is Ident and ident.start == member.start


def test_import_call_is_a_spec_op():
    code = "import('./a.js');\nimport('./b.js', options);"
    walker, ops = walked(code)
    specs = [op for op in ops if type(op) is Spec]
    assert specs[0] == Spec(0, at(code, ";"), 0, None)
    # options known at run time only: printed as written between two holes
    assert [(op.record, op.part) for op in specs[1:]] == [(1, SPEC_HEAD), (1, SPEC_TAIL)]
    assert [r.specifier for r in walker.imports] == ["./a.js", "./b.js"]


def test_local_export_resolves_with_the_references():
    code = "let a = 1;\nexport { a as b, c };"
    analysis = analyze(code.encode())
    a = next(i for i, s in enumerate(analysis.symbols) if s.name == "a")
    assert analysis.exports[0] == Export("b", a, -1, "", at(code, "a", 1), at(code, "a", 1) + 1)
    assert analysis.exports[1].symbol == -1
    assert [p.message for p in analysis.problems] == ["'c' is exported but not declared"]


def test_analysis_templates_and_pickling():
    """Templates are the ops applied: holes for top-level names (the chunk names them),
    whitespace gone and `const` as `let` when minified, the source as written when not."""
    code = "import { f } from './f.js';\nconst longName = f(1);\nexport default longName;"
    f, long_name = (HOLE_IDENT, 0, 0), (HOLE_IDENT, 1, 0)
    minified = analyze(code.encode(), minify=True)
    readable = analyze(code.encode(), minify=False)
    assert minified.templates[1].items == (b"let ", long_name, b"=", (HOLE_IDENT, 0, CALL), b"(1);")
    assert readable.templates[1].items == (
        b"const ",
        long_name,
        b" = ",
        (HOLE_IDENT, 0, CALL),
        b"(1);",
    )
    assert minified.templates[2].items == (long_name, b";")
    assert [s.name for s in minified.symbols] == ["f", "longName", "default"]
    assert f[1] == minified.import_bindings[0].symbol
    for analysis in (minified, readable):
        assert pickle.loads(pickle.dumps(analysis)) == analysis
