"""Module specifier resolution, as browsers and Node read `package.json`.

Relative (`./x`, `../x`) and root-absolute (`/js/x.js`) specifiers are URLs in the source tree;
like the bundlers users know, they may leave out `.js`, `.mjs` or `/index.js`. Bare specifiers
(`preact`, `lodash-es/debounce.js`, `@scope/pkg/sub`) are looked up in `node_modules` folders
from the importer's folder upward; inside the package, `exports` decides (subpaths, `*`
patterns, nested conditions in the package's own order, arrays of fallbacks, `null` for
excluded paths), else `module`, `browser` (a string), `main`, `index.js`. Conditions: `browser`,
`import`, `module`, `default`, and `production` or `development`.

A package's `browser` map (`{"./node.js": "./browser.js", "fs": false}`) replaces files and
modules, `false` giving an empty module (key `<empty>:fs`); `#x` specifiers go through the
importer's package's `imports`.

Module keys are paths relative to the source root, POSIX, so a package outside it is
`../node_modules/pkg/index.js`. A file found through a package or a fallback is keyed by its
real path, as Node resolves it: a workspace package linked into `node_modules` (npm and yarn
workspaces, `npm link`: `node_modules/ui -> ../../packages/ui`) is `../packages/ui/index.js`,
reads its own `package.json` and finds its own imports from there (pnpm's
`node_modules/.pnpm/<name>@<version>/node_modules/<name>` too), and a package reached through
two links is one module. Keys are relative to the source folder's real path, so they do not
depend on where the repository lies. A relative import from the source folder that leads out
of it through a symlinked folder (`lib -> /elsewhere`) is refused, as the scan refuses such
files. A package's `sideEffects` (`false`, or a list of globs) is read here too, for tree
shaking.
"""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
from dataclasses import dataclass

from ..pipeline.locate import MODULE_SUFFIXES, Resolved, Unresolved, module_candidates
from ..pipeline.locate import resolve as resolve_url
from ..pipeline.values import SourceTree
from .tsconfig import TsConfigError, TsConfigs, match_paths
from .typescript import Options

_SUFFIXES = (*MODULE_SUFFIXES, ".json")
EMPTY = "<empty>:"  # the key prefix of an empty module (`"browser": {"fs": false}`)
# ... which is what esbuild makes of one: `{}` as its default export, and any other name it is
# asked for undefined (the linker binds those to UNDEFINED_EXPORT)
UNDEFINED_EXPORT = "__assetpipe_undefined"
EMPTY_SOURCE = (
    f"const u = void 0;\nexport default {{}};\nexport {{ u as {UNDEFINED_EXPORT} }};\n"
).encode()


@dataclass(frozen=True, slots=True)
class Package:
    root: str  # absolute folder
    name: str
    data: dict


class Resolver:
    def __init__(self, tree: SourceTree, *, production: bool = True) -> None:
        self.tree = tree
        self.conditions = (
            "browser",
            "import",
            "module",
            "default",
            "production" if production else "development",
        )
        self._packages: dict[str, Package | None] = {}
        self.tsconfigs = TsConfigs()
        self._files: dict[str, bool] = {}
        self.real_root = os.path.realpath(tree.root)
        self._reals: dict[str, str] = {}
        self._resolved: dict[tuple[str, str, bool], Resolved | Unresolved | None] = {}
        self._keys: dict[str, str] = {}

    def key(self, abspath: str) -> str:
        """The key of a file: its real path, relative to the source folder's."""
        found = self._keys.get(abspath)
        if found is None:
            found = os.path.relpath(self.realpath(abspath), self.real_root).replace(os.sep, "/")
            self._keys[abspath] = found
        return found

    def realpath(self, path: str) -> str:
        """`os.path.realpath` of a normalised absolute path, with the real path of every
        folder on the way remembered (a large graph resolves thousands of files in a few
        hundred folders: one `lstat` per file instead of one per path component)."""
        found = self._reals.get(path)
        if found is None:
            head, tail = os.path.split(path)
            if not tail or head == path or os.path.islink(path):
                found = os.path.realpath(path)
            else:
                found = os.path.join(self.realpath(head), tail)
            self._reals[path] = found
        return found

    def abspath(self, key: str) -> str:
        return os.path.normpath(os.path.join(self.real_root, key))

    def _inside(self, path: str) -> bool:
        """Whether an absolute real path lies in the source folder."""
        return path == self.real_root or path.startswith(self.real_root + os.sep)

    def resolve(self, spec: str, importer: str) -> Resolved | Unresolved | None:
        """Resolve `spec` imported by the module `importer` (a key). What a specifier means
        depends only on the importer's folder (and whether it is a page's inline script), so
        the answer is remembered per folder: a package's hundreds of files import the same
        few specifiers."""
        memo_key = (spec, posixpath.dirname(importer), "#module-" in importer)
        found = self._resolved.get(memo_key, _UNSEEN)
        if found is _UNSEEN:
            found = self._resolved[memo_key] = self._resolve(spec, importer)
        return found

    def _resolve(self, spec: str, importer: str) -> Resolved | Unresolved | None:
        if spec.startswith("/"):  # the site's root (or public/), never the disk's
            return resolve_url(spec, importer, self.tree, module=True)
        if spec.startswith(("./", "../")) or spec in (".", ".."):
            result = None
            source = "node_modules/" not in importer and not importer.startswith("../")
            if source:
                result = resolve_url(spec, importer, self.tree, module=True)
                if isinstance(result, Resolved) and "node_modules/" in result.target:
                    target = self.key(self.abspath(result.target))  # (a linked package's)
                    return Resolved(target, result.public, result.split)
                if not (isinstance(result, Unresolved) and result.code == "missing-file"):
                    return result
            base = os.path.dirname(self.abspath(importer))
            candidate = os.path.normpath(os.path.join(base, spec.split("?")[0]))
            found = self._probe(candidate)
            if found is None:
                return result or Unresolved(
                    "missing-file",
                    f"cannot find '{spec}'",
                    (f"looked for {os.path.relpath(candidate)}",),
                )
            real = self.realpath(found)
            if source and not self._inside(real) and "node_modules" not in real.split(os.sep):
                return Unresolved(  # a symlinked folder (which the scan does not enter)
                    "outside-source",
                    f"'{spec}' leads out of the source folder, to {real}",
                    ("only packages (node_modules) are read from outside the source folder",),
                )
            return self._found(found, spec)
        if spec.startswith("node:"):
            return _builtin(spec)
        if ":" in spec.split("/")[0]:
            return None  # a URL (https:): left to the browser
        if spec.startswith("#"):
            return self._imports(spec, importer)
        aliased = self._paths(spec, importer)
        if aliased is not None:
            return aliased
        mapped = self._browser_module(spec, importer)
        if mapped is not None:
            return mapped
        return self._bare(spec, importer)

    def ts_options(self, key: str) -> Options:
        """How the TypeScript or JSX module `key` compiles (its tsconfig.json), or
        `TsConfigError`. With no tsconfig.json, JSX is Preact's when the file's package
        depends on `preact` and not on `react` (what `@preact/preset-vite`, in the
        `vite.config.js` of `npm create vite`'s preact starter, sets)."""
        config = self.tsconfigs.for_file(self.abspath(key))
        if config is not None:
            return config.options
        needs = self._dependencies(key)
        if "preact" in needs and "react" not in needs:
            return Options(jsx_import_source="preact")
        return Options()

    def _dependencies(self, key: str) -> set[str]:
        """The packages the package.json nearest to module `key` depends on (any kind)."""
        package = self.package_of(os.path.dirname(self.abspath(key)))
        return {
            name
            for field in ("dependencies", "devDependencies", "peerDependencies")
            if package is not None and isinstance(package.data.get(field), dict)
            for name in package.data[field]
        }

    def jsx_framework(self, key: str) -> str | None:
        """Why the app's JSX is not React's kind (a call per element) but needs its
        framework's own compiler, from the app's package.json; None when it is."""
        if "node_modules/" in key:
            return None
        needs = self._dependencies(key)
        for name, why in _JSX_COMPILERS.items():
            if name in needs:
                return why
        return None

    def _paths(self, spec: str, importer: str) -> Resolved | None:
        """A bare specifier the importer's tsconfig.json maps (`paths`, `baseUrl`), as tsc
        resolves it; when no file is there, packages are tried as usual."""
        if "node_modules/" in importer or "#module-" in importer or importer.startswith(EMPTY):
            return None
        try:
            config = self.tsconfigs.for_file(self.abspath(importer))
        except TsConfigError:
            return None  # reported with the module that uses it
        if config is None or not (config.paths or config.base_url):
            return None
        for target in match_paths(config, spec):
            found = self._probe(target)
            if found is not None:
                return self._found(found, spec)
        return None

    def _found(self, path: str, spec: str) -> Resolved:
        """A file found, through its package's `browser` map (`"./node.js": "./browser.js"`,
        or `false`: an empty module), as esbuild and webpack read it for the browser."""
        mapped = self._browser_file(path)
        if mapped is False:
            return Resolved(EMPTY + spec, False, len(spec))
        return Resolved(self.key(mapped or path), False, len(spec))

    def is_esm(self, key: str, *, entry: bool) -> bool:
        """Whether a module is an ES module whatever its code looks like: a page's module
        script, an `.mjs` file, a file of a `"type": "module"` package. (Code with neither
        import nor export that mentions `exports` is not CommonJS then, as a bundle's chunk
        built again: lodash-es's `typeof exports == 'object' && exports`.)"""
        if entry or key.endswith(".mjs") or "#module-" in key:
            return True
        package = self.package_of(os.path.dirname(self.abspath(key)))
        return package is not None and package.data.get("type") == "module"

    def package_of(self, folder: str) -> Package | None:
        """The nearest package.json from `folder` upward."""
        while True:
            package = self.package(folder)
            if package is not None:
                return package
            parent = os.path.dirname(folder)
            if parent == folder:
                return None
            folder = parent

    def _browser_map(self, folder: str) -> tuple[Package, dict] | None:
        package = self.package_of(folder)
        if package is None or not isinstance(package.data.get("browser"), dict):
            return None
        return package, package.data["browser"]

    def _browser_file(self, path: str) -> str | bool | None:
        """What a package's `browser` map puts in place of its file `path` (None: itself)."""
        found = self._browser_map(os.path.dirname(path))
        if found is None:
            return None
        package, mapping = found
        stem = os.path.splitext(path)[0]
        for key, value in mapping.items():  # module names (see _browser_module) match no file
            target = os.path.normpath(os.path.join(package.root, key))
            if target in (path, stem) or os.path.splitext(target)[0] == stem:
                if value is False:
                    return False
                if isinstance(value, str):
                    return self._probe(os.path.normpath(os.path.join(package.root, value)))
        return None

    def _browser_module(self, spec: str, importer: str) -> Resolved | Unresolved | None:
        """A bare specifier the importer's package maps in its `browser` field."""
        found = self._browser_map(os.path.dirname(self.abspath(importer)))
        if found is None or spec not in found[1]:
            return None
        package, mapping = found
        value = mapping[spec]
        if value is False:
            return Resolved(EMPTY + spec, False, len(spec))
        if isinstance(value, str) and value.startswith("."):
            target = self._probe(os.path.normpath(os.path.join(package.root, value)))
            if target is not None:
                return Resolved(self.key(target), False, len(spec))
        if isinstance(value, str) and value != spec:
            return self._bare(value, importer)
        return None

    def _imports(self, spec: str, importer: str) -> Resolved | Unresolved:
        """`#internal/x`: the importer's package's `imports` map (subpath imports)."""
        package = self.package_of(os.path.dirname(self.abspath(importer)))
        imports = package.data.get("imports") if package is not None else None
        target = (
            _exports_target(imports, spec, self.conditions, imports=True)
            if isinstance(imports, dict)
            else None
        )
        if target is None:
            where = os.path.relpath(os.path.join(package.root, "package.json")) if package else ""
            return Unresolved(
                "package-import",
                f"cannot resolve '{spec}': the package's \"imports\" do not map it",
                (f'see the "imports" of {where}',) if where else (),
            )
        if not target.startswith("./"):
            return self._bare(target, importer)
        found = self._probe(os.path.normpath(os.path.join(package.root, target)), exact=True)
        if found is None:
            return Unresolved("missing-file", f"cannot find '{target}' ('{spec}')")
        return self._found(found, spec)

    def resolve_style(self, spec: str, importer: str) -> Resolved | Unresolved:
        """A bare CSS `@import` (`"bootstrap"`, `"pkg/dist/x.css"`) in the file `importer`, as a
        package path (what Vite and esbuild try when no relative file has the name): the
        `style` condition and field come first, then the ones modules use."""
        return self._bare(spec, importer, style=True)

    def _bare(self, spec: str, importer: str, style: bool = False) -> Resolved | Unresolved:
        parts = spec.split("/")
        name = "/".join(parts[:2]) if spec.startswith("@") else parts[0]
        subpath = spec[len(name) :]
        folder = os.path.dirname(self.abspath(importer))
        while True:
            candidate = os.path.join(folder, "node_modules", name)
            if os.path.isdir(candidate):
                break
            parent = os.path.dirname(folder)
            if parent == folder and name in NODE_BUILTINS:
                return _builtin(spec)
            if parent == folder:
                start = os.path.relpath(os.path.dirname(self.abspath(importer)))
                return Unresolved(
                    "missing-package",
                    f"cannot find package '{name}'",
                    (
                        f"looked in node_modules folders from {start} upward",
                        f"install it: npm install {name}",
                    ),
                )
            folder = parent
        package = self.package(candidate)
        data = package.data if package else {}
        conditions = ("style", *self.conditions) if style else self.conditions
        if "exports" in data:
            target = _exports_target(data["exports"], "." + subpath, conditions)
            if target is None:
                manifest = os.path.join(os.path.relpath(candidate), "package.json")
                return Unresolved(
                    "package-export",
                    f"package '{name}' does not export '.{subpath}'",
                    (f'see the "exports" of {manifest}',),
                )
            found = self._probe(os.path.normpath(os.path.join(candidate, target)), exact=True)
        elif subpath:
            found = self._probe(os.path.normpath(candidate + subpath), style=style)
        else:
            found = None
            for field in ("style",) * style + ("module", "browser", "main"):
                value = data.get(field)
                if isinstance(value, str):
                    found = self._probe(os.path.normpath(os.path.join(candidate, value)))
                    if found:
                        break
            found = found or self._probe(os.path.join(candidate, "index"))
        if found is None:
            return Unresolved(
                "missing-file",
                f"cannot find '{spec}' in package '{name}'",
                (f"looked in {os.path.relpath(candidate)}",),
            )
        return self._found(found, spec)

    def _probe(self, path: str, exact: bool = False, style: bool = False) -> str | None:
        candidates = (
            (path,)
            if exact
            else (path, path + ".css")
            if style
            else module_candidates(path, _SUFFIXES)
        )
        for p in candidates:
            ok = self._files.get(p)
            if ok is None:
                ok = self._files[p] = os.path.isfile(p)
            if ok:
                return p
        return None

    def inputs(self) -> list[str]:
        """Every package.json and tsconfig file resolution read, or looked for and missed
        (what watch checks before reusing a module's resolution: `discover._stamp`)."""
        files = [os.path.join(folder, "package.json") for folder in self._packages]
        return sorted({*files, *self.tsconfigs.files()})

    def package(self, folder: str) -> Package | None:
        if folder not in self._packages:
            try:
                with open(os.path.join(folder, "package.json"), encoding="utf-8") as f:
                    data = json.load(f)
            except (OSError, ValueError):
                data = None
            self._packages[folder] = (
                Package(folder, str(data.get("name", "")), data) if isinstance(data, dict) else None
            )
        return self._packages[folder]

    def side_effects(self, key: str) -> bool:
        """False when the module's package declares it free of side effects."""
        path = self.abspath(key)
        folder = os.path.dirname(path)
        while "node_modules" in folder or not self._inside(folder):  # a package's file
            package = self.package(folder)
            if package is not None:
                flag = package.data.get("sideEffects", True)
                if flag is False:
                    return False
                if isinstance(flag, list):
                    rel = os.path.relpath(path, folder).replace(os.sep, "/")
                    return any(
                        fnmatch.fnmatchcase(rel, p.lstrip("./"))
                        or fnmatch.fnmatchcase(posixpath.basename(rel), p)
                        for p in flag
                    )
                return True
            if os.path.dirname(folder) == folder:
                break
            folder = os.path.dirname(folder)
        return True


def _exports_target(
    exports: object, subpath: str, conditions: tuple[str, ...], imports: bool = False
) -> str | None:
    """The file `subpath` ("." or "./x") maps to by a package's "exports", as Node resolves it;
    or, `imports`, what "#x" maps to by its "imports" (a file, or another package)."""
    if not imports and (
        isinstance(exports, (str, list))
        or (isinstance(exports, dict) and exports and not next(iter(exports)).startswith("."))
    ):
        exports = {".": exports}
    if not isinstance(exports, dict):
        return None
    if subpath in exports and "*" not in subpath:
        return _target(exports[subpath], "", conditions, imports)
    best: tuple[str, str] | None = None
    for key in exports:
        star = key.find("*")
        if star >= 0:
            prefix, suffix = key[:star], key[star + 1 :]
            fits = (
                subpath.startswith(prefix)
                and subpath.endswith(suffix)
                and len(subpath) >= len(key) - 1
            )
            if fits and (best is None or len(prefix) > len(best[0].split("*")[0])):
                best = (key, subpath[len(prefix) : len(subpath) - len(suffix)])
        elif (
            key.endswith("/")
            and subpath.startswith(key)
            and (best is None or len(key) > len(best[0]))
        ):
            best = (key, subpath[len(key) :])
    if best is None:
        return None
    key, match = best
    target = _target(exports[key], match, conditions, imports)
    if target is not None and key.endswith("/") and "*" not in key:
        target = target + match if target.endswith("/") else target
    return target


def _target(
    value: object, match: str, conditions: tuple[str, ...], bare: bool = False
) -> str | None:
    """`bare`: a target may name another package (in "imports")."""
    if isinstance(value, str):
        if value.startswith("./") or (bare and not value.startswith(("/", "../", "#"))):
            return value.replace("*", match)
        return None
    if isinstance(value, list):
        for item in value:
            found = _target(item, match, conditions, bare)
            if found is not None:
                return found
        return None
    if isinstance(value, dict):
        for condition, item in value.items():
            if condition in conditions:
                found = _target(item, match, conditions, bare)
                if found is not None:
                    return found
        return None
    return None


_UNSEEN = object()

# packages whose JSX only their own compiler turns into JavaScript
_JSX_COMPILERS = {
    "solid-js": "Solid's JSX compiles to DOM expressions with babel-preset-solid "
    "(what vite-plugin-solid runs)",
    "@builder.io/qwik": "Qwik's components need the Qwik optimizer (what "
    "@builder.io/qwik/optimizer's Vite plugin runs)",
    "@qwik.dev/core": "Qwik's components need the Qwik optimizer",
}

# Node.js's built-in modules (`node -p "require('module').builtinModules"`, Node 20)
NODE_BUILTINS = frozenset(
    {
        "assert",
        "async_hooks",
        "buffer",
        "child_process",
        "cluster",
        "console",
        "constants",
        "crypto",
        "dgram",
        "diagnostics_channel",
        "dns",
        "domain",
        "events",
        "fs",
        "http",
        "http2",
        "https",
        "inspector",
        "module",
        "net",
        "os",
        "path",
        "perf_hooks",
        "process",
        "punycode",
        "querystring",
        "readline",
        "repl",
        "stream",
        "string_decoder",
        "sys",
        "timers",
        "tls",
        "trace_events",
        "tty",
        "url",
        "util",
        "v8",
        "vm",
        "wasi",
        "worker_threads",
        "zlib",
    }
)


def _builtin(spec: str) -> Unresolved:
    name = spec.removeprefix("node:").split("/")[0]
    return Unresolved(
        "node-builtin",
        f"'{spec}' is a Node.js built-in module, which browsers do not have",
        (
            "if the package works without it in browsers, its package.json can say so: "
            f'"browser": {{"{name}": false}}',
        ),
    )
