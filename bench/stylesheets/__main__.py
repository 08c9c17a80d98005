"""``python -m bench.stylesheets [--only NAMES] [--json] [--viewport WxH] [--jobs N]``.

Vendors each stylesheet from npm into a site under ``bench/.work/stylesheets/``, builds it with
assetpipe, and compares every element of the page as written with the page as built in headless
Chromium. Prints a table, then the differences of each stylesheet grouped by property (or one
JSON document with ``--json``). Progress goes to stderr. Exit status: 0 when every stylesheet
built (or failed as it is known to) and no element differs once the full stylesheets loaded;
1 otherwise; 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys

from bench.harness import BENCH_DIR

from .catalog import STYLESHEETS, by_name
from .compare import summarize
from .run import Failed, Result, run
from .snapshot import VIEWPORTS, BrowserMissing

WORK = BENCH_DIR / ".work" / "stylesheets"


def kb(n: int) -> str:
    return f"{n / 1000:.1f} kB" if n else "-"


def pair(values: dict[str, int]) -> str:
    return " / ".join(str(values[vp]) for vp in VIEWPORTS if vp in values) or "-"


def table(results: list[Result]) -> str:
    head = (
        "stylesheet",
        "elements",
        "differ final",
        "differ hover",
        "differ first paint",
        "CSS gzip before",
        "CSS gzip after",
        "critical inlined",
        "page bytes before -> after",
    )
    rows = []
    for r in results:
        if not r.build_ok or r.error:
            status = "build failed" if not r.build_ok else "error"
            known = " (known)" if r.known_failure and not r.build_ok else ""
            rows.append((r.name, f"{status}{known}", "", "", "", "", "", "", f"{r.html_before:,}"))
            continue
        rows.append(
            (
                r.name,
                str(r.elements()),
                pair(r.differing("final")),
                pair(r.differing("hover")),
                pair(r.differing("first_paint")),
                kb(r.css_gzip_before),
                kb(r.css_gzip_after) if r.css_gzip_after or not r.critical else "all inlined",
                kb(r.critical),
                f"{r.html_before:,} -> {r.html_after:,}",
            )
        )
    widths = [max(len(row[i]) for row in (head, *rows)) for i in range(len(head))]
    line = lambda row: "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip()  # noqa: E731
    vps = " / ".join(VIEWPORTS)
    return "\n".join(
        [f"elements differing per viewport: {vps}", line(head), *(line(r) for r in rows)]
    )


def details(results: list[Result]) -> str:
    out = []
    for r in results:
        if not r.build_ok:
            note = f" (known: {r.known_failure})" if r.known_failure else ""
            out.append(f"\n## {r.name}: build failed{note}\n{r.build_message}")
            continue
        if r.error:
            out.append(f"\n## {r.name}: {r.error}")
            continue
        lines = []
        if r.missing:
            lines.append(f"  404s: {', '.join(r.missing)}")
        final = r.comparisons.get("final", {})
        for state in ("final", "hover", "first_paint"):
            for vp, c in r.comparisons.get(state, {}).items():
                shown, note = c.differences, ""
                if state != "final" and vp in final:  # what the final state does not show
                    known = {d.as_list().__repr__() for d in final[vp].differences}
                    shown = [d for d in shown if d.as_list().__repr__() not in known]
                    note = (
                        " (listed: those not in final)" if len(shown) < len(c.differences) else ""
                    )
                if shown:
                    lines.append(f"  {state} at {vp}: {c.differing} elements differ{note}")
                    lines.extend("    " + s for s in summarize(shown))
        if lines:
            out.append(f"\n## {r.name}\n" + "\n".join(lines))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.stylesheets", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--only", metavar="NAMES", help="comma-separated stylesheets (default: all)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--viewport", action="append", choices=list(VIEWPORTS), help="repeatable")
    parser.add_argument("--jobs", type=int, default=2, help="Chromium instances (1 or 2)")
    parser.add_argument("--list", action="store_true", help="list the stylesheets and exit")
    args = parser.parse_args(argv)
    if args.list:
        width = max(len(s.name) for s in STYLESHEETS)
        print(
            "\n".join(
                f"{s.name.ljust(width)}  {', '.join(s.packages or s.tools)}: {s.about}"
                for s in STYLESHEETS
            )
        )
        return 0
    try:
        sheets = by_name([n.strip() for n in args.only.split(",")] if args.only else None)
    except KeyError as exc:
        parser.error(str(exc.args[0]))

    def progress(r: Result) -> None:
        state = "built" if r.build_ok else "build failed"
        print(
            f"  {r.name}: {state} in {r.build_seconds:.1f} s{', ' + r.error if r.error else ''}",
            file=sys.stderr,
        )

    try:
        results = run(sheets, WORK, viewports=args.viewport, jobs=args.jobs, progress=progress)
    except (Failed, BrowserMissing) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([r.as_json() for r in results], indent=1))
    else:
        print(table(results))
        print(details(results))
    ok = all(r.passed or (r.known_failure and not r.build_ok) for r in results)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
