"""Resolution: from a URL written in a file to the source file it means, or a reason it has none.

Rules (SPEC "Source conventions"): a URL with a scheme, `//`, `data:` or only a fragment is
external and left alone; a local URL is relative to the file that holds it, or root-absolute
(`/img/x.png` is `<src>/img/x.png`, or `<src>/public/img/x.png` when that exists, which wins as in
Vite); it may name a file of an installed package (in a `node_modules` folder in the source
folder or above it, which the scan does not list), and a file of a workspace package outside
the source folder (which only packages reach) may name its own package's files; its query and
fragment are kept;
percent-escapes are decoded. Pages (`.html`) are never targets: a URL that reaches one is a page
link and stays as written. Module specifiers may leave out the extension or `/index.*` (TypeScript
first), and a `.js` one finds the `.ts` file beside it when there is no `.js` file;
bare specifiers (`preact`) are the bundler's (`js/resolve.py`), as are bare CSS `@import`s.

Resolution is exact about case: `Logo.PNG` does not find `logo.png`, because the server will not.
"""

from __future__ import annotations

import difflib
import os
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote

from .values import SourceTree

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
# as `moduleResolution: "bundler"` probes: TypeScript first, then JavaScript, then an index;
# and `.json`, as Node's `require("./data")` and esbuild find it
_MODULE_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".mts", ".cts", ".json")
MODULE_SUFFIXES = ("", *_MODULE_EXTENSIONS, *("/index" + e for e in _MODULE_EXTENSIONS))
# a `.js` specifier finds the TypeScript file it is compiled from (`./util.js` -> util.ts)
_TS_SOURCES = {".js": (".ts", ".tsx"), ".jsx": (".tsx",), ".mjs": (".mts",), ".cjs": (".cts",)}


def module_candidates(path: str, suffixes: tuple[str, ...] = MODULE_SUFFIXES):
    """The files a module specifier may mean, in the order they are tried."""
    for suffix in suffixes:
        yield path + suffix
    stem, ext = posixpath.splitext(path)
    for replacement in _TS_SOURCES.get(ext, ()):
        yield stem + replacement


PAGE_EXTENSIONS = (".html", ".htm")


@dataclass(frozen=True, slots=True)
class Resolved:
    target: str  # source path, or for public files the output path
    public: bool
    split: int  # index in the URL where "?query#fragment" starts (len(url) when absent)


@dataclass(frozen=True, slots=True)
class Unresolved:
    code: str
    message: str
    notes: tuple[str, ...] = ()


def split_url(url: str) -> int | None:
    """Where the query or fragment of a local URL starts; None for a URL that is not local."""
    if not url or url.startswith("#") or url.startswith("//") or _SCHEME.match(url):
        return None
    q = url.find("?")
    h = url.find("#")
    ends = [i for i in (q, h) if i >= 0]
    return min(ends) if ends else len(url)


def is_page(path: str) -> bool:
    return path.lower().endswith(PAGE_EXTENSIONS)


def resolve(
    url: str, referrer: str, tree: SourceTree, *, module: bool = False
) -> Resolved | Unresolved | None:
    """Resolve `url`, written in the source file `referrer`; None when it is not an asset."""
    split = split_url(url)
    if split is None:
        return None
    path = unquote(url[:split])
    if not path:
        return None  # "?x" or "" refers to the document itself
    if module and not path.startswith(("/", "./", "../")):
        return Unresolved(
            "bare-import",
            f"cannot import '{path}': bare module specifiers are resolved by the bundler, "
            "which this version does not have yet",
            ("write a relative specifier ('./lib/x.js') or a root-absolute one ('/js/x.js')",),
        )
    public = tree.public_dir
    own = False  # a workspace package's file naming one of its own
    if path.startswith("/"):
        rel = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
        if rel in tree.public_set:
            return Resolved(rel, True, split)
        candidate = rel
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))
        outside = candidate == ".." or candidate.startswith("../")
        own = outside and _in_own_package(referrer, candidate, tree.root)
        if outside and not own and not _in_package(candidate):
            return Unresolved("outside-source", f"'{url}' points outside the source folder")
        if candidate.startswith(public + "/") and candidate[len(public) + 1 :] in tree.public_set:
            return Resolved(candidate[len(public) + 1 :], True, split)
    if path.endswith("/") or candidate in ("", ".") or is_page(candidate):
        return None  # a page link
    for name in module_candidates(candidate) if module else (candidate,):
        if name in tree.files:
            return Resolved(name, False, split)
    if (_in_package(candidate) or own) and os.path.isfile(os.path.join(tree.root, candidate)):
        return Resolved(candidate, False, split)  # the scan does not list packages
    return _missing(url, candidate, tree)


def missing_page(url: str, referrer: str, tree: SourceTree) -> Unresolved | None:
    """For a link `resolve` leaves alone as a page link: why it leads nowhere, when it names a
    page file (`.html`) that is neither a page of the site nor a file of `public/`. A folder
    (`blog/`) or a name without an extension may be a route the server answers: None."""
    split = split_url(url)
    path = unquote(url[:split]) if split else ""
    if not is_page(path):
        return None
    if path.startswith("/"):
        candidate = posixpath.normpath(path.lstrip("/"))
        if candidate in tree.public_set:
            return None
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))
        if candidate == ".." or candidate.startswith("../"):
            return None  # (beyond the site: another app of the same host)
        prefix = tree.public_dir + "/"
        if candidate.startswith(prefix) and candidate[len(prefix) :] in tree.public_set:
            return None
    if candidate in tree.files:
        return None
    return _missing(url, candidate, tree)


def page_target(url: str, referrer: str, tree: SourceTree) -> Resolved | None:
    """The output path a local URL to a page, folder or route names (`/blog/` is "blog/",
    `../about.html` "about.html", `/` ""), as a public target, for a URL that must be written
    absolute (`og:url`, `<link rel="canonical">`). None for an external URL, one that climbs
    out of the site, or a `.html` file that is no page (a missing link)."""
    split = split_url(url)
    if split is None or split == 0:
        return None
    path = unquote(url[:split])
    if path.startswith("/"):
        candidate = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
    else:
        candidate = posixpath.normpath(posixpath.join(posixpath.dirname(referrer), path))
        if candidate == ".." or candidate.startswith("../"):
            return None
        prefix = tree.public_dir + "/"
        if candidate.startswith(prefix) and candidate[len(prefix) :] in tree.public_set:
            candidate = candidate[len(prefix) :]
    candidate = "" if candidate == "." else candidate
    if is_page(candidate) and candidate not in tree.files and candidate not in tree.public_set:
        return None
    if candidate and path.endswith("/"):
        candidate += "/"
    return Resolved(candidate, True, split)


def _in_package(candidate: str) -> bool:
    """Whether a normalised source-relative path lies in a `node_modules` folder (inside the
    source folder or above it, as packages a project installed do): a file of a package, which
    pages, stylesheets and the package's own files may refer to."""
    return "node_modules" in candidate.split("/")[:-1]


def _in_own_package(referrer: str, candidate: str, root: str) -> bool:
    """Whether a file outside the source folder refers to one of its own package's files: a
    stylesheet of a workspace package (`../packages/ui/ui.css`, reached through
    `node_modules/ui`) naming its font. Real paths, so no symlink leads out of the package."""
    if not referrer.startswith("../") or "node_modules" in referrer.split("/"):
        return False
    folder = os.path.dirname(os.path.realpath(os.path.join(root, referrer)))
    while not os.path.isfile(os.path.join(folder, "package.json")):
        if os.path.dirname(folder) == folder:
            return False
        folder = os.path.dirname(folder)
    target = os.path.realpath(os.path.join(root, candidate))
    return target.startswith(folder + os.sep)


def _missing(url: str, candidate: str, tree: SourceTree) -> Unresolved:
    for path in (candidate, tree.public_dir + "/" + candidate):
        if path in tree.links:
            code = "outside-source" if "outside" in tree.links[path] else "broken-link"
            return Unresolved(code, f"'{url}': {path} is {tree.links[path]}")
    notes = [f"looked for {posixpath.join(tree.display_root, candidate)}"]
    lower = candidate.lower()
    same_but_case = [f for f in tree.files if f.lower() == lower]
    if same_but_case:
        notes.append(f"'{same_but_case[0]}' exists: names are case-sensitive on the server")
    else:
        folder, name = posixpath.split(candidate)
        siblings = sorted(
            posixpath.basename(f) for f in tree.files if posixpath.dirname(f) == folder
        )
        close = difflib.get_close_matches(name, siblings, n=1, cutoff=0.8)
        if close:
            notes.append(f"did you mean '{posixpath.join(folder, close[0])}'?")
    return Unresolved("missing-file", f"cannot find '{url}'", tuple(notes))
