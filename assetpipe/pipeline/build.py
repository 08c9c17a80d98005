"""build(): the stages of a build, in order, each a function from frozen values to new ones.

    scan      the source folder, and what the build defines   -> SourceTree, defines
    discover  read the pages, follow every reference, parse    -> Discovery
    bundle    link, shake, split and print JavaScript          -> Bundle, worker chunks
    images    encode each shown image's variants               -> Images
    render    references to placeholders, minify, pages last   -> Rendered files
    hash      content hashes bottom-up, then final URLs        -> Hashed (outputs, manifest)
    emit      write a sibling of the output folder             -> a folder to swap in
    report    what a first visit downloads; budgets; swap in   -> report, summary figures

`STAGES` is this list; `BuildResult.timings` has one entry per stage, in this order, and
docs/architecture.md describes the same eight. Stages report problems as diagnostics and carry
on; `_Log.check` is the one place a build fails (`BuildFailed`, with every diagnostic so far,
warnings included): after scanning (nothing to build), after rendering (every error of the
sources, before anything is written), after hashing (two files for one output path), and in
the last stage (the output folder, the budgets), where the folder written aside is discarded.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..cache import Cache, Memo
from ..config import Config
from ..css.fonts import FontOptions
from ..diagnostics import BuildFailed, Diagnostic, LineIndex, Location, error, warning
from ..html import speculation
from ..images.markup import MarkupOptions
from ..images.metadata import has_location
from ..images.variants import ImageOptions, ImageSet, process_images
from ..js.bundle import Bundle, BundleOptions, bundle
from ..js.defines import build_defines
from ..js.workers import bundle_workers
from ..remote_cache import from_config
from ..report.budgets import check_budgets
from ..report.cache_hits import PageWeights, cache_hits, weight_warnings
from ..report.compare import Baseline
from ..report.pages import make_report
from ..report.sizes import compressed_sizes
from ..report.summary import summarize
from ..rum import SOURCE as RUM_SOURCE
from ..rum import RumOptions
from .discover import Discovery, PageScripts, discover, locate_reference, relative_previews
from .emit import (
    MANIFEST_PATH,
    REPORT_PATH,
    EmitError,
    check_output_folder,
    discard,
    swap_in,
    write_tree,
)
from .entries import find_entries
from .hashing import build_id, hash_files
from .manifest import dump, make_manifest
from .render import RenderOptions, render
from .scan import scan
from .values import (
    Blob,
    BlobError,
    BlobStore,
    BuildResult,
    Held,
    OutputFile,
    Parsed,
    Rendered,
    SourceTree,
    data_sha256,
)
from .vite_manifest import PATH as VITE_MANIFEST_PATH
from .vite_manifest import dumps as vite_dumps
from .vite_manifest import make_vite_manifest

STAGES = ("scan", "discover", "bundle", "images", "render", "hash", "emit", "report")

# Bytes of pages a build keeps in memory at each step (their sources after discovery, their
# rendered texts, their final bytes, with public/ files and files copied as they are); the
# rest go through the blob folder. A site of a few thousand pages pays nothing for the disk,
# and 10,000 pages hold no more than three times this.
PAGES_HELD = 16 * 2**20

Progress = Callable[[str, int, int], None]  # (what, done, total)


def build(
    config: Config,
    progress: Progress | None = None,
    memo: Memo | None = None,
    baseline: Baseline | None = None,
    page_weights: PageWeights | None = None,
) -> BuildResult:
    """Build the site `config` describes; raises `BuildFailed` with every diagnostic.
    `progress` hears about long work (image encodes) as it goes. `memo` (watch): what earlier
    builds of the session left in memory for this one to reuse. `baseline` (the build this one
    replaces, read before): the report gets the cache-hit figure, weighted by `page_weights`."""
    b = config.build
    paths = _Paths.of(config)
    log = _Log()
    with _collector_paused():
        log.add(_check_folders(paths.src, paths.out))
        log.check()
        tree, entries, defines, env_problems = _scan(config, paths, log)
        log.stage("scan")
        log.check()
        with _blobs(paths.out, log) as blobs:
            with _cache(paths.cache_dir, config, log) as cache:
                found = _discover(tree, entries, defines, config, cache, memo)
                log.add(_previews(found, tree, b.site_url, paths.base))
                log.add(env_problems)
                log.add(found.diagnostics)
                log.stage("discover")
                bundled, worker_chunks = _bundle(found, config, log)
                log.stage("bundle")
                images = _images(tree, found, config, cache, progress, log, blobs.put)
                log.stage("images")
                rendered = _render(
                    tree,
                    found,
                    bundled,
                    worker_chunks,
                    images,
                    config,
                    paths,
                    cache,
                    memo,
                    log,
                    Held(PAGES_HELD, blobs),
                )
                found = _rendered(found)
            log.check()
            log.stage("render")
            held = Held(PAGES_HELD, blobs)
            hashed = _hash(rendered, tree, found, bundled, config, paths, memo, log, held)
            log.check()
            log.stage("hash")
            # The report (compressing every text file, reading every page) runs beside the
            # writing of the output, which mostly waits on the disk; budgets are checked
            # before the swap.
            with ThreadPoolExecutor(max_workers=1) as pool:
                reporting = pool.submit(
                    _report, hashed, tree.pages, paths.base, rendered, b.development, memo
                )
                tmp = _emit(hashed, paths.out, log)
                log.check()
                log.stage("emit")
                report, figures = reporting.result()
            log.add(_add_cache_hits(report, hashed, paths.base, baseline, page_weights))
            _finish(report, tmp, config, paths, log)
            log.stage("report")  # what the report added: the wait for it, and the swap
    return BuildResult(
        str(paths.out),
        _in_place(hashed.outputs, paths.out),
        hashed.manifest,
        tree.pages,
        tuple(log.timings),
        figures,
        tuple(log.warnings()),
        _inputs(tree.root, found),
        report,
    )


@dataclass(frozen=True, slots=True)
class ShardResult:
    """What `build_shard` did: of the images pages show, how many are this shard's, how many
    variants it encoded (the rest were in a cache already) and how many objects it uploaded
    (one per image, and module analyses)."""

    shard: int
    of: int
    images: int
    total_images: int
    encoded: int
    uploaded: int
    seconds: float
    warnings: tuple[Diagnostic, ...] = ()


def in_shard(path: str, shard: int, of: int) -> bool:
    """Whether the image at `path` is shard `shard`'s (1-based) of `of`: by the SHA-256 of its
    path, so every runner splits the same way whatever it is given."""
    digest = hashlib.sha256(path.encode("utf-8", "surrogateescape")).digest()
    return int.from_bytes(digest[:8], "big") % of == shard - 1


def build_shard(
    config: Config, shard: int, of: int, progress: Progress | None = None
) -> ShardResult:
    """`build --shard I/N`: only the expensive, cacheable work of shard `shard` of `of`, pushed
    to the remote cache for a final `build` to find: the encodes of the images whose path
    falls in it (`in_shard`). Discovery runs whole (it finds the images; its analyses go to
    the remote cache too). Nothing is written to the output folder. Raises `BuildFailed`."""
    started = time.perf_counter()
    if not config.cache.remote or config.cache.mode != "read-write":
        message = "a shard's work reaches the final build only through a remote cache"
        hint = 'set [cache] remote (or --cache-remote) and mode = "read-write"'
        raise BuildFailed([error("shard", message, None, hint)])
    paths = _Paths.of(config)
    log = _Log()
    with _collector_paused():
        tree, entries, defines, env_problems = _scan(config, paths, log)
        log.check()
        with _cache(paths.cache_dir, config, log) as cache:
            found = _discover(tree, entries, defines, config, cache, None)
            log.add(env_problems)
            log.add(found.diagnostics)
            shown = [p for p, parsed in found.files.items() if parsed.role == "image"]
            mine = frozenset(p for p in shown if in_shard(p, shard, of))
            _images(tree, found, config, cache, progress, log, _size_only, only=mine)
            encoded = cache.puts.get("images", 0)
        log.check()
    uploaded = cache.remote.uploaded if cache.remote is not None else 0
    return ShardResult(
        shard,
        of,
        len(mine),
        len(shown),
        encoded,
        uploaded,
        time.perf_counter() - started,
        tuple(log.warnings()),
    )


# -- the stages ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Paths:
    src: Path
    out: Path
    cache_dir: Path
    base: str  # the public base URL, ending in "/" (or "")

    @classmethod
    def of(cls, config: Config) -> _Paths:
        b = config.build
        base = b.base if b.base.endswith("/") or not b.base else b.base + "/"
        return cls(Path(b.src).resolve(), Path(b.out).resolve(), Path(b.cache_dir).resolve(), base)


@dataclass(frozen=True, slots=True)
class Images:
    """The images stage's result: each shown image's variants (by source path), their files,
    and an error per image that could not be used."""

    sets: dict[str, ImageSet]
    files: tuple[Rendered, ...]
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True, slots=True)
class Hashed:
    """The hash stage's result: every output file (public/ included), by path, and the
    manifest made from them."""

    outputs: tuple[OutputFile, ...]
    manifest: dict[str, object]


def _scan(config: Config, paths: _Paths, log: _Log):
    """scan: the source folder listed once, and what the build defines (`js/defines.py`: the
    `.env` files are read here, once per build)."""
    b = config.build
    tree = scan(
        str(paths.src),
        public_dir=b.public_dir,
        exclude=b.exclude,
        skip=(str(paths.out), str(paths.cache_dir)),
    )
    for path, why in sorted(tree.links.items()):
        if path.startswith(tree.public_dir + "/"):  # (elsewhere: an error where referenced)
            log.add(
                [
                    warning(
                        "public-link",
                        f"not published: {path} is {why}",
                        Location(str(paths.src / path)),
                    )
                ]
            )
    entries, problems = find_entries(tree, b.entries, _config_locator(config.file))
    log.add(problems)
    if not tree.pages and not b.entries:
        log.add(
            [
                error(
                    "no-pages",
                    f"no pages (*.html) in {tree.display_root}",
                    Location(str(paths.src)),
                    "a server-rendered app names its scripts and stylesheets in "
                    "[build] entries instead",
                )
            ]
        )
    defines, env_problems = build_defines(b, paths.src)
    return tree, entries, defines, tuple(env_problems)


def _config_locator(file: str | None) -> Callable[[str], Location]:
    """Where the configuration names a value: the line and column of its quoted text, or the
    file (or the word "configuration", with no file)."""
    read: list[str] = []  # the file's text, read on the first problem only

    def locate(value: str) -> Location:
        if file and not read:
            text = ""
            with contextlib.suppress(OSError):
                text = Path(file).read_text(encoding="utf-8", errors="replace")
            read.append(text)
        text = read[0] if read else ""
        for quoted in (f'"{value}"', f"'{value}'"):
            at = text.find(quoted)
            if at >= 0:
                return LineIndex(text).locate(file or "", at + 1, len(value))
        return Location(file or "configuration")

    return locate


def _discover(tree, entries, defines, config: Config, cache: Cache, memo: Memo | None):
    """discover: from the pages and the configuration's entries (`pipeline/discover.py`)."""
    b = config.build
    return discover(
        tree,
        cache,
        minify=b.minify,
        development=b.development,
        defines=defines,
        memo=memo,
        entries=entries,
        held=None if memo is not None else PAGES_HELD,  # (watch's memo holds them anyway)
    )


def _previews(found: Discovery, tree: SourceTree, site_url: str, base: str) -> list[Diagnostic]:
    preview = relative_previews(found.files, tree, site_url, base)
    return [preview] if preview else []


def _bundle(found: Discovery, config: Config, log: _Log) -> tuple[Bundle, tuple[Rendered, ...]]:
    """bundle: the pages' modules, then every worker their code starts (`js/workers.py`)."""
    options = BundleOptions(
        assets_dir=config.build.assets_dir,
        minify=config.build.minify,
        import_map=config.js.import_map and not config.build.vite_manifest,
        tree_shaking=config.js.tree_shaking,
        sourcemap=config.build.sourcemap,
        vendor_chunk=config.js.vendor_chunk,
    )
    entries = {p: list(s.entries) for p, s in found.pages.items()}
    entries.update({key: [key] for key in found.entries.scripts})
    bundled = bundle(found.modules, entries, options)
    worker_chunks, worker_problems = bundle_workers(found.modules, bundled, options)
    log.add(bundled.diagnostics)
    log.add(worker_problems)
    return bundled, tuple(worker_chunks)


def _images(
    tree: SourceTree,
    found: Discovery,
    config: Config,
    cache: Cache,
    progress: Progress | None,
    log: _Log,
    store: Callable[[bytes], bytes | Blob],
    only: frozenset[str] | None = None,
) -> Images:
    """images: variants of every image pages show (`images/variants.py`), or of those in
    `only` (a shard's), and failures as errors at the reference that showed the image.
    `store` keeps the encodes (in the build's blob folder: on disk, not in memory)."""
    shown = [p for p, parsed in found.files.items() if parsed.role == "image"]
    if only is not None:
        shown = [p for p in shown if p in only]
    if not config.images.optimize or not shown:
        return Images({}, (), ())
    o = config.images
    options = ImageOptions(
        widths=o.widths,
        formats=o.formats,
        avif_quality=o.avif_quality,
        avif_speed=o.avif_speed,
        webp_quality=o.webp_quality,
        webp_method=o.webp_method,
        jpeg_quality=o.jpeg_quality,
        jobs=o.jobs,
        keep_location=o.keep_location,
    )
    sources = [(path, Path(tree.root, path)) for path in shown]  # (read one at a time)
    step = (lambda done, total: progress("images", done, total)) if progress else None
    sets, files, failures = process_images(
        sources, options, cache, config.build.assets_dir, step, store
    )
    problems = []
    for failure in failures:
        where = found.referrers.get(failure.source)
        problems.append(
            error(
                "image",
                f"cannot use the image {failure.source}: {failure.message}",
                locate_reference(tree, where) if where else None,
                f"the image: {os.path.join(tree.display_root, failure.source)}",
            )
        )
    log.add(problems)
    return Images(sets, tuple(files), tuple(problems))


def _render_options(config: Config, paths: _Paths) -> RenderOptions:
    b, css, images = config.build, config.css, config.images
    return RenderOptions(
        assets_dir=b.assets_dir,
        base=paths.base,
        minify=b.minify,
        import_map=config.js.import_map and not config.build.vite_manifest,
        critical=css.critical,
        strategy=css.critical_strategy,
        inline_threshold=css.inline_threshold,
        critical_max=css.critical_max_kb * 1024,
        critical_include=css.critical_include,
        critical_exclude=css.critical_exclude,
        targets=css.targets,
        images=MarkupOptions(
            sizes=images.sizes,
            lazy=images.lazy,
            priority=images.priority,
            keep_location=images.keep_location,
        ),
        fonts=FontOptions(fallbacks=config.fonts.fallbacks, subset=config.fonts.subset),
        inline_limit=b.inline_limit,
        rum=RumOptions(config.rum.endpoint, config.rum.sample_rate),
        speculation=speculation.tags(
            config.prefetch.mode, config.prefetch.eagerness, config.prefetch.exclude, paths.base
        ),
    )


def _render(
    tree: SourceTree,
    found: Discovery,
    bundled: Bundle,
    worker_chunks: tuple[Rendered, ...],
    images: Images,
    config: Config,
    paths: _Paths,
    cache: Cache,
    memo: Memo | None,
    log: _Log,
    store: Callable[..., bytes | Blob],
) -> tuple[Rendered, ...]:
    """render: every file in its output form, pages last (each page's text handed to `store`
    as soon as it is rendered: past `PAGES_HELD`, to the blob folder); then what the pages
    still reach."""
    # Rendering pages makes short-lived cyclic garbage (parsed stylesheets, page DOMs): let
    # the collector run there, over only what is new (everything older is frozen).
    gc.freeze()
    gc.enable()
    try:
        rendered, problems = render(
            found.files,
            tree.root,
            _render_options(config, paths),
            cache,
            bundled,
            found.pages,
            images.sets,
            frozenset(r.source for r in images.files),
            memo,
            store,
        )
    finally:
        # What is still uncollected of it now (a page's parsed tree: 15 kB a page, measured)
        # would stay for the rest of the build: one collection, of what render made only
        gc.collect()
        gc.disable()
        gc.unfreeze()
    log.add(problems)
    everything = rendered + bundled.chunks + list(worker_chunks) + list(images.files)
    rum = (RUM_SOURCE,) if config.rum.endpoint else ()  # (for servers' templates too)
    return tuple(_reachable(everything, (*tree.pages, *found.entries.all, *rum)))


def _rendered(found: Discovery) -> Discovery:
    """What the stages after render need of discovery: not the pages' texts, references and
    tags (a 10 kB page's are about 20 kB: 200 MB of a 10,000-page site, otherwise held to the
    end of the build)."""
    files = {
        path: Parsed(path, "page", None) if parsed.role == "page" else parsed
        for path, parsed in found.files.items()
    }
    pages = {path: PageScripts(path, s.entries, (), (), None) for path, s in found.pages.items()}
    return replace(found, files=files, pages=pages)


def _hash(
    rendered: tuple[Rendered, ...],
    tree: SourceTree,
    found: Discovery,
    bundled: Bundle,
    config: Config,
    paths: _Paths,
    memo: Memo | None,
    log: _Log,
    store: Callable[..., bytes | Blob],
) -> Hashed:
    """hash: final names and bytes (`hashing.py`), public/ as it is, and the manifests. Pages
    (and public/ files) go to `store` one at a time (past `PAGES_HELD`, the blob folder,
    where one the output folder holds already, as it is, stays where it is: emit links it)."""
    b = config.build
    map_runs = memo.map_runs if memo is not None else None

    def keep(data: bytes, output: str) -> bytes | Blob:
        return store(data, same_as=str(paths.out / output))

    public = _public_outputs(tree.root, tree.public_dir, tree.public, log, keep)
    files = hash_files(list(rendered), paths.base, b.inline_sourcemaps, map_runs, b.site_url, keep)
    outputs, names = [*files.outputs, *public], files.names
    build = build_id(outputs) if config.rum.endpoint else ""  # (for servers' templates)
    if b.vite_manifest:
        page_scripts = frozenset(
            key for page in found.pages.values() for key in page.entries if "#module-" not in key
        )
        vite = make_vite_manifest(
            list(rendered), names, frozenset(found.modules), found.entries, page_scripts
        )
        outputs.append(OutputFile(VITE_MANIFEST_PATH, vite_dumps(vite), None, False))
    outputs = _dedupe(outputs, str(paths.src), log)
    import_map = (  # for the tags a server prints for the entries (`assetpipe.manifest`)
        {
            stable: names[chunk]
            for chunk, stable in sorted(bundled.stable_paths.items())
            if chunk in names
        }
        if found.entries.all and config.js.import_map and not b.vite_manifest
        else {}
    )
    manifest = make_manifest(
        list(rendered),
        names,
        outputs,
        development=b.development,
        entries=found.entries.all,
        import_map=import_map,
        build=build,
        versions=files.versions,
        head=_head_settings(config),
    )
    return Hashed(tuple(outputs), manifest)


def _head_settings(config: Config) -> dict[str, Any]:
    """What every page gets at the end of its `<head>`, as a server's template prints it
    (`Manifest.head`): the speculation rules' settings, and real-user monitoring's."""
    head: dict[str, Any] = {}
    prefetch = config.prefetch
    if prefetch.mode != "off":
        head["speculation"] = {
            "mode": prefetch.mode,
            "eagerness": prefetch.eagerness,
            "exclude": list(prefetch.exclude),
        }
    if config.rum.endpoint:
        head["rum"] = {"endpoint": config.rum.endpoint, "sample_rate": config.rum.sample_rate}
    return head


def _emit(hashed: Hashed, out: Path, log: _Log) -> Path | None:
    """emit: the outputs and the manifest written into a sibling of `out` (returned), or an
    `output` error."""
    try:
        check_output_folder(out)
        files = [(o.path, o.data) for o in hashed.outputs]
        tmp = write_tree(out, files)
        try:
            (tmp / MANIFEST_PATH).parent.mkdir(exist_ok=True)
            dump(hashed.manifest, tmp / MANIFEST_PATH)
        except BaseException:  # (a full disk: what was written goes)
            discard(tmp)
            raise
        return tmp
    except (EmitError, OSError) as exc:
        log.add([error("output", str(exc), Location(str(out)))])
        return None


def _report(
    hashed: Hashed,
    pages: tuple[str, ...],
    base: str,
    rendered: tuple[Rendered, ...],
    development: bool,
    memo: Memo | None,
):
    """report: (the page report, the summary's figures). A development build (watch) has no
    page report and no compression: its files are not what users get, and it rebuilds on every
    save (gzip of three.js x 10's 55 MB chunk alone takes 1.7 s)."""
    outputs = list(hashed.outputs)
    if development:
        sizes = {o.path: (len(o.data),) * 3 for o in outputs}
        report: dict = {"version": 0, "development": True, "pages": [], "files": {}}
        return report, summarize(outputs, sizes, report, list(rendered), hashed.manifest)
    sizes = compressed_sizes(outputs, memo.sizes if memo is not None else None)
    report = make_report(outputs, hashed.manifest, pages, base, sizes)
    return report, summarize(outputs, sizes, report, list(rendered), hashed.manifest)


def _add_cache_hits(
    report: dict, hashed: Hashed, base: str, baseline: Baseline | None, weights: PageWeights | None
) -> list[Diagnostic]:
    """The cache-hit figure, added to the report when there is a baseline with a manifest
    (report.json stays as it was without one); warnings for page weights naming no page."""
    if baseline is None or baseline.outputs is None or report.get("development"):
        return []
    outputs = hashed.manifest["outputs"]
    report["cache_hits"] = cache_hits(baseline.outputs, report, outputs, base=base, weights=weights)
    return weight_warnings(report["cache_hits"], weights)


def _finish(report: dict, tmp: Path, config: Config, paths: _Paths, log: _Log) -> None:
    """The end of the report stage: budgets (over budget, the report still tells CI what
    grew), report.json, then the written folder swapped in for the output folder."""
    try:
        log.add(check_budgets(report, config.budgets, config.build.src))
        if not log.failed and not config.build.development:
            dump(report, tmp / REPORT_PATH)
    except OSError as exc:  # a full disk
        log.add([error("output", str(exc), Location(str(paths.out)))])
    except BaseException:
        discard(tmp)
        raise
    log.check(report=report, discard=tmp)
    try:
        swap_in(tmp, paths.out)
    except OSError as exc:
        message = f"could not replace {paths.out}: {exc}"
        log.add([error("output", message, Location(str(paths.out)))])
        log.check(discard=tmp)


# -- what the stages share ----------------------------------------------------------------------


class _Log:
    """The build's diagnostics, in the order stages report them, and each stage's time."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self.timings: list[tuple[str, float]] = []
        self._t = time.perf_counter()

    def add(self, diagnostics) -> None:
        self.diagnostics.extend(diagnostics)

    def stage(self, name: str) -> None:
        now = time.perf_counter()
        self.timings.append((name, now - self._t))
        self._t = now

    @property
    def failed(self) -> bool:
        return any(d.is_error for d in self.diagnostics)

    def warnings(self) -> list[Diagnostic]:
        return [d for d in dict.fromkeys(self.diagnostics) if not d.is_error]

    def check(self, report: dict | None = None, discard: Path | None = None) -> None:
        """The one place a build fails: with every diagnostic so far (a module two stages
        reported: once), after discarding the folder written aside, if any."""
        unique = list(dict.fromkeys(self.diagnostics))
        if any(d.is_error for d in unique):
            if discard is not None:
                _discard(discard)
            raise BuildFailed(
                [*(d for d in unique if not d.is_error), *(d for d in unique if d.is_error)],
                report=report,
            )


_discard = discard


@contextmanager
def _collector_paused() -> Iterator[None]:
    # A build makes millions of small objects and almost no reference cycles: the cyclic
    # collector would only rescan them (measured: 20% of the time of a large bundle).
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextmanager
def _cache(folder: Path, config: Config, log: _Log) -> Iterator[Cache]:
    """The cache folder, open from discovery to rendering (what later stages reuse across
    builds is in the memo), with the remote cache of `[cache]` behind it; a cache that could
    not be used is a warning, and so is a remote one (or its objects that failed their check)."""
    remote = from_config(config.cache)
    cache = Cache(folder, remote)
    try:
        yield cache
    finally:
        cache.close()
        if cache.disabled_reason:
            log.add([warning("cache", cache.disabled_reason)])
        if remote is not None:
            log.add([warning("cache-remote", text) for text in remote.warnings()])


@contextmanager
def _blobs(out: Path, log: _Log) -> Iterator[BlobStore]:
    """The build's blob folder, a hidden sibling of the output folder (so the output is
    hard-linked from it), removed when the build ends (a crashed build's: by the next). A
    blob that cannot be written (a full disk) fails the build with an `output` error."""
    for stale in out.parent.glob(f".{out.name}.assetpipe-blobs-*"):
        shutil.rmtree(stale, ignore_errors=True)
    folder = out.parent / f".{out.name}.assetpipe-blobs-{os.getpid()}"
    try:
        store = BlobStore(str(folder))
    except OSError:  # (the output's parent cannot be written: emit says so, located)
        store = None
    try:
        yield store if store is not None else _InMemory()
    except BlobError as exc:
        log.add([error("output", str(exc), Location(str(out)))])
        log.check()
    finally:
        if store is not None:
            store.close()
        shutil.rmtree(folder, ignore_errors=True)


class _InMemory:
    @staticmethod
    def put(data: bytes, same_as: str | None = None) -> bytes:
        return data

    @staticmethod
    def spool(data: bytes) -> bytes:
        return data

    def close(self) -> None:
        pass


def _size_only(data: bytes) -> Blob:
    """A shard's encodes: only their sizes matter (they go to the remote cache)."""
    return Blob("", len(data), "")


def _in_place(outputs: tuple[OutputFile, ...], out: Path) -> tuple[OutputFile, ...]:
    """The outputs, their blobs read from the output folder (the blob folder is gone)."""
    return tuple(
        replace(o, data=replace(o.data, path=str(out / o.path))) if isinstance(o.data, Blob) else o
        for o in outputs
    )


def _inputs(root: str, found: Discovery) -> tuple[str, ...]:
    """Every file the build read, as absolute paths (inline modules are their pages; an
    asset import's module, `img/logo.svg?raw`, its file)."""
    keys = {k.split("?")[0] for k in (*found.files, *found.modules) if "#" not in k}
    keys = {k for k in keys if not k.startswith("<")}  # public files, empty modules
    return tuple(sorted(os.path.normpath(os.path.join(root, k)) for k in keys))


def _reachable(rendered: list[Rendered], pages: tuple[str, ...]) -> list[Rendered]:
    """What the pages (and entries) still reach: a stylesheet whose every `@import` was
    inlined is gone."""
    by_source = {r.source: r for r in rendered}
    seen = set(pages)
    todo = list(pages)
    while todo:
        r = by_source.get(todo.pop())
        if r is None:
            continue
        targets = [link.target for link in r.links if not link.public]
        for t in (*targets, *r.imports, *r.dynamic_imports, *r.css):
            if t not in seen:
                seen.add(t)
                todo.append(t)
    return [r for r in rendered if r.source in seen]


def _check_folders(src: Path, out: Path) -> list[Diagnostic]:
    if not src.is_dir():
        return [error("no-source", f"source folder {src} does not exist", Location(str(src)))]
    if out == src or src.is_relative_to(out):
        message = f"the output folder {out} would replace the sources"
        return [error("output", message, Location(str(out)))]
    return []


def _public_outputs(
    root: str,
    public_dir: str,
    public: tuple[str, ...],
    log: _Log,
    keep: Callable[[bytes, str], bytes | Blob],
) -> list[OutputFile]:
    """public/ as it is (byte for byte, each file read and `keep`-t in turn), with a warning
    for a photo that says where it was taken (images elsewhere lose their GPS:
    `images/metadata.py`)."""
    outputs = []
    for rel in public:
        path = os.path.join(root, public_dir, rel)
        with open(path, "rb") as f:
            data = f.read()
        if rel.lower().endswith((".jpg", ".jpeg", ".png", ".webp")) and has_location(data):
            log.add(
                [
                    warning(
                        "image-location",
                        f"{public_dir}/{rel} carries GPS or XMP location metadata, published "
                        "as it is (public/ files are copied byte for byte)",
                        Location(path),
                        "move it out of public/ to have the build strip it, or strip it yourself",
                    )
                ]
            )
        outputs.append(OutputFile(rel, keep(data, rel), f"{public_dir}/{rel}", False))
    return outputs


def _dedupe(outputs: list[OutputFile], src: str, log: _Log) -> list[OutputFile]:
    """One file per output path; two different files for one path is an error."""
    by_path: dict[str, OutputFile] = {}
    for o in outputs:
        if o.path.startswith(".assetpipe/"):
            log.add(
                [
                    error(
                        "output-conflict",
                        f"{o.source} would overwrite the build manifest folder .assetpipe/",
                        Location(os.path.join(src, o.source or "")),
                    )
                ]
            )
            continue
        seen = by_path.get(o.path)
        if seen is None:
            by_path[o.path] = o
        elif data_sha256(seen.data) == data_sha256(o.data):
            if (o.source or "") < (seen.source or ""):
                by_path[o.path] = o
        else:
            log.add(
                [
                    error(
                        "output-conflict",
                        f"{seen.source} and {o.source} both write {o.path}",
                        Location(os.path.join(src, o.source or "")),
                    )
                ]
            )
    return sorted(by_path.values(), key=lambda o: o.path)
