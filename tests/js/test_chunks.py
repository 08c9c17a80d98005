"""The chunker on small in-memory module graphs: which chunk holds each module (by the set of
entries that reach it), the order modules run in, what chunks import from each other, and the
vendor chunk."""

from __future__ import annotations

from assetpipe.js.chunks import VENDOR_MIN_BYTES, Chunk, Entry, evaluation_order, split, static_deps
from assetpipe.js.link import Linked, Linker, dynamic_targets

from .modgraph import module_graph


def shaken(sources: dict[str, str], pages: tuple[str, ...], **options) -> tuple[Linked, list]:
    """Link and shake as `bundle()` does: the pages' entries, then every module live code
    imports with `import()` as an entry of its own (namespace observable)."""
    linker = Linker(module_graph(sources, **options))
    linked = linker.bind()
    assert linker.diagnostics == []
    entries = [Entry(key, "inline" if "#module-" in key else "page") for key in pages]
    roots = [(key, False) for key in pages]
    while True:
        linker.shake(linked, roots)
        new = [t for t in dynamic_targets(linked) if t not in {e.module for e in entries}]
        if not new:
            return linked, entries
        entries += [Entry(t, "dynamic") for t in new]
        roots = [(t, True) for t in new]


def chunks_of(
    sources: dict[str, str], pages: tuple[str, ...] = ("main.js",), *, vendor=True, **options
) -> tuple[dict[str, Chunk], dict[str, str]]:
    linked, entries = shaken(sources, pages, **options)
    chunks, chunk_of = split(linked, entries, vendor=vendor)
    return {c.key: c for c in chunks}, chunk_of


def layout(chunks: dict[str, Chunk]) -> dict[str, list[str]]:
    return {key: c.modules for key, c in chunks.items()}


def test_one_entry_is_one_chunk_with_its_modules_in_evaluation_order():
    chunks, _ = chunks_of(
        {
            "main.js": "import './b.js';\nimport './a.js';\n",
            "a.js": "import './c.js';\nconsole.log('a');\n",
            "b.js": "import './c.js';\nconsole.log('b');\n",
            "c.js": "console.log('c');\n",
        }
    )
    # each module after its dependencies, in the order its importer imports them
    assert layout(chunks) == {"main.js": ["c.js", "b.js", "a.js", "main.js"]}
    [chunk] = chunks.values()
    assert (chunk.name, chunk.entry, chunk.deps, chunk.dynamic) == ("main", "main.js", [], False)


def test_evaluation_order_in_an_import_cycle_is_the_first_visit_order():
    linked, _ = shaken(
        {
            "main.js": "import './a.js';\n",
            "a.js": "import './b.js';\nconsole.log('a');\n",
            "b.js": "import './a.js';\nconsole.log('b');\n",
        },
        ("main.js",),
    )
    assert evaluation_order(linked, ["main.js"]) == ["b.js", "a.js", "main.js"]
    assert evaluation_order(linked, ["b.js"]) == ["a.js", "b.js"]


def test_what_two_pages_share_is_a_chunk_both_import():
    chunks, chunk_of = chunks_of(
        {
            "home.js": "import './shared.js';\nimport './only-home.js';\n",
            "blog.js": "import './shared.js';\nconsole.log('blog');\n",
            "shared.js": "import './deep.js';\nconsole.log('shared');\n",
            "deep.js": "console.log('deep');\n",
            "only-home.js": "console.log('home');\n",
        },
        ("home.js", "blog.js"),
    )
    assert layout(chunks) == {
        "_shared.js": ["deep.js", "shared.js"],
        "home.js": ["only-home.js", "home.js"],
        "blog.js": ["blog.js"],
    }
    assert chunks["home.js"].deps == ["_shared.js"] and chunks["blog.js"].deps == ["_shared.js"]
    assert chunks["_shared.js"].entry is None and chunks["_shared.js"].deps == []
    assert chunk_of["deep.js"] == "_shared.js"


def test_no_module_is_in_two_chunks_and_a_chunk_holds_what_its_entries_share():
    chunks, chunk_of = chunks_of(
        {
            "a.js": "import './ab.js';\nimport './abc.js';\n",
            "b.js": "import './ab.js';\nimport './abc.js';\n",
            "c.js": "import './abc.js';\n",
            "ab.js": "console.log('ab');\n",
            "abc.js": "console.log('abc');\n",
        },
        ("a.js", "b.js", "c.js"),
    )
    assert chunk_of["ab.js"] != chunk_of["abc.js"]
    assert chunks[chunk_of["ab.js"]].modules == ["ab.js"]
    assert chunks[chunk_of["abc.js"]].modules == ["abc.js"]
    assert chunks["c.js"].deps == [chunk_of["abc.js"]]
    assert chunks["a.js"].deps == [chunk_of["ab.js"], chunk_of["abc.js"]]
    all_modules = [m for c in chunks.values() for m in c.modules]
    assert sorted(all_modules) == sorted(set(all_modules))


def test_a_dynamically_imported_module_is_an_entry_chunk_of_its_own():
    chunks, chunk_of = chunks_of(
        {
            "main.js": "import { log } from './shared.js';\nlog(1);\nimport('./lazy.js');\n",
            "lazy.js": "import { log } from './shared.js';\nimport './lazy-dep.js';\n"
            "export const x = log(2);\n",
            "lazy-dep.js": "console.log('only lazy');\n",
            "shared.js": "export function log(x) { console.log(x); }\n",
        }
    )
    assert layout(chunks) == {
        "_shared.js": ["shared.js"],
        "main.js": ["main.js"],
        "lazy.js": ["lazy-dep.js", "lazy.js"],
    }
    assert chunks["lazy.js"].dynamic and not chunks["main.js"].dynamic
    assert chunks["lazy.js"].deps == ["_shared.js"]
    # the page's chunk loads the lazy one with import(), not statically
    assert chunks["main.js"].deps == ["_shared.js"]


def test_an_inline_module_script_is_a_chunk_of_its_own_and_imports_the_rest():
    chunks, _ = chunks_of(
        {
            "index.html#module-0": "import './app.js';\nconsole.log('inline');\n",
            "app.js": "import './util.js';\nconsole.log('app');\n",
            "util.js": "console.log('util');\n",
        },
        ("index.html#module-0",),
    )
    inline = chunks["index.html#module-0"]
    assert inline.inline and inline.modules == ["index.html#module-0"]
    # what it imports is a shared chunk (named after its last module), not part of the page
    assert chunks["_app.js"].modules == ["util.js", "app.js"]
    assert chunks["_app.js"].entry is None
    assert inline.deps == ["_app.js"]


def test_chunk_names_come_from_files_and_folders_and_never_repeat():
    chunks, _ = chunks_of(
        {
            "pages/a/main.js": "import '../../widgets/index.js';\nimport './util.js';\n",
            "pages/b/main.js": "import '../../widgets/index.js';\nimport './util.js';\n",
            "pages/a/util.js": "console.log('a');\n",
            "pages/b/util.js": "console.log('b');\n",
            "widgets/index.js": "console.log('widgets');\n",
        },
        ("pages/a/main.js", "pages/b/main.js"),
    )
    names = {c.key: c.name for c in chunks.values()}
    assert names == {
        "_widgets.js": "widgets",  # an index module is named after its folder
        "pages/a/main.js": "main",
        "pages/b/main.js": "main2",
    }


def test_chunks_come_in_the_order_their_first_module_runs():
    sources = {
        "x.js": "import './late.js';\nimport './common.js';\n",
        "y.js": "import './common.js';\n",
        "late.js": "console.log('late');\n",
        "common.js": "console.log('common');\n",
    }
    linked, entries = shaken(sources, ("x.js", "y.js"))
    chunks, _ = split(linked, entries)
    assert [c.key for c in chunks] == ["x.js", "_common.js", "y.js"]
    assert [c.key for c in split(linked, entries)[0]] == ["x.js", "_common.js", "y.js"]


def test_a_dropped_barrel_is_looked_through_to_what_it_re_exports():
    sources = {
        "main.js": "import { a } from 'lib';\nconsole.log(a);\n",
        "node_modules/lib/index.js": "export { a } from './a.js';\nexport { b } from './b.js';\n",
        "node_modules/lib/a.js": "export const a = 1;\n",
        "node_modules/lib/b.js": "export const b = 2;\n",
    }
    pure = tuple(k for k in sources if k.startswith("node_modules/"))
    linked, _ = shaken(sources, ("main.js",), pure=pure)
    assert linked.included == {"main.js", "node_modules/lib/a.js"}
    assert static_deps(linked, "main.js") == ["node_modules/lib/a.js"]
    assert evaluation_order(linked, ["main.js"]) == ["node_modules/lib/a.js", "main.js"]


def big_package(name: str, size: int) -> dict[str, str]:
    return {
        f"node_modules/{name}/index.js": f"export const data = '{'x' * size}';\n"
        "export function use() { return data.length; }\n"
    }


def test_packages_with_enough_live_code_go_to_a_vendor_chunk_that_runs_first():
    sources = {
        "main.js": "import { use } from 'react';\nimport { app } from './app.js';\n"
        "console.log(use(), app);\n",
        "app.js": "export const app = 'app';\n",
        **big_package("react", VENDOR_MIN_BYTES),
    }
    chunks, chunk_of = chunks_of(sources)
    assert layout(chunks) == {
        "_vendor.js": ["node_modules/react/index.js"],
        "main.js": ["app.js", "main.js"],
    }
    assert chunks["main.js"].deps == ["_vendor.js"]
    # off: the package stays in the app's chunk
    chunks, _ = chunks_of(sources, vendor=False)
    assert layout(chunks) == {"main.js": ["node_modules/react/index.js", "app.js", "main.js"]}


def test_a_small_package_stays_with_the_app():
    sources = {
        "main.js": "import { use } from 'tiny';\nconsole.log(use());\n",
        **big_package("tiny", 100),
    }
    chunks, _ = chunks_of(sources)
    assert layout(chunks) == {"main.js": ["node_modules/tiny/index.js", "main.js"]}


def test_only_live_code_counts_toward_the_vendor_threshold():
    sources = {
        "main.js": "import { small } from 'lib';\nconsole.log(small);\n",
        "node_modules/lib/index.js": "export const small = 1;\n"
        f"export const unused = '{'x' * VENDOR_MIN_BYTES}';\n",
    }
    chunks, _ = chunks_of(sources)
    assert list(chunks) == ["main.js"]


def test_no_vendor_chunk_when_a_package_imports_the_apps_code():
    sources = {
        "main.js": "import { use } from 'plugin';\nconsole.log(use());\n",
        "config.js": "export const setting = 1;\n",
        "node_modules/plugin/index.js": "import { setting } from '../../config.js';\n"
        f"export const data = '{'x' * VENDOR_MIN_BYTES}';\n"
        "export function use() { return data.length + setting; }\n",
    }
    chunks, _ = chunks_of(sources)
    assert layout(chunks) == {"main.js": ["config.js", "node_modules/plugin/index.js", "main.js"]}
