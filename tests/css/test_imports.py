from __future__ import annotations

from assetpipe.css.imports import find_import_rules, inline_imports
from assetpipe.pipeline.values import Link, Rendered


def sheet(source: str, text: str, *links: str) -> Rendered:
    return Rendered(
        source,
        f"assets/{source}-[hash].css",
        text,
        None,
        tuple(Link(t, "url", t.startswith("http")) for t in links),
    )


def test_conditions_are_read():
    text = (
        '@import "__asp_ref0__" layer(base) supports(display: grid) screen and (width > 1px);'
        '@import url(__asp_ref1__) layer;@import "__asp_ref2__" supports((a: b) or (c: d));'
    )
    rules = find_import_rules(text)
    assert [(r.layer, r.supports, r.media) for r in rules] == [
        ("base", "(display: grid)", "screen and (width > 1px)"),
        ("", None, ""),
        (None, "(a: b) or (c: d)", ""),
    ]


def test_imports_are_inlined_in_order_wrapped_and_urls_follow():
    sheets = {
        "main.css": sheet(
            "main.css",
            '@import "__asp_ref0__" layer(l) print;@import "__asp_ref1__";.m{b:url(__asp_ref2__)}',
            "a.css",
            "b.css",
            "m.png",
        ),
        "a.css": sheet("a.css", ".a{b:url(__asp_ref0__)}", "a.png"),
        "b.css": sheet("b.css", '@import "__asp_ref0__" supports(x: y);.b{}', "c.css"),
        "c.css": sheet("c.css", ".c{}"),
    }
    main = inline_imports(sheets)["main.css"]
    assert main.text == (
        "@media print{@layer l{.a{b:url(__asp_ref0__)}}}"
        "@supports (x: y){.c{}}.b{}.m{b:url(__asp_ref1__)}"
    )
    assert [link.target for link in main.links] == ["a.png", "m.png"]


def test_remote_imports_move_to_the_top_and_cycles_end():
    sheets = {
        "main.css": sheet(
            "main.css",
            '@import "__asp_ref0__";@import "__asp_ref1__";.m{}',
            "a.css",
            "https://fonts.example/x.css",
        ),
        "a.css": sheet("a.css", '@import "__asp_ref0__";.a{}', "main.css"),
    }
    main = inline_imports(sheets)["main.css"]
    assert main.text == '@import "__asp_ref0__";\n.a{}.m{}'
    assert main.links[0].target == "https://fonts.example/x.css"
