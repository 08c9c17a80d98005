"""Workload ``ssr``: the frontend of a server-rendered app, built into a Vite manifest that
django-vite reads, by assetpipe and by Vite 8.

Input: ``tests/sites/server-app/frontend/`` copied to ``bench/.work/ssr/app/`` (copied again
whenever a file there changes): no HTML page; TypeScript entries ``src/main.ts`` and
``src/admin.ts`` and a CSS entry ``css/print.css``; ``main.ts`` imports a stylesheet, an SVG
(``logo.svg``, 137 bytes) and ``./shared`` (which ``admin.ts`` imports too), and at start runs
``import("./chart")``, a chunk with a stylesheet of its own.

Contenders (each run in the app folder):

- ``assetpipe``: ``python -m assetpipe build --src APP --out OUT --cache-dir EMPTY --config
  APP/assetpipe.toml`` (cold; the app's config names the entries and sets
  ``vite_manifest = true``), defaults otherwise (minified, source maps), no ``--json``. Its
  bytecode goes to ``bench/.work/ssr/pycache/`` (``PYTHONPYCACHEPREFIX``, and
  ``PYTHONDONTWRITEBYTECODE`` unset), primed by an untimed build at setup: an installed
  assetpipe has its ``.pyc`` files, and compiling its ~110 modules on every run (what
  ``PYTHONDONTWRITEBYTECODE=1`` does) takes about 0.3 s, half of this small build's time.
- ``vite`` (anchor): ``vite build`` with ``bench/.work/ssr/vite.config.mjs``: ``root`` the app,
  ``base: "/static/"`` (django-vite's README: the same as ``STATIC_URL``, or the preload helper
  asks for a dynamic import's CSS at ``/assets/...``), ``build: {manifest: true,
  rollupOptions: {input: ["src/main.ts", "src/admin.ts", "css/print.css"]}}``, Vite's defaults
  otherwise (minified, no source maps, assets under 4 KB inlined: the SVG becomes a
  ``data:`` URL in the entry chunk), ``--outDir`` per round.

The checks (untimed) read ``OUT/.vite/manifest.json`` and, for ``src/main.ts``:

1. render ``{% load django_vite %}{% vite_asset "src/main.ts" %}`` with django-vite in
   production mode (``bench/scripts/django_vite_tags.py``, in a fresh interpreter: Django's
   settings are per process): ``tags`` counts them, ``tag_scripts``, ``tag_css``
   (stylesheets) and ``tag_preloads`` (modulepreloads) by kind, and the text is printed
   after the table (and kept in the JSON's ``notes``);
2. add up what a first visit downloads: every file the tags load, everything the entry
   imports statically (the manifest's ``imports``, transitively) with their ``css`` and
   ``assets``, and the entry's ``dynamicImports`` (the app runs ``./chart`` at start) with
   theirs: ``first_files``, ``first_bytes``, ``first_gzip`` (gzip -9 of each file, summed);
3. confirm it in headless Chromium: a page holding the tags, ``OUT`` served at ``/static/``
   on loopback; ``browser_requests``/``browser_bytes`` are what the server answered 200 for,
   ``failed_requests`` what it answered otherwise, ``page_ok`` is 1 when the app ran to the
   end (:func:`page_ran`: the chart drawn, both stylesheets applied, the logo loaded).

A missing manifest, an entry it lacks or tags django-vite cannot render fail the run; a page
that does not work in the browser does not (``page_ok`` 0 and the failed URLs in the notes), so
the build time and sizes are still reported.

django and django-vite: this interpreter's when it has both (the ``bench`` extra lists them:
``pip install -e '.[bench]'``), otherwise a virtualenv of their own,
``bench/.work/_venvs/django-vite/``, made once with ``pip install 'django-vite>=3.0'`` (which
brings Django) and reused offline.
"""

from __future__ import annotations

import hashlib
import html
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bench.browser import dump_dom
from bench.contenders import VITE
from bench.harness import (
    BENCH_DIR,
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    cached,
    run_untimed,
    tree_figures,
    workload,
)
from bench.tools import assetpipe_argv, ensure_npm, ensure_venv_tool, npm_bin, npm_version
from bench.workloads._js import gzip_size

APP_SOURCE = REPO_DIR / "tests" / "sites" / "server-app" / "frontend"
ENTRY = "src/main.ts"
INPUTS = ("src/main.ts", "src/admin.ts", "css/print.css")
STATIC_URL = "/static/"
MANIFEST = Path(".vite") / "manifest.json"
TAGS_SCRIPT = BENCH_DIR / "scripts" / "django_vite_tags.py"
DJANGO_VITE_SPEC = "django-vite>=3.0"  # its own virtualenv when this interpreter lacks it


# --- input ------------------------------------------------------------------------------------


def source_version(root: Path = APP_SOURCE) -> str:
    """A digest of every file under ``root``: a changed test app is copied again."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return f"server-app {digest.hexdigest()[:16]}"


def copy_app(dest: Path) -> None:
    shutil.copytree(APP_SOURCE, dest, dirs_exist_ok=True)


def render_vite_config(app: Path, cache_dir: Path) -> str:
    config = {
        "root": str(app),
        "base": STATIC_URL,
        "cacheDir": str(cache_dir),
        "logLevel": "warn",
        "clearScreen": False,
        "build": {
            "outDir": str(app.parent / "vite-out"),  # replaced by --outDir each round
            "emptyOutDir": True,
            "manifest": True,
            "rollupOptions": {"input": list(INPUTS)},
        },
    }
    return (
        "// Generated by bench/workloads/ssr.py; rewritten on every run.\nexport default "
        + json.dumps(config, indent=2)
        + ";\n"
    )


# --- django-vite ------------------------------------------------------------------------------


def tags_python() -> str:
    """An interpreter that can import django_vite: this one, or the bench's own virtualenv."""
    if importlib.util.find_spec("django_vite") and importlib.util.find_spec("django"):
        return sys.executable
    return str(ensure_venv_tool("django-vite", DJANGO_VITE_SPEC, "python"))


def django_vite_tags(python: str, manifest: Path, entry: str) -> dict[str, str]:
    """``{"tags": ..., "django": version, "django_vite": version}`` for ``entry``."""
    result = subprocess.run(
        [python, str(TAGS_SCRIPT), str(manifest), entry, STATIC_URL],
        capture_output=True,
        text=True,
        errors="replace",
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise CheckFailed(f"django-vite could not render {entry}: {result.stderr.strip()[-1500:]}")
    return json.loads(result.stdout)


_TAG = re.compile(r"<(script|link)\b([^>]*)>", re.I)
_ATTR = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


@dataclass(frozen=True, slots=True)
class Tag:
    kind: str  # "script", "stylesheet", "modulepreload", or the link's rel
    url: str


def parse_tags(text: str) -> list[Tag]:
    """The ``<script src>`` and ``<link href>`` tags of django-vite's output, in order."""
    found = []
    for name, attrs_text in _TAG.findall(text):
        attrs = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(attrs_text)}
        if name.lower() == "script" and "src" in attrs:
            found.append(Tag("script", attrs["src"]))
        elif name.lower() == "link" and "href" in attrs:
            found.append(Tag(attrs.get("rel", "link").lower(), attrs["href"]))
    return found


def tag_figures(tags: list[Tag]) -> Figures:
    kinds = [t.kind for t in tags]
    return {
        "tags": len(tags),
        "tag_scripts": kinds.count("script"),
        "tag_css": kinds.count("stylesheet"),
        "tag_preloads": kinds.count("modulepreload"),
    }


# --- what a first visit downloads -------------------------------------------------------------


def first_visit(manifest: dict, entry: str, tags: list[Tag]) -> list[str]:
    """Files (relative to the output) a first visit to a page with ``entry``'s tags fetches.

    The tags' files; the entry's chunk, its ``css`` and ``assets``, and the same for every
    chunk it imports statically, transitively; then the entry's ``dynamicImports`` (the app
    runs them at start) and what they import. Raises :class:`CheckFailed` for a key the
    manifest does not have, or a tag outside ``STATIC_URL``.
    """
    files: list[str] = []
    seen: set[str] = set()

    def add(file: str) -> None:
        if file not in files:
            files.append(file)

    def visit(key: str) -> None:
        if key in seen:
            return
        seen.add(key)
        chunk = manifest.get(key)
        if chunk is None:
            raise CheckFailed(f"the manifest has no {key!r} (imported from {entry!r})")
        add(chunk["file"])
        for file in (*chunk.get("css", ()), *chunk.get("assets", ())):
            add(file)
        for imported in chunk.get("imports", ()):
            visit(imported)

    for tag in tags:
        if not tag.url.startswith(STATIC_URL):
            raise CheckFailed(f"django-vite wrote {tag.url!r}, outside {STATIC_URL}")
        add(tag.url[len(STATIC_URL) :])
    visit(entry)
    for dynamic in manifest[entry].get("dynamicImports", ()):
        visit(dynamic)
    return files


def size_figures(out: Path, files: list[str]) -> Figures:
    raw = packed = 0
    for file in files:
        path = out / file
        if not path.is_file():
            raise CheckFailed(f"the manifest names {file}, which the output does not have")
        data = path.read_bytes()
        raw, packed = raw + len(data), packed + gzip_size(data)
    return {"first_files": len(files), "first_bytes": raw, "first_gzip": packed}


# --- the page in Chromium ---------------------------------------------------------------------

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>server-rendered page</title>
<link rel="icon" href="data:,">
{tags}
</head>
<body>
<p id="status">rendered by the server</p>
<div id="app"></div>
<div id="chart"></div>
</body>
</html>
"""


@dataclass(slots=True)
class Requests:
    """What the loopback server answered: ``(path, status, bytes)`` per request."""

    log: list[tuple[str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, path: str, status: int, size: int) -> None:
        with self.lock:
            self.log.append((path, status, size))


class _Handler(SimpleHTTPRequestHandler):
    requests: Requests
    root: Path

    def log_message(self, *args: object) -> None:
        pass

    def log_request(self, code: object = "-", size: object = "-") -> None:
        path = self.path.split("?")[0].split("#")[0]
        status = int(code) if isinstance(code, int) else 0
        file = Path(self.translate_path(path))
        length = file.stat().st_size if status == 200 and file.is_file() else 0
        self.requests.add(path, status, length)


@contextmanager
def serve_static(out: Path, tags: str) -> Iterator[tuple[str, Requests]]:
    """A loopback server: ``/`` the page with ``tags``, ``/static/`` the output ``out``."""
    requests = Requests()
    with tempfile.TemporaryDirectory(prefix="bench-ssr-") as tmp:
        root = Path(tmp)
        (root / "index.html").write_text(PAGE.format(tags=tags))
        (root / STATIC_URL.strip("/")).symlink_to(out.resolve(), target_is_directory=True)
        handler_class = type("Handler", (_Handler,), {"requests": requests, "root": root})
        server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler_class, directory=tmp))
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/", requests
        finally:
            server.shutdown()
            server.server_close()


BARS = 5  # what ./chart draws: draw(el, [3, 1, 4, 1, 5])
STATUS_COLOR = "rgb(0, 96, 160)"  # main.css's #status, which main.ts records on <html>
CHART_DISPLAY = "flex"  # chart.css's #chart, recorded after the dynamic import
_OPEN_TAG = re.compile(r"<(html|img|div)\b([^>]*)>", re.I)


def page_ran(dom: str) -> bool:
    """The app ran to its end with both stylesheets applied and its logo loaded.

    ``main.ts`` marks it all in the DOM: ``#chart``'s ``data-bars`` (5 bars), ``#status``'s
    text (``chart drawn``), ``<html data-status-color>`` (main.css applied) and
    ``data-chart-display`` (chart.css, which comes with the dynamic import), and the logo's
    ``data-loaded`` (its ``naturalWidth``, set when the image loaded).
    """
    root: dict[str, str] = {}
    by_id: dict[str, dict[str, str]] = {}
    for name, attrs_text in _OPEN_TAG.findall(dom):
        attrs = {k.lower(): html.unescape(v) for k, v in _ATTR.findall(attrs_text)}
        if name.lower() == "html":
            root = attrs
        elif "id" in attrs:
            by_id.setdefault(attrs["id"], attrs)
    loaded = by_id.get("logo", {}).get("data-loaded", "0")
    return (
        by_id.get("chart", {}).get("data-bars") == str(BARS)
        and '<p id="status">chart drawn</p>' in dom
        and root.get("data-status-color") == STATUS_COLOR
        and root.get("data-chart-display") == CHART_DISPLAY
        and loaded.isdigit()
        and int(loaded) > 0
    )


def browser_figures(out: Path, tags: str) -> tuple[Figures, list[tuple[str, int, int]]]:
    with serve_static(out, tags) as (url, requests):
        dom = dump_dom(url + "index.html")
    assets = [r for r in requests.log if r[0] not in ("/", "/index.html")]  # also outside /static/
    served = [r for r in assets if r[1] == 200]
    figures: Figures = {
        "browser_requests": len(served),
        "browser_bytes": sum(r[2] for r in served),
        "failed_requests": len(assets) - len(served),
        "page_ok": 1 if page_ran(dom) else 0,
    }
    return figures, assets


# --- the check --------------------------------------------------------------------------------


class Checks:
    """Each contender's check; keeps the django-vite tags and first-visit lists for the notes."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.python: str | None = None
        self.page_ok: dict[str, str] = {}
        self.gzip: dict[str, float] = {}

    def check(self, name: str) -> Callable[[Path], Figures]:
        def check(out: Path) -> Figures:
            manifest_path = out / MANIFEST
            if not manifest_path.is_file():
                raise CheckFailed(f"no {MANIFEST.as_posix()} in the output")
            manifest = json.loads(manifest_path.read_text())
            if ENTRY not in manifest:
                raise CheckFailed(f"{MANIFEST.as_posix()} has no {ENTRY!r}: {sorted(manifest)}")
            if self.python is None:
                self.python = tags_python()
            rendered = django_vite_tags(self.python, manifest_path, ENTRY)
            self.ctx.info["django"] = rendered["django"]
            self.ctx.info["django-vite"] = rendered["django_vite"]
            tags = parse_tags(rendered["tags"])
            files = first_visit(manifest, ENTRY, tags)
            figures = tree_figures(out, exclude=(".assetpipe",))
            figures = {"files": figures["files"], "bytes": figures["bytes"]}
            figures.update(tag_figures(tags))
            figures.update(size_figures(out, files))
            browser, requests = browser_figures(out, rendered["tags"])
            figures.update(browser)
            self.page_ok[name] = "yes" if browser["page_ok"] else "NO"
            self.gzip[name] = figures["first_gzip"]
            if self.gzip.get("vite"):
                self.ctx.info["first_gzip/vite"] = ", ".join(
                    f"{k} {v / self.gzip['vite']:.3f}" for k, v in self.gzip.items() if k != "vite"
                )
            self.ctx.info["page_ok"] = ", ".join(f"{k} {v}" for k, v in self.page_ok.items())
            title = f'{name}: django-vite\'s {{% vite_asset "{ENTRY}" %}}'
            self.ctx.notes[title] = rendered["tags"]
            self.ctx.notes[f"{name}: first visit"] = describe_first_visit(out, files, requests)
            return figures

        return check


def describe_first_visit(out: Path, files: list[str], requests: list[tuple[str, int, int]]) -> str:
    lines = []
    raw = packed = 0
    for file in files:
        data = (out / file).read_bytes()
        raw, packed = raw + len(data), packed + gzip_size(data)
        lines.append(f"{file:<40} {len(data):>7,} B {gzip_size(data):>7,} B gzip")
    lines.append(f"{f'{len(files)} files':<40} {raw:>7,} B {packed:>7,} B gzip")
    fetched = {path.removeprefix(STATIC_URL): status for path, status, _ in requests}
    missing = [f for f in files if fetched.get(f) != 200]
    extra = [f for f, status in fetched.items() if status == 200 and f not in files]
    failed = [f"{f} ({status})" for f, status in fetched.items() if status != 200]
    lines.append(
        "chromium fetched "
        + (f"all {len(files)}" if not missing else f"all but {', '.join(missing)}")
        + (f"; also {', '.join(extra)}" if extra else "")
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return "\n".join(lines)


# --- contenders -------------------------------------------------------------------------------


def assetpipe_command(app: Path, out: Path, cache: Path, pycache: Path) -> Command:
    """``assetpipe build`` of ``app`` with its own config, bytecode kept in ``pycache``."""
    argv = assetpipe_argv(
        "build",
        "--src",
        str(app),
        "--out",
        str(out),
        "--cache-dir",
        str(cache),
        "--config",
        str(app / "assetpipe.toml"),
    )
    env = {
        "PYTHONPATH": str(REPO_DIR),
        "ASSETPIPE_CONFIG": None,
        "ASSETPIPE_ENV": None,
        "PYTHONDONTWRITEBYTECODE": None,
        "PYTHONPYCACHEPREFIX": str(pycache),
    }
    return Command(argv, cwd=app, env=env)


def vite_command(config: Path, app: Path, out: Path) -> Command:
    argv = [
        str(npm_bin("vite")),
        "build",
        "--config",
        str(config),
        "--outDir",
        str(out),
        "--emptyOutDir",
    ]
    return Command(argv, cwd=app)


@workload(
    "ssr",
    "server-app frontend (no HTML) into a Vite manifest; django-vite's tags, first-visit bytes",
)
def ssr(ctx: Context) -> list[Contender]:
    app = ctx.work / "app"
    cached(app, source_version(), copy_app)
    config = ctx.work / "vite.config.mjs"
    checks = Checks(ctx)
    ctx.info["entry"] = ENTRY

    def vite_setup() -> None:
        ensure_npm(VITE)
        ctx.info["vite"] = npm_version("vite")
        config.write_text(render_vite_config(app, ctx.work / "vite-cache"))

    pycache = ctx.work / "pycache"

    def assetpipe_setup() -> None:
        """An untimed build, so the timed ones start from compiled bytecode."""
        out = ctx.work / "prime-out"
        with tempfile.TemporaryDirectory(prefix="bench-ssr-cache-") as cache:
            try:
                run_untimed(assetpipe_command(app, out, Path(cache), pycache))
            finally:
                shutil.rmtree(out, ignore_errors=True)

    return [
        Contender(
            "assetpipe",
            lambda dirs: assetpipe_command(app, dirs.out, dirs.scratch, pycache),
            setup=assetpipe_setup,
            check=checks.check("assetpipe"),
        ),
        Contender(
            "vite",
            lambda dirs: vite_command(config, app, dirs.out),
            anchor=True,
            setup=vite_setup,
            check=checks.check("vite"),
        ),
    ]
