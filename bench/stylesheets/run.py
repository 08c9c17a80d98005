"""Install, vendor, build, load and compare: one :class:`Result` per stylesheet.

For a stylesheet (:mod:`.catalog`), :func:`prepare` writes a site folder ``src/``: the page
(``index.html``), the vendored files copied out of ``node_modules``, the site's own
stylesheet, the images; :func:`build` runs ``assetpipe build --src src --out out --json``
beside it (a fresh output; the site's cache keeps image encodes between runs);
:func:`measure` serves ``src/`` (the page as written), ``out/`` (the page as built) and
``out/`` again with every ``.css`` request answered 404 (the built page's first paint: its
inlined critical CSS alone), loads each at every viewport in headless Chromium (each snapshot
is kept in ``snapshots/``) and compares element by element (:mod:`.compare`):

- **final**: the built page once its full stylesheets have loaded, against the page as written;
- **hover**: the same two loads with ``:hover`` forced on every element and ``:focus`` on links
  and controls (:meth:`.snapshot.Page.force_states`);
- **first paint**: the built page with its stylesheets refused, against the page as written
  (information: rules for what is not on the page yet, or for other viewports, are left out
  on purpose).

Sizes: the page's HTML bytes as written and as built; the critical CSS assetpipe inlined (its
``--json`` report); the gzip bytes (level 9) of every stylesheet each page fetched, as written
(the vendored files, ``@import``\\ ed ones included) and as built.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.tools import assetpipe_argv

from .catalog import Stylesheet, packages
from .compare import Comparison, compare, url_normalizer
from .pages.common import document, write_images
from .server import Served, serve
from .snapshot import VIEWPORTS, Chromium

STATES = ("final", "hover", "first_paint")


class Failed(Exception):
    """Something a person must fix (npm missing, an install that failed)."""


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")


def install(specs: list[str], prefix: Path) -> Path:
    """``npm install --prefix PREFIX`` of the ``specs`` not already there at their exact
    version; returns ``PREFIX/node_modules``."""
    modules = prefix / "node_modules"
    missing = [s for s in specs if _installed(modules, s) != s.rpartition("@")[2]]
    if missing:
        npm = shutil.which("npm")
        if npm is None:
            raise Failed("npm is not on PATH (install Node.js with npm)")
        prefix.mkdir(parents=True, exist_ok=True)
        if not (prefix / "package.json").exists():
            (prefix / "package.json").write_text('{"private": true}\n')
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(prefix),
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
                *missing,
            ],
            capture_output=True,
            text=True,
            errors="replace",
            stdin=subprocess.DEVNULL,
            timeout=900,
        )
        if result.returncode != 0:
            raise Failed(f"npm install {' '.join(missing)} failed:\n{result.stderr[-2000:]}")
    return modules


def _installed(modules: Path, spec: str) -> str | None:
    name = spec.rpartition("@")[0]
    try:
        return str(json.loads((modules / name / "package.json").read_text())["version"])
    except (OSError, ValueError, KeyError):
        return None


def prepare(sheet: Stylesheet, modules: Path, root: Path) -> Path:
    """Write the site of ``sheet`` into ``root/src`` (replaced); returns that folder."""
    src = root / "src"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    for source, dest in sheet.vendor:
        origin, target = modules / source, src / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target)
        else:
            shutil.copyfile(origin, target)
    links = list(sheet.links)
    if sheet.site_css:
        (src / "css").mkdir(exist_ok=True)
        (src / "css" / "site.css").write_text(sheet.site_css)
        links.append("css/site.css")
    (src / "index.html").write_text(document(sheet.page(), links))
    write_images(src)
    if sheet.tailwind:
        _tailwind(sheet.tailwind, modules, root, src)
    return src


def _tailwind(text: str, modules: Path, root: Path, src: Path) -> None:
    """Compile the site's Tailwind stylesheet from its page with the Tailwind CLI."""
    entry = modules / "tailwindcss" / "index.css"
    text = text.replace('@import "tailwindcss";', f'@import "{entry}";')
    text = text.replace('@source "../index.html";', f'@source "{src / "index.html"}";')
    source = root / "tailwind-input.css"
    source.write_text(text)
    (src / "css").mkdir(exist_ok=True)
    result = subprocess.run(
        [
            str(modules / ".bin" / "tailwindcss"),
            "-i",
            str(source),
            "-o",
            str(src / "css" / "tailwind.css"),
        ],
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    if result.returncode != 0:
        raise Failed(f"tailwindcss failed:\n{result.stderr[-2000:]}")


@dataclass
class Built:
    ok: bool
    report: dict[str, Any]  # assetpipe's --json document (empty if it printed none)
    message: str  # the diagnostics of a failed build
    seconds: float


def build(root: Path, cache: Path | None = None) -> Built:
    """``assetpipe build --src src --out out --cache-dir CACHE`` in ``root`` (``out`` removed
    first; the cache, ``root/cache`` by default, kept, so image encodes are done once)."""
    shutil.rmtree(root / "out", ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        assetpipe_argv(
            "build",
            "--src",
            "src",
            "--out",
            "out",
            "--cache-dir",
            str(cache or root / "cache"),
            "--json",
        ),
        cwd=root,
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=900,
        env={k: v for k, v in os.environ.items() if k not in ("ASSETPIPE_CONFIG", "ASSETPIPE_ENV")},
    )
    seconds = time.perf_counter() - started
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}
    ok = result.returncode == 0 and bool(report.get("ok"))
    message = ""
    if not ok:
        lines = [
            f"{d.get('file', '')}:{d.get('line', '')}: {d.get('code', '')}: {d.get('message', '')}"
            for d in report.get("diagnostics", [])
        ]
        message = "\n".join(lines) or (result.stderr.strip() or result.stdout.strip())[-2000:]
    return Built(ok, report, message, seconds)


@dataclass
class Result:
    name: str
    about: str
    packages: list[str]
    known_failure: str = ""
    build_ok: bool = False
    build_message: str = ""
    build_seconds: float = 0.0
    error: str = ""  # measuring failed
    html_before: int = 0
    html_after: int = 0
    critical: int = 0  # bytes of CSS inlined into the page (assetpipe's report)
    css_gzip_before: int = 0
    css_gzip_after: int = 0
    missing: list[str] = field(default_factory=list)  # 404s of the page as written
    # state -> viewport -> comparison
    comparisons: dict[str, dict[str, Comparison]] = field(default_factory=dict)

    def elements(self) -> int:
        final = self.comparisons.get("final", {})
        return max((c.elements for c in final.values()), default=0)

    def differing(self, state: str) -> dict[str, int]:
        return {vp: c.differing for vp, c in self.comparisons.get(state, {}).items()}

    @property
    def passed(self) -> bool:
        """Built, measured, and no element differs once the full stylesheets loaded."""
        return (
            self.build_ok
            and not self.error
            and not self.missing
            and all(
                not c.differences
                for state in ("final", "hover")
                for c in self.comparisons.get(state, {}).values()
            )
        )

    def as_json(self, limit: int = 400) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in self.__dict__.items() if k != "comparisons"}
        out["elements"] = self.elements()
        out["passed"] = self.passed
        out["states"] = {
            state: {
                vp: {
                    "elements": c.elements,
                    "differing": c.differing,
                    "differences": [d.as_list() for d in c.differences[:limit]],
                    "differences_total": len(c.differences),
                    "near": [d.as_list() for d in c.near[:20]],
                    "near_total": len(c.near),
                    "fonts_before": c.fonts_before,
                    "fonts_after": c.fonts_after,
                }
                for vp, c in by_vp.items()
            }
            for state, by_vp in self.comparisons.items()
        }
        return out


def css_gzip(folder: Path, served: Served) -> int:
    """Gzip bytes (level 9) of every stylesheet ``served`` answered from ``folder``."""
    total = 0
    for path in served.paths(".css"):
        file = folder / path.lstrip("/")
        if file.is_file():
            total += len(gzip.compress(file.read_bytes(), 9, mtime=0))
    return total


def manifest_sources(out: Path) -> dict[str, str]:
    """Output path -> source path, from the build's manifest."""
    manifest = json.loads((out / ".assetpipe" / "manifest.json").read_text())
    return {path: entry.get("source", path) for path, entry in manifest["outputs"].items()}


def measure(
    result: Result,
    root: Path,
    chromium: Chromium,
    viewports: list[str],
    states: tuple[str, ...] = STATES,
    page: str = "index.html",
) -> None:
    """Load the page as written and as built at each viewport and fill ``result`` with the
    comparisons of ``states`` (a subset of :data:`STATES`)."""
    src, out = root / "src", root / "out"
    kw = {"before_urls": url_normalizer(None), "after_urls": url_normalizer(manifest_sources(out))}
    hover = "hover" in states
    result.comparisons = {state: {} for state in states}
    saved = root / "snapshots"
    saved.mkdir(exist_ok=True)
    with serve(src) as written, serve(out) as built, serve(out, refuse=(".css",)) as first:
        for vp in viewports:
            snaps: dict[str, dict[str, Any]] = {}
            for side, served in (("written", written), ("built", built)):
                tab = chromium.open(served.url + page, vp)
                try:
                    snaps[side] = tab.snapshot()
                    if hover:
                        tab.force_states()
                        snaps[f"{side}-hover"] = tab.snapshot(wait=False)
                finally:
                    tab.close()
            if "first_paint" in states:
                tab = chromium.open(first.url + page, vp)
                try:
                    snaps["built-first-paint"] = tab.snapshot()
                finally:
                    tab.close()
            for label, snap in snaps.items():
                (saved / f"{vp}-{label}.json").write_text(json.dumps(snap))
            pairs = {
                "final": ("written", "built"),
                "hover": ("written-hover", "built-hover"),
                "first_paint": ("written", "built-first-paint"),
            }
            for state in states:
                a, b = pairs[state]
                result.comparisons[state][vp] = compare(snaps[a], snaps[b], **kw)
    result.missing = written.missing() + [f"(built) {p}" for p in built.missing()]
    result.css_gzip_before = css_gzip(src, written)
    result.css_gzip_after = css_gzip(out, built)


def run_one(
    sheet: Stylesheet,
    modules: Path,
    work: Path,
    chromium: Chromium,
    viewports: list[str],
    states: tuple[str, ...] = STATES,
) -> Result:
    result = Result(sheet.name, sheet.about, list(sheet.packages), sheet.known_failure)
    root = work / slug(sheet.name)
    try:
        src = prepare(sheet, modules, root)
        built = build(root)
        result.build_ok, result.build_message = built.ok, built.message
        result.build_seconds = round(built.seconds, 2)
        result.html_before = (src / "index.html").stat().st_size
        if not built.ok:
            return result
        result.html_after = (root / "out" / "index.html").stat().st_size
        pages = built.report.get("summary", {}).get("pages", [])
        critical = next(
            (p.get("critical_css") for p in pages if p.get("page") == "index.html"), None
        )
        result.critical = int((critical or {}).get("inlined", 0))
        measure(result, root, chromium, viewports, states)
    except Failed:
        raise
    except Exception as exc:  # one stylesheet's failure is reported, the others still run
        result.error = f"{type(exc).__name__}: {exc}"
    return result


def run(
    sheets: list[Stylesheet],
    work: Path,
    *,
    viewports: list[str] | None = None,
    jobs: int = 2,
    modules: Path | None = None,
    progress=None,
) -> list[Result]:
    """Every stylesheet of ``sheets``, at most ``jobs`` at a time (one Chromium each)."""
    viewports = viewports or list(VIEWPORTS)
    work.mkdir(parents=True, exist_ok=True)
    if modules is None:
        modules = install(packages(sheets), work / "npm")
    local = threading.local()
    browsers: list[Chromium] = []
    lock = threading.Lock()

    def one(sheet: Stylesheet) -> Result:
        if not hasattr(local, "chromium"):
            local.chromium = Chromium()
            with lock:
                browsers.append(local.chromium)
        result = run_one(sheet, modules, work / "sites", local.chromium, viewports)
        if progress:
            progress(result)
        return result

    try:
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, 2))) as pool:
            return list(pool.map(one, sheets))
    finally:
        for browser in browsers:
            browser.close()
