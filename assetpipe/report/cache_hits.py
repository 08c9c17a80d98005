"""The cache-hit figure: of what a returning visitor's browser requests on each page after this
build replaces OLD, the share its HTTP cache serves (issue 20: "90 %+ cache hits", measured).

The visitor visited the page on OLD with a warm cache and comes back: the browser asks for
the files the new page report lists for the page (its `files`, everything a visit loads
without the user acting; chunks loaded with `import()` are `lazy_js`, left out). A file is
**served by the cache** when

- it is content-hashed (`immutable` in the manifest) and OLD had a file at that path: the same
  hashed name means the same bytes, and the browser does not even ask; or
- it is revalidated on every visit (pages, `public/` files: not immutable) and its bytes are
  those OLD had at that path (same SHA-256): the server answers `304 Not Modified` to the
  browser's `If-None-Match` and the body comes from the cache;

otherwise it is **refetched**. Per page: requests served / requested and bytes served / bytes
(each file's `gzip` figure of the report: text gzipped, images and fonts as they are, what a
page's `total.gzip` adds up). For the site: the mean of the pages' shares, each page weighing
the same, or as a page-weight file says (`read_page_weights`). A page whose URL OLD did not
have is new: no one returns to it, so it is listed apart and left out of the site figure.

Everything comes from the two builds' manifests (`outputs`: path → sha256, immutable) and the
new page report; nothing here reads the disk but `read_page_weights`. Output is sorted, so
the same builds give the same figure.
"""

from __future__ import annotations

import csv
import io
import json
import math
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Location, warning

FIGURE = "gzip"  # the per-file size the bytes share counts, as a page's `total.gzip` does


class PageWeightsError(Exception):
    """The page-weight file cannot be used; the message starts with `FILE:LINE:`."""


@dataclass(frozen=True, slots=True)
class PageWeights:
    """A page-weight file as read: `(key, weight, line)` per entry, in file order; a key is a
    page's source path (`blog/index.html`) or URL path (`/blog/`)."""

    file: str
    entries: tuple[tuple[str, float, int], ...]


def read_page_weights(path: str) -> PageWeights:
    """`--page-weights FILE`: a JSON object `{"page": weight}`, or CSV lines `page,weight` (a
    header line first, blank lines and `#` comments allowed). Weights are numbers >= 0.
    Raises `PageWeightsError` naming the file and line of the first problem."""
    try:
        with open(path, encoding="utf-8-sig") as f:
            text = f.read()
    except OSError as exc:
        raise PageWeightsError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise PageWeightsError(f"{path}: not UTF-8 text") from None
    if text.lstrip().startswith(("{", "[")):
        return PageWeights(path, _json_entries(path, text))
    return PageWeights(path, _csv_entries(path, text))


def _json_entries(path: str, text: str) -> tuple[tuple[str, float, int], ...]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", 1)
        message = getattr(exc, "msg", str(exc))
        raise PageWeightsError(f"{path}:{line}: not JSON: {message}") from None
    if not isinstance(data, dict):
        line = text[: len(text) - len(text.lstrip())].count("\n") + 1
        raise PageWeightsError(f'{path}:{line}: expected a JSON object {{"page": weight}}')
    entries = []
    for key, value in data.items():
        found = text.find(json.dumps(key, ensure_ascii=False))
        line = text.count("\n", 0, found) + 1 if found >= 0 else 1
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise PageWeightsError(f"{path}:{line}: the weight of {key!r} is not a number")
        entries.append((key, _weight(path, line, float(value), key), line))
    return tuple(entries)


def _csv_entries(path: str, text: str) -> tuple[tuple[str, float, int], ...]:
    entries = []
    reader = csv.reader(io.StringIO(text))
    first = True
    for row in reader:
        line = reader.line_num
        if not row or not "".join(row).strip() or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 2:
            raise PageWeightsError(
                f"{path}:{line}: expected two fields, page,weight; found {len(row)}"
            )
        key, value = row[0].strip(), row[1].strip()
        try:
            weight = float(value)
        except ValueError:
            if first:  # a header line: page,weight (or views, visits...)
                first = False
                continue
            raise PageWeightsError(
                f"{path}:{line}: the weight {value!r} of {key!r} is not a number"
            ) from None
        first = False
        if not key:
            raise PageWeightsError(f"{path}:{line}: no page before the weight")
        entries.append((key, _weight(path, line, weight, key), line))
    return tuple(entries)


def _weight(path: str, line: int, weight: float, key: str) -> float:
    if not math.isfinite(weight) or weight < 0:
        raise PageWeightsError(f"{path}:{line}: the weight of {key!r} must be a number >= 0")
    return weight


def page_for(
    key: str,
    pages: Mapping[str, str],
    base: str = "/",
    by_file: Mapping[str, str] | None = None,
) -> str | None:
    """The page (source path) a weight key names: a source path, an output path, a URL path
    (`/blog/` is `blog/index.html`, `/about` may be `about.html` or `about/index.html`) under
    the site's `base` path, or a full URL; `pages` maps each page to its output file,
    `by_file` (made from it when not given) each output file to its page."""
    if key in pages:
        return key
    if by_file is None:
        by_file = {file: page for page, file in pages.items()}
    if key in by_file:
        return by_file[key]
    parts = urlsplit(key)
    if not (parts.scheme or key.startswith("/")):
        return None
    path = unquote(parts.path) or "/"
    prefix = base if base.startswith("/") else "/"
    if (path + "/").startswith(prefix):
        path = path[len(prefix) :]
    path = path.lstrip("/")
    if path == "" or path.endswith("/"):
        candidates = [path + "index.html"]
    else:
        candidates = [path, path + ".html", path + "/index.html"]
    for candidate in candidates:
        if posixpath.normpath(candidate) in by_file:
            return by_file[posixpath.normpath(candidate)]
    return None


def cache_hits(
    old_outputs: Mapping[str, Any],
    report: Mapping[str, Any],
    new_outputs: Mapping[str, Any],
    *,
    base: str = "/",
    weights: PageWeights | None = None,
) -> dict[str, Any]:
    """The figure for `report` (the new page report) replacing the build whose manifest
    `outputs` are `old_outputs`; `new_outputs` the new manifest's. Pages worst first."""
    pages: list[dict[str, Any]] = []
    new_pages: list[str] = []
    exact: dict[str, tuple[float, float]] = {}  # page → its shares, before rounding
    for page in report["pages"]:
        if page["file"] not in old_outputs:
            new_pages.append(page["page"])
            continue
        requested = served = size = served_size = 0
        refetched = []
        for f in sorted(page["files"], key=lambda f: f["file"]):
            path, figure = f["file"], f[FIGURE]
            requested += 1
            size += figure
            if _cached(path, old_outputs, new_outputs):
                served += 1
                served_size += figure
            else:
                refetched.append(path)
        exact[page["page"]] = (_ratio(served, requested), _ratio(served_size, size))
        pages.append(
            {
                "page": page["page"],
                "file": page["file"],
                "requests": requested,
                "served": served,
                "bytes": size,
                "served_bytes": served_size,
                "share_requests": round(exact[page["page"]][0], 4),
                "share_bytes": round(exact[page["page"]][1], 4),
                "refetched": refetched,
            }
        )
    site_weights, unmatched = _page_weights(weights, report, base)
    for row in pages:
        row["weight"] = site_weights.get(row["page"], 0.0) if weights else 1.0
    pages.sort(key=lambda r: (r["share_requests"], r["share_bytes"], r["page"]))
    total_weight = sum(r["weight"] for r in pages)

    def mean(which: int) -> float | None:
        if not total_weight:
            return None
        weighted = sum(exact[r["page"]][which] * r["weight"] for r in pages)
        return round(weighted / total_weight, 4)

    return {
        "figure": FIGURE,
        "weights": weights.file if weights else None,
        "site": {
            "pages": sum(1 for r in pages if r["weight"]),
            "share_requests": mean(0),
            "share_bytes": mean(1),
            "requests": sum(r["requests"] for r in pages),
            "served": sum(r["served"] for r in pages),
            "bytes": sum(r["bytes"] for r in pages),
            "served_bytes": sum(r["served_bytes"] for r in pages),
        },
        "pages": pages,
        "new_pages": sorted(new_pages),
        "unmatched_weights": unmatched,
    }


def _cached(path: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> bool:
    before, after = old.get(path), new.get(path)
    if before is None or after is None:
        return False
    if after.get("immutable"):
        return True  # same hashed name, same bytes: not even asked for
    return bool(after.get("sha256")) and before.get("sha256") == after.get("sha256")  # a 304


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def _page_weights(
    weights: PageWeights | None, report: Mapping[str, Any], base: str
) -> tuple[dict[str, float], list[str]]:
    """Page → weight (keys naming one page add up), and the keys that name no page."""
    if weights is None:
        return {}, []
    pages = {p["page"]: p["file"] for p in report["pages"]}
    by_file = {file: page for page, file in pages.items()}
    found: dict[str, float] = {}
    unmatched = []
    for key, weight, _ in weights.entries:
        page = page_for(key, pages, base, by_file)
        if page is None:
            unmatched.append(key)
        else:
            found[page] = found.get(page, 0.0) + weight
    return found, unmatched


def weight_warnings(
    result: Mapping[str, Any] | None, weights: PageWeights | None
) -> list[Diagnostic]:
    """A warning for each entry of the page-weight file that names no page of the build."""
    if not result or weights is None:
        return []
    unmatched = set(result.get("unmatched_weights", ()))
    return [
        warning(
            "page-weights",
            f"{key!r} is no page of this build: its weight is not counted",
            Location(weights.file, line),
        )
        for key, _, line in weights.entries
        if key in unmatched
    ]
