"""The corpus runner: install, lay out, build both ways, load in Chromium, compare.

Everything lives in ``bench/.work/corpus/`` (ignored by git; ``bench/.work/corpus-fast/`` is
the same for the CI subset alone, used while the whole corpus is not installed):

- ``package.json``, ``package-lock.json`` (copied from ``bench/corpus/``; the subset's lock is
  ``package-lock.fast.json``), ``node_modules/``: every package of
  :data:`bench.corpus.packages.PACKAGES` at its pinned version, installed with ``npm ci``
  (``npm install`` when the lock is missing or stale, see :func:`install`).
- ``sites/<slug>/``: one site per package, ``index.html``, ``main.js`` (the page from
  ``bench/corpus/pages/<slug>.js``) and ``report.js`` (``pages/_report.js``); ``node_modules``
  is found upward, as in an app.
- ``out/<slug>/{assetpipe,esbuild,idem}/``: the builds (remade on every run), ``cache/<slug>/``
  assetpipe's cache (emptied before every build: all builds are cold, esbuild has no cache),
  ``idem-sites/<slug>/``: the site of the idempotence build, whose ``main.js`` is assetpipe's
  entry chunk.

Each output is served on 127.0.0.1 and loaded in headless Chromium with :data:`PRELUDE` added
(``window`` errors, which a page's own ``try`` cannot see: a syntax error in a chunk, a failed
import, go into ``#out`` with ``data-status="error"``). esbuild's page is the reference: a
package *works with esbuild* when its page ends with ``data-status="ok"``; assetpipe's passes
when its page writes exactly the same text, and so does the idempotence build's.

Builds run one at a time (they are timed); pages load two at a time (two Chromiums).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.browser import dump_dom, serve
from bench.corpus.packages import KNOWN_BROKEN, PACKAGES, Package
from bench.harness import REPO_DIR, WORK_DIR, CheckFailed, log
from bench.tools import assetpipe_argv, ensure_npm, npm_bin, npm_version
from bench.workloads._js import ESBUILD, gzip_size

CORPUS_DIR = Path(__file__).resolve().parent
PAGES_DIR = CORPUS_DIR / "pages"
ROOT = WORK_DIR / "corpus"
FAST_ROOT = WORK_DIR / "corpus-fast"  # the CI subset alone, when the whole corpus is not there

INDEX_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>corpus: {name}</title>
<script type="module" src="main.js"></script>
</head>
<body>
<div id="app"></div>
<pre id="out" data-status="pending">pending</pre>
</body>
</html>
"""

# Added before </body> by the server (so all three builds get the same page): errors that reach
# `window` (a chunk that does not parse or link, an import that 404s, an uncaught rejection).
# Math.random is seeded, for packages that use it where a page does not look.
PRELUDE = """<script>
(() => {
  const fail = (text, where) => {
    const out = document.getElementById("out");
    if (out.dataset.status === "error") return;
    out.dataset.status = "error";
    out.textContent = "ERROR " + text;
    const pre = document.createElement("pre");
    pre.id = "stack";
    pre.textContent = where;
    document.body.append(pre);
  };
  addEventListener("error", (e) => {
    if (e.target && e.target !== window && e.target.src) fail("cannot load " + e.target.src, "");
    else fail(e.message, `${e.filename}:${e.lineno}:${e.colno}\\n${e.error && e.error.stack}`);
  }, true);
  addEventListener("unhandledrejection", (e) => {
    const r = e.reason;
    fail("unhandled rejection " + (r instanceof Error ? r.name + ": " + r.message : String(r)),
         String(r && r.stack));
  });
  let seed = 0x2545f491;
  Math.random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
</script>"""

_PRE = re.compile(r'<pre id="(out|stack)"(?: data-status="(\w+)")?>(.*?)</pre>', re.S)
_SOURCE_MAP_COMMENT = re.compile(r"\n//# sourceMappingURL=\S+\s*$")


@dataclass(slots=True)
class PageResult:
    """What a built page wrote: ``status`` is ``ok``, ``threw`` (a check threw), ``error`` (an
    error reached ``window``), ``pending`` (nothing written) or ``no-page`` (no build)."""

    status: str
    text: str
    stack: str = ""


@dataclass(slots=True)
class Build:
    """One build of one package's page."""

    ok: bool
    seconds: float
    out: Path
    js_files: int = 0
    js_bytes: int = 0
    js_gzip: int = 0
    error: str = ""
    page: PageResult | None = None


@dataclass(slots=True)
class Result:
    """Everything about one package."""

    package: Package
    version: str | None
    esbuild: Build | None = None
    assetpipe: Build | None = None
    idem: Build | None = None
    idem_note: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def esbuild_ok(self) -> bool:
        return bool(self.esbuild and self.esbuild.page and self.esbuild.page.status == "ok")

    @property
    def assetpipe_ok(self) -> bool:
        return bool(self.assetpipe and self.assetpipe.page and self.assetpipe.page.status == "ok")

    @property
    def same(self) -> bool:
        """assetpipe's page wrote exactly what esbuild's did (and esbuild's worked)."""
        return (
            self.esbuild_ok
            and self.assetpipe is not None
            and self.assetpipe.page is not None
            and self.assetpipe.page.text == self.esbuild.page.text
        )

    @property
    def idem_same(self) -> bool | None:
        """assetpipe's output, built again by assetpipe, still writes what esbuild's page does
        (None: not checked, because the first build already differs or was not fed back)."""
        if not self.same:
            return None
        if self.idem is None:
            return False if self.idem_note.startswith("no entry") else None
        return self.idem.page is not None and self.idem.page.text == self.esbuild.page.text

    @property
    def ratio(self) -> float | None:
        if self.esbuild and self.assetpipe and self.esbuild.js_gzip and self.assetpipe.js_gzip:
            return self.assetpipe.js_gzip / self.esbuild.js_gzip
        return None

    def failure(self) -> str:
        """One line on how assetpipe's page differs from esbuild's ('' when it does not)."""
        if not self.esbuild_ok or self.same:
            return ""
        build = self.assetpipe
        if build is None:
            return "not built"
        if not build.ok:
            return "build failed: " + first_line(build.error)
        page = build.page
        if page is None:
            return "not loaded"
        if page.status in ("error", "pending"):
            return f"{page.status}: {page.text[:300]}"
        return first_difference(self.esbuild.page.text, page.text)


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


def first_difference(expected: str, got: str) -> str:
    """The first check whose result differs, as ``name: expected ... got ...``."""
    try:
        want, have = json.loads(expected), json.loads(got)
    except ValueError:
        return f"output differs: {got[:300]!r}"
    for name in want.keys() | have.keys():
        if want.get(name) != have.get(name):
            a = json.dumps(want.get(name, "<missing>"))[:200]
            b = json.dumps(have.get(name, "<missing>"))[:200]
            return f"{name}: esbuild {a}, assetpipe {b}"
    return "output differs in formatting only"


# --- install and layout ------------------------------------------------------------------------


def dependencies(packages: Iterable[Package] = PACKAGES) -> dict[str, str]:
    """``{name: exact version}`` of the packages and of the extra packages their pages import."""
    deps: dict[str, str] = {}
    for package in packages:
        for name, version in [(package.name, package.version), *package.extra_deps()]:
            if deps.get(name, version) != version:
                raise ValueError(f"{name} pinned twice: {deps[name]} and {version}")
            deps[name] = version
    return dict(sorted(deps.items()))


def lock_file(subset: str) -> Path:
    """The lock of a subset: ``package-lock.json`` (all), ``package-lock.fast.json`` (CI)."""
    return CORPUS_DIR / ("package-lock.json" if subset == "all" else f"package-lock.{subset}.json")


def subset_packages(subset: str) -> list[Package]:
    if subset == "all":
        return list(PACKAGES)
    if subset == "fast":
        return [p for p in PACKAGES if p.fast]
    raise ValueError(f"unknown subset {subset!r}")


def install(root: Path = ROOT, *, subset: str = "all", update_lock: bool = False) -> Path:
    """Install the packages of ``subset`` (``all``, or ``fast``: the CI subset) into ``root``,
    unless they are there already (a stamp of the package list and the lock), and return it.

    With the subset's lock in ``bench/corpus/`` matching its package list: ``npm ci`` (the
    exact tree that was tested). Without it, or when the list changed, or with
    ``update_lock``: ``npm install``, and with ``update_lock`` the new lock is copied back into
    ``bench/corpus/`` (commit it). Raises :class:`CheckFailed` when npm is missing or fails.
    """
    ensure_npm(ESBUILD)
    deps = dependencies(subset_packages(subset))
    manifest = {
        "name": f"assetpipe-npm-corpus-{subset}",
        "private": True,
        "description": "written by bench/corpus/runner.py",
        "dependencies": deps,
    }
    manifest_text = json.dumps(manifest, indent=2) + "\n"
    lock_path = lock_file(subset)
    lock = lock_path.read_text() if lock_path.is_file() else ""
    stamp_text = hashlib.sha256((manifest_text + lock).encode()).hexdigest()
    stamp = root / ".installed"
    if (
        not update_lock
        and stamp.is_file()
        and stamp.read_text() == stamp_text
        and (root / "node_modules").is_dir()
    ):
        return root
    npm = shutil.which("npm")
    if npm is None:
        raise CheckFailed("npm not found on PATH: install Node.js 20+ with npm")
    root.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    (root / "package.json").write_text(manifest_text)
    if lock and not update_lock and _lock_matches(lock, deps):
        (root / "package-lock.json").write_text(lock)
        argv = [npm, "ci"]
    else:
        if lock and not update_lock:
            log(f"{lock_path.name} is stale: run `python -m bench.corpus --update-lock`")
        (root / "package-lock.json").unlink(missing_ok=True)
        argv = [npm, "install"]
    log(f"npm {argv[1]} of {len(deps)} packages into {root}")
    result = subprocess.run(
        [*argv, "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=root,
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
        timeout=1200,
    )
    if result.returncode != 0:
        raise CheckFailed(f"npm {argv[1]} in {root} failed:\n{result.stderr[-2000:]}")
    if update_lock:
        shutil.copyfile(root / "package-lock.json", lock_path)
        stamp_text = hashlib.sha256((manifest_text + lock_path.read_text()).encode()).hexdigest()
    stamp.write_text(stamp_text)
    return root


def install_for(packages: Sequence[Package]) -> Path:
    """A folder where ``packages`` are installed: the whole corpus's when it is installed and
    current, else the CI subset's (``bench/.work/corpus-fast/``) when they are all in it, else
    the whole corpus, installed now."""
    if all(p.fast for p in packages) and not _current(ROOT, "all"):
        return install(FAST_ROOT, subset="fast")
    return install(ROOT)


def _current(root: Path, subset: str) -> bool:
    try:
        deps = dependencies(subset_packages(subset))
        manifest = json.loads((root / "package.json").read_text())
    except (OSError, ValueError):
        return False
    return manifest.get("dependencies") == deps and (root / ".installed").is_file()


def _lock_matches(lock: str, deps: dict[str, str]) -> bool:
    try:
        locked = json.loads(lock)["packages"][""].get("dependencies", {})
    except (ValueError, KeyError, TypeError):
        return False
    return locked == deps


def installed_version(name: str, root: Path = ROOT) -> str | None:
    try:
        return json.loads((root / "node_modules" / name / "package.json").read_text())["version"]
    except (OSError, ValueError, KeyError):
        return None


def lay_out(package: Package, root: Path = ROOT) -> Path:
    """Write the package's site (``index.html``, ``main.js``, ``report.js``); returns it."""
    site = root / "sites" / package.slug
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    (site / "index.html").write_text(INDEX_HTML.format(name=html.escape(package.name)))
    shutil.copyfile(package.page, site / "main.js")
    shutil.copyfile(PAGES_DIR / "_report.js", site / "report.js")
    return site


# --- builds ------------------------------------------------------------------------------------


def _run(argv: Sequence[str], cwd: Path, timeout: float) -> tuple[bool, float, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO_DIR)}
    env.pop("ASSETPIPE_CONFIG", None)
    env.pop("ASSETPIPE_ENV", None)
    start = time.perf_counter()
    try:
        result = subprocess.run(
            list(argv),
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=timeout,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return False, time.perf_counter() - start, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    return result.returncode == 0, seconds, (result.stderr or result.stdout)[-4000:]


def js_files(out: Path) -> list[Path]:
    """The JavaScript a built page loads: every ``.js`` of the output (source maps and
    assetpipe's ``.assetpipe/`` record aside; a corpus output is one page)."""
    found = []
    for path in sorted(out.rglob("*.js")):
        if ".assetpipe" not in path.relative_to(out).parts:
            found.append(path)
    return found


def _measure(build: Build) -> Build:
    files = js_files(build.out)
    data = [path.read_bytes() for path in files]
    build.js_files = len(files)
    build.js_bytes = sum(len(d) for d in data)
    build.js_gzip = sum(gzip_size(d) for d in data)
    return build


def build_assetpipe(site: Path, out: Path, cache: Path, timeout: float = 600) -> Build:
    """A production build (defaults: minified, source maps, tree shaking), cold cache."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)
    argv = assetpipe_argv("build", "--src", str(site), "--out", str(out), "--cache-dir", str(cache))
    ok, seconds, stderr = _run(argv, site.parent, timeout)
    build = Build(ok=ok, seconds=seconds, out=out, error="" if ok else stderr)
    return _measure(build) if ok else build


def build_esbuild(site: Path, out: Path, timeout: float = 600) -> Build:
    """``esbuild main.js --bundle --format=esm --minify --sourcemap``, and the page beside it."""
    shutil.rmtree(out, ignore_errors=True)
    argv = [
        str(npm_bin("esbuild")),
        "main.js",
        "--bundle",
        "--format=esm",
        "--minify",
        "--sourcemap",
        f"--outdir={out}",
        "--log-level=error",
    ]
    ok, seconds, stderr = _run(argv, site, timeout)
    build = Build(ok=ok, seconds=seconds, out=out, error="" if ok else stderr)
    if ok:
        shutil.copyfile(site / "index.html", out / "index.html")
        _measure(build)
    return build


_IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.S)


def idem_site(package: Package, first: Path, root: Path = ROOT) -> tuple[Path | None, str]:
    """A site made of assetpipe's output ``first``, for a second build of it: the chunks under
    their stable names (the import map's keys, ``/assets/x.js``, which chunks import each other
    by, relatively), the entry chunk beside them as ``assets/main.js``, source map comments
    removed, and the page pointing at it.

    Returns ``(site, note)`` (the note counts the chunks when there are several); ``site`` is
    None when the output cannot be fed back."""
    try:
        manifest = json.loads((first / ".assetpipe" / "manifest.json").read_text())
        entry = manifest["entries"]["main.js"]
    except (OSError, ValueError, KeyError) as exc:
        return None, f"no entry in the manifest ({exc!r})"
    site = root / "idem-sites" / package.slug
    shutil.rmtree(site, ignore_errors=True)
    (site / "assets").mkdir(parents=True)
    page = (root / "sites" / package.slug / "index.html").read_text()
    (site / "index.html").write_text(page.replace('src="main.js"', 'src="assets/main.js"'))

    def source(path: Path) -> str:
        return _SOURCE_MAP_COMMENT.sub("\n", path.read_text())

    (site / "assets" / "main.js").write_text(source(first / entry["file"]))
    found = _IMPORT_MAP.search((first / "index.html").read_text())
    imports = json.loads(found[1])["imports"] if found else {}
    for stable, hashed in imports.items():
        target = site / stable.lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(source(first / hashed.lstrip("/")))
    chunks = 1 + len(imports)
    return site, f"{chunks} chunks" if chunks > 1 else ""


# --- pages in Chromium -------------------------------------------------------------------------


def load_page(out: Path) -> PageResult:
    """Serve ``out`` and read what its ``index.html`` wrote into ``#out`` (and ``#stack``)."""
    with serve(out, inject=PRELUDE) as base:
        dom = dump_dom(base + "index.html", budget_ms=10000)
    found = {m[1]: m for m in _PRE.finditer(dom)}
    if "out" not in found:
        return PageResult("pending", "no #out in the page: " + dom[-300:])
    stack = html.unescape(found["stack"][3]) if "stack" in found else ""
    return PageResult(found["out"][2] or "?", html.unescape(found["out"][3]), stack)


def load_all(builds: Sequence[Build], jobs: int = 2) -> None:
    """Load every successful build's page, ``jobs`` Chromiums at a time."""

    def one(build: Build) -> None:
        try:
            build.page = load_page(build.out)
        except (CheckFailed, subprocess.TimeoutExpired) as exc:
            build.page = PageResult("error", f"chromium: {exc}")

    todo = [b for b in builds if b.ok]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(one, todo))
    for build in builds:
        if not build.ok:
            build.page = PageResult("no-page", "")


# --- the whole run -----------------------------------------------------------------------------


def select(names: Iterable[str] | None) -> list[Package]:
    """The packages named (npm names or slugs), all when ``names`` is None."""
    if names is None:
        return list(PACKAGES)
    by_name = {p.name: p for p in PACKAGES} | {p.slug: p for p in PACKAGES}
    wanted = list(names)
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        raise ValueError(f"not in the corpus: {', '.join(unknown)}")
    return [by_name[n] for n in wanted]


def run_package(package: Package, root: Path | None = None, *, idempotence: bool = True) -> Result:
    """Build one package's page three ways and load the pages (see the module docstring)."""
    return run([package], root, idempotence=idempotence, quiet=True)[0]


def run(
    packages: Sequence[Package],
    root: Path | None = None,
    *,
    idempotence: bool = True,
    load: bool = True,
    jobs: int = 2,
    quiet: bool = False,
    progress: Callable[[str], None] = log,
) -> list[Result]:
    """Build every package's page with esbuild, with assetpipe and (``idempotence``) with
    assetpipe again from its own output, one build at a time, then load all the pages.

    ``root`` is an install folder (:func:`install_for` the packages when None)."""
    if root is None:
        root = install_for(packages)
    results = []
    for package in packages:
        site = lay_out(package, root)
        out = root / "out" / package.slug
        result = Result(package, installed_version(package.name, root))
        if result.version != package.version:
            result.notes.append(f"installed {result.version}, pinned {package.version}")
        result.esbuild = build_esbuild(site, out / "esbuild")
        result.assetpipe = build_assetpipe(site, out / "assetpipe", root / "cache" / package.slug)
        if idempotence and result.assetpipe.ok:
            again, note = idem_site(package, result.assetpipe.out, root)
            result.idem_note = note
            if again is not None:
                result.idem = build_assetpipe(
                    again, out / "idem", root / "cache" / (package.slug + "-idem")
                )
        if not quiet:
            a, e = result.assetpipe, result.esbuild
            progress(
                f"built {package.name}: esbuild {e.seconds:.2f} s"
                f"{'' if e.ok else ' FAILED'}, assetpipe {a.seconds:.2f} s"
                f"{'' if a.ok else ' FAILED'}"
            )
        results.append(result)
    if load:
        builds = [b for r in results for b in (r.esbuild, r.assetpipe, r.idem) if b is not None]
        if not quiet:
            progress(f"loading {len(builds)} pages in Chromium, {jobs} at a time")
        load_all(builds, jobs)
    return results


# --- the report --------------------------------------------------------------------------------


def yes(flag: bool | None) -> str:
    return "-" if flag is None else ("yes" if flag else "NO")


def table(results: Sequence[Result]) -> str:
    """The per-package table and the totals, as Markdown."""
    rows = [
        "| package | version | esbuild ok | assetpipe ok | same | idempotent | gzip esbuild "
        "| gzip assetpipe | ratio | esbuild s | assetpipe s | note |",
        "| --- | --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in results:
        e, a = r.esbuild, r.assetpipe
        note = r.failure()
        if r.idem_same is False:
            note += f" idempotence: {idem_failure(r)}"
        if r.package.name in KNOWN_BROKEN:
            note = f"(known broken) {note.strip()}" if note else "(known broken: passes now)"
        note = " ".join([*r.notes, note]).replace("|", "\\|").replace("\n", " ")
        rows.append(
            f"| {r.package.name} | {r.version or '-'} | {yes(r.esbuild_ok)} "
            f"| {yes(r.assetpipe_ok)} | {yes(r.same if r.esbuild_ok else None)} "
            f"| {yes(r.idem_same)}{' (' + r.idem_note + ')' if r.idem_note else ''} "
            f"| {e.js_gzip if e and e.ok else '-'} | {a.js_gzip if a and a.ok else '-'} "
            f"| {f'{r.ratio:.3f}' if r.ratio else '-'} "
            f"| {e.seconds:.2f} | {a.seconds:.2f} | {note} |"
        )
    return "\n".join(rows) + "\n\n" + totals_text(results)


def idem_failure(r: Result) -> str:
    idem = r.idem
    if idem is None:
        return ""
    if not idem.ok:
        return "rebuild failed: " + first_line(idem.error)
    if idem.page is None:
        return "not loaded"
    if idem.page.status != "ok":
        return f"{idem.page.status}: {idem.page.text[:200]}"
    return first_difference(r.assetpipe.page.text, idem.page.text)


def totals(results: Sequence[Result]) -> dict[str, object]:
    working = [r for r in results if r.esbuild_ok]
    both = [r for r in results if r.ratio is not None and r.same]
    return {
        "packages": len(results),
        "esbuild_ok": len(working),
        "assetpipe_same": sum(r.same for r in working),
        "assetpipe_broken": sorted(r.package.name for r in working if not r.same),
        "idempotent": sum(r.idem_same is True for r in results),
        "not_idempotent": sorted(r.package.name for r in results if r.idem_same is False),
        "over_1_05": sorted(r.package.name for r in both if r.ratio > 1.05),
        "esbuild_seconds": round(sum(r.esbuild.seconds for r in results if r.esbuild), 2),
        "assetpipe_seconds": round(sum(r.assetpipe.seconds for r in results if r.assetpipe), 2),
        "esbuild_gzip_same": sum(r.esbuild.js_gzip for r in both),
        "assetpipe_gzip_same": sum(r.assetpipe.js_gzip for r in both),
        "esbuild_version": npm_version("esbuild"),
    }


def totals_text(results: Sequence[Result]) -> str:
    t = totals(results)
    lines = [
        f"packages: {t['packages']}; esbuild's page works: {t['esbuild_ok']}; "
        f"assetpipe's writes the same: {t['assetpipe_same']} of those",
        f"assetpipe breaks: {', '.join(t['assetpipe_broken']) or 'none'}",
        f"idempotent (rebuilt entry chunk writes the same): {t['idempotent']}; not: "
        f"{', '.join(t['not_idempotent']) or 'none'}",
        "gzip over 1.05x esbuild (of the packages that pass): "
        + (", ".join(t["over_1_05"]) or "none"),
    ]
    if t["esbuild_gzip_same"]:
        lines.append(
            f"gzip of the passing packages: assetpipe {t['assetpipe_gzip_same']} B, esbuild "
            f"{t['esbuild_gzip_same']} B "
            f"({t['assetpipe_gzip_same'] / t['esbuild_gzip_same']:.3f}x)"
        )
    ratio = t["assetpipe_seconds"] / t["esbuild_seconds"] if t["esbuild_seconds"] else 0
    lines.append(
        f"build time, whole corpus (cold, one at a time): assetpipe {t['assetpipe_seconds']} s, "
        f"esbuild {t['esbuild_seconds']} s (esbuild {t['esbuild_version']}; {ratio:.1f}x)"
    )
    return "\n".join(lines)


def to_json(results: Sequence[Result]) -> str:
    def build(b: Build | None) -> dict | None:
        if b is None:
            return None
        data = asdict(b)
        data["out"] = str(b.out)
        data["seconds"] = round(b.seconds, 3)
        return data

    rows = [
        {
            "package": r.package.name,
            "version": r.version,
            "esbuild_ok": r.esbuild_ok,
            "assetpipe_ok": r.assetpipe_ok,
            "same": r.same,
            "idempotent": r.idem_same,
            "idem_note": r.idem_note,
            "ratio": round(r.ratio, 4) if r.ratio else None,
            "known_broken": KNOWN_BROKEN.get(r.package.name),
            "failure": r.failure(),
            "esbuild": build(r.esbuild),
            "assetpipe": build(r.assetpipe),
            "idem": build(r.idem),
        }
        for r in results
    ]
    return json.dumps({"packages": rows, "totals": totals(results)}, indent=1)
