from __future__ import annotations

from assetpipe.js.parse import find_imports

MODERN = """// every form, in modern syntax
import data from './d.json' with { type: 'json' };
import def, { a as b } from "./x.js";
import * as ns from './ns.js';
import './side-effect.js';
export * from './all.js';
export { c } from './c.js';
const re = /[/]\\/*x/g, t = `a ${b + `c${1}`} // not a comment`;
class A { #p = 1_000; static { this.x = 1; } get p() { return this.#p ?? a?.b?.[1]; } }
const lazy = await import('./lazy.js');
const tpl = import(`./tpl.js`);
const computed = import(`./pages/${name}.js`);
const asset = new URL('./img.png', import.meta.url);
const notAsset = new URL('./x', location.href);
"""


def test_every_specifier_form():
    refs, problems = find_imports(MODERN)
    assert problems == []
    assert [(r.kind, r.url, MODERN[r.start : r.end]) for r in refs] == [
        ("import", "./d.json", "./d.json"),
        ("import", "./x.js", "./x.js"),
        ("import", "./ns.js", "./ns.js"),
        ("import", "./side-effect.js", "./side-effect.js"),
        ("import", "./all.js", "./all.js"),
        ("import", "./c.js", "./c.js"),
        ("dynamic-import", "./lazy.js", "./lazy.js"),
        ("dynamic-import", "./tpl.js", "./tpl.js"),
        ("new-url", "./img.png", "./img.png"),
    ]


def test_strings_and_comments_that_look_like_imports_are_not_imports():
    text = 'const s = "import x from \'./no.js\'"; /* import("./no2.js") */ // import "./no3.js"'
    assert find_imports(text) == ([], [])


def test_offsets_are_characters_not_bytes():
    text = 'const s = "héllo ✓";\nimport "./after.js";'
    (ref,), _ = find_imports(text)
    assert text[ref.start : ref.end] == "./after.js"


def test_syntax_error_location():
    text = 'import x from "./a.js";\nconst a = (1 + ;\n'
    _, (problem,) = find_imports(text)
    assert text[problem.offset] == ";"
    assert "syntax error" in problem.message


def test_unexpected_end_of_file():
    text = "function f() {\n  return 1;\n"
    _, (problem,) = find_imports(text)
    assert problem.offset >= text.index("return")
