"""The build manifest (`OUT/.assetpipe/manifest.json`), made from the outputs, never from disk.

`entries` is keyed by source path: each has its output `file`, and what it refers to (`imports`,
`dynamicImports` and `css` for scripts, as in Vite's manifest; `assets` for everything else it
references). `outputs` lists every output file with its size, SHA-256, content type, whether it
is content-hashed (`immutable`) and its source. With `[rum]` on, each page's entry has `build`,
the page's version its monitoring script sends (`hashing.page_version`), and the top-level
`build` is the site's build id (`hashing.build_id`), which servers' templates print; without it
neither key is there. Keys are inserted in sorted order and the JSON is written the same way
every time, so the manifest is as deterministic as the files it describes.
"""

from __future__ import annotations

import json
import os
from typing import Any

from ..images.variants import parse_variant_key
from ..media_types import content_type
from .values import OutputFile, Rendered, data_sha256

VERSION = 1


def make_manifest(
    rendered: list[Rendered],
    names: dict[str, str],
    outputs: list[OutputFile],
    development: bool = False,
    entries: tuple[str, ...] = (),
    import_map: dict[str, str] | None = None,
    build: str = "",
    versions: dict[str, str] | None = None,
    head: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest of a build: each source's output file and what it links to, and each
    output's size, SHA-256, type and source. A development build (watch) says so, second.
    The configuration's `entries` say `"isEntry": true`; `import_map` (unhashed path -> hashed
    file, when chunks import each other through one) is what a server's template puts in its
    `<script type="importmap">` for them (`assetpipe.manifest`). `build`: the site's build id
    (`hashing.build_id`), stated when given; `versions`: source -> the version a page with
    real-user monitoring carries (`hashing.page_version`), its entry's `build`. `head`: the
    settings of what pages get at the end of their `<head>` (`[prefetch]`, `[rum]`), for a
    server's templates to print the same (`Manifest.head`); stated for a build with entries."""
    found: dict[str, Any] = {}
    entry_set = frozenset(entries)
    variants: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(rendered, key=lambda r: r.source):
        variant = parse_variant_key(r.source)
        if variant is not None:  # listed under its image
            path, width, _ = variant
            variants.setdefault(path, []).append(
                {"file": names[r.source], "width": width, "type": content_type(r.output)}
            )
            continue
        entry: dict[str, Any] = {"file": names[r.source]}
        if versions and r.source in versions:
            entry["build"] = versions[r.source]
        if r.output.endswith((".js", ".mjs")) or r.imports or r.dynamic_imports:
            entry["imports"] = list(r.imports)
            entry["dynamicImports"] = list(r.dynamic_imports)
            entry["css"] = [names[c] for c in r.css if c in names]
        skip = set(r.imports) | set(r.dynamic_imports) | set(r.css)
        assets = sorted(
            {
                _source(link.target)
                for link in r.links
                if not link.public and link.target not in skip
            }
        )
        if assets:
            entry["assets"] = assets
        if r.source in entry_set:
            entry["isEntry"] = True
        found[r.source] = entry
    for path, sized in variants.items():
        if path in found:
            found[path]["variants"] = sorted(sized, key=lambda v: (v["type"], v["width"]))
    return {
        "version": VERSION,
        **({"development": True} if development else {}),
        **({"build": build} if build else {}),
        "entries": found,
        **({"importmap": import_map} if import_map and entry_set else {}),
        **({"head": head} if head and entry_set else {}),
        "outputs": {
            o.path: {
                "size": len(o.data),
                "sha256": data_sha256(o.data),
                "content_type": content_type(o.path),
                "immutable": o.immutable,
                "source": _source(o.source),
            }
            for o in sorted(outputs, key=lambda o: o.path)
        },
    }


def _source(source: str | None) -> str | None:
    variant = parse_variant_key(source) if source else None
    return variant[0] if variant else source


def dumps(manifest: dict[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode()


def dump(value: dict[str, Any], path: str | os.PathLike) -> None:
    """`dumps(value)`, written to `path` as it is encoded: the manifest and report of a
    10,000-page site are 5 and 24 MB of JSON, which `dumps` holds in about four times that
    (its pieces, then the text, then the bytes) until the end."""
    encoder = json.JSONEncoder(indent=1, ensure_ascii=False)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for chunk in encoder.iterencode(value):
            f.write(chunk)
        f.write("\n")
