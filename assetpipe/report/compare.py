"""`assetpipe build --compare OLD`: how each page and file grew or shrank since an earlier build,
as Markdown tables (for a pull request comment) and JSON.

OLD is an earlier build's `report.json`, its output folder, or its `manifest.json` (then the
`report.json` beside it is used; a manifest alone has only the files' raw sizes). Files are
matched across builds by their name without the content hash (`assets/home-3fA9c1Qz.js` is
`assets/home.js`), pages by their source path. OLD's manifest (beside its report) is kept for
the cache-hit figure (`cache_hits.py`), which the build's report stage computes and the
comparison shows first.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .summary import human

_HASH = re.compile(r"-[0-9A-Za-z]{8}(?=(\.[0-9A-Za-z]+)+$)")


class CompareError(Exception):
    """OLD cannot be read; the message says why."""


def unhashed(path: str) -> str:
    """`assets/home-3fA9c1Qz.js.map` → `assets/home.js.map`."""
    head, _, name = path.rpartition("/")
    name = _HASH.sub("", name, count=1)
    return f"{head}/{name}" if head else name


@dataclass(frozen=True, slots=True)
class Baseline:
    """An earlier build to compare with: its report (`what`: "report", or "manifest" when only
    its manifest was found: files' raw sizes, no pages) and its manifest's `outputs` (path →
    size, sha256, immutable), None when OLD has no manifest: then no cache-hit figure."""

    report: dict[str, Any]
    what: str
    outputs: dict[str, Any] | None


def load_baseline(path: str) -> Baseline:
    """`--compare PATH`: the report as `load_old` reads it, and the manifest beside it (or
    PATH itself when it is one). Raises `CompareError`."""
    report, what = load_old(path)
    p = Path(path)
    if p.is_dir():
        p = p / ".assetpipe" / "report.json"
    manifest = p if p.name == "manifest.json" else p.parent / "manifest.json"
    outputs = None
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except OSError as exc:
            raise CompareError(f"cannot read {manifest}: {exc.strerror}") from None
        except ValueError as exc:
            raise CompareError(f"{manifest} is not JSON: {exc}") from None
        if isinstance(data, dict) and isinstance(data.get("outputs"), dict):
            outputs = data["outputs"]
    return Baseline(report, what, outputs)


def load_old(path: str) -> tuple[dict[str, Any], str]:
    """(report, what it is) for `--compare PATH`; a manifest alone gives a report with files'
    raw sizes and no pages."""
    p = Path(path)
    if p.is_dir():
        p = p / ".assetpipe" / "report.json"
    if p.name == "manifest.json" and (p.parent / "report.json").is_file():
        p = p.parent / "report.json"
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CompareError(f"cannot read {p}: {exc.strerror}") from None
    except ValueError as exc:
        raise CompareError(f"{p} is not JSON: {exc}") from None
    if isinstance(data, dict) and isinstance(data.get("pages"), list) and "files" in data:
        return data, "report"
    if isinstance(data, dict) and isinstance(data.get("outputs"), dict):
        files = {
            path: {"bytes": o.get("size", 0), "gzip": o.get("size", 0)}
            for path, o in data["outputs"].items()
        }
        return {"pages": [], "files": files}, "manifest"
    raise CompareError(f"{p} is neither an assetpipe report.json nor a manifest.json")


def compare(old: dict[str, Any], new: dict[str, Any], figure: str = "gzip") -> dict[str, Any]:
    """Per page (total, JS, CSS, requests) and per file (`figure`: "gzip" or "bytes"), old and
    new, largest change first; unchanged files are left out."""
    old_pages = {p["page"]: p for p in old.get("pages", [])}
    pages = []
    for page in new["pages"]:
        before = old_pages.get(page["page"])
        row = {"page": page["page"], "new": _page_figures(page)}
        row["old"] = _page_figures(before) if before else None
        pages.append(row)
    gone_pages = sorted(set(old_pages) - {p["page"] for p in new["pages"]})

    def by_name(files: dict[str, Any]) -> dict[str, int]:
        out: dict[str, int] = {}
        for path, f in files.items():
            if not path.endswith(".map"):
                key = unhashed(path)
                out[key] = out.get(key, 0) + f[figure]
        return out

    before, after = by_name(old["files"]), by_name(new["files"])
    files = [
        {"file": name, "old": before.get(name), "new": after.get(name)}
        for name in sorted(set(before) | set(after))
        if before.get(name) != after.get(name)
    ]
    files.sort(key=lambda f: (-abs((f["new"] or 0) - (f["old"] or 0)), f["file"]))
    return {
        "figure": figure,
        "pages": sorted(pages, key=lambda r: (-abs(_delta(r, "total")), r["page"])),
        "removed_pages": gone_pages,
        "files": files,
        "total": {"old": sum(before.values()), "new": sum(after.values())},
        "cache_hits": new.get("cache_hits"),
    }


def _page_figures(page: dict[str, Any]) -> dict[str, int]:
    return {
        "total": page["total"]["gzip"],
        "initial": page["initial"]["gzip"],
        "js": page["js"]["gzip"],
        "css": page["css"]["gzip"],
        "requests": page["total"]["requests"],
    }


def _delta(row: dict[str, Any], key: str) -> int:
    return row["new"][key] - (row["old"][key] if row["old"] else 0)


def _change(old: int | None, new: int | None, size: bool = True) -> str:
    show = human if size else str
    if old is None:
        return f"{show(new or 0)} (new)"
    if new is None:
        return f"~~{show(old)}~~ (removed)"
    if old == new:
        return show(new)
    diff = new - old
    sign = "+" if diff > 0 else "−"
    pct = f", {sign}{abs(diff) / old:.1%}" if old else ""
    return f"{show(old)} → {show(new)} ({sign}{show(abs(diff))}{pct})"


def format_markdown(result: dict[str, Any], old_name: str, max_files: int = 20) -> str:
    """The comparison as Markdown tables: the cache-hit figure first (when there is one), then
    each page's and file's growth."""
    lines = [f"Compared with {old_name}:", ""]
    lines += format_cache_hits(result.get("cache_hits"))
    if result["pages"] and any(r["old"] for r in result["pages"]):
        lines += [
            "| page | first visit (gzip) | initial | JS | CSS | requests |",
            "|---|---|---|---|---|---|",
        ]
        for r in result["pages"]:
            o, n = r["old"] or {}, r["new"]
            lines.append(
                f"| {r['page']} | {_change(o.get('total'), n['total'])} | "
                f"{_change(o.get('initial'), n['initial'])} | {_change(o.get('js'), n['js'])} | "
                f"{_change(o.get('css'), n['css'])} | "
                f"{_change(o.get('requests'), n['requests'], size=False)} |"
            )
        for page in result["removed_pages"]:
            lines.append(f"| ~~{page}~~ | removed | | | | |")
        lines.append("")
    else:
        lines += ["(no page figures in the old build: comparing files only)", ""]
    figure = "gzip" if result["figure"] == "gzip" else "size"
    if result["files"]:
        lines += [f"| file | {figure} |", "|---|---|"]
        for f in result["files"][:max_files]:
            lines.append(f"| {f['file']} | {_change(f['old'], f['new'])} |")
        if len(result["files"]) > max_files:
            lines.append(f"| … {len(result['files']) - max_files} more | |")
    else:
        lines.append("No file changed size.")
    total = result["total"]
    lines += ["", f"All files ({figure}): {_change(total['old'], total['new'])}"]
    return "\n".join(lines)


def format_cache_hits(
    hits: dict[str, Any] | None, max_pages: int = 20, worst: int = 3, max_files: int = 8
) -> list[str]:
    """The cache-hit figure as Markdown lines: the site's shares, a row per page (worst first)
    and what the worst pages refetch; a note when there is no figure."""
    if hits is None:
        return [
            "No cache-hit figure: it needs the old build's manifest.json "
            "(`.assetpipe/manifest.json`, beside its report.json).",
            "",
        ]
    site = hits["site"]
    if site["share_requests"] is None:
        head = "Returning visitors: no page to count (every page is new, or weighs 0)."
    else:
        weighting = f"pages weighted by {hits['weights']}" if hits["weights"] else "each page alike"
        head = (
            f"Returning visitors: {_percent(site['share_requests'])} of requests and "
            f"{_percent(site['share_bytes'])} of bytes ({hits['figure']}) served by the browser "
            f"cache (mean of {site['pages']} pages, {weighting})."
        )
    lines = [head, ""]
    if hits["pages"]:
        lines += ["| page | requests from cache | bytes from cache |", "|---|---|---|"]
        for r in hits["pages"][:max_pages]:
            lines.append(
                f"| {r['page']} | {r['served']} / {r['requests']} "
                f"({_percent(r['share_requests'])}) | {human(r['served_bytes'])} / "
                f"{human(r['bytes'])} ({_percent(r['share_bytes'])}) |"
            )
        if len(hits["pages"]) > max_pages:
            lines.append(f"| … {len(hits['pages']) - max_pages} more | | |")
        for page in hits["new_pages"]:
            lines.append(f"| {page} | new: no returning visitor | |")
        lines.append("")
        for r in [r for r in hits["pages"] if r["refetched"]][:worst]:
            files = r["refetched"][:max_files]
            more = len(r["refetched"]) - len(files)
            listed = ", ".join(files) + (f" and {more} more" if more else "")
            lines.append(f"Refetched on {r['page']}: {listed}")
        if any(r["refetched"] for r in hits["pages"]):
            lines.append("")
    return lines


def _percent(share: float) -> str:
    return f"{share * 100:.1f}%"
