"""The module graph: every JavaScript module a page reaches, analysed, with resolved imports.

A `JsModule` is a file (or an inline `<script type="module">`, keyed `page.html#module-N`), its
bytes, its `Analysis`, and for each of its import records the key of the module or asset it
resolves to (None for what stays external: URLs, public files). JSON modules are analysed as
`export default <json>;`. Analyses are cached by the SHA-256 of the source and the analyser's
version, so a rebuild parses only what changed; many new modules are analysed in parallel.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from ..cache import Cache, Memo
from ..diagnostics import LineIndex, Location
from .analyze import NODE_ENV_PRODUCTION, analyze, failed_analysis
from .constants import Pairs, relevant
from .model import Analysis, Problem
from .typescript import Compiled, Options, compile_module, grammar, source_offset

ANALYZER_VERSION = "48"
# below this much source, sending it to the pool's processes costs more than it saves
_PARALLEL_BYTES = 300_000
_POOL: ProcessPoolExecutor | None = None


def _pool() -> ProcessPoolExecutor:
    """One process pool for the process's lifetime: discovery analyses the graph level by
    level, and a watch rebuilds many times, so starting one per batch would cost each of them
    the start."""
    global _POOL
    if _POOL is None:
        _POOL = ProcessPoolExecutor(max_workers=os.cpu_count() or 2, initializer=gc.disable)
    return _POOL


def _reset_pool() -> None:
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
    _POOL = None


@dataclass(frozen=True, slots=True)
class JsModule:
    key: str  # path relative to the source root, or "page.html#module-N" for inline modules
    abspath: str  # the file that holds it (the page, for an inline module)
    data: bytes
    analysis: Analysis
    kind: str  # "js", "json" or "css"
    resolved: tuple[str | None, ...]  # per import record: the target key, or None
    public: tuple[bool, ...]  # per import record: the target is a public file
    side_effects: bool  # False when its package says it has none
    offset: int = 0  # inline modules: where the script's text starts in the page (characters)
    source: bytes = b""  # TypeScript and JSX: the file's text (`data` is what it compiled to)
    segments: tuple[int, ...] = ()  # ... and where each part of `data` came from in it
    enums: tuple = ()  # its `export const enum`s, for the modules that import them

    def source_offset(self, offset: int) -> int:
        """Where a byte offset into `data` lies in the file's own text."""
        return source_offset(self.segments, offset) if self.segments else offset

    @property
    def text(self) -> bytes:
        """The module's own text (what source maps show)."""
        return self.source or self.data

    @property
    def inline(self) -> bool:
        return "#module-" in self.key

    @property
    def description(self) -> str:
        """How diagnostics name the module."""
        if self.inline:
            page, _, n = self.key.partition("#module-")
            return f"inline module script {int(n) + 1} of {page}"
        return self.key

    def locate(self, start: int, end: int) -> Location:
        """A location from byte offsets into `data`, in the file that holds the module."""
        if self.segments:
            start, end = self.source_offset(start), max(self.source_offset(end), start + 1)
        data = self.text
        prefix = data[:start].decode("utf-8", "replace")
        length = len(data[start:end].decode("utf-8", "replace")) or 1
        if self.inline:
            with open(self.abspath, "rb") as f:
                page = f.read().decode("utf-8", "surrogateescape")
            return LineIndex(page).locate(self.abspath, self.offset + len(prefix), length)
        return LineIndex(data.decode("utf-8", "replace")).locate(self.abspath, len(prefix), length)


def json_module_source(data: bytes) -> bytes | Problem:
    """A JSON file as the ES module a browser makes of it (`with { type: "json" }`)."""
    try:
        json.loads(data)
    except ValueError as exc:
        pos = getattr(exc, "pos", 0) or 0
        return Problem(pos, pos + 1, f"invalid JSON: {getattr(exc, 'msg', exc)}")
    return b"export default " + data.strip() + b";\n"


def default_name(key: str) -> str:
    stem = os.path.splitext(os.path.basename(key.split("#")[0]))[0]
    name = "".join(c if c.isalnum() or c == "_" else "_" for c in stem) or "module"
    if name[0].isdigit():
        name = "_" + name
    return f"{name}_default"


def analyze_many(
    sources: list[tuple[str, bytes, Options | None, bool]],
    cache: Cache,
    minify: bool = True,
    defines: Pairs = NODE_ENV_PRODUCTION,
    memo: Memo | None = None,
) -> list[tuple[Analysis, Compiled | None]]:
    """Analyses of (key, source, options, commonjs) tuples, from the cache or computed, in
    order; a TypeScript or JSX source (options given) is compiled first, and its `Compiled`
    returned. `commonjs`: the module may be CommonJS (it is not ESM by its name or package).
    `defines`: the build's (`constants.py`), part of the cache key as they change the output.
    `memo` (watch): analyses decoded in earlier builds, by cache key."""
    mode = "min" if minify else "readable"
    chosen = [relevant(defines, data) for _, data, _, _ in sources]
    keys = [
        Cache.key(
            "js-analysis",
            ANALYZER_VERSION,
            mode,
            json.dumps(given),
            default_name(k),
            "" if options is None else grammar(k) + options.key(),
            "cjs" if commonjs else "esm",
            data,
        )
        for (k, data, options, commonjs), given in zip(sources, chosen, strict=True)
    ]
    results: list = []
    todo: list[int] = []
    kept_analyses = memo.analyses if memo is not None else None
    wanted = [k for k in keys if kept_analyses is None or k not in kept_analyses]
    batch = Cache.key("js-batch", ANALYZER_VERSION, mode, *sorted(k for k, _, _, _ in sources))
    # (from the remote cache, if any, in one batch; its pack named by the files it is made of)
    cache.prefetch("js-analysis", wanted, batch if len(wanted) == len(keys) else "")
    for i, key in enumerate(keys):
        kept = kept_analyses.get(key) if kept_analyses is not None else None
        if kept is not None:
            results.append(kept)
            continue
        hit = cache.get("js-analysis", key)
        results.append(pickle.loads(hit) if hit is not None else None)
        if hit is None:
            todo.append(i)
        elif kept_analyses is not None:
            kept_analyses[key] = results[-1]
    work = [
        (
            sources[i][1],
            default_name(sources[i][0]),
            minify,
            chosen[i],
            grammar(sources[i][0]) if sources[i][2] is not None else "",
            sources[i][2],
            sources[i][3],
        )
        for i in todo
    ]
    size = sum(len(job[0]) for job in work)
    if size >= _PARALLEL_BYTES and len(work) > 1 and (os.cpu_count() or 1) > 1:
        chunksize = max(1, min(8, len(work) // (4 * (os.cpu_count() or 2))))
        try:
            done = list(_pool().map(_analyze, work, chunksize=chunksize))
        except BrokenProcessPool:  # a worker died (killed, out of memory): once more, here
            _reset_pool()
            done = [_analyze(w) for w in work]
    else:
        done = [_analyze(w) for w in work]
    for i, blob in zip(todo, done, strict=True):
        results[i] = pickle.loads(blob)
        cache.put("js-analysis", keys[i], blob)
        if kept_analyses is not None:
            kept_analyses[keys[i]] = results[i]
    return results


def _analyze(job: tuple[bytes, str, bool, Pairs, str, Options | None, bool]) -> bytes:
    """One analysis (of the compiled code, for TypeScript and JSX), pickled: what the cache
    stores and what crosses from a worker process."""
    data, name, minify, defines, kind, options, commonjs = job
    compiled = None
    if options is not None:
        compiled = compile_module(data, kind, options)
        if compiled.problems:  # at offsets into the source: no compiled code to map from
            problems = tuple(Problem(*p) for p in compiled.problems)
            failed = Compiled(b"", (), compiled.problems)
            return pickle.dumps((failed_analysis(problems), failed), protocol=5)
        data = compiled.code
    analysis = analyze(data, name, minify, defines, commonjs=commonjs and options is None)
    return pickle.dumps((analysis, compiled), protocol=5)
