"""Reading a build's manifest from a server: the tags a template prints for an entry.

    from assetpipe import manifest
    m = manifest.load("static/dist")            # the output folder, or a manifest file
    html = m.tags("src/main.ts", base_url="/static/dist/")

`load` reads the build's own manifest (`OUT/.assetpipe/manifest.json`) or Vite's
(`OUT/.vite/manifest.json`, written with `[build] vite_manifest`). `Manifest.tags` prints, for
one or more entries, in the order a browser needs them:

1. the import map, when chunks import each other through one (`js.import_map`, the default):
   an entry's chunks, and those its dynamic imports load, by their unhashed URLs;
2. `<link rel="stylesheet">` for every stylesheet the entries' modules import, and the
   stylesheet entries named;
3. `<link rel="modulepreload">` for every chunk the entries import statically, however deep,
   so the browser fetches them all at once instead of one level at a time;
4. `<script type="module">` for each script entry.

In development (`dev_server`, the URL `assetpipe watch` prints), URLs point at the watcher's
server and the live-reload client is added, as django-vite does with Vite's dev server; the
manifest is read again whenever the watcher rewrites it. The Django template tag and the Jinja
global (`assetpipe.django`, `assetpipe.jinja`) print these tags; with `critical=True`, the
response's critical CSS is inlined by a middleware (`assetpipe.critical_css`).
"""

from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ASSETPIPE_MANIFEST = ".assetpipe/manifest.json"
VITE_MANIFEST = ".vite/manifest.json"
LIVE_RELOAD_CLIENT = "/__assetpipe/client.js"  # (server/dev.py serves it)
RUM_SOURCE = "assetpipe:rum.js"  # the monitoring script's source key (`assetpipe.rum.SOURCE`)


class ManifestError(Exception):
    """A manifest that cannot be read, or an entry it does not have."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One source's output: its file and, for a chunk, what it loads (keys of the manifest,
    but `css` and `assets`: output paths)."""

    file: str
    imports: tuple[str, ...] = ()
    dynamic_imports: tuple[str, ...] = ()
    css: tuple[str, ...] = ()
    is_entry: bool = False

    @property
    def is_script(self) -> bool:
        return self.file.endswith((".js", ".mjs"))


@dataclass(frozen=True, slots=True)
class Manifest:
    """A build's manifest: its entries by source path, the import map (unhashed output path ->
    hashed, both relative to the output folder), and whether watch wrote it."""

    path: str
    entries: dict[str, Entry]
    import_map: dict[str, str]
    development: bool = False
    build: str = ""  # the site's build id
    settings: dict[str, Any] = field(default_factory=dict)  # "head": what `head()` prints

    def entry(self, source: str) -> Entry:
        found = self.entries.get(source.removeprefix("./"))
        if found is None:
            known = ", ".join(k for k, e in self.entries.items() if e.is_entry) or "none"
            raise ManifestError(f"{self.path} has no entry {source!r} (entries: {known})")
        return found

    def url(self, source: str, base_url: str = "/") -> str:
        """The URL of the file `source` became (an entry, an image a script imports)."""
        return join_url(base_url, self.entry(source).file)

    def tags(
        self,
        *sources: str,
        base_url: str = "/",
        dev_server: str = "",
        nonce: str = "",
        critical: bool = False,
    ) -> str:
        """The HTML that loads `sources` (script and stylesheet entries): import map,
        stylesheets, module preloads, module scripts. `base_url` is where the output folder
        is served (`STATIC_URL`, a CDN); `dev_server` (development) the watcher's URL, which
        then serves everything, with live reload. `nonce` is set on the scripts and the
        import map, for a Content-Security-Policy. `critical` marks the stylesheet links for
        the response's critical CSS to be inlined (`assetpipe.critical_css`); not in
        development, where the watcher swaps whole stylesheets on a change."""
        base = join_url(dev_server, "/") if dev_server else base_url
        entries = [(s.removeprefix("./"), self.entry(s)) for s in sources]
        static = self._closure([s for s, e in entries if e.is_script], dynamic=False)
        css: dict[str, None] = {}
        for key in static:
            css.update(dict.fromkeys(self.entries[key].css))
        for _, e in entries:
            if not e.is_script:
                css[e.file] = None
        nonce_attr = f' nonce="{_attr(nonce)}"' if nonce else ""
        out = []
        mapped = self._import_map(self._closure([s for s, _ in entries], dynamic=True), base)
        if mapped:
            text = json.dumps({"imports": mapped}, separators=(",", ":")).replace("</", "<\\/")
            out.append(f'<script type="importmap"{nonce_attr}>{text}</script>')
        mark = " data-assetpipe-critical" if critical and not dev_server else ""
        out += [f'<link rel="stylesheet" href="{_attr(join_url(base, f))}"{mark}>' for f in css]
        scripts = {s for s, e in entries if e.is_script}
        out += [
            f'<link rel="modulepreload" href="{_attr(join_url(base, self.entries[k].file))}">'
            for k in static
            if k not in scripts
        ]
        out += [
            f'<script type="module" src="{_attr(join_url(base, e.file))}"{nonce_attr}></script>'
            for _, e in entries
            if e.is_script
        ]
        if dev_server:
            client = join_url(dev_server, LIVE_RELOAD_CLIENT)
            out.append(f'<script src="{_attr(client)}"{nonce_attr}></script>')
        return "\n".join(out)

    def head(self, *, base_url: str = "/", nonce: str = "", pages: str = "/") -> str:
        """What the build puts at the end of every page's `<head>`, for a server's base
        template: the speculation rules of `[prefetch]` (over links to pages under `pages`,
        the URL path of the app's pages) with their fallback, and the real-user monitoring
        script of `[rum]` (from `base_url`, with the site's build id). `nonce` goes on every
        script. Empty in development (the watcher's builds have neither) and for a build
        with `[build] vite_manifest`, whose manifest has no room for them."""
        if self.development:
            return ""
        settings = self.settings.get("head") or {}
        out = []
        rules = settings.get("speculation")
        if rules:
            from .html.speculation import tags  # (only a template that prints it pays for it)

            found = tags(
                rules["mode"], rules["eagerness"], tuple(rules["exclude"]), pages, nonce=nonce
            )
            out += found.split("\n") if found else []
        rum = settings.get("rum")
        if rum and RUM_SOURCE in self.entries:
            out.append(
                rum_tag(
                    join_url(base_url, self.entries[RUM_SOURCE].file),
                    rum["endpoint"],
                    rum["sample_rate"],
                    self.build,
                    nonce,
                )
            )
        return "\n".join(out)

    def loads(self, source: str) -> list[str]:
        """The output files the tags of `source` load: its file, the chunks it imports
        statically however deep, and their stylesheets."""
        files: dict[str, None] = {}
        for key in self._closure([source.removeprefix("./")], dynamic=False):
            e = self.entries[key]
            files.update(dict.fromkeys([e.file, *e.css]))
        return list(files)

    def _closure(self, roots: list[str], *, dynamic: bool) -> list[str]:
        """`roots` and every chunk they import statically (and dynamically, if `dynamic`), in
        the order met (depth first), each once."""
        seen: dict[str, None] = {}
        todo = list(reversed(roots))
        while todo:
            key = todo.pop()
            if key in seen or key not in self.entries:
                continue
            seen[key] = None
            e = self.entries[key]
            todo.extend(reversed([*e.imports, *(e.dynamic_imports if dynamic else ())]))
        return list(seen)

    def _import_map(self, keys: list[str], base: str) -> dict[str, str]:
        if not self.import_map:
            return {}
        hashed = {v: k for k, v in self.import_map.items()}
        files = sorted({self.entries[k].file for k in keys} & set(hashed))
        return {join_url(base, hashed[f]): join_url(base, f) for f in files}


_loaded: dict[str, tuple[float, Manifest]] = {}


def load(path: str | os.PathLike[str]) -> Manifest:
    """The manifest at `path`: an output folder (its `.assetpipe/manifest.json`), or a manifest
    file, the build's own or Vite's. Read again only when the file changed (watch rewrites
    it on every build), so calling this on every request costs a `stat`."""
    file = Path(path)
    if file.is_dir():
        file = file / ASSETPIPE_MANIFEST
    key = str(file)
    try:
        mtime = file.stat().st_mtime_ns
    except OSError as exc:
        raise ManifestError(
            f"no build manifest at {file}: run `assetpipe build` (or `assetpipe watch`) first "
            f"({exc.strerror})"
        ) from None
    kept = _loaded.get(key)
    if kept is not None and kept[0] == mtime:
        return kept[1]
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ManifestError(f"cannot read the manifest {file}: {exc}") from None
    manifest = parse(str(file), data)
    _loaded[key] = (mtime, manifest)
    return manifest


def parse(path: str, data: Any) -> Manifest:
    """The manifest `data` (either format, as read from `path`)."""
    if not isinstance(data, dict):
        raise ManifestError(f"{path} is not a build manifest (not a JSON object)")
    if isinstance(data.get("entries"), dict) and "version" in data:  # assetpipe's own
        raw, import_map = data["entries"], data.get("importmap") or {}
        development = bool(data.get("development"))
        build = data.get("build") if isinstance(data.get("build"), str) else ""
        settings = {"head": data["head"]} if isinstance(data.get("head"), dict) else {}
    else:  # Vite's: the entries themselves
        raw, import_map, development, build, settings = data, {}, False, "", {}
    entries = {}
    for key, e in raw.items():
        if not isinstance(e, dict) or not isinstance(e.get("file"), str):
            raise ManifestError(f"{path}: the entry {key!r} has no file")
        entries[key] = Entry(
            e["file"],
            tuple(e.get("imports") or ()),
            tuple(e.get("dynamicImports") or ()),
            tuple(e.get("css") or ()),
            bool(e.get("isEntry")),
        )
    return Manifest(path, entries, dict(import_map), development, build, settings)


def join_url(base: str, path: str) -> str:
    """`path` (from the output folder) under `base` (a path or URL, with or without `/`)."""
    if not base:
        return path
    return base.rstrip("/") + "/" + path.lstrip("/")


def rum_tag(src: str, endpoint: str, sample_rate: float, build: str, nonce: str = "") -> str:
    """The real-user monitoring script's tag (`assetpipe.rum`): `async`, so it never blocks
    rendering, and `fetchpriority="low"`, behind the page's other requests."""
    return (
        f'<script async fetchpriority="low" src="{_attr(src)}" '
        f'data-endpoint="{_attr(endpoint)}" '
        f'data-sample-rate="{sample_rate!r}" data-build="{_attr(build)}"'
        + (f' nonce="{_attr(nonce)}"' if nonce else "")
        + "></script>"
    )


def _attr(value: str) -> str:
    return html.escape(value, quote=True)
