"""Early errors: invalid code tree-sitter accepts is refused at its line, as the browser would
refuse it (bundling must not turn it into code that runs: tree shaking drops a duplicate
`let`, minifying joins `throw` and its value). Valid code close to each must still build."""

from __future__ import annotations

import pytest

from assetpipe.js.analyze import analyze

INVALID = {
    "let a; let a;": "'a' has already been declared",
    "var b; let b;": "'b' has already been declared",
    "function f() {} function f() {}": "'f' has already been declared",
    "function f(x, x) {}": "'x' has already been declared",
    "(x, x) => 1": "'x' has already been declared",
    "function g(y) { let y }": "'y' has already been declared",
    "{ let c; { var c } }": "'c' has already been declared",
    "for (let i of []) { var i }": "'i' has already been declared",
    "try {} catch (e) { let e }": "'e' has already been declared",
    "import { z } from './x.js'; var z;": "'z' has already been declared",
    "const a = 1, b = 2; export { a as q, b as q }": "'q' is exported twice",
    "function h() { export const w = 1 }": "may only appear at the top level",
    "if (1) { import './x.js' }": "may only appear at the top level",
    "with (o) {}": "'with' is not allowed",
    "delete nope;": "cannot delete a plain name",
    "const n = 010;": "legacy octal literals",
    "const n = 08;": "legacy octal literals",
    'const s = "\\01";': "octal escape sequences",
    'const s = "\\8";': "octal escape sequences",
    "const r = /x/gg;": "duplicate regular expression flag",
    "const r = /x/uv;": "cannot be used together",
    "const r = /x/q;": "invalid regular expression flags",
    "l: l: ;": "label 'l' has already been declared",
    "for (;;) { continue m }": "undefined label 'm'",
    "l: { for (;;) { continue l } }": "does not name a loop",
    "break;": "'break' outside",
    "function f() { continue }": "'continue' outside a loop",
    "return 1;": "'return' outside a function",
    "throw\n1;": "no line break",
    "const k;": "needs an initialiser",
    "class C { m() { this.#nope } }": "'#nope' is not declared",
    "class C { get g(a) {} }": "a getter takes no parameters",
    "class C { set s() {} }": "a setter takes exactly one parameter",
    "const o = { set s(a, b) {} }": "a setter takes exactly one parameter",
    'function u(a = 1) { "use strict" }': '"use strict" in a function',
    "let eval = 1;": "'eval' cannot be a name",
    "function f(arguments) {}": "'arguments' cannot be a name",
    "arguments = 2;": "cannot assign to 'arguments'",
    "var static = 3;": "reserved word",
    "let implements;": "reserved word",
    "var \\u0069f = 1;": "may not be written with escapes",
    "function eval() {}": "'eval' cannot be a name",
    "await;": "reserved word",
    "let yield = 1;": "reserved word",
    "export default var x;": "'export default' takes an expression",
    "var C = class { #m; get #m() {} }": "private name '#m' is already declared",
    "class D { get #g() {} static set #g(v) {} }": "private name '#g' is already declared",
    "try {} catch ([e]) { let e }": "'e' has already been declared",
    "class A { x = () => { var t = () => arguments } }": "'arguments' is not allowed",
    "class A { static { arguments } }": "'arguments' is not allowed",
    "class A { #x; m() { delete ((this.#x)) } }": "cannot delete a private field",
    "function* g() { void yield }": "'yield' must be in parentheses",
    "function* g() { yield ? 1 : 2 }": "'yield' must be in parentheses",
    "aw\\u0061it: ;": "reserved word",
    "class A { get constructor() {} }": "constructor may not be a getter",
    "class A { async constructor() {} }": "constructor may not be a getter",
    "class A { constructor() {} 'constructor'() {} }": "only one constructor",
    "class A { static prototype() {} }": "may not be named 'prototype'",
    "class A { constructor; }": "may not be named 'constructor'",
    "class A { #constructor; }": "'#constructor' is not a valid private name",
    "class A { m() { super() } }": "'super()' is only allowed",
    "function f() { super.x }": "'super' is only allowed in methods",
    "class aw\\u0061it {}": "may not be written with escapes",
    "var C = class yield {}": "reserved word",
    "var C = class extends () => {} {}": "an arrow function must be in parentheses",
    "function f(a, ...b, c) {}": "a rest parameter must be the last one",
    "function f(...b,) {}": "a rest parameter may not have a trailing comma",
    "let f = () => { import() }": "import() takes a specifier",
    "class C { \\u0023field; }": "escapes do not spell a name",
    "class C { \\u200D_ZWJ; }": "escapes do not spell a name",
    "function f() { class C { static { return } } }": "not allowed in a class static block",
    "async function f() { class C { static { await 0 } } }": "not allowed in a class static block",
    "class C { m(x = yield) {} }": "'yield' is only allowed in a generator",
    "function* g(x = yield) {}": "not allowed in a generator's parameters",
    "async function f() { if (true) await using x = null }": "must be directly in a block",
    "async function f() { await using x; }": "needs a value",
    "{ using {a} = b }": "not patterns",
    'var s = "a\nb"': "a string may not contain a line break",
    "function f() { new.target++ }": "invalid target for '++'",
    "function* g() { (yield)-- }": "invalid target for '++'",
    "function* g2() { (yield) = 1 }": "invalid assignment target",
    "function* g() { yield\n* 1 }": "no line break is allowed between 'yield' and '*'",
    "import(...['./x.js'])": "import() takes a specifier",
    'export { "foo" as "bar" }; function foo() {}': "a string names an export",
    "var x = ({ bre\\u0061k }) => {};": "may not be written with escapes",
    "var def\\u{61}ult = 123;": "may not be written with escapes",
    "{ { var f; } async function f() {} }": "'f' has already been declared",
    "class A extends Object { constructor() { (() => super())() } static m() { super() } }": (
        "'super()' is only allowed"
    ),
}

VALID = [
    "function* gx() { let x = []; [x[yield]] = [1]; class C { [yield 9] = 9; get [yield 1]() {} } }",
    "async function ax() { return (await [11]?.[0]) + [22]?.[await 0] }",
    "var \\u2118x = 1, a\\u00b7 = 2, b\\u{1E4D0} = 3",  # Other_ID_Start, Other_ID_Continue, new
    'var s2 = "a\\\nb", s3 = "c\\\r\nd"; let t = 0; (t)++; [t] = [1]; ({ t } = { t: 2 })',
    "var \\u{24}a\\u200C = 1; class Z { static { (async () => await 1)(); function f() { return 1 } } }",
    "function* gy() { const f = function* () { yield yield 1 }; yield* f() }",
    "{ using u = null } async function au() { await using v = null }",
    "class S extends Object { m() { return () => super.toString } static { super.x } y = super.y }",
    'export { "a-b" as c } from "./x.js"',
    "class B extends Object { constructor() { (() => super())() } static constructor() {} }",
    "class F { x = function () { return arguments }; static prototype2 = 1; 'constructor'() {} }",
    "function* y() { const a = yield; const b = (yield 1) + 1; f(yield, [yield 2]) }",
    "class P2 { #p; m() { delete this.p; return #p in this } }",
    "class P { get #p() { return 1 } set #p(v) {} static get #q() {} static set #q(v) {} }",
    "try { throw [1] } catch ([e]) { { let e = 2 } }",
    "function v() { function d() {} function d() {} var d } v()",  # var-scoped in a body
    "function w(p) { var p; function p() {} } w()",
    "try {} catch (e) { var e }",  # Annex B allows a var of a simple catch parameter
    "let a = 1; { let a = 2 } for (let a of []) {}",
    "const o = { let: 1, static: 2, eval: 3, arguments: 4, with: 5 }; o.let + o.static",
    "class K { static x = 1; static { let y } get g() { return 1 } set s(v) {} #p; m() { return #p in this } }",
    "class O { #a = 1; m() { return class { n(o) { return o.#a } } } }",
    "a: for (;;) { b: for (;;) { break a; continue b } }",
    "c: { break c } switch (1) { case 1: break }",
    "async function f() { await (1); for await (const x of []) {} }",
    "const r = await (Promise.resolve(1)); await 2",
    "function* g() { yield (1); yield; }",
    "const n = [0, 0.5, 0x10, 0o17, 0b1, 1_000, 10n, 0.0]",
    'const s = ["\\0", "\\x41", "\\u0041", "\\\\8"]',
    "const r = /x/dgimsuy",
    "throw new Error('x')",
    "function f(a, b = a) {} function g(...rest) {} const h = ({ a }) => a",
    "export const q = 1; export { q as r }",
    "var x; var x; function y() {} y()",
    "for (const k in {}) {} for (const v of []) {}",
]


@pytest.mark.parametrize("code", sorted(INVALID))
def test_invalid_code_is_refused(code: str):
    problems = analyze(code.encode()).problems
    assert problems, code
    assert any(INVALID[code] in p.message for p in problems), [p.message for p in problems]


@pytest.mark.parametrize("code", VALID)
def test_valid_code_close_to_it_builds(code: str):
    assert analyze(code.encode()).problems == ()
