"""Defines and the code conditions known at build time make dead (assetpipe/js/constants.py,
applied by the analyser): what a module prints, minified and readable, once its global
expressions have values."""

from __future__ import annotations

import json

import pytest

from assetpipe.js.analyze import analyze
from assetpipe.js.constants import node_env
from assetpipe.js.model import HOLE_IDENT, HOLE_SPEC

DEFINES = (
    *node_env(development=False),
    ("__APP_VERSION__", '"1.2.0"'),
    ("globalThis.DEBUG", "false"),
    ("import.meta.env", '{"BASE_URL":"/","DEV":false,"MODE":"production","VITE_API":"/api"}'),
    ("process.env.API", '"https://api.example.com"'),
    ("__N__", "1"),
    ("__NEG__", "-1"),
    ("__OBJ__", '{"a":[1,2]}'),
)
BOTH = pytest.mark.parametrize("minify", [False, True], ids=["readable", "minified"])


def printed(code: str, minify: bool = False, defines=DEFINES) -> str:
    """The module's statements as the bundle prints them (top-level names as written), one a
    line."""
    analysis = analyze(code.encode(), minify=minify, defines=tuple(sorted(defines)))
    assert analysis.problems == ()
    lines = []
    for template in analysis.templates:
        out = []
        for item in template.items:
            if isinstance(item, bytes):
                out.append(item.decode())
            elif item[0] == HOLE_IDENT:
                out.append(analysis.symbols[item[1]].name)
            elif item[0] == HOLE_SPEC:
                out.append(f"<import {analysis.imports[item[1]].specifier}>")
        lines.append("".join(out))
    return "\n".join(lines)


REACT_INDEX = """'use strict';

if (process.env.NODE_ENV === 'production') {
  module.exports = require('./cjs/react.production.js');
} else {
  module.exports = require('./cjs/react.development.js');
}
"""


@BOTH
def test_reacts_entry_keeps_only_the_production_branch(minify: bool):
    text = printed(REACT_INDEX, minify)
    assert "react.production.js" in text and "development" not in text
    assert "NODE_ENV" not in text and "else" not in text
    dev = printed(REACT_INDEX, minify, node_env(development=True))
    assert "react.development.js" in dev and "production" not in dev


def test_an_import_in_a_dropped_branch_is_never_seen():
    """What the walk does not visit is not bundled: the development file is not even read."""
    code = (
        "if (process.env.NODE_ENV !== 'production') { import('./dev.js') }\n"
        "else { import('./prod.js') }\n"
        "export const tools = import.meta.env.DEV ? import('./devtools.js') : null\n"
    )
    analysis = analyze(code.encode(), defines=DEFINES)
    assert [r.specifier for r in analysis.imports] == ["./prod.js"]


@BOTH
def test_defines_replace_global_names_and_paths(minify: bool):
    code = (
        "console.log(__APP_VERSION__, process.env.API, process.env['API'], globalThis.DEBUG,"
        " { __APP_VERSION__ })\n"
    )
    text = printed(code, minify)
    space = "" if minify else " "
    assert '"1.2.0"' in text and text.count('"https://api.example.com"') == 2
    assert "__APP_VERSION__:" + '"1.2.0"' in text  # the shorthand keeps its key
    assert ("!1" if minify else "false") in text
    assert "process" not in text and "globalThis" not in text and f",{space}{{" in text


@BOTH
def test_a_define_leaves_bindings_and_assignments_alone(minify: bool):
    code = (
        "function f(process) { return process.env.API }\n"
        "function g() { return __APP_VERSION__; var __APP_VERSION__ = 'own' }\n"
        "process.env.API = 'assigned'\n"
        "globalThis.DEBUG++\n"
        "const h = () => { let globalThis = {}; return globalThis.DEBUG }\n"
    )
    text = printed(code, minify)
    assert "https://api.example.com" not in text and "1.2.0" not in text
    assert "false" not in text and "!1" not in text


def test_a_top_level_binding_declared_after_its_use_is_not_the_global():
    """`var` and functions hoist: the module's own `process` is found after the walk, and the
    module analysed again without the defines of that name."""
    code = "console.log(process.env.NODE_ENV, __APP_VERSION__)\nvar process = {env: {}}\n"
    text = printed(code)
    assert "process.env.NODE_ENV" in text and '"1.2.0"' in text


@BOTH
def test_constant_conditions_drop_their_dead_branches(minify: bool):
    code = (
        "if (process.env.NODE_ENV !== 'production') { log('DEAD1') } else { log('LIVE1') }\n"
        "if (!import.meta.env.DEV) log('LIVE2')\n"
        "if (false) log('DEAD3')\n"
        "if (0) { log('DEAD4') } else log('LIVE4')\n"
        "function f() {\n"
        "  globalThis.DEBUG && log('DEAD5'); log('LIVE5')\n"
        "  import.meta.env.MODE === 'production' || log('DEAD6')\n"
        "  return typeof __APP_VERSION__ === 'string' ? 'LIVE7' : 'DEAD7'\n"
        "}\n"
        "if (import.meta.env.MODE == 'development' && check()) log('DEAD8')\n"
        "if (typeof __N__ !== 'number' || __N__ !== 1) log('DEAD9')\n"
        "if (import.meta.env.NOPE !== void 0 || import.meta.env.NOPE != null) log('DEAD10')\n"
        "if (__OBJ__ && !('' || null)) log('LIVE11')\n"
        "const v = (process.env.API ?? 'DEAD12') + (import.meta.env.NOPE ?? 'LIVE12')\n"
    )
    text = printed(code, minify)
    assert "DEAD" not in text and "check" not in text, text
    assert all(f"LIVE{n}" in text for n in (1, 2, 4, 5, 7, 11, 12)), text


@BOTH
def test_a_dropped_branch_that_declares_a_var_stays(minify: bool):
    """`var x` in a branch left out would take the binding (visible to the whole function)
    with it: such a branch stays, as with esbuild."""
    code = "if (globalThis.DEBUG) { var KEPT = 1 } else log(typeof KEPT)\n"
    text = printed(code, minify)
    assert "KEPT" in text and "typeof KEPT" in text


@BOTH
def test_a_dropped_branch_with_no_else_keeps_only_its_var_names(minify: bool):
    """prop-types' `if (process.env.NODE_ENV !== "production") { var a = {}, b = 0; ... }`:
    the names stay declared (`var a,b;`), their values and the rest go, as esbuild prints it;
    `var`s of nested functions are theirs, and a destructuring `var` keeps the branch."""
    code = (
        'if (process.env.NODE_ENV !== "production") {\n'
        "  var loggedTypeFailures = {}, has = 0;\n"
        "  for (var i = 0; i < 3; i++) warn(i);\n"
        "  function inner() { var local = 1 }\n"
        "}\n"
        "console.log(typeof loggedTypeFailures)\n"
    )
    text = printed(code, minify)
    assert text.splitlines()[0].replace(" ", "") == "varloggedTypeFailures,has,i;"
    assert "warn" not in text and "local" not in text
    kept = printed('if (process.env.NODE_ENV !== "production") { var { a } = x }\n', minify)
    assert "x" in kept


def test_conditions_that_are_not_known_stay():
    code = (
        "if (process.env.OTHER === 'x') log('A')\n"  # not defined
        "if ('1' == 1) log('B')\n"  # a conversion: not folded
        "if (__OBJ__ === __OBJ__) log('C')\n"  # two copies are two objects
        "if (import.meta.env.toString) log('D')\n"  # every object has one
    )
    text = printed(code)
    assert all(f"log('{c}')" in text for c in "ABCD")


@BOTH
def test_import_meta_env(minify: bool):
    code = "console.log(import.meta.env.MODE, import.meta.env.NOPE, import.meta.env)\n"
    text = printed(code, minify)
    env = '({"BASE_URL":"/","DEV":false,"MODE":"production","VITE_API":"/api"})'
    assert '"production"' in text and "void 0" in text and env in text
    assert "import.meta" not in text


@BOTH
def test_values_print_safely_where_they_go(minify: bool):
    code = (
        "a = __N__.toFixed(1)\n"
        "b = __NEG__ ** 2\n"
        "c = () => __OBJ__\n"
        "__OBJ__.a.map(String)\n"
        "__OBJ__.toString()\n"
        "d = import.meta.env.NOPE.x\n"
        "e = typeof import.meta.env\n"
    )
    lines = printed(code, minify=False).splitlines()
    assert lines == [
        "a = (1).toFixed(1);",
        "b = (-1) ** 2;",
        'c = () => ({"a":[1,2]});',
        "[1,2].map(String);",
        '({"a":[1,2]}).toString();',
        "d = (void 0).x;",
        'e = "object";',
    ]
    if minify:
        text = printed(code, minify=True)
        assert "(1).toFixed(1)" in text and "(-1)**2" in text and "(void 0).x" in text


def test_node_env_in_development():
    text = printed("console.log(process.env.NODE_ENV)", defines=node_env(development=True))
    assert text == 'console.log("development");'


def test_defines_are_json():
    """Every value printed is the JSON a user gave (strings escaped as JSON escapes them)."""
    tricky = 'quote " backslash \\ line\nbreak </script>'
    text = printed("x = __S__", defines=(("__S__", json.dumps(tricky)),))
    assert json.loads(text.removeprefix("x = ").removesuffix(";")) == tricky


@pytest.mark.parametrize(
    "code", ["if (true) class A {}", "if (false) ; else let x = 1", "if (true) function f() {}"]
)
def test_a_dead_branch_does_not_hide_a_syntax_error(code: str):
    """A declaration as the body of an `if` is an error in a module (the browser refuses the
    whole file), whichever branch a constant condition keeps: the build must refuse it too,
    not print the branch alone, which would run."""
    (problem,) = analyze(code.encode(), defines=DEFINES).problems
    assert "cannot be the body of an 'if'" in problem.message
