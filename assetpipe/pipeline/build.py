"""build(): the stages in order, each a function of the previous stage's output.

    scan      list the source folder                         -> SourceTree
    defines   NODE_ENV, import.meta.env (.env files), [build.define] -> (path, JSON) pairs
    discover  parse pages and follow references              -> Parsed files
    render    rewrite references to placeholders, minify     -> Rendered files
    hash      content hashes bottom-up, substitute            -> OutputFiles
    emit      write beside the output folder, swap it in     -> dist/ + manifest
    summary   figures per page and per kind

Every stage reports problems as diagnostics and carries on; the build fails once, after
rendering, with all of them (`BuildFailed`), before anything is written.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..cache import Cache
from ..config import Config
from ..css.fonts import FontOptions
from ..diagnostics import BuildFailed, Diagnostic, Location, error, warning
from ..images.markup import MarkupOptions
from ..images.metadata import has_location
from ..images.variants import ImageOptions, process_images
from ..js.bundle import BundleOptions, bundle
from ..js.defines import build_defines
from ..js.workers import bundle_workers
from ..report.budgets import check_budgets
from ..report.pages import compressed_sizes, make_report
from ..report.summary import summarize
from .discover import discover, locate_reference, relative_previews
from .emit import (
    MANIFEST_PATH,
    REPORT_PATH,
    EmitError,
    check_output_folder,
    discard,
    swap_in,
    write_tree,
)
from .hashing import hash_files
from .manifest import dumps, make_manifest
from .render import RenderOptions, render
from .scan import scan
from .values import BuildResult, OutputFile, Rendered


class _Stages:
    def __init__(self) -> None:
        self.timings: list[tuple[str, float]] = []
        self._t = time.perf_counter()

    def done(self, name: str) -> None:
        now = time.perf_counter()
        self.timings.append((name, now - self._t))
        self._t = now


Progress = Callable[[str, int, int], None]  # (what, done, total)


def build(
    config: Config, progress: Progress | None = None, cache: Cache | None = None
) -> BuildResult:
    """Build the site `config` describes; raises `BuildFailed` with every diagnostic.
    `progress` hears about long work (image encodes) as it goes. `cache`: one kept across
    builds (watch mode), instead of the cache folder opened for this build alone."""
    # A build makes millions of small objects and almost no reference cycles: the cyclic
    # collector would only rescan them (measured: 20% of the time of a large bundle).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _build(config, progress, cache)
    finally:
        if collecting:
            gc.enable()


def _build(config: Config, progress: Progress | None, cache: Cache | None) -> BuildResult:
    b = config.build
    src, out = Path(b.src).resolve(), Path(b.out).resolve()
    cache = cache or Cache(Path(b.cache_dir).resolve())
    base = b.base if b.base.endswith("/") or not b.base else b.base + "/"
    stages = _Stages()
    warnings: list[Diagnostic] = []

    _check_folders(src, out)
    tree = scan(
        str(src),
        public_dir=b.public_dir,
        exclude=b.exclude,
        skip=(str(out), str(Path(b.cache_dir).resolve())),
    )
    for path, why in sorted(tree.links.items()):
        if path.startswith(tree.public_dir + "/"):  # (elsewhere: an error where referenced)
            warnings.append(
                warning("public-link", f"not published: {path} is {why}", Location(str(src / path)))
            )
    if not tree.pages:
        raise BuildFailed(
            [error("no-pages", f"no pages (*.html) in {tree.display_root}", Location(str(src)))]
        )
    defines, env_problems = build_defines(b, src)
    stages.done("scan")

    try:
        found = discover(tree, cache, minify=b.minify, development=b.development, defines=defines)
        preview = relative_previews(found.files, tree, b.site_url, base)
        warnings.extend([preview] if preview else [])
        stages.done("discover")

        # Later stages go on after discovery errors, so that theirs are reported too.
        bundle_options = BundleOptions(
            b.assets_dir,
            b.minify,
            config.js.import_map,
            config.js.tree_shaking,
            b.sourcemap,
            config.js.vendor_chunk,
        )
        bundled = bundle(
            found.modules,
            {p: list(s.entries) for p, s in found.pages.items()},
            bundle_options,
        )
        worker_chunks, worker_problems = bundle_workers(found.modules, bundled, bundle_options)
        stages.done("bundle")
        images, image_files, image_problems = _images(tree, found, config, cache, progress)
        stages.done("images")
        # Rendering pages makes short-lived cyclic garbage (parsed stylesheets, page DOMs): let
        # the collector run there, over only what is new (everything older is frozen).
        gc.freeze()
        gc.enable()
        try:
            rendered, problems = render(
                found.files,
                tree.root,
                RenderOptions(
                    b.assets_dir,
                    base,
                    b.minify,
                    config.js.import_map,
                    config.css.critical,
                    config.css.critical_strategy,
                    config.css.inline_threshold,
                    config.css.critical_max_kb * 1024,
                    config.css.critical_include,
                    config.css.critical_exclude,
                    config.css.targets,
                    MarkupOptions(
                        config.images.sizes,
                        config.images.lazy,
                        config.images.priority,
                        config.images.keep_location,
                    ),
                    inline_limit=b.inline_limit,
                    fonts=FontOptions(config.fonts.fallbacks, config.fonts.subset),
                ),
                cache,
                bundled,
                found.pages,
                images,
                frozenset(r.source for r in image_files),
            )
        finally:
            gc.disable()
            gc.unfreeze()
        rendered = _reachable(rendered + bundled.chunks + worker_chunks + image_files, tree.pages)
    finally:
        cache.close()
    _fail_on_errors(
        [
            *env_problems,
            *found.diagnostics,
            *bundled.diagnostics,
            *worker_problems,
            *image_problems,
            *problems,
        ],
        warnings,
    )
    stages.done("render")

    outputs, names = hash_files(rendered, base, b.inline_sourcemaps, cache.objects, b.site_url)
    outputs += _public_outputs(tree.root, tree.public_dir, tree.public, warnings)
    outputs = _dedupe(outputs, str(src))
    stages.done("hash")

    manifest = make_manifest(rendered, names, outputs)
    if b.development:
        manifest = {
            "version": manifest["version"],
            "development": True,
            **{k: v for k, v in manifest.items() if k != "version"},
        }
    # The report (compressing every text file, reading every page) runs beside the writing of
    # the output, which mostly waits on the disk; budgets are checked before the swap.
    with ThreadPoolExecutor(max_workers=1) as pool:
        reporting = pool.submit(
            _report, outputs, manifest, tree.pages, base, rendered, cache, b.development
        )
        try:
            check_output_folder(out)
            tmp = write_tree(
                out, [(o.path, o.data) for o in outputs] + [(MANIFEST_PATH, dumps(manifest))]
            )
        except (EmitError, OSError) as exc:
            raise BuildFailed([error("output", str(exc), Location(str(out)))]) from None
        stages.done("emit")
        report, figures = reporting.result()
    try:
        _fail_on_errors(check_budgets(report, config.budgets, b.src), warnings)
        if not b.development:
            (tmp / REPORT_PATH).write_bytes(dumps(report))
    except BuildFailed as exc:  # over budget: the report still tells CI what grew
        discard(tmp)
        exc.report = report
        raise
    except OSError as exc:  # a full disk
        discard(tmp)
        raise BuildFailed([error("output", str(exc), Location(str(out)))]) from None
    except BaseException:
        discard(tmp)
        raise
    stages.done("report")  # what the report added to the build: the wait for it
    try:
        swap_in(tmp, out)
    except OSError as exc:
        discard(tmp)
        raise BuildFailed(
            [error("output", f"could not replace {out}: {exc}", Location(str(out)))]
        ) from None

    if cache.disabled_reason:
        warnings.append(warning("cache", cache.disabled_reason))
    return BuildResult(
        str(out),
        tuple(outputs),
        manifest,
        tree.pages,
        tuple(stages.timings),
        figures,
        tuple(warnings),
        _inputs(tree.root, found),
        report,
    )


def _report(outputs, manifest, pages, base: str, rendered, cache: Cache, development: bool):
    """(the page report, the summary's figures). A development build (watch) has no page
    report and no compression: its files are not what users get, and it rebuilds on every
    save (gzip of three.js x 10's 55 MB chunk alone takes 1.7 s)."""
    if development:
        sizes = {o.path: (len(o.data),) * 3 for o in outputs}
        report: dict = {"version": 0, "development": True, "pages": [], "files": {}}
        return report, summarize(outputs, sizes, report, rendered)
    sizes = compressed_sizes(outputs, cache.objects)
    report = make_report(outputs, manifest, pages, base, sizes)
    return report, summarize(outputs, sizes, report, rendered)


def _inputs(root: str, found) -> tuple[str, ...]:
    """Every file the build read, as absolute paths (inline modules are their pages; an
    asset import's module, `img/logo.svg?raw`, its file)."""
    keys = {k.split("?")[0] for k in (*found.files, *found.modules) if "#" not in k}
    keys = {k for k in keys if not k.startswith("<")}  # public files, empty modules
    return tuple(sorted(os.path.normpath(os.path.join(root, k)) for k in keys))


def _images(tree, found, config: Config, cache: Cache, progress: Progress | None):
    """Variants of every image pages show (`images/variants.py`), and failures as errors at
    the reference that showed the image."""
    shown = [p for p, parsed in found.files.items() if parsed.role == "image"]
    if not config.images.optimize or not shown:
        return {}, [], []
    o = config.images
    options = ImageOptions(
        o.widths,
        o.formats,
        o.avif_quality,
        o.avif_speed,
        o.webp_quality,
        o.webp_method,
        o.jpeg_quality,
        o.jobs,
        o.keep_location,
    )
    sources = []
    for path in shown:
        with open(os.path.join(tree.root, path), "rb") as f:
            sources.append((path, f.read()))
    report = (lambda done, total: progress("images", done, total)) if progress else None
    sets, files, failures = process_images(sources, options, cache, config.build.assets_dir, report)
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
    return sets, files, problems


def _reachable(rendered: list[Rendered], pages: tuple[str, ...]) -> list[Rendered]:
    """What the pages still reach: a stylesheet whose every `@import` was inlined is gone."""
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


def _check_folders(src: Path, out: Path) -> None:
    if not src.is_dir():
        raise BuildFailed(
            [error("no-source", f"source folder {src} does not exist", Location(str(src)))]
        )
    if out == src or src.is_relative_to(out):
        raise BuildFailed(
            [
                error(
                    "output",
                    f"the output folder {out} would replace the sources",
                    Location(str(out)),
                )
            ]
        )


def _fail_on_errors(
    diagnostics: tuple[Diagnostic, ...] | list[Diagnostic], warnings: list[Diagnostic]
) -> None:
    diagnostics = list(dict.fromkeys(diagnostics))  # a module two stages reported: once
    warnings.extend(d for d in diagnostics if not d.is_error)
    if any(d.is_error for d in diagnostics):
        raise BuildFailed([*warnings, *(d for d in diagnostics if d.is_error)])


def _public_outputs(
    root: str, public_dir: str, public: tuple[str, ...], warnings: list[Diagnostic]
) -> list[OutputFile]:
    """public/ as it is (byte for byte), with a warning for a photo that says where it was
    taken (images elsewhere lose their GPS: `images/metadata.py`)."""
    outputs = []
    for rel in public:
        path = os.path.join(root, public_dir, rel)
        with open(path, "rb") as f:
            data = f.read()
        if rel.lower().endswith((".jpg", ".jpeg", ".png", ".webp")) and has_location(data):
            warnings.append(
                warning(
                    "image-location",
                    f"{public_dir}/{rel} carries GPS or XMP location metadata, published as "
                    "it is (public/ files are copied byte for byte)",
                    Location(path),
                    "move it out of public/ to have the build strip it, or strip it yourself",
                )
            )
        outputs.append(OutputFile(rel, data, f"{public_dir}/{rel}", False))
    return outputs


def _dedupe(outputs: list[OutputFile], src: str) -> list[OutputFile]:
    """One file per output path; two different files for one path is an error."""
    by_path: dict[str, OutputFile] = {}
    problems = []
    for o in outputs:
        if o.path.startswith(".assetpipe/"):
            problems.append(
                error(
                    "output-conflict",
                    f"{o.source} would overwrite the build manifest folder .assetpipe/",
                    Location(os.path.join(src, o.source or "")),
                )
            )
            continue
        seen = by_path.get(o.path)
        if seen is None:
            by_path[o.path] = o
        elif seen.data == o.data:
            if (o.source or "") < (seen.source or ""):
                by_path[o.path] = o
        else:
            problems.append(
                error(
                    "output-conflict",
                    f"{seen.source} and {o.source} both write {o.path}",
                    Location(os.path.join(src, o.source or "")),
                )
            )
    if problems:
        raise BuildFailed(problems)
    return sorted(by_path.values(), key=lambda o: o.path)
