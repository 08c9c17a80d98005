"""Discover: read the pages, follow their references, and collect every file the site reaches.

Starting from the pages, each file is read once, its references are found by the parser for its
role (HTML, CSS, JavaScript module, SVG, web manifest) and resolved; each target is queued with
the role its reference gives it. A file found as a classic script and later imported as a module
is parsed again as a module. Problems (missing files, syntax errors) become diagnostics at their
`file:line:col`, and discovery goes on so that the build reports them all at once.

Invariant: the result depends only on the source tree, never on traversal order: roles are
upgraded monotonically and the result is returned sorted by path.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass

from . import webmanifest
from .css.refs import find_references as css_references
from .css.refs import preprocess as css_preprocess
from .diagnostics import Diagnostic, LineIndex, Location, error
from .html.refs import find_references as html_references
from .js.parse import find_imports
from .media_types import extension
from .model import Parsed, RawRef, Ref, Role, SourceTree
from .resolve import Resolved, Unresolved, resolve

MARKER = "__asp_ref"  # placeholder prefix (see hashing.py); may not appear in sources
_TEXT_ROLES = frozenset({"page", "css", "js-module", "js-classic", "svg", "manifest"})
# When one file is referenced in two ways, the stronger role wins.
_RANK = {"copy": 0, "js-classic": 1, "js-module": 2}


@dataclass(frozen=True, slots=True)
class Discovery:
    files: dict[str, Parsed]  # by source path, sorted
    diagnostics: tuple[Diagnostic, ...]


def role_for(ref: RawRef, target: str) -> Role:
    """The processing a referenced file gets, from its extension and the way it is referenced."""
    ext = extension(target)
    if ref.kind == "manifest":
        return "manifest"
    if ext == ".css" or ref.kind == "stylesheet":
        return "css"
    if ext in (".js", ".mjs"):
        return "js-module" if ref.module else "js-classic"
    if ext == ".svg":
        return "svg"
    return "copy"


def read_text(path: str) -> str:
    """File text as UTF-8; undecodable bytes survive as surrogates and are written back as-is."""
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def discover(tree: SourceTree) -> Discovery:
    roles: dict[str, Role] = {}
    files: dict[str, Parsed] = {}
    diagnostics: list[Diagnostic] = []
    queue: deque[tuple[str, Role]] = deque((p, "page") for p in tree.pages)
    for p in tree.pages:
        roles[p] = "page"
    while queue:
        path, role = queue.popleft()
        if roles.get(path) != role:
            continue  # superseded by a stronger role
        parsed, found = _parse(path, role, tree, diagnostics)
        files[path] = parsed
        for ref, target_role in found:
            old = roles.get(ref.target)
            if old is None or (old in _RANK and _RANK.get(target_role, -1) > _RANK[old]):
                roles[ref.target] = target_role
                queue.append((ref.target, target_role))
    return Discovery(dict(sorted(files.items())), tuple(diagnostics))


def _parse(
    path: str, role: Role, tree: SourceTree, diagnostics: list[Diagnostic]
) -> tuple[Parsed, list[tuple[Ref, Role]]]:
    abspath = os.path.join(tree.root, path)
    if role not in _TEXT_ROLES:
        return Parsed(path, role, None), []
    text = read_text(abspath)
    lines: LineIndex | None = None

    def where(offset: int, length: int = 1) -> Location:
        nonlocal lines
        lines = lines or LineIndex(text)
        return lines.locate(abspath, offset, length)

    if MARKER in text:
        diagnostics.append(
            error(
                "reserved-marker",
                f"'{MARKER}' is reserved by assetpipe",
                where(text.index(MARKER), len(MARKER)),
            )
        )
        return Parsed(path, role, text), []

    raws: list[RawRef] = []
    if role == "page" or role == "svg":
        found = html_references(text, xml=role == "svg")
        raws = list(found.refs)
        for p in found.problems:
            diagnostics.append(error("js-syntax", p.message, where(p.offset, p.length)))
    elif role == "css":
        text = css_preprocess(text)
        raws = css_references(text)
    elif role == "js-module":
        raws, problems = find_imports(text)
        for p in problems:
            diagnostics.append(error("js-syntax", p.message, where(p.offset, p.length)))
    elif role == "js-classic":
        _, problems = find_imports(text)
        for p in problems:
            diagnostics.append(error("js-syntax", p.message, where(p.offset, p.length)))
    elif role == "manifest":
        try:
            raws = webmanifest.find_references(text)
        except webmanifest.ManifestError as exc:
            diagnostics.append(error("manifest-syntax", str(exc), where(exc.offset)))

    refs: list[Ref] = []
    found_targets: list[tuple[Ref, Role]] = []
    for raw in raws:
        result = resolve(raw.url, path, tree, module=raw.kind in ("import", "dynamic-import"))
        if result is None:
            continue
        if isinstance(result, Unresolved):
            diagnostics.append(
                error(
                    result.code,
                    result.message,
                    where(raw.start, max(1, raw.end - raw.start)),
                    *result.notes,
                )
            )
            continue
        ref = _to_ref(raw, result, text)
        refs.append(ref)
        if not ref.public:
            found_targets.append((ref, role_for(raw, ref.target)))
    return Parsed(path, role, text, tuple(refs)), found_targets


def _to_ref(raw: RawRef, resolved: Resolved, text: str) -> Ref:
    """Keep the query and fragment as written in the source."""
    if resolved.split >= len(raw.url):
        return Ref(raw, resolved.target, resolved.public, "")
    written = text[raw.start : raw.end]
    path_part = raw.url[: resolved.split]
    if written.startswith(path_part):
        return Ref(raw, resolved.target, resolved.public, written[len(path_part) :])
    return Ref(raw, resolved.target, resolved.public, _escape(raw.url[resolved.split :], raw))


def _escape(suffix: str, raw: RawRef) -> str:
    if raw.escape == "html":
        return suffix.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;")
    if raw.escape in ("css-string", "css-url", "js"):
        out = suffix.replace("\\", "\\\\").replace('"', '\\"').replace("'", "\\'")
        return (
            out.replace(" ", "\\ ").replace("(", "\\(").replace(")", "\\)")
            if raw.escape == "css-url"
            else out
        )
    return suffix
