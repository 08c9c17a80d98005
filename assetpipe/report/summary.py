"""The build summary: what was built, per page and per kind, in files, bytes and gzip bytes.

A page's figures are those of the page report (`report/pages.py`): what a first visit downloads.
Gzip sizes are those of a level-9 gzip stream for text files (what a server sends compressed)
and the plain size for the rest (images, fonts, media, which servers send as they are).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..media_types import kind
from ..pipeline.values import OutputFile, Rendered

KIND_ORDER = ("html", "css", "js", "image", "font", "media", "other", "sourcemap")


@dataclass(frozen=True, slots=True)
class Figures:
    files: int
    bytes: int
    gzip: int

    def to_json(self) -> dict[str, int]:
        return {"files": self.files, "bytes": self.bytes, "gzip": self.gzip}


def summarize(
    outputs: list[OutputFile],
    sizes: dict[str, tuple[int, int, int]],
    report: dict[str, Any],
    rendered: list[Rendered],
    manifest: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Files, bytes and gzip bytes per kind and in all (`sizes`: `report.compressed_sizes`),
    each page's row of the report (largest first) with its critical CSS, and each entry of
    the configuration's (`manifest`) with what its tags load."""
    kinds: dict[str, list[int]] = {}
    for o in outputs:
        k = kinds.setdefault(kind(o.path), [0, 0, 0])
        k[0] += 1
        k[1] += sizes[o.path][0]
        k[2] += sizes[o.path][1]
    by_source = {r.source: r for r in rendered}
    page_rows = []
    for page in report["pages"]:
        row = {
            "page": page["page"],
            "files": page["total"]["requests"],
            "bytes": page["total"]["bytes"],
            "gzip": page["total"]["gzip"],
            "initial": page["initial"],
            "js_gzip": page["js"]["gzip"],
            "css_gzip": page["css"]["gzip"],
        }
        r = by_source.get(page["page"])
        if r is not None and r.critical:
            inlined, full, left_out = r.critical
            row["critical_css"] = {
                "inlined": inlined,
                "stylesheets": full,
                "ratio": round(inlined / full, 3) if full else 0,
                "left_out": left_out,  # critical CSS the cap ([css] critical_max_kb) kept out
            }
        page_rows.append(row)
    total = Figures(
        len(outputs),
        sum(sizes[o.path][0] for o in outputs),
        sum(sizes[o.path][1] for o in outputs),
    )
    loaded = {f["file"] for page in report["pages"] for f in page["files"]}
    largest = sorted(  # of the files pages load (not the fallbacks old browsers would take)
        (
            {"file": path, "gzip": f["gzip"], "bytes": f["bytes"]}
            for path, f in report["files"].items()
            if path in loaded
        ),
        key=lambda f: (-f["gzip"], f["file"]),
    )[:10]
    return {
        "pages": page_rows,
        **({"entries": rows} if (rows := _entry_rows(manifest, sizes)) else {}),
        "largest_files": largest,
        "kinds": {k: Figures(*kinds[k]).to_json() for k in KIND_ORDER if k in kinds},
        "total": total.to_json(),
    }


def _entry_rows(
    manifest: dict[str, Any] | None, sizes: dict[str, tuple[int, int, int]]
) -> list[dict[str, Any]]:
    """Per entry of the configuration: the files its tags load (its file, the chunks it
    imports statically however deep, their stylesheets), largest first."""
    if not manifest:
        return []
    from ..manifest import parse

    read = parse("", manifest)
    rows = []
    for source, entry in read.entries.items():
        if not entry.is_entry:
            continue
        files = read.loads(source)
        known = [f for f in files if f in sizes]
        rows.append(
            {
                "entry": source,
                "files": len(known),
                "bytes": sum(sizes[f][0] for f in known),
                "gzip": sum(sizes[f][1] for f in known),
            }
        )
    return sorted(rows, key=lambda r: (-r["gzip"], r["entry"]))


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
    entries = summary.get("entries", [])
    built = f"{len(pages)} page{'s' if len(pages) != 1 else ''}"
    if entries:
        built = (f"{built} and " if pages else "") + (
            f"{len(entries)} entr{'ies' if len(entries) != 1 else 'y'}"
        )
    lines = [
        f"built {built}, {total['files']} files "
        f"({human(total['bytes'])}, {human(total['gzip'])} gzip) into {out}/ "
        f"in {seconds:.2f} s",
        "",
    ]
    label = "page (first visit, gzip)"
    width = max([len(p["page"]) for p in pages[:max_pages]] + [len(label)])
    if entries:
        lines += _entry_lines(entries, max_pages)
    if pages or not entries:
        lines += _page_lines(summary, width, max_pages)
    lines.append(f"  {'kind':<{width}}  {'files':>5}  {'size':>9}  {'gzip':>9}")
    for k, f in summary["kinds"].items():
        lines.append(
            f"  {k:<{width}}  {f['files']:>5}  {human(f['bytes']):>9}  {human(f['gzip']):>9}"
        )
    lines.append("")
    lines.append("  " + " · ".join(f"{name} {t * 1000:.0f} ms" for name, t in timings))
    return "\n".join(lines)


def _page_lines(summary: dict[str, Any], width: int, max_pages: int) -> list[str]:
    """The page table and the largest files pages load."""
    pages = summary["pages"]
    label = "page (first visit, gzip)"
    lines: list[str] = []
    lines.append(
        f"  {label:<{width}}  {'requests':>8}  {'initial':>9}  "
        f"{'total':>9}  {'js':>9}  {'css':>9}  inlined CSS"
    )
    for p in pages[:max_pages]:  # largest first
        css = p.get("critical_css")
        inlined = (
            f"  {human(css['inlined'])} of {human(css['stylesheets'])} ({css['ratio']:.0%})"
            if css
            else ""
        )
        if css and css.get("left_out"):
            inlined += f", {human(css['left_out'])} over the cap left out"
        lines.append(
            f"  {p['page']:<{width}}  {p['files']:>8}  {human(p['initial']['gzip']):>9}  "
            f"{human(p['gzip']):>9}  {human(p['js_gzip']):>9}  {human(p['css_gzip']):>9}{inlined}"
        )
    if len(pages) > max_pages:
        lines.append(f"  ... and {len(pages) - max_pages} more pages (--json lists all)")
    lines.append("")
    largest = summary.get("largest_files", [])[:5]
    wide = max([len(f["file"]) for f in largest] + [len("largest files pages load")])
    lines.append(f"  {'largest files pages load':<{wide}}  {'gzip':>9}  {'size':>9}")
    for f in largest:
        lines.append(f"  {f['file']:<{wide}}  {human(f['gzip']):>9}  {human(f['bytes']):>9}")
    lines.append("")
    return lines


def _entry_lines(entries: list[dict[str, Any]], max_rows: int) -> list[str]:
    """The entries of the configuration and what their tags load."""
    label = "entry (what its tags load)"
    width = max([len(e["entry"]) for e in entries[:max_rows]] + [len(label)])
    lines = [f"  {label:<{width}}  {'files':>5}  {'gzip':>9}  {'size':>9}"]
    for e in entries[:max_rows]:
        gzip, size = human(e["gzip"]), human(e["bytes"])
        lines.append(f"  {e['entry']:<{width}}  {e['files']:>5}  {gzip:>9}  {size:>9}")
    if len(entries) > max_rows:
        lines.append(f"  ... and {len(entries) - max_rows} more entries (--json lists all)")
    lines.append("")
    return lines
