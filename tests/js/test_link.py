"""The linker on small in-memory module graphs: what each import binds to (ResolveExport through
re-exports, `export *` and namespaces), the errors a missing or ambiguous export gives, and
which statements tree shaking keeps."""

from __future__ import annotations

from dataclasses import replace

from assetpipe.js.link import AMBIGUOUS, COMMONJS, NAMESPACE, Binding, Linker, dynamic_targets

from .modgraph import kept, link, module_graph


def symbol(linker: Linker, key: str, name: str) -> int:
    """The id of the top-level symbol `name` of module `key`."""
    for i, s in enumerate(linker.modules[key].analysis.symbols):
        if s.name == name and s.scope == 0:
            return i
    raise AssertionError(f"{key} declares no {name}")


def declared(linker: Linker, key: str, name: str) -> Binding:
    return Binding(key, symbol(linker, key, name))


def messages(linker: Linker) -> list[str]:
    return [d.message for d in linker.diagnostics]


# -- ResolveExport ------------------------------------------------------------------------------


def test_a_local_export_resolves_to_its_declaration():
    linker, _ = link({"main.js": "import { a } from './a.js';\n", "a.js": "export const a = 1;\n"})
    assert linker.resolve_export("a.js", "a") == declared(linker, "a.js", "a")
    assert linker.resolve_export("a.js", "b") is None


def test_a_renamed_re_export_resolves_to_the_original_declaration():
    linker, _ = link(
        {
            "main.js": "import { b } from './barrel.js';\n",
            "barrel.js": "export { a as b } from './a.js';\n",
            "a.js": "export const a = 1;\n",
        }
    )
    assert linker.resolve_export("barrel.js", "b") == declared(linker, "a.js", "a")
    assert linker.resolve_export("barrel.js", "a") is None  # only the new name is exported


def test_an_imported_then_exported_name_resolves_through_the_import():
    linker, _ = link(
        {
            "main.js": "import { a } from './barrel.js';\n",
            "barrel.js": "import { a } from './a.js';\nexport { a };\n",
            "a.js": "export function a() {}\n",
        }
    )
    assert linker.resolve_export("barrel.js", "a") == declared(linker, "a.js", "a")


def test_export_star_as_ns_is_the_target_namespace():
    linker, _ = link(
        {
            "main.js": "import { ns } from './barrel.js';\n",
            "barrel.js": "export * as ns from './a.js';\n",
            "a.js": "export const a = 1;\n",
        }
    )
    found = linker.resolve_export("barrel.js", "ns")
    assert found == Binding("a.js", NAMESPACE) and found.namespace


def test_export_star_passes_on_names_but_never_default():
    linker, _ = link(
        {
            "main.js": "import { a } from './barrel.js';\n",
            "barrel.js": "export * from './a.js';\n",
            "a.js": "export const a = 1;\nexport default 2;\n",
        }
    )
    assert linker.resolve_export("barrel.js", "a") == declared(linker, "a.js", "a")
    assert linker.resolve_export("barrel.js", "default") is None
    assert linker.export_names("barrel.js") == ["a"]
    assert linker.export_names("a.js") == ["a", "default"]


def test_a_local_export_shadows_the_same_name_from_export_star():
    linker, _ = link(
        {
            "main.js": "import { a } from './barrel.js';\n",
            "barrel.js": "export * from './a.js';\nexport const a = 'mine';\n",
            "a.js": "export const a = 1;\n",
        }
    )
    assert linker.resolve_export("barrel.js", "a") == declared(linker, "barrel.js", "a")


def test_a_name_two_stars_provide_differently_is_ambiguous_and_not_exported():
    linker, _ = link(
        {
            "main.js": "import { only } from './barrel.js';\n",
            "barrel.js": "export * from './x.js';\nexport * from './y.js';\n",
            "x.js": "export const same = 1;\nexport const only = 2;\n",
            "y.js": "export const same = 3;\n",
        }
    )
    assert linker.resolve_export("barrel.js", "same") is AMBIGUOUS
    assert linker.export_names("barrel.js") == ["only"]
    assert linker.diagnostics == []  # an ambiguous name is only an error when imported


def test_the_same_declaration_reached_through_two_stars_is_not_ambiguous():
    linker, _ = link(
        {
            "main.js": "import { a } from './barrel.js';\nconsole.log(a);\n",
            "barrel.js": "export * from './x.js';\nexport * from './y.js';\n",
            "x.js": "export * from './a.js';\n",
            "y.js": "export * from './a.js';\n",
            "a.js": "export const a = 1;\n",
        }
    )
    assert linker.resolve_export("barrel.js", "a") == declared(linker, "a.js", "a")
    assert linker.diagnostics == []


def test_an_export_star_cycle_ends():
    linker, _ = link(
        {
            "main.js": "import { a } from './x.js';\nconsole.log(a);\n",
            "x.js": "export * from './y.js';\nexport const a = 1;\n",
            "y.js": "export * from './x.js';\nexport const b = 2;\n",
        }
    )
    assert linker.resolve_export("x.js", "b") == declared(linker, "y.js", "b")
    assert linker.resolve_export("y.js", "a") == declared(linker, "x.js", "a")
    assert linker.resolve_export("x.js", "nothing") is None
    assert linker.export_names("x.js") == ["a", "b"]


def test_any_name_of_a_commonjs_module_is_a_property_of_its_exports():
    linker, _ = link(
        {
            "main.js": "import { f } from './lib.js';\nf();\n",
            "lib.js": "exports.f = function () {};\n",
        },
        commonjs=("lib.js",),
    )
    assert linker.resolve_export("lib.js", "f") == Binding("lib.js", COMMONJS, "f")
    assert linker.export_names("lib.js") == ["default", "f"]


# -- binding imports ----------------------------------------------------------------------------


def test_every_import_is_bound_to_the_declaration_it_names():
    linker, linked = link(
        {
            "main.js": "import { a as local } from './barrel.js';\n"
            "import def from './b.js';\n"
            "import * as ns from './b.js';\n"
            "console.log(local, def, ns);\n",
            "barrel.js": "export { a } from './a.js';\n",
            "a.js": "export let a = 1;\n",
            "b.js": "export default function named() {}\n",
        }
    )
    assert linked.resolve_symbol("main.js", symbol(linker, "main.js", "local")) == declared(
        linker, "a.js", "a"
    )
    assert linked.resolve_symbol("main.js", symbol(linker, "main.js", "def")) == declared(
        linker, "b.js", "named"
    )
    assert linked.resolve_symbol("main.js", symbol(linker, "main.js", "ns")) == Binding(
        "b.js", NAMESPACE
    )
    # a symbol that imports nothing is itself
    assert linked.resolve_symbol("a.js", symbol(linker, "a.js", "a")) == declared(
        linker, "a.js", "a"
    )


def test_an_import_of_an_external_module_stays_external():
    linker, linked = link(
        {"main.js": "import { render } from 'https://cdn.example/ui.js';\nrender();\n"}
    )
    assert linker.diagnostics == []
    sid = symbol(linker, "main.js", "render")
    assert linked.external[("main.js", sid)] == ("https://cdn.example/ui.js", "render")
    assert kept(linked, "main.js") == ["render();"]


def test_importing_a_name_the_module_does_not_export_is_an_error_at_the_import():
    linker, _ = link(
        {
            "main.js": "import { a, nope } from './a.js';\nconsole.log(a, nope);\n",
            "a.js": "export const a = 1;\n",
        }
    )
    assert messages(linker) == ["'./a.js' does not export 'nope' (imported by main.js)"]
    [d] = linker.diagnostics
    assert d.is_error and d.code == "missing-export"
    assert (d.location.path, d.location.line, d.location.column) == ("/virtual/main.js", 1, 13)


def test_importing_default_through_export_star_is_an_error():
    linker, _ = link(
        {
            "main.js": "import d from './barrel.js';\nconsole.log(d);\n",
            "barrel.js": "export * from './a.js';\n",
            "a.js": "export default 1;\n",
        }
    )
    assert messages(linker) == ["'./barrel.js' does not export 'default' (imported by main.js)"]


def test_importing_an_ambiguous_name_is_an_error():
    linker, _ = link(
        {
            "main.js": "import { same } from './barrel.js';\nconsole.log(same);\n",
            "barrel.js": "export * from './x.js';\nexport * from './y.js';\n",
            "x.js": "export const same = 1;\n",
            "y.js": "export const same = 2;\n",
        }
    )
    assert messages(linker) == ["'./barrel.js' exports more than one 'same' (imported by main.js)"]


def test_re_exporting_a_missing_name_is_an_error_at_the_re_export():
    linker, _ = link(
        {
            "main.js": "import './barrel.js';\n",
            "barrel.js": "export const ok = 1;\nexport { gone } from './a.js';\n",
            "a.js": "export const a = 1;\n",
        }
    )
    assert messages(linker) == ["'./a.js' does not export 'gone' (re-exported by barrel.js)"]
    assert linker.diagnostics[0].location.line == 2


def test_a_name_of_a_json_module_is_an_error_but_its_default_is_its_value():
    linker, linked = link(
        {
            "main.js": "import data from './data.json';\nimport { x } from './data.json';\n"
            "console.log(data, x);\n",
            "data.json": 'export default {"x": 1};\n',
        }
    )
    assert messages(linker) == ["'./data.json' does not export 'x' (imported by main.js)"]
    assert kept(linked, "data.json") == ['export default {"x": 1};']


def test_a_specifier_that_resolves_to_something_not_javascript_is_an_error():
    modules = module_graph(
        {"main.js": "import { a } from './a.js';\nconsole.log(a);\n", "a.js": "export var a;"}
    )
    # what discovery gives an import of a stylesheet or image: a key that is no JS module
    main = modules["main.js"]
    modules["main.js"] = replace(main, resolved=("style.css",))
    linker = Linker(modules)
    linker.bind()
    assert messages(linker) == ["'./a.js' is not a JavaScript module: it has no 'a' to import"]


# -- tree shaking -------------------------------------------------------------------------------


def test_unused_exports_go_and_statements_with_side_effects_stay():
    _, linked = link(
        {
            "main.js": "import { used } from './lib.js';\nconsole.log(used());\n",
            "lib.js": "export function used() { return helper(); }\n"
            "function helper() { return 1; }\n"
            "export function unused() { return 2; }\n"
            "export const alsoUnused = 3;\n"
            "console.log('lib loaded');\n",
        }
    )
    assert kept(linked, "lib.js") == [
        "export function used() { return helper(); }",
        "function helper() { return 1; }",
        "console.log('lib loaded');",
    ]
    assert kept(linked, "main.js") == ["console.log(used());"]


def test_what_kept_code_references_is_kept_transitively_across_modules():
    _, linked = link(
        {
            "main.js": "import { run } from './a.js';\nrun();\n",
            "a.js": "import { step } from './b.js';\nexport const run = () => step();\n"
            "export const idle = () => 0;\n",
            "b.js": "import { base } from './c.js';\nexport function step() { return base; }\n"
            "export function other() {}\n",
            "c.js": "export const base = 1;\nexport const more = 2;\n",
        }
    )
    assert kept(linked, "a.js") == ["export const run = () => step();"]
    assert kept(linked, "b.js") == ["export function step() { return base; }"]
    assert kept(linked, "c.js") == ["export const base = 1;"]


def test_a_module_imported_for_its_side_effects_runs():
    _, linked = link(
        {
            "main.js": "import './polyfill.js';\n",
            "polyfill.js": "globalThis.ready = true;\nexport const unused = 1;\n",
        }
    )
    assert linked.included == {"main.js", "polyfill.js"}
    assert kept(linked, "polyfill.js") == ["globalThis.ready = true;"]


def test_a_side_effect_free_package_module_with_nothing_used_is_dropped_whole():
    sources = {
        "main.js": "import { a } from './lib.js';\nimport './setup.js';\nconsole.log(a);\n",
        "lib.js": "export const a = 1;\n",
        "setup.js": "console.log('setup');\nexport const b = 2;\n",
    }
    _, linked = link(sources, pure=("lib.js", "setup.js"))
    assert "setup.js" not in linked.included
    # one used binding includes the module, and it then runs all its side effects
    _, linked = link(
        {**sources, "lib.js": "export const a = 1;\nconsole.log('lib');\n"},
        pure=("lib.js", "setup.js"),
    )
    assert kept(linked, "lib.js") == ["export const a = 1;", "console.log('lib');"]


def test_a_namespace_used_only_for_members_keeps_only_those_members():
    _, linked = link(
        {
            "main.js": "import * as util from './util.js';\nconsole.log(util.a);\n",
            "util.js": "export const a = 1;\nexport const b = 2;\n",
        }
    )
    assert kept(linked, "util.js") == ["export const a = 1;"]
    assert linked.namespaces == set()


def test_a_namespace_used_as_a_value_keeps_every_export():
    _, linked = link(
        {
            "main.js": "import * as util from './util.js';\nconsole.log(util);\n",
            "util.js": "export * from './more.js';\nexport const a = 1;\nexport const b = 2;\n",
            "more.js": "export const c = 3;\nconst hidden = 4;\n",
        }
    )
    assert linked.namespaces == {"util.js"}
    assert kept(linked, "util.js") == ["export const a = 1;", "export const b = 2;"]
    assert kept(linked, "more.js") == ["export const c = 3;"]


def test_a_dynamically_imported_module_keeps_all_its_exports():
    linker, linked = link(
        {
            "main.js": "import('./lazy.js').then((m) => m.show());\n",
            "lazy.js": "export function show() {}\nexport function hide() {}\n",
        }
    )
    assert dynamic_targets(linked) == ["lazy.js"]
    assert "lazy.js" not in linked.included  # a chunk of its own: shaken as an entry
    linker.shake(linked, [("lazy.js", True)])
    assert kept(linked, "lazy.js") == ["export function show() {}", "export function hide() {}"]


def test_an_import_in_code_that_was_shaken_out_loads_nothing():
    _, linked = link(
        {
            "main.js": "import { a } from './a.js';\nconsole.log(a);\n",
            "a.js": "export const a = 1;\nexport const load = () => import('./lazy.js');\n",
            "lazy.js": "export const x = 1;\n",
        }
    )
    assert dynamic_targets(linked) == []


def test_without_tree_shaking_every_statement_of_every_imported_module_stays():
    sources = {
        "main.js": "import { a } from './a.js';\nconsole.log(a);\n",
        "a.js": "export const a = 1;\nexport function unused() {}\n",
    }
    linker = Linker(module_graph(sources))
    linked = linker.bind()
    linker.shake(linked, [("main.js", False)], enabled=False)
    assert kept(linked, "a.js") == ["export const a = 1;", "export function unused() {}"]


def test_a_module_with_direct_eval_keeps_every_top_level_statement():
    _, linked = link(
        {
            "main.js": "import { a } from './a.js';\nconsole.log(a);\n",
            "a.js": "export const a = 1;\nconst secret = 2;\neval('secret');\n",
        }
    )
    assert kept(linked, "a.js") == ["export const a = 1;", "const secret = 2;", "eval('secret');"]


def test_a_commonjs_module_an_es_module_imports_runs_whole():
    _, linked = link(
        {
            "main.js": "import { f } from './lib.js';\nf();\n",
            "lib.js": "exports.f = function () {};\nexports.g = function () {};\n",
        },
        commonjs=("lib.js",),
    )
    assert linked.evaluated == {"lib.js"} and linked.views == {"lib.js"}
    assert kept(linked, "lib.js") == [
        "exports.f = function () {};",
        "exports.g = function () {};",
    ]
