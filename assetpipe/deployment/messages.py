"""What `deploy` prints: the plan (for --dry-run and -v), the one-line summary, and the JSON."""

from __future__ import annotations

from typing import Any

from ..report.summary import human as human_bytes
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
        "diagnostics": [w.to_json() for w in result.warnings],
    }
