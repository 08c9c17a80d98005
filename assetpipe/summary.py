"""The build summary: what was built, per page and per kind, in files, bytes and gzip bytes.

A page's weight is its HTML plus every output it reaches through references, transitively,
except what scripts load lazily with `import()`. Gzip sizes are those of a level-9 gzip stream
for text files (what a server sends compressed) and the plain size for the rest (images, fonts,
media, which servers send as they are).
"""

from __future__ import annotations

import gzip
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from .media_types import is_text, kind
from .model import OutputFile, Rendered

KIND_ORDER = ("html", "css", "js", "image", "font", "media", "other", "sourcemap")


@dataclass(frozen=True, slots=True)
class Figures:
    files: int
    bytes: int
    gzip: int

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "bytes": self.bytes, "gzip": self.gzip}


def gzip_size(path: str, data: bytes) -> int:
    if not is_text(path) or path.endswith(".map"):  # maps are fetched by developer tools only
        return len(data)
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def summarize(
    rendered: list[Rendered],
    names: dict[str, str],
    outputs: list[OutputFile],
    pages: tuple[str, ...],
    memo: dict | None = None,
) -> dict[str, Any]:
    """`memo` (kept across the builds of `watch`) saves compressing unchanged files again."""
    by_path = {o.path: o for o in outputs}
    gz: dict[str, int] = {}
    todo: list[OutputFile] = []
    for o in outputs:
        kept = memo.get(("gzip", o.path)) if memo is not None else None
        if kept is not None and kept[0] == o.data:
            gz[o.path] = kept[1]
        else:
            todo.append(o)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:  # zlib frees the GIL
        for o, size in zip(todo, pool.map(lambda o: gzip_size(o.path, o.data), todo), strict=True):
            gz[o.path] = size
            if memo is not None:
                memo[("gzip", o.path)] = (o.data, size)
    by_source = {r.source: r for r in rendered}

    kinds: dict[str, list[int]] = {}
    for o in outputs:
        k = kinds.setdefault(kind(o.path), [0, 0, 0])
        k[0] += 1
        k[1] += len(o.data)
        k[2] += gz[o.path]

    page_rows = []
    for page in pages:
        reached = _reach(page, by_source)
        paths = sorted(
            {names[s] for s in reached if s in names}
            | {t for s in reached for t in _public_targets(by_source.get(s))}
        )
        paths = [p for p in paths if p in by_path]
        row = {
            "page": page,
            "files": len(paths),
            "bytes": sum(len(by_path[p].data) for p in paths),
            "gzip": sum(gz[p] for p in paths),
        }
        critical = by_source[page].critical if page in by_source else None
        if critical:
            inlined, full = critical
            row["critical_css"] = {
                "inlined": inlined,
                "stylesheets": full,
                "ratio": round(inlined / full, 3) if full else 0,
            }
        page_rows.append(row)
    total = Figures(len(outputs), sum(len(o.data) for o in outputs), sum(gz.values()))
    return {
        "pages": page_rows,
        "kinds": {k: Figures(*kinds[k]).to_json() for k in KIND_ORDER if k in kinds},
        "total": total.to_json(),
    }


def _public_targets(r: Rendered | None) -> list[str]:
    return [link.target for link in r.links if link.public] if r else []


def _reach(page: str, by_source: dict[str, Rendered]) -> set[str]:
    seen = {page}
    todo = [page]
    while todo:
        r = by_source.get(todo.pop())
        if r is None:
            continue
        lazy = set(r.dynamic_imports)
        targets = [link.target for link in r.links if not link.public]
        for t in [*targets, *r.imports, *r.css]:
            if t not in seen and t not in lazy:
                seen.add(t)
                todo.append(t)
    return seen


def human(n: float) -> str:
    for unit in ("B", "kB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"


def format_summary(
    summary: dict[str, Any], timings: list[tuple[str, float]], out: str, *, max_pages: int = 12
) -> str:
    total = summary["total"]
    pages = summary["pages"]
    seconds = sum(t for _, t in timings)
    lines = [
        f"built {len(pages)} page{'s' if len(pages) != 1 else ''}, {total['files']} files "
        f"({human(total['bytes'])}, {human(total['gzip'])} gzip) into {out}/ "
        f"in {seconds:.2f} s",
        "",
    ]
    width = max([len(p["page"]) for p in pages[:max_pages]] + [len("page")])
    lines.append(f"  {'page':<{width}}  {'files':>5}  {'size':>9}  {'gzip':>9}  inlined CSS")
    ranked = sorted(pages, key=lambda p: (-p["gzip"], p["page"]))
    for p in ranked[:max_pages]:
        css = p.get("critical_css")
        inlined = (
            f"  {human(css['inlined'])} of {human(css['stylesheets'])} ({css['ratio']:.0%})"
            if css
            else ""
        )
        lines.append(
            f"  {p['page']:<{width}}  {p['files']:>5}  {human(p['bytes']):>9}  "
            f"{human(p['gzip']):>9}{inlined}"
        )
    if len(pages) > max_pages:
        lines.append(f"  ... and {len(pages) - max_pages} more pages (--json lists all)")
    lines.append("")
    lines.append(f"  {'kind':<{width}}  {'files':>5}  {'size':>9}  {'gzip':>9}")
    for k, f in summary["kinds"].items():
        lines.append(
            f"  {k:<{width}}  {f['files']:>5}  {human(f['bytes']):>9}  {human(f['gzip']):>9}"
        )
    lines.append("")
    lines.append("  " + " · ".join(f"{name} {t * 1000:.0f} ms" for name, t in timings))
    return "\n".join(lines)
