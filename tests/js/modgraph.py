"""Small in-memory module graphs for unit tests of the linker and the chunker: each source is
analysed for real (`analyze`), and its import specifiers resolved by path, without a site,
a resolver or a build."""

from __future__ import annotations

import posixpath

from assetpipe.js.analyze import analyze
from assetpipe.js.graph import JsModule, default_name
from assetpipe.js.link import Linked, Linker


def module_graph(
    sources: dict[str, str],
    *,
    pure: tuple[str, ...] = (),
    commonjs: tuple[str, ...] = (),
    minify: bool = False,
) -> dict[str, JsModule]:
    """JsModules keyed by path. A relative specifier resolves against the importer's folder,
    a bare one (`pkg`) to `node_modules/pkg/index.js`; what is not among `sources` stays
    external (resolves to None). `pure`: modules whose package says `"sideEffects": false`;
    `commonjs`: modules analysed as possibly CommonJS (as a package's `.js` without
    `"type": "module"` is)."""
    modules = {}
    for key, text in sources.items():
        data = text.encode()
        analysis = analyze(data, default_name(key), minify, commonjs=key in commonjs)
        assert not analysis.problems, analysis.problems
        resolved = tuple(_resolve(key, r.specifier, sources) for r in analysis.imports)
        modules[key] = JsModule(
            key,
            "/virtual/" + key,
            data,
            analysis,
            "json" if key.endswith(".json") else "js",
            resolved,
            tuple(False for _ in resolved),
            key not in pure,
        )
    return modules


def _resolve(importer: str, specifier: str, sources: dict[str, str]) -> str | None:
    if specifier.startswith(("./", "../")):
        key = posixpath.normpath(posixpath.join(posixpath.dirname(importer), specifier))
    else:
        key = f"node_modules/{specifier}/index.js"
    return key if key in sources else None


def link(
    sources: dict[str, str], entries: tuple[str, ...] = ("main.js",), **options
) -> tuple[Linker, Linked]:
    """Bind and shake `sources` from `entries` (their namespaces not observable), as
    `bundle()` starts."""
    linker = Linker(module_graph(sources, **options))
    linked = linker.bind()
    linker.shake(linked, [(e, False) for e in entries])
    return linker, linked


def kept(linked: Linked, key: str) -> list[str]:
    """The source text of the statements of `key` that tree shaking kept, in source order
    (none when the module was dropped)."""
    if key not in linked.included:
        return []
    module = linked.modules[key]
    statements = module.analysis.statements
    return [
        module.data[statements[i].start : statements[i].end].decode()
        for i in sorted(linked.live.get(key, ()))
        if statements[i].kind != "comment"
    ]
