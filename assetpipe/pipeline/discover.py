"""Discover: read the pages, follow their references, and collect every file the site reaches.

Starting from the pages, each file is read once, its references are found by the parser for its
role (HTML, CSS, SVG, web manifest) and resolved; each target is queued with the role its
reference gives it. JavaScript modules (module scripts, inline module scripts, and everything
they import) go to the module graph instead (`js/graph.py`): they are analysed in batches, in
parallel when there are many, and their imports are resolved as packages and browsers do; the
assets they reach (`new URL()`, imported CSS) come back into the queue. Problems (missing files,
syntax errors) become diagnostics at their `file:line:col`, and discovery goes on so that the
build reports them all at once.

Invariant: the result depends only on the source tree, never on traversal order: results are
returned sorted by path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..cache import Cache, FileScan, Memo, ModuleReuse
from ..css.refs import find_references as css_references
from ..css.refs import preprocess as css_preprocess
from ..diagnostics import Diagnostic, LineIndex, Location, error, warning
from ..html import webmanifest
from ..html.refs import ImgTag, PageRefs, StyleLink
from ..html.refs import find_references as html_references
from ..js.assets import (
    FAILED_ASSET,
    asset_key,
    asset_source,
    find_page,
    is_asset_key,
    split_query,
)
from ..js.assets import KINDS as ASSET_KINDS
from ..js.constants import Pairs, node_env
from ..js.graph import JsModule, analyze_many, json_module_source
from ..js.model import WORKERS, Problem
from ..js.parse import find_imports
from ..js.resolve import EMPTY, EMPTY_SOURCE, Resolver
from ..js.tsconfig import TsConfigError
from ..js.typescript import EXTENSIONS as TS_EXTENSIONS
from ..js.typescript import Options
from ..media_types import extension
from .entries import NO_ENTRIES, Entries
from .hashing import PLACEHOLDER_PREFIX
from .locate import Resolved, Unresolved, missing_page, page_target, resolve, split_url
from .values import Parsed, RawRef, Ref, Role, SourceTree, on_disk

MARKER = PLACEHOLDER_PREFIX  # may not appear in sources
_TEXT_ROLES = frozenset({"page", "css", "js-classic", "svg", "manifest"})
_MODULE_EXTENSIONS = (".js", ".mjs", ".cjs", ".json", *TS_EXTENSIONS)
# what a page or module may name that this tool does not compile: an error, never a dangling URL
_FOREIGN = {
    ".vue": "Vue single-file components",
    ".svelte": "Svelte components",
    ".coffee": "CoffeeScript files",
    ".astro": "Astro components",
    ".elm": "Elm files",
    ".scss": "Sass stylesheets",
    ".sass": "Sass stylesheets",
    ".less": "Less stylesheets",
    ".styl": "Stylus stylesheets",
}
_RASTER = (".jpg", ".jpeg", ".png", ".gif", ".webp")
# References that show an image on the page (icons, manifests, preloads and preview images in
# `<meta>` tags keep the file as is)
_SHOWN = frozenset({"img", "srcset", "css-url", "poster"})
# References a page is navigated by, not loaded with (`<a href>`, `<iframe src>`, a feed's
# `<link rel="alternate">`): the file keeps its name, and a missing one is a warning (a server
# may answer the URL)
LINK_KINDS = frozenset({"a-href", "frame", "alternate", "meta-link", "canonical"})


@dataclass(frozen=True, slots=True)
class PageScripts:
    """What later stages need from a page's markup: its module scripts (for the bundler), its
    stylesheet links (for critical CSS)."""

    page: str
    entries: tuple[str, ...]  # module keys, in document order (script src and inline)
    inline: tuple[tuple[str, int, int], ...]  # (module key, start, end of its text)
    module_tags: tuple[int, ...]  # where module scripts and modulepreload links start
    import_map: tuple[int, int] | None
    stylesheets: tuple[StyleLink, ...] = ()
    head_end: int = -1
    images: tuple[ImgTag, ...] = ()
    page_links: bool = False  # a link that may lead to another page (`html.refs.PageRefs`)
    speculation_rules: bool = False  # the page's own speculation rules


def _asset_import(target: str) -> bool:
    """Whether importing the file gives its URL (`js/assets.py`): it is no module, stylesheet,
    page or file of a language this tool does not compile."""
    ext = extension(target)
    return (
        ext not in _MODULE_EXTENSIONS
        and ext not in _FOREIGN
        and ext not in (".css", ".cjs", ".html", ".htm")
    )


@dataclass(frozen=True, slots=True)
class Discovery:
    files: dict[str, Parsed]  # by source path, sorted
    modules: dict[str, JsModule]  # the module graph, by key, sorted
    pages: dict[str, PageScripts]  # every page
    diagnostics: tuple[Diagnostic, ...]
    referrers: dict[str, tuple[str, int, int]] | None = None  # an image's first reference
    entries: Entries = Entries()  # the configuration's (`[build] entries`)


def role_for(ref: RawRef, target: str) -> Role:
    """The processing a referenced file gets, from its extension and the way it is referenced."""
    ext = extension(target)
    if ref.kind == "manifest":
        return "manifest"
    if ref.kind in LINK_KINDS:
        return "download"  # a file a link points at: published under its own name
    if ext == ".css" or ref.kind == "stylesheet":
        return "css"
    if ext in (".js", ".mjs") or (ext in TS_EXTENSIONS and ref.module):
        return "js-module" if ref.module else "js-classic"
    if ext == ".svg":
        return "svg"
    if ext in _RASTER and ref.kind in _SHOWN:
        return "image"
    return "copy"


def _merged_role(old: Role | None, new: Role, kept: bool) -> Role | None:
    """The role of a file reached once more, when it changes (None: it does not). A file a
    link points at ("download", under its own name) that is also used (shown, loaded,
    processed) becomes what that use makes it, hashed, and the link follows; except that a
    file named by a `<link rel="alternate">` (`kept`: a feed) keeps its name against a mere
    copy. So the result is the same in whatever order the references are met."""
    if old is None:
        return new
    if old == new or old not in ("copy", "download"):
        return None
    if new not in ("copy", "download"):
        return new
    if kept:
        return "download" if old == "copy" else None
    return "copy" if old == "download" else None


def read_text(path: str) -> str:
    """File text as UTF-8; undecodable bytes survive as surrogates and are written back as-is."""
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


@dataclass(slots=True)
class _Pending:
    abspath: str
    data: bytes
    offset: int  # inline modules: where the text starts in the page
    importer: _Where | None  # where it was first imported, for errors about the module itself


@dataclass(frozen=True, slots=True)
class _Where:
    """A place in a module, made a `Location` only if a diagnostic needs it (that costs a pass
    over the module's text)."""

    module: JsModule
    start: int
    end: int

    def location(self) -> Location:
        return self.module.locate(self.start, self.end)


def _location(where: _Where | None) -> Location | None:
    return where.location() if where is not None else None


def discover(
    tree: SourceTree,
    cache: Cache | None = None,
    *,
    minify: bool = True,
    development: bool = False,
    defines: Pairs | None = None,
    memo: Memo | None = None,
    entries: Entries = NO_ENTRIES,
    held: int | None = None,
) -> Discovery:
    """Every file the pages and the configuration's `entries` reach, parsed and resolved.
    `development` (watch): packages' `development` conditions. `defines`: global expressions
    replaced by values in every module (`js/constants.py`); by default `process.env.NODE_ENV`
    is `"production"`, or `"development"` in a development build. `memo` (watch): files and
    modules unchanged since the last build are reused from it. `held`: how many characters of
    page text to keep (None: all); past them a page's `Parsed.text` is a `Blob` (its file, its
    SHA-256) for render to read again (`values.read_again`), so that a large site's pages are
    not all in memory until rendered."""
    walk = _Walk(tree, cache or Cache(None), minify, development, defines, memo, held)
    walk.add_entries(entries)
    while walk.queue or walk.pending:
        while walk.queue:
            walk.visit(*walk.queue.popleft())
        if walk.pending:
            walk.load_pending()
    return walk.finish()


class _Walk:
    """Discovery's state: a queue of files to read (by role) and a batch of modules to load;
    reading a file queues what it references, loading a module what it imports."""

    def __init__(
        self,
        tree: SourceTree,
        cache: Cache,
        minify: bool,
        development: bool,
        defines: Pairs | None,
        memo: Memo | None,
        held: int | None = None,
    ) -> None:
        self.tree = tree
        self.cache = cache
        self.minify = minify
        self.memo = memo
        self.held = held  # characters of page text still to keep (None: all)
        self.resolver = Resolver(tree, production=not development)
        self.defines = node_env(development) if defines is None else defines
        self.roles: dict[str, Role] = {p: "page" for p in tree.pages}
        self.files: dict[str, Parsed] = {}
        self.modules: dict[str, JsModule] = {}
        self.pages: dict[str, PageScripts] = {}
        self.pending: dict[str, _Pending] = {}
        self.diagnostics: list[Diagnostic] = []
        self.referrers: dict[str, tuple[str, int, int]] = {}
        self.kept: set[str] = set()  # files named by a `<link rel="alternate">`: unhashed
        self.queue: deque[tuple[str, Role]] = deque((p, "page") for p in tree.pages)
        # watch: modules whose files are unchanged since the last build are reused from it
        self.state = (
            _resolution_state(tree, self.defines, development, memo.resolver_inputs)
            if memo is not None
            else None
        )
        self.importers: dict[str, str] = {}  # module -> the module or page that imported it
        self.entries = Entries()

    def add_entries(self, entries: Entries) -> None:
        """Start from the configuration's entries too: scripts as modules, stylesheets as
        stylesheets (as if a page linked them)."""
        self.entries = entries
        for key in entries.scripts:
            self.want_module(key, None)
        for path in entries.stylesheets:
            if path not in self.roles:
                self.roles[path] = "css"
                self.queue.append((path, "css"))

    def want_module(self, key: str, importer: _Where | None, page: str = "") -> None:
        self.importers.setdefault(key, importer.module.key if importer is not None else page)
        if key not in self.modules and key not in self.pending:
            self.pending[key] = _Pending(os.path.join(self.tree.root, key), b"", 0, importer)

    def chain(self, key: str) -> str:
        """How a page reaches a module: `index.html → main.js → node_modules/x/index.js`."""
        steps = [key]
        while steps[-1] in self.importers and self.importers[steps[-1]] not in steps:
            steps.append(self.importers[steps[-1]])
        if "#module-" in steps[-1]:
            steps.append(steps[-1].split("#module-")[0])
        return " → ".join(reversed([s for s in steps if s]))

    def visit(self, path: str, role: Role) -> None:
        """Read the file at `path` and queue what it references."""
        role = self.roles.get(path, role)  # a copy found shown since it was queued: an image
        tree = self.tree
        parsed, found, scripts = _parse(
            path, role, tree, self.diagnostics, self.memo, self.resolver
        )
        if scripts is not None:
            self.pages[path] = scripts
            text = parsed.text if isinstance(parsed.text, str) else ""
            for key, start, end in scripts.inline:
                self.pending[key] = _Pending(
                    os.path.join(tree.root, path),
                    text[start:end].encode("utf-8", "surrogateescape"),
                    start,
                    None,
                )
            if self.held is not None and len(text) > self.held:  # (render reads it again)
                kept = on_disk(os.path.join(tree.root, path), text)
                parsed = dataclasses.replace(parsed, text=kept)
            elif self.held is not None:
                self.held -= len(text)
        self.files[path] = parsed
        for ref, target_role in found:
            self.follow(path, ref, target_role)

    def follow(self, path: str, ref: Ref, target_role: Role) -> None:
        """Queue what the reference `ref` in the file at `path` names, in the role it gives."""
        foreign = _FOREIGN.get(extension(ref.target))
        if foreign and (ref.raw.module or ref.raw.kind in ("stylesheet", "script")):
            self.diagnostics.append(
                error(
                    "unsupported-language",
                    f"cannot load '{ref.raw.url}': {foreign} need their own compiler, "
                    "which assetpipe does not have",
                    locate_reference(self.tree, (path, ref.raw.start, ref.raw.end)),
                    "compile it to JavaScript (or CSS) first, and link what it compiles to",
                )
            )
            return
        if target_role == "js-module":
            self.want_module(ref.target, None, path)
            return
        if target_role == "image" and ref.target not in self.referrers:
            self.referrers[ref.target] = (path, ref.raw.start, ref.raw.end)
        old = self.roles.get(ref.target)
        if ref.raw.kind == "alternate" and target_role == "download":
            self.kept.add(ref.target)  # a feed: readers keep its URL, so it is never hashed
        new = _merged_role(old, target_role, ref.target in self.kept)
        if new is not None:
            self.roles[ref.target] = new
            if old is None or ref.target in self.files:  # (read again in its new role)
                self.queue.append((ref.target, new))

    def load_pending(self) -> None:
        """Load the modules wanted so far, in one batch, and want or queue what they import."""
        batch = sorted(self.pending.items())
        self.pending.clear()
        loaded = _load_modules(
            batch,
            self.resolver,
            self.cache,
            self.diagnostics,
            self.minify,
            self.defines,
            chain=self.chain,
            state=self.state,
            memo=self.memo,
        )
        for module, targets in loaded:
            self.modules[module.key] = module
            for target, role, where in targets:
                if role == "js-module":
                    self.want_module(target, where)
                elif target not in self.roles:
                    self.roles[target] = role
                    self.queue.append((target, role))

    def finish(self) -> Discovery:
        memo, modules = self.memo, self.modules
        if memo is not None:
            # (a union: reused modules' resolution is not done again, so not read again)
            memo.resolver_inputs = sorted({*memo.resolver_inputs, *self.resolver.inputs()})
        _inline_enums(modules, self.resolver, self.cache, self.minify, self.defines, memo)
        return Discovery(
            dict(sorted(self.files.items())),
            dict(sorted(modules.items())),
            dict(sorted(self.pages.items())),
            tuple(self.diagnostics),
            dict(sorted(self.referrers.items())),
            self.entries,
        )


def _inline_enums(
    modules: dict[str, JsModule], resolver, cache, minify, defines, memo: Memo | None
) -> None:
    """TypeScript modules that import an `export const enum` are compiled again with its
    values, so that `Dir.Up` becomes `1` there as in the file that declares it (and the
    import, then unused, goes). Only once every module is known: an importer is usually
    compiled before the module it imports."""
    exported = {key: dict(m.enums) for key, m in modules.items() if m.enums}
    if not exported:
        return
    wanted: dict[str, tuple] = {}
    for key, module in modules.items():
        if not module.segments:
            continue
        found = []
        for b in module.analysis.import_bindings:
            target = module.resolved[b.record]
            members = exported.get(target or "", {}).get(b.imported)
            if members is not None:
                found.append((module.analysis.symbols[b.symbol].name, members))
        if found:
            wanted[key] = tuple(sorted(found))
    if not wanted:
        return
    batch = [(key, _Pending(modules[key].abspath, b"", 0, None)) for key in sorted(wanted)]
    for module, _targets in _load_modules(
        batch, resolver, cache, [], minify, defines, wanted, memo=memo
    ):
        modules[module.key] = module


def relative_previews(
    files: dict[str, Parsed], tree: SourceTree, site_url: str, base: str
) -> Diagnostic | None:
    """One warning, at the first of them, for the preview files and page URLs of `<meta>`
    tags (`og:image`, `og:url`...) that the build can only write as URLs without a host (no
    `build.site_url` and a base that is a path): crawlers do not resolve those, so link
    previews break. (A relative `<link rel="canonical">` is fine: search engines resolve it.)"""
    if site_url or "://" in base:
        return None
    found = [
        (path, ref.raw.start, ref.raw.end)
        for path, parsed in files.items()
        if parsed.role == "page"
        for ref in parsed.refs
        if ref.raw.kind in ("meta", "meta-link")
    ]
    if not found:
        return None
    first = min(found)
    others = len(found) - 1
    pages = len({where[0] for where in found if where != first})
    more = (
        (
            f"{others} other preview URL{'s' if others > 1 else ''} on {pages} page"
            f"{'s' if pages > 1 else ''} too",
        )
        if others
        else ()
    )
    path, start, end = first
    url = next(r.raw.url for r in files[path].refs if r.raw.start == start)
    return warning(
        "relative-preview",
        f"'{url}' is written without a host: crawlers do not resolve such URLs, so link "
        "previews break",
        locate_reference(tree, first),
        'set the site\'s address in the config: [build] site_url = "https://example.com"',
        *more,
    )


def locate_reference(tree: SourceTree, where: tuple[str, int, int]) -> Location:
    """The `Location` of a reference kept as (referrer, start, end); made when a diagnostic
    needs it."""
    path, start, end = where
    abspath = os.path.join(tree.root, path)
    return LineIndex(read_text(abspath)).locate(abspath, start, max(1, end - start))


def _load_modules(
    batch,
    resolver: Resolver,
    cache: Cache,
    diagnostics: list[Diagnostic],
    minify: bool,
    defines: Pairs,
    enums: dict[str, tuple] | None = None,
    chain=lambda key: key,
    state: object = None,
    memo: Memo | None = None,
):
    """Read, analyse and resolve a batch of modules; yields each with the targets to queue.
    `enums`: per module key, the imported const enums to inline (see `_inline_enums`);
    `chain(key)`: how a page reaches a module, for the errors a package's code causes.
    `state` (watch, see `_resolution_state`): a module whose file has the size and time it
    had in the last build, resolved in the same state of packages and folders, is that build's
    (with its diagnostics), not read, analysed and resolved again."""
    reuse = memo.modules if memo is not None and state is not None and enums is None else None
    stamps: dict[str, tuple] = {}
    if reuse is not None:
        fresh = []
        for key, p in batch:
            stamp = _stamp(key, p, state, minify)
            kept = reuse.get(key) if stamp is not None else None
            if kept is not None and kept.stamp == stamp:
                diagnostics.extend(kept.diagnostics)
                yield kept.module, kept.targets
                continue
            if stamp is not None:
                stamps[key] = stamp
            fresh.append((key, p))
        batch = fresh
    sources: list[tuple[str, bytes, Options | None, bool]] = []
    loaded: list[tuple[str, _Pending]] = []
    for key, p in batch:
        read = _read_module(key, p, resolver, enums, diagnostics)
        if read is not None:
            sources.append((key, *read))
            loaded.append((key, p))
    for (key, p), (_, data, _, _), (analysis, compiled) in zip(
        loaded, sources, analyze_many(sources, cache, minify, defines, memo), strict=True
    ):
        mark = len(diagnostics)
        source, segments, exported = b"", (), ()
        if compiled is not None and compiled.code:
            source, segments, data = data, compiled.segments, compiled.code
            exported = compiled.enums
        module = JsModule(
            key,
            p.abspath,
            data,
            analysis,
            "json" if key.endswith(".json") else "js",
            (),
            (),
            resolver.side_effects(key),
            p.offset,
            source,
            segments,
            exported,
        )
        _analysis_problems(module, analysis, chain, diagnostics)
        resolved, public, targets = _resolve_imports(module, analysis, resolver, chain, diagnostics)
        module = JsModule(
            key,
            p.abspath,
            data,
            analysis,
            module.kind,
            tuple(resolved),
            tuple(public),
            module.side_effects,
            p.offset,
            source,
            segments,
            exported,
        )
        if reuse is not None and key in stamps:
            reuse[key] = ModuleReuse(stamps[key], module, targets, diagnostics[mark:])
        yield module, targets


def _read_module(
    key: str,
    p: _Pending,
    resolver: Resolver,
    enums: dict[str, tuple] | None,
    diagnostics: list[Diagnostic],
) -> tuple[bytes, Options | None, bool] | None:
    """A module's source as the analysis takes it (its bytes, TypeScript's options, whether it
    is CommonJS), or None, with an error, when it cannot be read or compiled: a file, an
    asset's module (`?raw`, `import logo from './logo.svg'`), JSON as a module."""
    data = p.data
    if key.startswith(EMPTY):
        data = EMPTY_SOURCE  # `"browser": {"fs": false}`
    elif is_asset_key(key):  # `import logo from './logo.svg'`, `?raw`, `?inline`
        made = asset_source(key, resolver.tree)
        if isinstance(made, Unresolved):
            diagnostics.append(error(made.code, made.message, _location(p.importer), *made.notes))
            made = FAILED_ASSET  # (the build fails: no other error about its importer)
        data = made
    elif "#module-" not in key:
        try:
            with open(p.abspath, "rb") as f:
                data = f.read()
        except OSError as exc:
            diagnostics.append(
                error("missing-file", f"cannot read {key}: {exc.strerror}", _location(p.importer))
            )
            return None
    if key.endswith(".json"):
        source = json_module_source(data)
        if isinstance(source, Problem):
            text = data.decode("utf-8", "replace")
            diagnostics.append(
                error(
                    "json-syntax",
                    source.message,
                    LineIndex(text).locate(p.abspath, source.start),
                )
            )
            return None
        data = source
    options = None
    framework = resolver.jsx_framework(key) if key.endswith((".jsx", ".tsx")) else None
    if framework is not None:
        diagnostics.append(
            error(
                "unsupported-language",
                f"cannot compile {key}: {framework}, which assetpipe does not have",
                Location(p.abspath, 1, 1),
                "build this app with its framework's Vite plugin; assetpipe compiles "
                "React's, Preact's and Lit's JSX and TypeScript",
            )
        )
        return None
    if key.endswith(TS_EXTENSIONS):
        try:
            options = resolver.ts_options(key)
        except TsConfigError as exc:
            diagnostics.append(error("tsconfig", exc.message, exc.location))
            return None
        if enums and key in enums:
            options = dataclasses.replace(options, enums=enums[key])
    commonjs = (
        options is None
        and "#module-" not in key
        and key.endswith((".js", ".cjs"))
        and not resolver.is_esm(key, entry=p.importer is None)
    )
    return data, options, commonjs


def _analysis_problems(
    module: JsModule, analysis, chain: Callable[[str], str], diagnostics: list[Diagnostic]
) -> None:
    """The errors a module's analysis found: syntax, and `require()`s of computed names."""
    key = module.key
    for problem in analysis.problems:
        diagnostics.append(
            error("js-syntax", problem.message, module.locate(problem.start, problem.end))
        )
    for start, end in analysis.computed_requires:
        diagnostics.append(
            error(
                "require-computed",
                f"cannot bundle this require(): the module it loads is only known at "
                f"run time (in {module.description})",
                module.locate(start, end),
                "require a string literal, or import() a known set of modules",
                f"import chain: {chain(key)}",
            )
        )


def _resolve_imports(
    module: JsModule,
    analysis,
    resolver: Resolver,
    chain: Callable[[str], str],
    diagnostics: list[Diagnostic],
) -> tuple[list[str | None], list[bool], list[tuple[str, Role, _Where]]]:
    """Each import of `module` resolved: per import record, its target (None when it is left as
    written or failed) and whether that is a public file; and the files to queue, with roles."""
    key = module.key
    resolved: list[str | None] = []
    public: list[bool] = []
    targets: list[tuple[str, Role, Location]] = []
    for record in analysis.imports:
        specifier, query = record.specifier, None
        if record.kind in ASSET_KINDS:  # `./logo.svg?raw`: the file, read as the query says
            specifier, query = split_query(specifier)
        result = resolver.resolve(specifier, key)
        if result is None and record.kind in ASSET_KINDS:
            result = find_page(specifier, key, resolver.tree)
        if result is None or isinstance(result, Unresolved):
            if isinstance(result, Unresolved):
                diagnostics.append(_unresolved(result, record, module, chain))
            resolved.append(None)
            public.append(False)
            continue
        where = _Where(module, record.start, record.end)
        if record.kind in ASSET_KINDS and (query is not None or _asset_import(result.target)):
            asset = asset_key(result, query)  # a module whose default export is the value
            if isinstance(asset, Unresolved):
                diagnostics.append(error(asset.code, asset.message, where.location(), *asset.notes))
                asset = None
            else:
                targets.append((asset, "js-module", where))
            resolved.append(asset)
            public.append(False)
            continue
        resolved.append(None if result.public else result.target)
        public.append(result.public)
        if result.public:
            continue
        role = _import_role(record, result.target, where, diagnostics)
        if role is None:
            resolved[-1] = None
        else:
            targets.append((result.target, role, where))
    return resolved, public, targets


def _unresolved(
    result: Unresolved, record, module: JsModule, chain: Callable[[str], str]
) -> Diagnostic:
    """The problem of an import that did not resolve: a warning when the code handles it
    failing (or it is `import('')`), else an error (with the import chain, in a package)."""
    key = module.key
    if record.handled or (record.kind == "dynamic" and not record.specifier):
        return warning(
            result.code,
            f"{result.message} (imported by {module.description})",
            module.locate(record.start, record.end),
            *result.notes,
            "left as written: the code handles this import() failing"
            if record.handled
            else "left as written: import('') always fails at run time",
        )
    notes = result.notes
    if record.kind == "require" or "node_modules/" in key:
        notes += (f"import chain: {chain(key)}",)
    return error(
        result.code,
        f"{result.message} (imported by {module.description})",
        module.locate(record.start, record.end),
        *notes,
    )


def _import_role(record, target: str, where: _Where, diagnostics: list[Diagnostic]) -> Role | None:
    """The role of the local file `target` an import record names (a module, a worker's entry,
    a stylesheet, a `new URL()` asset), or None, with an error, when it cannot be imported so."""
    ext = extension(target)
    if record.kind in WORKERS and ext in _MODULE_EXTENSIONS and ext != ".json":
        return "js-module"  # an entry of its own
    elif record.kind in WORKERS:
        diagnostics.append(
            error(
                "worker",
                f"cannot start '{record.specifier}' as a worker: it is not a "
                "JavaScript or TypeScript module",
                where.location(),
            )
        )
        return None
    elif record.kind == "new-url":
        raw = RawRef(record.specifier, 0, 0, "new-url", "js")
        return role_for(raw, target)
    elif ext == ".css":
        return "css"
    elif record.kind == "dynamic" and record.attr_type == "" and ext == ".json":
        diagnostics.append(
            error(
                "import-options",
                f"cannot bundle '{record.specifier}': its import() options are only "
                "known at run time, and a bundled JSON module is JavaScript",
                where.location(),
                "write the options out: import(url, { with: { type: 'json' } })",
            )
        )
        return None
    elif ext in _MODULE_EXTENSIONS or target.startswith(EMPTY):
        return "js-module"
    elif ext in _FOREIGN:
        diagnostics.append(
            error(
                "unsupported-language",
                f"cannot import '{record.specifier}': {_FOREIGN[ext]} need their own "
                "compiler, which assetpipe does not have",
                where.location(),
                "compile it to JavaScript (or CSS) first, or import what it compiles to",
            )
        )
        return None
    else:
        diagnostics.append(
            error(
                "import-kind",
                f"cannot import '{record.specifier}' as a module: only "
                "JavaScript, JSON and CSS can be imported",
                where.location(),
                "for its text, add '?raw'",
            )
        )
        return None


def _stamp(key: str, p: _Pending, state: object, minify: bool) -> tuple | None:
    """What a module's last build must have had to be reused: its file's size and time, the
    state of resolution, and how it was loaded (None: never reused)."""
    if "#module-" in key or key.startswith(EMPTY) or is_asset_key(key) or "?" in key:
        return None
    try:
        st = os.stat(p.abspath)
    except OSError:
        return None
    if time.time_ns() - st.st_mtime_ns < _RACY_NS:
        return None  # written just now: a second edit within the clock's step would not show
    return (state, st.st_mtime_ns, st.st_size, p.importer is None, minify)


# A file changed less than this long ago is read again rather than trusted by its size and
# time (git's "racily clean" rule: some file systems keep times in whole seconds)
_RACY_NS = 2_000_000_000


def _resolution_state(
    tree: SourceTree, defines: Pairs, development: bool, inputs: list[str]
) -> object:
    """What resolving and analysing a module may depend on besides its own file (for watch's
    reuse of modules): the source folder's files, the package.json and tsconfig files in it
    and those the last build's resolution read or looked for (workspace packages' included),
    the install markers npm, pnpm and yarn rewrite in node_modules folders from the source
    folder up, the defines and the mode. A module whose file is unchanged is reused only
    while all of this is."""
    marks = []
    paths = [
        os.path.join(tree.root, path)
        for path in sorted(tree.files)
        if path.rsplit("/", 1)[-1] == "package.json"
        or (path.endswith(".json") and "config" in path.rsplit("/", 1)[-1])
    ]
    for path in [*paths, *inputs]:
        try:
            st = os.stat(path)
            marks.append((path, st.st_mtime_ns, st.st_size))
        except OSError:
            marks.append((path, None))
    folder = tree.root
    while True:
        for name in (".package-lock.json", ".modules.yaml", ".yarn-state.yml", ".yarn-integrity"):
            with contextlib.suppress(OSError):
                st = os.stat(os.path.join(folder, "node_modules", name))
                marks.append((folder, name, st.st_mtime_ns, st.st_size))
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return hash((tree.files, tree.public_set, tuple(marks), defines, development))


def _parse(
    path: str,
    role: Role,
    tree: SourceTree,
    diagnostics: list[Diagnostic],
    memo: Memo | None = None,
    resolver: Resolver | None = None,
) -> tuple[Parsed, list[tuple[Ref, Role]], PageScripts | None]:
    """The references of the file at `path` resolved, and a page's scripts. `memo` (kept
    across the builds of `watch`) saves scanning a file whose text is unchanged."""
    abspath = os.path.join(tree.root, path)
    if role not in _TEXT_ROLES:
        return Parsed(path, role, None), [], None
    text = read_text(abspath)
    lines: LineIndex | None = None

    def where(offset: int, length: int = 1) -> Location:
        nonlocal lines
        lines = lines or LineIndex(text)
        return lines.locate(abspath, offset, length)

    if MARKER in text:
        diagnostics.append(
            error(
                "reserved-marker",
                f"'{MARKER}' is reserved by assetpipe",
                where(text.index(MARKER), len(MARKER)),
            )
        )
        return Parsed(path, role, text), [], None

    text, found, raws = _scan(path, role, text, memo, diagnostics, where)
    refs: list[Ref] = []
    found_targets: list[tuple[Ref, Role]] = []
    for raw in raws:
        result = _resolve(raw, path, tree, resolver)
        if result is None:
            continue
        if (
            raw.kind in LINK_KINDS
            and isinstance(result, Unresolved)
            and result.code == "missing-file"
        ):
            if _has_extension(raw.url):
                diagnostics.append(  # (no extension: a route the server answers)
                    warning(
                        "missing-link",
                        f"{result.message}: the link leads nowhere in this build",
                        where(raw.start, max(1, raw.end - raw.start)),
                        *result.notes,
                    )
                )
            continue
        if isinstance(result, Unresolved):
            diagnostics.append(
                error(
                    result.code,
                    result.message,
                    where(raw.start, max(1, raw.end - raw.start)),
                    *result.notes,
                )
            )
            continue
        ref = _to_ref(raw, result, text)
        refs.append(ref)
        if not ref.public:
            found_targets.append((ref, role_for(raw, ref.target)))
    scripts = _page_scripts(path, found, refs) if role == "page" and found is not None else None
    return Parsed(path, role, text, tuple(refs)), found_targets, scripts


def _scan(
    path: str,
    role: Role,
    text: str,
    memo: Memo | None,
    diagnostics: list[Diagnostic],
    where: Callable[..., Location],
) -> tuple[str, PageRefs | None, Sequence[RawRef]]:
    """(the text references are offsets into, a page's or SVG's tags, the references as
    written) with the parser for the file's role; from `memo` while the text is the same."""
    raws: Sequence[RawRef] = ()
    found = None
    if role in ("page", "svg", "css", "js-classic"):
        kept = memo.files.get(path) if memo is not None else None
        if kept is not None and kept.role == role and kept.source == text:
            _, _, text, found, raws, problems = kept
        else:
            source, problems = text, ()
            if role == "page" or role == "svg":
                found = html_references(text, xml=role == "svg")
                raws = found.refs
            elif role == "css":
                text = css_preprocess(text)
                raws = tuple(css_references(text))
            else:
                problems = tuple(find_imports(text)[1])
            if memo is not None:  # one entry per path: an edit replaces it
                memo.files[path] = FileScan(role, source, text, found, raws, problems)
        for p in problems:
            diagnostics.append(error("js-syntax", p.message, where(p.offset, p.length)))
    elif role == "manifest":
        try:
            raws = webmanifest.find_references(text)
        except webmanifest.ManifestError as exc:
            diagnostics.append(error("manifest-syntax", str(exc), where(exc.offset)))
    return text, found, raws


def _resolve(raw: RawRef, path: str, tree: SourceTree, resolver: Resolver | None):
    """What a reference in the file at `path` means (`pipeline/locate.py`): a file, a reason
    it has none, or None for what is left alone; a bare `@import` may name a package's
    stylesheet, and a preview or canonical link a page."""
    result = resolve(raw.url, path, tree)
    if (
        isinstance(result, Unresolved)
        and result.code == "missing-file"
        and raw.kind == "css-import"
        and resolver is not None
        and not raw.url.startswith(("./", "../", "/"))
    ):
        package = resolver.resolve_style(raw.url.split("?")[0].split("#")[0], path)
        if isinstance(package, Resolved):
            result = Resolved(package.target, False, split_url(raw.url) or len(raw.url))
    if raw.kind in ("meta-link", "canonical") and (
        result is None  # a page or folder
        or (isinstance(result, Unresolved) and not _has_extension(raw.url))  # a route
    ):
        result = page_target(raw.url, path, tree) or result  # (written absolute)
    if result is None and raw.kind in LINK_KINDS:
        result = missing_page(raw.url, path, tree)  # a page link: to a page that is there?
    return result


def _page_scripts(path: str, found: PageRefs, refs: list[Ref]) -> PageScripts:
    """A page's module scripts (external and inline) in document order, and the tags the
    bundle and the images stage edit."""
    inline = tuple((f"{path}#module-{i}", s, e) for i, (s, e) in enumerate(found.inline_modules))
    order = sorted(
        [
            (r.raw.start, r.target)
            for r in refs
            if r.raw.kind == "src" and r.raw.module and not r.public
        ]
        + [(s, k) for k, s, _ in inline]
    )
    return PageScripts(
        path,
        tuple(k for _, k in order),
        inline,
        found.module_tags,
        found.import_map,
        found.stylesheets,
        found.head_end,
        found.images,
        found.page_links,
        found.speculation_rules,
    )


def _has_extension(url: str) -> bool:
    """Whether the last segment of a URL's path has an extension (`x.pdf`; `/about` has none:
    a route the server may answer)."""
    return "." in url.split("?")[0].split("#")[0].rsplit("/", 1)[-1]


def _to_ref(raw: RawRef, resolved: Resolved, text: str) -> Ref:
    """Keep the query and fragment as written in the source."""
    if resolved.split >= len(raw.url):
        return Ref(raw, resolved.target, resolved.public, "")
    written = text[raw.start : raw.end]
    path_part = raw.url[: resolved.split]
    if written.startswith(path_part):
        return Ref(raw, resolved.target, resolved.public, written[len(path_part) :])
    return Ref(raw, resolved.target, resolved.public, _escape(raw.url[resolved.split :], raw))


def _escape(suffix: str, raw: RawRef) -> str:
    if raw.escape == "html":
        return suffix.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")
    if raw.escape in ("css-string", "css-url", "js"):
        out = suffix.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")
        if raw.escape == "css-url":
            out = out.replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)")
        return out
    return suffix
