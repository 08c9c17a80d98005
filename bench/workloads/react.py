"""Workloads ``react-ts`` and ``react-mui``: React apps from npm (issue #15), against esbuild
and Vite 8.

Inputs (under ``bench/.work/<name>/app/``), made from create-vite's ``template-react-ts`` (the
``react-ts`` starter of ``npm create vite``; ``create-vite@9.3.0``, installed into
``bench/.node/`` like the anchors) with its production dependencies installed by ``npm install
--omit=dev`` in the app folder, as its ``package.json`` lists them (``react``, ``react-dom``:
CommonJS packages):

- ``react-ts``: the starter as it is (``index.html``, ``src/main.tsx``, ``App.tsx`` importing
  ``hero.png`` and two SVGs, two stylesheets, ``public/``).
- ``react-mui``: the starter plus ``@mui/material``, ``@emotion/react`` and ``@emotion/styled``
  in its dependencies (81 packages installed, ESM and CommonJS) and 300 generated widgets
  (``_reactapp.py``, seeded): typed components with state hooks, each using three to a dozen
  Material UI components from ``@mui/material`` and half of them ``styled()``, rendering one
  another in a tree under a ``Dashboard`` that ``src/main.tsx`` renders after the starter's
  ``App``, in a ``ThemeProvider``.

Contenders (all minify; each run in the app folder):

- ``assetpipe``: ``python -m assetpipe build --src APP --out OUT --cache-dir EMPTY`` (cold:
  a new empty cache folder each round), defaults (minified, source maps, packages in a
  ``vendor`` chunk beside the entry's chunk: both are counted). No ``--json``, so a failed
  build's diagnostics go to stderr, which the report shows.
- ``assetpipe-warm`` (``react-mui`` only): a copy of the app (``warm-app/``) built once at
  setup into one cache folder, then each round one leaf widget's source edited (a string
  literal, ``edited-widget-N`` for round N) and built again with that cache: a rebuild after a
  one-file change. Its ``ratio`` is over esbuild's *cold* build (the issue's goal: below 1).
- ``esbuild`` (anchor): ``esbuild src/main.tsx --bundle --minify --format=esm
  --define:process.env.NODE_ENV='"production"' --loader:.svg=file --loader:.png=file
  --tsconfig=tsconfig.app.json --outdir=OUT`` (``react-mui``: also ``--sourcemap``, as the other
  two write maps). ``--tsconfig``: the starter's ``tsconfig.json`` only lists references, and
  esbuild does not follow them, so without it JSX would compile to ``React.createElement``
  (``"jsx": "react-jsx"`` is in ``tsconfig.app.json``) and the page would fail.
- ``vite``: ``vite build`` of ``index.html`` with the bench's config (the site1000 one:
  ``assetsInlineLimit: 0``, no module-preload polyfill; ``react-mui``: ``build.sourcemap:
  true``) instead of the starter's ``vite.config.ts``, whose ``@vitejs/plugin-react`` is a
  devDependency: Vite 8 compiles the JSX as the tsconfig says (``react-jsx``) without it, and
  the plugin changes nothing else in a production build.

Figures: ``js_files``, ``js_bytes``, ``js_gzip`` (every ``.js`` file the tool wrote, gzip -9,
``.map`` files excluded). The info line has each contender's ``js_gzip`` over esbuild's. The
check (untimed) wants the entry chunk, no ``process.env.NODE_ENV`` and no React development
build (``react.development``, ``react-dom-client.development``, ``react_stack_bottom_frame``)
in any script, and the page to render in headless Chromium: served on loopback, ``index.html``
(esbuild writes no HTML: the check writes one loading ``main.js`` and ``main.css``) must show
the starter's ``Count is 0`` button and, for ``react-mui``, every widget (300 distinct
``data-widget``) and the edited marker. ``assetpipe-warm``'s check also compares the name of the
``vendor-*.js`` chunk (the one holding React) with the previous build's: ``vendor_stable`` is
1 when it never changed (the info line says yes or no).

The issue's goals: ``react-ts``: assetpipe's ``js_gzip`` at most 1.05 x esbuild's.
``react-mui``: assetpipe's cold ``ratio`` at most 3, ``assetpipe-warm``'s below 1, the vendor
chunk's name unchanged by the edit.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

from bench.browser import dump_dom, serve
from bench.contenders import vite_build
from bench.harness import (
    REPO_DIR,
    CheckFailed,
    Command,
    Contender,
    Context,
    Figures,
    RunDirs,
    cached,
    log,
    run_untimed,
    workload,
)
from bench.tools import NODE_DIR, assetpipe_argv, ensure_npm, npm_bin, npm_version
from bench.workloads import _reactapp
from bench.workloads._js import ESBUILD, assetpipe_entry, html_entry, js_figures

CREATE_VITE = "create-vite@9.3.0"
TEMPLATE = "template-react-ts"
WIDGETS = 300
STARTER_VERSION = f"{CREATE_VITE} {TEMPLATE} npm --omit=dev generator-v1"
MUI_VERSION = (
    f"{CREATE_VITE} {TEMPLATE} + {json.dumps(_reactapp.DEPENDENCIES, sort_keys=True)} "
    f"x{WIDGETS} widgets npm --omit=dev generator-v1"
)
ENTRY = "src/main.tsx"
# strings only a development build of React has (module names in its licence comments, a
# property name minifiers keep)
DEV_MARKERS = ("react.development", "react-dom-client.development", "react_stack_bottom_frame")
COUNTER = "Count is 0"  # the starter's button, as it renders
ESBUILD_HTML = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="stylesheet" href="main.css">
<script type="module" src="main.js"></script>
</head>
<body><div id="root"></div></body>
</html>
"""
STARTER_GOALS = "js_gzip <= 1.05 x esbuild"
MUI_GOALS = "cold ratio <= 3, assetpipe-warm ratio < 1 (over esbuild cold), vendor chunk kept"


# --- inputs -----------------------------------------------------------------------------------


def npm_install_app(app: Path) -> None:
    """``npm install --omit=dev`` in ``app``: its package.json's dependencies, from npm."""
    npm = shutil.which("npm")
    if npm is None:
        raise CheckFailed("npm not found on PATH: cannot install the app's dependencies")
    log(f"npm install --omit=dev in {app}")
    result = subprocess.run(
        [npm, "install", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=app,
        capture_output=True,
        text=True,
        errors="replace",
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        raise CheckFailed(f"npm install in {app} failed:\n{result.stderr[-2000:]}")


def copy_template(dest: Path) -> None:
    """create-vite's react-ts starter into ``dest`` (which exists and is empty)."""
    template = NODE_DIR / "node_modules" / "create-vite" / TEMPLATE
    shutil.copytree(template, dest, dirs_exist_ok=True)
    shutil.move(dest / "_gitignore", dest / ".gitignore")  # as create-vite renames it


def make_starter(dest: Path) -> None:
    copy_template(dest)
    npm_install_app(dest)


def add_dependencies(app: Path, dependencies: dict[str, str]) -> None:
    manifest = app / "package.json"
    data = json.loads(manifest.read_text())
    data["dependencies"] = dict(sorted({**data["dependencies"], **dependencies}.items()))
    manifest.write_text(json.dumps(data, indent=2) + "\n")


def make_mui_app(dest: Path) -> None:
    copy_template(dest)
    add_dependencies(dest, _reactapp.DEPENDENCIES)
    _reactapp.write_components(dest, WIDGETS)
    npm_install_app(dest)


def installed_version(app: Path, package: str) -> str | None:
    try:
        data = json.loads((app / "node_modules" / package / "package.json").read_text())
        return str(data["version"])
    except (OSError, ValueError, KeyError):
        return None


def edited_leaf() -> int:
    """The widget the warm rebuild edits: the middle one of the leaves."""
    leaves = _reactapp.leaves(_reactapp.plan(WIDGETS))
    return leaves[len(leaves) // 2]


# --- checks -----------------------------------------------------------------------------------


def scripts(out: Path) -> dict[str, str]:
    """Every ``.js`` file of an output (``.assetpipe/`` aside), by path relative to ``out``."""
    return {
        path.relative_to(out).as_posix(): path.read_text(errors="replace")
        for path in sorted(out.rglob("*.js"))
        if path.relative_to(out).parts[0] != ".assetpipe"
    }


def production_only(files: dict[str, str]) -> None:
    """Raise unless no script holds ``process.env.NODE_ENV`` or a React development marker."""
    for name, text in files.items():
        for marker in ("process.env.NODE_ENV", *DEV_MARKERS):
            if marker in text:
                raise CheckFailed(f"{name} holds {marker!r}: not a production build of React")


def vendor_chunk(out: Path) -> str:
    """The name of assetpipe's ``vendor-*.js`` chunk; it must hold React."""
    found = sorted(p for p in (out / "assets").glob("vendor-*.js"))
    if len(found) != 1:
        raise CheckFailed(f"expected one assets/vendor-*.js in {out}, found {len(found)}")
    if "react.transitional.element" not in found[0].read_text(errors="replace"):
        raise CheckFailed(f"{found[0].name} does not hold React")
    return found[0].name


_WIDGET = re.compile(r'data-widget="(\d+)"')


def rendered(out: Path) -> str:
    """The DOM of ``out/index.html`` after its scripts ran, in headless Chromium."""
    with serve(out) as url:
        return dump_dom(url + "index.html")


def page_check(dom: str, widgets: int, mark: str | None) -> Figures:
    """The page shows the starter's counter, and ``widgets`` widgets and ``mark`` if given."""
    if COUNTER not in dom:
        raise CheckFailed(f"the page does not show {COUNTER!r}:\n{dom[-800:]}")
    shown = len(set(_WIDGET.findall(dom)))
    if shown != widgets:
        raise CheckFailed(f"the page shows {shown} widgets, not {widgets}")
    if mark is not None and mark not in dom:
        raise CheckFailed(f"the page does not show {mark!r}")
    return {"widgets_shown": shown} if widgets else {}


class Checks:
    """The contenders' checks; keeps each one's ``js_gzip`` for the info line."""

    def __init__(self, ctx: Context, widgets: int) -> None:
        self.ctx, self.widgets = ctx, widgets
        self.gzip: dict[str, float] = {}

    def check(
        self,
        name: str,
        entry: Callable[[Path], Path],
        mark: Callable[[], str | None] = lambda: None,
        prepare: Callable[[Path], None] | None = None,
    ) -> Callable[[Path], Figures]:
        def check(out: Path) -> Figures:
            figures = js_figures(out)
            chunk = entry(out)
            if not chunk.is_file():
                raise CheckFailed(f"no entry chunk {chunk}")
            files = scripts(out)
            production_only(files)
            expected = mark()
            if expected is not None and not any(expected in text for text in files.values()):
                raise CheckFailed(f"no script holds {expected!r}: the edit was not built")
            if prepare is not None:
                prepare(out)
            figures.update(page_check(rendered(out), self.widgets, expected))
            self.gzip[name] = figures["js_gzip"]
            self._update_info()
            return figures

        return check

    def _update_info(self) -> None:
        anchor = self.gzip.get("esbuild")
        if anchor:
            self.ctx.info["js_gzip/esbuild"] = ", ".join(
                f"{name} {size / anchor:.3f}"
                for name, size in self.gzip.items()
                if name != "esbuild"
            )


def write_esbuild_page(out: Path) -> None:
    (out / "index.html").write_text(ESBUILD_HTML)


# --- contenders -------------------------------------------------------------------------------


def assetpipe_build(app: Path, out: Path, cache: Path) -> Command:
    """``assetpipe build`` of ``app``, run in it, from this work tree, defaults, no --json."""
    argv = assetpipe_argv("build", "--src", str(app), "--out", str(out), "--cache-dir", str(cache))
    env = {"PYTHONPATH": str(REPO_DIR), "ASSETPIPE_CONFIG": None, "ASSETPIPE_ENV": None}
    return Command(argv, cwd=app, env=env)


def esbuild_argv(out: Path, *, sourcemap: bool) -> list[str]:
    argv = [
        str(npm_bin("esbuild")),
        ENTRY,
        "--bundle",
        "--minify",
        "--format=esm",
        '--define:process.env.NODE_ENV="production"',
        "--loader:.svg=file",
        "--loader:.png=file",
        "--tsconfig=tsconfig.app.json",
        f"--outdir={out}",
        "--log-level=warning",
    ]
    if sourcemap:
        argv.insert(4, "--sourcemap")
    return argv


def _contenders(
    ctx: Context, app: Path, checks: Checks, *, sourcemap: bool, mark: str | None = None
) -> list[Contender]:
    def esbuild_setup() -> None:
        ensure_npm(ESBUILD)
        ctx.info["esbuild"] = npm_version("esbuild")

    def apipe_entry(out: Path) -> Path:
        return assetpipe_entry(out, ENTRY)

    return [
        Contender(
            "assetpipe",
            lambda dirs: assetpipe_build(app, dirs.out, dirs.scratch),
            check=checks.check("assetpipe", apipe_entry, lambda: mark),
        ),
        Contender(
            "esbuild",
            lambda dirs: Command(esbuild_argv(dirs.out, sourcemap=sourcemap), cwd=app),
            anchor=True,
            setup=esbuild_setup,
            check=checks.check(
                "esbuild", lambda out: out / "main.js", lambda: mark, write_esbuild_page
            ),
        ),
        vite_build(
            ctx,
            app,
            [app / "index.html"],
            build={"sourcemap": True} if sourcemap else {},
            check=checks.check("vite", lambda out: html_entry(out, "index.html"), lambda: mark),
            anchor=False,
        ),
    ]


class WarmEdit:
    """``assetpipe-warm``: one app copy and cache folder; each round edits one widget first."""

    def __init__(self, ctx: Context, source: Path, checks: Checks) -> None:
        self.ctx, self.source, self.checks = ctx, source, checks
        self.app = ctx.work / "warm-app"
        self.cache = ctx.work / "warm-cache"
        self.leaf = edited_leaf()
        self.mark: str | None = None
        self.vendor: str | None = None
        self.stable = True
        self.entry_check = checks.check(
            "assetpipe-warm", lambda out: assetpipe_entry(out, ENTRY), lambda: self.mark
        )

    def setup(self) -> None:
        """A fresh copy of the app (marker 0) and its cache, primed by an untimed build."""
        shutil.rmtree(self.app, ignore_errors=True)
        shutil.copytree(self.source, self.app, symlinks=True)
        shutil.rmtree(self.cache, ignore_errors=True)
        out = self.ctx.work / "warm-prime-out"
        shutil.rmtree(out, ignore_errors=True)
        try:
            run_untimed(assetpipe_build(self.app, out, self.cache))
            self.vendor = vendor_chunk(out)
        finally:
            shutil.rmtree(out, ignore_errors=True)
        self.ctx.info["edited"] = f"src/components/{_reactapp.widget_name(self.leaf)}.tsx"

    def command(self, dirs: RunDirs) -> Command:
        """Edit the leaf widget (untimed: before the process starts), then the warm build."""
        path = _reactapp.widget_path(self.app, self.leaf)
        self.mark = _reactapp.edit_widget(path, dirs.round)
        return assetpipe_build(self.app, dirs.out, self.cache)

    def check(self, out: Path) -> Figures:
        figures = self.entry_check(out)
        vendor = vendor_chunk(out)
        if vendor != self.vendor:
            self.stable = False
            log(f"  assetpipe-warm: vendor chunk renamed: {self.vendor} -> {vendor}")
        self.vendor = vendor
        figures["vendor_stable"] = 1 if self.stable else 0
        self.ctx.info["vendor_stable"] = f"{'yes' if self.stable else 'no'} ({vendor})"
        return figures

    def contender(self) -> Contender:
        return Contender("assetpipe-warm", self.command, setup=self.setup, check=self.check)


# --- the workloads ----------------------------------------------------------------------------


@workload(
    "react-ts", "the react-ts starter of npm create vite, JS size: assetpipe vs esbuild, vite"
)
def react_ts(ctx: Context) -> list[Contender]:
    ensure_npm(CREATE_VITE)
    app = ctx.work / "app"
    cached(app, STARTER_VERSION, make_starter)
    ctx.info.update(
        create_vite=npm_version("create-vite"),
        react=installed_version(app, "react"),
        goals=STARTER_GOALS,
    )
    return _contenders(ctx, app, Checks(ctx, widgets=0), sourcemap=False)


@workload(
    "react-mui",
    "react-ts + MUI + 300 widgets: cold build, warm rebuild after 1 edit; vs esbuild, vite",
)
def react_mui(ctx: Context) -> list[Contender]:
    ensure_npm(CREATE_VITE)
    app = ctx.work / "app"
    cached(app, MUI_VERSION, make_mui_app)
    modules = app / "node_modules"
    packages = [p for p in modules.iterdir() if not p.name.startswith(".")]
    count = sum(len(list(p.iterdir())) if p.name.startswith("@") else 1 for p in packages)
    ctx.info.update(
        widgets=WIDGETS,
        packages=count,
        react=installed_version(app, "react"),
        mui=installed_version(app, "@mui/material"),
        goals=MUI_GOALS,
    )
    checks = Checks(ctx, widgets=WIDGETS)
    mark = f"{_reactapp.EDIT_MARK}0"
    cold = _contenders(ctx, app, checks, sourcemap=True, mark=mark)
    warm = WarmEdit(ctx, app, checks).contender()
    return [cold[0], warm, *cold[1:]]
