"""Hashing in two passes: placeholders in, content hashes bottom-up, placeholders out.

Rendered files hold `placeholder(i)` wherever they refer to another output. Hashed files are
taken in dependency order (strongly connected components of the reference graph, leaves first):
a file's references are substituted with its dependencies' final URLs, and its name is the hash
of the bytes that result. So a file's name changes exactly when its bytes do, and a change deep
in the graph renames every file that (transitively) refers to it, and nothing else.

Files that refer to each other in a cycle (a stylesheet and an SVG that uses it) are hashed
together: one digest over all members' texts, with references inside the cycle standing as
their source paths, then each member's name from that digest and its own path. Any change to
any member renames every member, whose bytes all change because each names the others.

Unhashed files (pages) are substituted last, once every hashed name is known, one at a time:
a page's rendered text is read back (from the build's spool file, for a large site),
substituted and handed to `store` (to disk, past a limit), so a site's pages are never all in
memory.

A page with monitoring on (`assetpipe/rum`) also holds a placeholder for its version (a link of
style "build"), filled in after every other placeholder of the page: `page_version`, 12 hex
digits of the SHA-256 of the page's bytes with the version left empty. So a page's version, and
its bytes, change exactly when the page's text or a name it links to does: a changed asset
leaves the pages that do not link to it as they were (their uploads, CDN copies and 304s).
`build_id`, over the outputs that are not pages, is the site's id that the manifest states as
`"build"` (for servers' templates).
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..cache import MapRun
from .urls import absolute_url, link_url
from .values import Blob, OutputFile, Rendered, data_sha256

# The one definition of placeholders: `placeholder(i)` stands for `Rendered.links[i]` until
# hashing writes the URL; the patterns find them (group 1: i), the prefix may not appear in sources.
PLACEHOLDER_PREFIX = "__asp_ref"
PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_PREFIX) + r"(\d+)__")
PLACEHOLDER_BYTES = re.compile(PLACEHOLDER.pattern.encode())
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
HASH_LENGTH = 8


_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def output_template(source: str, assets_dir: str) -> str:
    """`<assets>/<name>-[hash]<ext>`, the name reduced to characters no URL needs to escape."""
    stem, ext = posixpath.splitext(posixpath.basename(source))
    name = _UNSAFE.sub("-", stem).strip("-.") or "file"
    return f"{assets_dir}/{name}-[hash]{ext}"


def placeholder(i: int) -> str:
    """The text that stands for link `i` of a rendered file (see `PLACEHOLDER`)."""
    return f"{PLACEHOLDER_PREFIX}{i}__"


def shift_placeholders(text: str, offset: int) -> str:
    """`text` with placeholder i renumbered i + offset (its links go after `offset` others)."""
    if not offset:
        return text
    return PLACEHOLDER.sub(lambda m: placeholder(int(m[1]) + offset), text)


def content_hash(data: bytes) -> str:
    """8 characters of [0-9A-Za-z] from the SHA-256 of `data` (47 bits)."""
    return digest_hash(hashlib.sha256(data).digest())


def digest_hash(digest: bytes) -> str:
    """`content_hash` of the bytes whose SHA-256 is `digest`."""
    n = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(HASH_LENGTH):
        n, r = divmod(n, 62)
        chars.append(_ALPHABET[r])
    return "".join(chars)


def counts_in_build_id(path: str) -> bool:
    """Whether output `path` is one the build id covers: not a page, not a source map, not
    the Vite manifest (which only names other outputs)."""
    return not path.endswith((".html", ".map")) and path != ".vite/manifest.json"


def build_id(outputs: Iterable[OutputFile]) -> str:
    """12 hex digits of the SHA-256 over the sorted (path, SHA-256) pairs of `outputs` that
    `counts_in_build_id`: the same files give the same id, any change to one a new id."""
    pairs = sorted({(o.path, data_sha256(o.data)) for o in outputs if counts_in_build_id(o.path)})
    digest = hashlib.sha256()
    for path, sha in pairs:
        digest.update(f"{path}\0{sha}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()[:12]


def page_version(blank: bytes) -> str:
    """A page's version: 12 hex digits of the SHA-256 of its final bytes with the version
    itself left empty (`data-build=""`), so anyone can check it: blank the attribute, hash."""
    return hashlib.sha256(blank).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class HashedFiles:
    """What `hash_files` makes: the final outputs, the output path of every source, and the
    version of every page that carries one (source -> `page_version`; none without `[rum]`)."""

    outputs: list[OutputFile]
    names: dict[str, str]
    versions: dict[str, str]


def hash_files(
    rendered: list[Rendered],
    base: str,
    inline_maps: bool = False,
    memo: dict[tuple[str, int], MapRun] | None = None,
    site_url: str = "",
    store: Callable[[bytes, str], bytes | Blob] | None = None,
) -> HashedFiles:
    """Final outputs, output paths and page versions. `memo` (watch) keeps encoded
    source-map runs across builds. `site_url`: the site's address, before the URLs of links
    whose style is "absolute" (preview images). `store(bytes, output path)` keeps an
    unhashed file's bytes (the build's: on disk)."""
    by_source = {r.source: r for r in rendered}
    # unhashed files (pages, a service worker) keep their paths: known before any hash
    names: dict[str, str] = {r.source: r.output for r in rendered if not r.hashed}
    outputs: list[OutputFile] = []

    hashed = sorted(r.source for r in rendered if r.hashed)
    graph = {
        s: sorted(
            {
                link.target
                for link in by_source[s].links
                if not link.public and link.target in by_source and by_source[link.target].hashed
            }
        )
        for s in hashed
    }
    deps = graph.__getitem__
    for component in strongly_connected(hashed, deps):
        members = sorted(component)
        cyclic = len(members) > 1 or members[0] in deps(members[0])
        if not cyclic:
            r = by_source[members[0]]
            if isinstance(r.data, Blob) and r.text is None:  # (an image: no links, no map)
                names[r.source] = r.output.replace(
                    "[hash]", digest_hash(bytes.fromhex(r.data.sha256))
                )
                outputs.append(OutputFile(names[r.source], r.data, r.source, True))
                continue
            data, shifts = _bytes(r, lambda t: names[t], base, site_url)
            data, extra = _with_map(r, data, shifts, memo)
            names[r.source] = r.output.replace("[hash]", content_hash(data + extra))
            outputs.extend(_finish(r, names[r.source], data, extra, inline_maps))
            continue
        inside = set(members)
        joint = hashlib.sha256()
        for m in members:
            text, _ = _bytes(
                by_source[m],
                lambda t, inside=inside: "\0" + t + "\0" if t in inside else names[t],
                base,
                site_url,
            )
            joint.update(m.encode() + b"\0" + len(text).to_bytes(8, "little") + text)
            if by_source[m].sourcemap is not None:
                joint.update(_with_map(by_source[m], text, [], memo)[1])
        digest = joint.digest()
        for m in members:
            names[m] = by_source[m].output.replace("[hash]", content_hash(digest + m.encode()))
        for m in members:
            data, shifts = _bytes(by_source[m], lambda t: names[t], base, site_url)
            data, extra = _with_map(by_source[m], data, shifts, memo)
            outputs.extend(_finish(by_source[m], names[m], data, extra, inline_maps))
    # unhashed files last, once every hashed name is known; a page's version after its URLs
    versions: dict[str, str] = {}
    for r in rendered:
        if r.hashed:
            continue
        holes: list[int] = []
        data, _ = _bytes(r, lambda t: names[t], base, site_url, holes)
        if holes and not isinstance(data, Blob):
            versions[r.source] = page_version(data)
            data = _fill(data, holes, versions[r.source].encode())
        if store is not None and not isinstance(data, Blob):
            data = store(data, r.output)
        outputs.append(OutputFile(r.output, data, r.source, False))
    return HashedFiles(outputs, names, versions)


def _fill(data: bytes, holes: list[int], value: bytes) -> bytes:
    """`data` with `value` inserted at each offset of `holes` (ascending)."""
    pieces, last = [], 0
    for at in holes:
        pieces += [data[last:at], value]
        last = at
    pieces.append(data[last:])
    return b"".join(pieces)


def _with_map(
    r: Rendered, data: bytes, shifts: list[tuple[int, int]], memo: dict | None
) -> tuple[bytes, bytes]:
    """The file's bytes and its source map's (empty without one)."""
    if r.sourcemap is None:
        return data, b""
    from ..js.sourcemap import encode

    return data, encode(data, shifts, r.sourcemap, posixpath.dirname(r.output), memo)


def _finish(
    r: Rendered, path: str, data: bytes, map_bytes: bytes, inline: bool = False
) -> list[OutputFile]:
    """The output file, and its source map, which its last line names (or holds, inline)."""
    if not map_bytes:
        return [OutputFile(path, data, r.source, True)]
    if inline:
        encoded = base64.b64encode(map_bytes).decode()
        comment = f"\n//# sourceMappingURL=data:application/json;base64,{encoded}\n".encode()
        return [OutputFile(path, data + comment, r.source, True)]
    comment = f"\n//# sourceMappingURL={posixpath.basename(path)}.map\n".encode()
    return [
        OutputFile(path, data + comment, r.source, True),
        OutputFile(path + ".map", map_bytes, r.source, True),
    ]


def _bytes(
    r: Rendered,
    name_of: Callable[[str], str],
    base: str,
    site_url: str = "",
    holes: list[int] | None = None,
) -> tuple[bytes | Blob, list[tuple[int, int]]]:
    """The file's bytes with every placeholder replaced, and where lengths changed. A "build"
    link's is left empty, its offset in the result appended to `holes` (the page's version
    goes there)."""
    if r.text is None:
        return r.data or b"", []
    text = r.text
    raw = text.encode("utf-8", "surrogateescape") if isinstance(text, str) else text.read()
    if not r.links:
        return raw, []
    from_page = not r.hashed
    shifts: list[tuple[int, int]] = []

    def substitute(m: re.Match[bytes]) -> bytes:
        link = r.links[int(m[1])]
        if link.style == "build":
            if holes is not None:  # where it is in the result: after the shifts so far
                holes.append(m.start() + sum(delta for _, delta in shifts))
            shifts.append((m.start(), -(m.end() - m.start())))
            return b""
        target = link.target if link.public else name_of(link.target)
        url = link_url(
            target, r.output, module=link.style == "module", from_page=from_page, base=base
        )
        if link.style == "absolute":
            url = absolute_url(url, r.output, site_url)
        url = url.encode()
        shifts.append((m.start(), len(url) - (m.end() - m.start())))
        return url

    return PLACEHOLDER_BYTES.sub(substitute, raw), shifts


def strongly_connected(nodes: list[str], edges: Callable[[str], list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative; components come out leaves first (reverse topological)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            succ = edges(node)
            if i < len(succ):
                work.append((node, i + 1))
                nxt = succ[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            for s in succ:
                if s in on_stack:
                    low[node] = min(low[node], low[s])
            if low[node] == index[node]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                result.append(component)
    return result
