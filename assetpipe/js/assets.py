"""Asset imports: what importing a file that is not a module gives, and Vite's `?url`, `?raw`
and `?inline` suffixes.

    import logo from './logo.svg'         the file's URL as the build publishes it
    import w from './paint.js?url'        the same for any file, a script or stylesheet too
    import text from './shader.glsl?raw'  the file's text (UTF-8) as a string
    import icon from './icon.svg?inline'  a `data:` URL of the file (at most INLINE_LIMIT bytes)

Each is a small module of its own, keyed by the file's key and the query (`img/logo.svg?url`;
a file of `public/` is `<public>:vite.svg?url`), whose source is `export default <value>;`,
bundled and tree-shaken like any other. A URL is written as `new URL('./logo.svg',
import.meta.url).href`, so the file is published, processed and named exactly as a `new URL()`
beside it would have it: an image a page shows is the images stage's optimised fallback, a
stylesheet its processed file, a script its minified copy (not bundled), anything else its hashed
copy. A public file's URL is its path as written (as Vite gives it). Text and data URLs are
written into the module's source, so its analysis cache key and its chunk's hash follow the
file's bytes. Images inlined lose their location metadata, as copied images do.

Invariant: the modules made here depend only on the file's bytes and name, never on where the
source folder lies.
"""

from __future__ import annotations

import base64
import json
import os
import posixpath
from urllib.parse import quote

from ..images.metadata import strip_location
from ..media_types import content_type, extension
from ..pipeline.hashing import PLACEHOLDER_PREFIX
from ..pipeline.locate import Resolved, Unresolved, is_page
from ..pipeline.values import SourceTree

QUERIES = ("url", "raw", "inline")
KINDS = ("import", "re-export", "dynamic")  # the import records a query is read on
PUBLIC = "<public>:"  # the key prefix of a file of public/
INLINE_LIMIT = 100_000  # bytes: a larger file is refused `?inline` (a data URL grows it by 1/3)
FAILED_ASSET = b"export default void 0;\n"  # the module of a file that could not be read
_MARKER = PLACEHOLDER_PREFIX  # placeholders must not appear in a string as written


def split_query(specifier: str) -> tuple[str, str | None]:
    """(the path, the query) of a local or bare specifier; URLs (`https:`) keep theirs."""
    if ":" in specifier.split("/")[0] or "?" not in specifier:
        return specifier, None
    path, _, query = specifier.partition("?")
    return (path, query) if query else (path, None)


def asset_key(result: Resolved, query: str | None) -> str | Unresolved:
    """The key of the module an import of the resolved file with `query` (None: a file that is
    not a module) gives, or why it cannot be imported so."""
    target = PUBLIC + result.target if result.public else result.target
    name = posixpath.basename(result.target)
    if query is None:
        query = "url"
        if extension(name) == ".wasm":
            return Unresolved(
                "import-kind",
                f"cannot import '{name}' as a module: WebAssembly's ES module integration is "
                "not supported",
                ("for its URL (to pass to WebAssembly.instantiateStreaming), add '?url'",),
            )
    elif query not in QUERIES:
        notes = ("known suffixes: ?url (its URL), ?raw (its text), ?inline (a data: URL)",)
        if query.startswith(("worker", "sharedworker")):
            notes = (
                "for a worker: new Worker(new URL('./worker.js', import.meta.url), "
                "{ type: 'module' })",
            )
        return Unresolved("import-query", f"unknown import query '?{query}' on '{name}'", notes)
    elif query == "inline" and extension(name) == ".css":
        return Unresolved(
            "import-query",
            f"cannot import '{name}?inline': a stylesheet's text as a string is not supported",
            ("'?raw' gives its text as written, '?url' the URL of the processed stylesheet",),
        )
    if query == "url" and is_page(name):
        return Unresolved(
            "import-query",
            f"cannot import '{name}?url': a page is published at its own path, not as an asset",
            ("link it by its path, or import its text with '?raw'",),
        )
    return f"{target}?{query}"


def find_page(path: str, importer: str, tree: SourceTree) -> Resolved | None:
    """A page named by a relative specifier (which URL resolution leaves alone, as a link):
    `import t from './t.html?raw'`."""
    if not path.startswith(("./", "../")) or "#" in importer or importer.startswith("<"):
        return None
    target = posixpath.normpath(posixpath.join(posixpath.dirname(importer), path))
    return Resolved(target, False, len(path)) if is_page(target) and target in tree.files else None


def is_asset_key(key: str) -> bool:
    return key.rpartition("?")[2] in QUERIES and "?" in key


def asset_file(key: str, tree: SourceTree) -> str:
    """The file an asset module's key names."""
    target = key.rpartition("?")[0]
    if target.startswith(PUBLIC):
        return os.path.join(tree.root, tree.public_dir, target[len(PUBLIC) :])
    return os.path.join(tree.root, target)


def asset_source(key: str, tree: SourceTree) -> bytes | Unresolved:
    """The source of the module `key` names (see `asset_key`), or why it cannot be made."""
    target, _, query = key.rpartition("?")
    name = posixpath.basename(target)
    if query == "url" and target.startswith(PUBLIC):
        return _module(json.dumps("/" + target[len(PUBLIC) :]))
    if query == "url":
        return _module(f"new URL({json.dumps('./' + quote(name))}, import.meta.url).href")
    try:
        with open(asset_file(key, tree), "rb") as f:
            data = f.read()
    except OSError as exc:
        return Unresolved("missing-file", f"cannot read {target}: {exc.strerror}")
    if query == "raw":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            return Unresolved(
                "import-query",
                f"cannot import '{name}?raw': it is not UTF-8 text",
                ("for a binary file, import its URL ('?url') and fetch() it",),
            )
        return _module(_string(text))
    if len(data) > INLINE_LIMIT:
        return Unresolved(
            "import-query",
            f"cannot import '{name}?inline': {len(data):,} bytes is more than the "
            f"{INLINE_LIMIT:,} a data: URL may hold here",
            ("import its URL instead ('?url'): the browser caches the file on its own",),
        )
    return _module(json.dumps(data_url(name, strip_location(data))))


def data_url(name: str, data: bytes) -> str:
    """A `data:` URL of a file: percent-encoded for SVG (smaller, and it compresses), base64 for
    the rest."""
    media = content_type(name).replace("; ", ";")
    if media == "image/svg+xml":
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "data:image/svg+xml," + quote(text, safe="/:;=,!*@&+$")
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def _string(text: str) -> str:
    """A JavaScript string literal of `text` (JSON's), in which no placeholder can appear."""
    return json.dumps(text, ensure_ascii=False).replace(_MARKER, "_\\u005f" + _MARKER[2:])


def _module(value: str) -> bytes:
    return f"export default {value};\n".encode("utf-8", "surrogatepass")
