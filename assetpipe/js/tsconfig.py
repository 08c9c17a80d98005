"""tsconfig.json: the settings TypeScript and JSX files compile with, and `paths` aliases.

Each file is compiled with the nearest `tsconfig.json` in its folder or above (not above a
`node_modules` folder it lies in). A "solution" config (`"files": []` with `references`, as
`npm create vite` writes) hands a file to the referenced config whose `include` takes it, as
Vite does. `extends` (a path, a list of paths, or a package's config such as
`@tsconfig/strictest`) is followed, later settings winning; `baseUrl` and `paths` are relative
to the config that sets them. The file is JSON with comments and trailing commas; anything else
is a `TsConfigError` at its line and column.

Read: `jsx`, `jsxFactory`, `jsxFragmentFactory`, `jsxImportSource`, `experimentalDecorators`
(`emitDecoratorMetadata` is refused where a decorator is used),
`useDefineForClassFields` (default: true unless `target` is below ES2022, as esbuild decides),
`verbatimModuleSyntax`, `preserveValueImports`, `baseUrl`, `paths`. Type checking options are
not read: nothing is type-checked.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
from dataclasses import dataclass

from ..diagnostics import LineIndex, Location
from .typescript import Options


class TsConfigError(Exception):
    def __init__(self, message: str, location: Location) -> None:
        super().__init__(message)
        self.message = message
        self.location = location


@dataclass(frozen=True)
class TsConfig:
    path: str  # the file whose settings these are (after `extends`)
    options: Options
    paths: tuple[tuple[str, tuple[str, ...]], ...] = ()  # pattern -> absolute targets
    base_url: str | None = None
    include: tuple[str, ...] = ()  # absolute patterns, when the config names them
    references: tuple[str, ...] = ()
    settings: tuple[tuple[str, object], ...] = ()  # the compiler options read, after extends


_TOKENS = re.compile(
    r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*.*?\*/|,(?=\s*(?://[^\n]*\s*|/\*.*?\*/\s*)*[}\]])', re.S
)


def parse_jsonc(text: str, path: str) -> dict:
    """JSON with comments and trailing commas (as tsc reads tsconfig.json)."""

    def keep(m: re.Match) -> str:
        token = m.group(0)
        if token.startswith('"'):
            return token
        return "".join(c if c in "\r\n" else " " for c in token)  # offsets stay the same

    plain = _TOKENS.sub(keep, text)
    try:
        data = json.loads(plain) if plain.strip() else {}
    except ValueError as exc:
        pos = getattr(exc, "pos", 0) or 0
        raise TsConfigError(
            f"invalid tsconfig: {getattr(exc, 'msg', exc)}", LineIndex(text).locate(path, pos)
        ) from None
    if not isinstance(data, dict):
        raise TsConfigError("invalid tsconfig: not an object", LineIndex(text).locate(path, 0))
    return data


class TsConfigs:
    """The tsconfig of each folder, read once."""

    def __init__(self) -> None:
        self._nearest: dict[str, TsConfig | None] = {}
        self._files: dict[str, dict] = {}
        self._resolved: dict[str, TsConfig] = {}

    def files(self) -> list[str]:
        """The tsconfig files read, and those looked for in folders that have none."""
        return [*self._files, *(os.path.join(f, "tsconfig.json") for f in self._nearest)]

    def for_file(self, abspath: str) -> TsConfig | None:
        config = self.nearest(os.path.dirname(abspath))
        if config is not None and config.references and not config.include:
            for ref in config.references:
                sub = self.load(ref)
                if sub.include and _included(abspath, sub.include):
                    return sub
        return config

    def nearest(self, folder: str) -> TsConfig | None:
        if folder in self._nearest:
            return self._nearest[folder]
        found: TsConfig | None = None
        candidate = os.path.join(folder, "tsconfig.json")
        if os.path.isfile(candidate):
            found = self.load(candidate)
        elif os.path.basename(folder) != "node_modules":
            parent = os.path.dirname(folder)
            if parent != folder and os.path.basename(parent) != "node_modules":
                found = self.nearest(parent)
        self._nearest[folder] = found
        return found

    def raw(self, path: str) -> dict:
        if path not in self._files:
            try:
                with open(path, encoding="utf-8-sig") as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError) as exc:
                raise TsConfigError(f"cannot read {path}: {exc}", Location(path)) from None
            self._files[path] = parse_jsonc(text, path)
        return self._files[path]

    def load(self, path: str, seen: tuple[str, ...] = ()) -> TsConfig:
        path = os.path.normpath(path)
        if path in self._resolved:
            return self._resolved[path]
        if path in seen:
            raise TsConfigError("tsconfig extends itself", Location(path))
        data = self.raw(path)
        folder = os.path.dirname(path)
        settings: dict = {}
        paths: dict = {}
        base_url = None
        paths_base = None
        parents = data.get("extends", [])
        for parent in [parents] if isinstance(parents, str) else parents:
            if not isinstance(parent, str):
                continue
            target = self._extends(parent, folder)
            if target is None:
                raise TsConfigError(
                    f"cannot find the tsconfig '{parent}' this one extends", Location(path)
                )
            inherited = self.load(target, (*seen, path))
            settings.update(self._settings(inherited))
            if inherited.base_url:
                base_url = inherited.base_url
            if inherited.paths:
                paths = dict(inherited.paths)
        options = data.get("compilerOptions") or {}
        if not isinstance(options, dict):
            options = {}
        settings.update({k: v for k, v in options.items() if k in _READ})
        if isinstance(options.get("baseUrl"), str):
            base_url = os.path.normpath(os.path.join(folder, options["baseUrl"]))
        if isinstance(options.get("paths"), dict):
            paths_base = base_url or folder
            paths = {
                k: tuple(
                    os.path.normpath(os.path.join(paths_base, t)) for t in v if isinstance(t, str)
                )
                for k, v in options["paths"].items()
                if isinstance(v, list)
            }
        include = tuple(
            os.path.normpath(os.path.join(folder, p))
            for p in data.get("include") or data.get("files") or ()
            if isinstance(p, str)
        )
        references = tuple(
            _reference(os.path.join(folder, r["path"]))
            for r in data.get("references") or ()
            if isinstance(r, dict) and isinstance(r.get("path"), str)
        )
        config = TsConfig(
            path,
            _options(settings),
            tuple(paths.items()),
            base_url,
            include,
            references,
            tuple(settings.items()),
        )
        self._resolved[path] = config
        return config

    def _settings(self, config: TsConfig) -> dict:
        return dict(config.settings)

    def _extends(self, spec: str, folder: str) -> str | None:
        if spec.startswith((".", "/")) or os.path.isabs(spec):
            base = os.path.normpath(os.path.join(folder, spec))
            for candidate in (base, base + ".json", os.path.join(base, "tsconfig.json")):
                if os.path.isfile(candidate):
                    return candidate
            return None
        here = folder
        while True:
            package = os.path.join(here, "node_modules", spec)
            for candidate in (package, package + ".json", os.path.join(package, "tsconfig.json")):
                if os.path.isfile(candidate):
                    return candidate
            parent = os.path.dirname(here)
            if parent == here:
                return None
            here = parent


_READ = frozenset(
    {
        "jsx",
        "jsxFactory",
        "jsxFragmentFactory",
        "jsxImportSource",
        "experimentalDecorators",
        "emitDecoratorMetadata",
        "useDefineForClassFields",
        "verbatimModuleSyntax",
        "preserveValueImports",
        "target",
    }
)
_OLD_TARGETS = (
    "es3",
    "es5",
    "es6",
    "es2015",
    "es2016",
    "es2017",
    "es2018",
    "es2019",
    "es2020",
    "es2021",
)


def _options(s: dict) -> Options:
    jsx = str(s.get("jsx", "react-jsx")).lower()
    define = s.get("useDefineForClassFields")
    if not isinstance(define, bool):
        define = str(s.get("target", "esnext")).lower() not in _OLD_TARGETS
    return Options(
        jsx="classic" if jsx == "react" else "automatic",
        jsx_factory=str(s.get("jsxFactory") or "React.createElement"),
        jsx_fragment=str(s.get("jsxFragmentFactory") or "React.Fragment"),
        jsx_import_source=str(s.get("jsxImportSource") or "react"),
        experimental_decorators=s.get("experimentalDecorators") is True,
        decorator_metadata=s.get("emitDecoratorMetadata") is True,
        define_fields=define,
        verbatim=s.get("verbatimModuleSyntax") is True or s.get("preserveValueImports") is True,
    )


def _reference(path: str) -> str:
    return os.path.join(path, "tsconfig.json") if os.path.isdir(path) else path


def _included(abspath: str, patterns: tuple[str, ...]) -> bool:
    for pattern in patterns:
        if abspath == pattern or abspath.startswith(pattern.rstrip(os.sep) + os.sep):
            return True  # a folder
        regex = fnmatch.translate(pattern).replace(".*.*", ".*")
        if re.match(regex, abspath):
            return True
    return False


def match_paths(config: TsConfig, spec: str) -> list[str]:
    """The files a `paths` alias (or `baseUrl`) maps `spec` to, in the order tsc tries them."""
    best: tuple[int, list[str]] | None = None
    for pattern, targets in config.paths:
        if "*" in pattern:
            prefix, _, suffix = pattern.partition("*")
            if spec.startswith(prefix) and spec.endswith(suffix) and len(spec) >= len(pattern) - 1:
                star = spec[len(prefix) : len(spec) - len(suffix)]
                if best is None or len(prefix) > best[0]:
                    best = (len(prefix), [t.replace("*", star) for t in targets])
        elif pattern == spec:
            return list(targets)
    if best is not None:
        return best[1]
    if config.base_url:
        return [os.path.join(config.base_url, spec)]
    return []
