"""What `deploy` prints: the plan (for --dry-run and -v), the one-line summary, the warm-up's
line (and with -v one line per URL), and the JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..report.summary import human as human_bytes
from . import warm
from .execute import DeployResult


def plan_lines(result: DeployResult) -> list[str]:
    p = result.plan
    lines = []
    width = max((len(u.path) for u in p.uploads), default=10)
    for u in p.uploads:
        encoding = f", {u.headers.encoding}" if u.headers.encoding else ""
        lines.append(
            f"  upload  {u.path.ljust(width)}  {u.reason:<7} {human_bytes(u.size):>9}  "
            f"{u.headers.content_type}{encoding}; {u.headers.cache_control}"
        )
    for path in p.purge:
        lines.append(f"  purge   {path}")
    for x in p.deletions:
        lines.append(f"  delete  {x.path}  ({x.reason})")
    for path in p.deferred:
        lines.append(f"  keep    {path}  (over deploy.max_deletes)")
    if result.warm is not None and result.dry_run:
        for url in result.warm.planned:
            lines.append(f"  warm    {url}")
    return lines


def summary_line(result: DeployResult) -> str:
    p = result.plan
    if result.dry_run:
        return (
            f"plan for {result.target} (dry run, nothing changed): "
            f"{len(p.uploads)} to upload ({human_bytes(p.upload_bytes)}), {p.unchanged} unchanged, "
            f"{len(p.purge)} to purge, {len(p.deletions)} to delete"
        )
    parts = [
        f"{len(result.uploaded)} uploaded ({human_bytes(result.sent_bytes)})",
        f"{p.unchanged} unchanged",
    ]
    if result.purge is not None:
        parts.append(f"{len(result.purge.purged)} paths purged ({result.purger})")
    if result.pruned or p.deletions:
        parts.append(f"{len(result.pruned)} pruned")
    return (
        f"deployed to {result.target}: {', '.join(parts)}; "
        f"{result.requests} request{'s' if result.requests != 1 else ''} in {result.seconds:.2f} s"
    )


def warm_line(result: DeployResult) -> str | None:
    """`warmed 14 URLs through https://www.example.com/ in 1.20 s: 14 × 200; X-Cache: 12 Miss,
    2 Hit`; None without a warm-up."""
    w = result.warm
    if w is None:
        return None
    if w.dry_run:
        return f"would warm {_urls(len(w.planned))} through {w.base_url}"
    if not w.planned:
        return f"nothing to warm through {w.base_url}: the deploy changed no page or asset"
    statuses = Counter(str(f.status) if f.status else "no answer" for f in w.fetched)
    parts = [", ".join(f"{n} × {s}" for s, n in sorted(statuses.items()))]
    for name in ("X-Cache", "CF-Cache-Status"):
        seen = Counter(v for f in w.fetched if (v := warm.cache_status(f, name)))
        if seen:
            parts.append(f"{name}: " + ", ".join(f"{n} {v}" for v, n in seen.most_common()))
    ages = [int(a) for f in w.fetched if (a := f.header("Age") or "").isdigit()]
    if ages:
        parts.append(f"Age: {len(ages)} with, at most {max(ages)} s")
    ok = len(w.fetched) - len(w.failed)
    done = f"warmed {_urls(ok)}" if not w.failed else f"warmed {ok} of {_urls(len(w.fetched))}"
    return f"{done} through {w.base_url} in {w.seconds:.2f} s: {'; '.join(parts)}"


def warm_lines(result: DeployResult) -> list[str]:
    """One line per URL fetched (-v): status, cache headers, bytes, time."""
    w = result.warm
    if w is None:
        return []
    lines = []
    for f in w.fetched:
        status = str(f.status) if f.status else "---"
        headers = "; ".join(f"{k}: {v}" for k, v in f.headers) or f.error or "no cache headers"
        lines.append(
            f"  warm    {status}  {human_bytes(f.bytes):>9}  {f.seconds * 1000:>5.0f} ms  "
            f"{f.url}  {headers}"
        )
    return lines


def _urls(n: int) -> str:
    return f"{n} URL{'s' if n != 1 else ''}"


def phase_lines(result: DeployResult) -> list[str]:
    p = result.plan
    names = {"assets": "hashed assets", "files": "other files", "pages": "pages"}
    lines = [f"  {names[k]:<14} {v:>6} uploaded" for k, v in p.counts.items()]
    lines.append(f"  {'record':<14} {'written' if result.record_written else 'unchanged':>15}")
    return lines


def to_json(result: DeployResult, ok: bool = True) -> dict[str, Any]:
    p = result.plan
    purge = result.purge
    return {
        "ok": ok,
        "target": result.target,
        "dry_run": result.dry_run,
        "deploy_id": p.deploy_id,
        "uploads": [
            {
                "path": u.path,
                "key": u.key,
                "reason": u.reason,
                "phase": u.phase,
                "size": u.size,
                "content_type": u.headers.content_type,
                "cache_control": u.headers.cache_control,
                "content_encoding": u.headers.encoding,
            }
            for u in p.uploads
        ],
        "uploaded": len(result.uploaded),
        "sent_bytes": result.sent_bytes,
        "unchanged": p.unchanged,
        "purge": {
            "cdn": result.purger,
            "paths": list(p.purge),
            "purged": purge.purged if purge else [],
            "failed": purge.failed if purge else [],
            "ids": purge.ids if purge else [],
        },
        "deletions": [{"path": x.path, "reason": x.reason} for x in p.deletions],
        "pruned": result.pruned,
        "deferred": list(p.deferred),
        "record_written": result.record_written,
        "requests": result.requests,
        "seconds": round(result.seconds, 3),
        "warm": warm.to_json(result.warm) if result.warm is not None else None,
        "diagnostics": [w.to_json() for w in result.warnings],
    }
