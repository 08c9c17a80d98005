"""An independent check of a built site: every local URL in every output resolves to a file of
the output (page links included). It resolves URLs against the output folder on disk, the way
a static server would, so it catches rewriting mistakes the build itself cannot see."""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from urllib.parse import unquote

from assetpipe.css.refs import find_references as css_refs
from assetpipe.html.refs import find_references as html_refs
from assetpipe.html.tokenize import tokenize
from assetpipe.js.parse import find_imports
from assetpipe.resolve import split_url


def broken_references(out: Path, base: str = "/") -> list[str]:
    files = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    mapped = _import_maps(out, files, base)
    problems = []
    for rel in sorted(files):
        if rel.startswith(".assetpipe/"):
            continue
        for url in _urls(out / rel, rel):
            target = _target(url, rel, base)
            if target is None:
                continue
            if rel.endswith(".js") and target not in files:
                target = mapped.get(target, target)  # a chunk's stable name
            if target.endswith("/") or target == "":
                target += "index.html"
            if target not in files:
                problems.append(f"{rel}: {url} -> {target} does not exist")
    return problems


def _import_maps(out: Path, files: set[str], base: str) -> dict[str, str]:
    """Stable chunk paths -> hashed files, from every page's import map (checked too)."""
    mapped: dict[str, str] = {}
    for rel in sorted(f for f in files if f.endswith(".html")):
        text = (out / rel).read_text("utf-8", "surrogateescape")
        for tag in tokenize(text):
            if tag.name == "script" and tag.get("type") == "importmap" and tag.content:
                data = json.loads(text[tag.content[0] : tag.content[1]])
                for key, value in data.get("imports", {}).items():
                    mapped[_target(key, rel, base)] = _target(value, rel, base)
    return mapped


def _urls(path: Path, rel: str) -> list[str]:
    text = (
        path.read_text("utf-8", "surrogateescape")
        if path.suffix in (".html", ".css", ".js", ".mjs", ".svg", ".webmanifest")
        else ""
    )
    if path.suffix == ".html":
        urls = [r.url for r in html_refs(text).refs]
        for tag in tokenize(text):
            if tag.name in ("a", "area") and tag.get("href"):
                urls.append(tag.get("href").strip())
        return urls
    if path.suffix == ".svg":
        return [r.url for r in html_refs(text, xml=True).refs]
    if path.suffix == ".css":
        return [r.url for r in css_refs(text)]
    if path.suffix in (".js", ".mjs"):
        return [r.url for r in find_imports(text)[0]]
    if path.suffix == ".webmanifest":
        data = json.loads(text)
        urls = [i["src"] for i in data.get("icons", [])]
        urls += [data[k] for k in ("start_url", "scope") if k in data]
        return urls
    return []


def _target(url: str, referrer: str, base: str) -> str | None:
    split = split_url(url)
    if split is None:
        return None
    path = unquote(url[:split])
    if not path:
        return None
    if path.startswith("/"):
        if not path.startswith(base):
            return f"(outside base {base}) {path}"
        return path[len(base) :]
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))
    joined = "" if joined == "." else joined
    return joined + "/" if path.endswith("/") and joined else joined
