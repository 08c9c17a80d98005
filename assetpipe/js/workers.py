"""Workers: `new Worker(new URL("./w.js", import.meta.url))`, `new SharedWorker(...)` and
`navigator.serviceWorker.register(new URL(...))` start a script of their own, so each such
target is bundled as an entry of its own, with its imports, after the pages' bundle.

A worker has no import map and shares no module instances with the page, so its bundle is
self-contained: one chunk (plus the chunks its own `import()`s load, under hashed names). A
classic worker (no `{ type: "module" }`) runs a script, not a module: its chunk is wrapped in a
function, as esbuild's IIFE format does. A service worker keeps its own path, unhashed (the
browser checks that URL for updates, and the worker controls the pages under its folder); the
others get hashed names like every chunk.
"""

from __future__ import annotations

import dataclasses

from ..diagnostics import Diagnostic, error
from ..pipeline.values import Rendered
from .bundle import Bundle, BundleOptions, bundle
from .graph import JsModule
from .model import WORKERS
from .sourcemap import SourceMapData


def bundle_workers(
    modules: dict[str, JsModule], pages: Bundle, options: BundleOptions
) -> tuple[list[Rendered], list[Diagnostic]]:
    """The chunks of every worker the bundled code starts (workers' own workers included)."""
    options = dataclasses.replace(options, import_map=False, vendor_chunk=False)
    outputs: list[Rendered] = []
    diagnostics: list[Diagnostic] = []
    done: dict[str, str] = {}
    todo = _workers(modules, pages.chunk_of)
    while todo:
        key, kind = todo.pop(0)
        if key in done:
            if done[key] != kind:
                where = modules[key]
                diagnostics.append(
                    error(
                        "worker",
                        f"{key} is started as a {done[key]} worker and as a {kind} one: "
                        "one file is bundled one way",
                        where.locate(0, 0),
                    )
                )
            continue
        done[key] = kind
        result = bundle(modules, {f"{key}#worker": [key]}, options)
        diagnostics.extend(result.diagnostics)
        outputs.extend(_outputs(key, kind, result, diagnostics))
        todo.extend(w for w in _workers(modules, result.chunk_of) if w[0] not in done)
    return outputs, diagnostics


def _workers(modules: dict[str, JsModule], included: dict[str, str]) -> list[tuple[str, str]]:
    """(module, kind) of the workers that the included modules start, in a stable order."""
    found: dict[str, str] = {}
    for key in sorted(included):
        module = modules[key]
        for record, target in zip(module.analysis.imports, module.resolved, strict=True):
            if record.kind in WORKERS and target in modules:
                found.setdefault(target, record.kind)
    return sorted(found.items())


def _outputs(key: str, kind: str, result: Bundle, diagnostics: list[Diagnostic]) -> list[Rendered]:
    """The worker bundle's chunks, with the keys of all but the entry's made its own (two
    workers' bundles may each have an `import()`ed chunk of one module)."""
    own = {r.source for r in result.chunks} - {key}

    def rename(name: str) -> str:
        return f"{key}>{name}" if name in own else name

    outputs = []
    for r in result.chunks:
        r = dataclasses.replace(
            r,
            source=rename(r.source),
            links=tuple(dataclasses.replace(link, target=rename(link.target)) for link in r.links),
            imports=tuple(rename(i) for i in r.imports),
            dynamic_imports=tuple(rename(i) for i in r.dynamic_imports),
        )
        if r.source == key:
            r = _entry(key, kind, r, diagnostics)
        outputs.append(r)
    return outputs


def _entry(key: str, kind: str, r: Rendered, diagnostics: list[Diagnostic]) -> Rendered:
    if kind.startswith("service-worker"):
        stem = key.rsplit(".", 1)[0] if "." in key.rsplit("/", 1)[-1] else key
        r = dataclasses.replace(r, output=stem + ".js")  # its own URL, unhashed
    if not kind.endswith("-classic"):
        return r
    if r.imports:  # (an entry's chunk exports nothing: no page imports it)
        diagnostics.append(
            error(
                "worker",
                f"{key} is started as a classic worker (a script), but its bundle imports "
                "other chunks",
                None,
                "start it with { type: 'module' }",
            )
        )
        return r
    head, tail = "(()=>{", "})();\n"
    text = head + (r.text or "") + tail
    sourcemap = r.sourcemap
    if isinstance(sourcemap, SourceMapData):  # every output offset moves by the head
        points = list(sourcemap.points)
        for i in range(0, len(points), 3):
            points[i] += len(head)
        sourcemap = dataclasses.replace(sourcemap, points=tuple(points))
    return dataclasses.replace(r, text=text, sourcemap=sourcemap)
