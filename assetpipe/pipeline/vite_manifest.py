"""`.vite/manifest.json` (`[build] vite_manifest`), in the format of Vite's `build.manifest`, for
the server integrations that read it (django-vite, vite_ruby, Laravel's plugin).

As Vite documents it (https://vite.dev/guide/backend-integration): one object keyed by source
path relative to the source folder, for every JavaScript chunk, every entry and every asset a
script imports. A chunk made of no single module (code shared by entries) is keyed by its file
name with a leading `_` (`_shared-B7PI925R.js`). Each holds `file` (the output path, from the
output folder), `name` (chunks and stylesheet entries), `names` (stylesheet entries: the
source's file name, as Vite 8 writes), `src` (its source, but for shared chunks), `isEntry`
(an entry of the configuration or a page's script), `isDynamicEntry` (the target of a
dynamic `import()`), `imports` and `dynamicImports` (keys of this manifest), `css` (the output
paths of the stylesheets its modules import) and `assets` (the output paths of other files
they import).
Empty fields are left out and keys are sorted, as Vite writes them.

Chunks import each other by their hashed names in this mode (`js.import_map` is off), since
the integrations print `<script type="module">` and `<link rel="modulepreload">` tags and no
import map; imports are relative (`./shared-B7PI925R.js`), so the output works under any URL
the server gives it (`STATIC_URL`, a CDN).
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from .entries import Entries
from .values import Rendered

PATH = ".vite/manifest.json"


def make_vite_manifest(
    rendered: list[Rendered],
    names: dict[str, str],
    modules: frozenset[str],
    entries: Entries,
    page_scripts: frozenset[str],
) -> dict[str, Any]:
    """The Vite manifest of a build: `modules` are the module keys (a chunk whose source is
    not one is shared code), `page_scripts` the modules pages load as scripts."""
    by_source = {r.source: r for r in rendered}
    chunks = [
        r
        for r in rendered
        if r.output.endswith((".js", ".mjs")) and "#module-" not in r.source and r.source in names
    ]
    keys = {r.source: _key(r.source, names[r.source], modules) for r in chunks}
    dynamic = {t for r in chunks for t in r.dynamic_imports}
    wanted_assets: set[str] = set()
    manifest: dict[str, dict[str, Any]] = {}
    for r in chunks:
        entry: dict[str, Any] = {"file": names[r.source], "name": _name(r.output)}
        if r.source in modules:
            entry["src"] = r.source
        if r.source in entries.scripts or r.source in page_scripts:
            entry["isEntry"] = True
        if r.source in dynamic:
            entry["isDynamicEntry"] = True
        imports = [keys[i] for i in r.imports if i in keys]
        dynamic_imports = [keys[i] for i in r.dynamic_imports if i in keys]
        css = [names[c] for c in r.css if c in names]
        skip = {*r.imports, *r.dynamic_imports, *r.css}
        assets = sorted(
            {
                link.target
                for link in r.links
                if not link.public
                and link.target not in skip
                and link.target in names
                and not _is_code(link.target, by_source)
            }
        )
        wanted_assets.update(assets)
        if imports:
            entry["imports"] = imports
        if dynamic_imports:
            entry["dynamicImports"] = dynamic_imports
        if css:
            entry["css"] = css
        if assets:
            entry["assets"] = [names[a] for a in assets]
        manifest[keys[r.source]] = entry
    for path in entries.stylesheets:
        if path in names:
            file = names[path]
            manifest[path] = {
                "file": file,
                "name": _name(by_source[path].output),
                "names": [posixpath.basename(path)],
                "src": path,
                "isEntry": True,
            }
    for path in sorted(wanted_assets):
        manifest.setdefault(path, {"file": names[path], "src": path})
    return dict(sorted(manifest.items()))


def dumps(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()


def _key(source: str, file: str, modules: frozenset[str]) -> str:
    return source if source in modules else "_" + posixpath.basename(file)


def _name(output: str) -> str:
    """The name a file was given before its hash: `assets/main-[hash].js` -> `main`."""
    return posixpath.basename(output).split("-[hash]")[0].rsplit(".", 1)[0]


def _is_code(target: str, by_source: dict[str, Rendered]) -> bool:
    """Whether a linked file is a chunk or a stylesheet (listed under `imports`/`css`), not
    an asset: a stylesheet a dynamic import loads is the imported chunk's."""
    found = by_source.get(target)
    output = found.output if found is not None else target
    return output.endswith((".js", ".mjs", ".css"))
