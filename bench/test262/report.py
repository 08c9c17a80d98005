"""Figures and reports of a test262 run: counts, the changed tests grouped, a table, JSON.

A test is *changed* by a tool (``assetpipe``, ``esbuild``, ``reminify``) when it passed in Node
as written and does not pass after the tool; ``reminify`` is compared with ``assetpipe``'s own
result instead (idempotence: minifying assetpipe's output again must not change the outcome).
Changes are grouped by folder (``language/expressions/class``) and by *cause*: the failing run's
status and error with numbers, quoted text and hashed names blurred, so that one bug shows as one
line with a count.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from bench.test262.corpus import Test
from bench.test262.node import describe, passed
from bench.test262.run import Outcome

TOOLS = ("assetpipe", "esbuild", "reminify", "rjsmin")
OURS = ("assetpipe", "reminify", "rjsmin")  # assetpipe's own: bundler, idempotence, scripts


def group_of(path: str, depth: int = 3) -> str:
    """The folder a test is counted in: ``language/expressions/class`` for depth 3."""
    return "/".join(path.split("/")[:-1][:depth])


def category(test: Test, run: dict) -> str:
    """How a tool changed a test that passed as written:
    - ``accepts-invalid``: a test expecting an early (parse or resolution) error built and ran
      without it (the tool does not check that early error; the code it wrote is valid);
    - ``refuses-valid``: the build refused a test that runs;
    - ``breaks``: the tool's output of a test that runs behaves differently."""
    if run.get("status") == "refused":
        return "refuses-valid"
    if test.meta.negative and test.meta.negative_phase in ("parse", "resolution"):
        return "accepts-invalid"
    return "breaks"


CATEGORIES = ("breaks", "refuses-valid", "accepts-invalid")


def cause_of(detail: str) -> str:
    """``detail`` with the parts that differ between tests of one bug blurred."""
    text = " ".join(detail.split())
    text = re.sub(r"(?:/[\w.-]+)+/|\bt/language/[\w./-]+|\b[\w-]+_FIXTURE[\w.]*", "PATH/", text)
    text = re.sub(r'"[^"\n]{0,80}"|\'[^\'\n]{0,80}\'|`[^`\n]{0,80}`', "'…'", text)
    text = re.sub(r"\b\d+(:\d+)*\b", "N", text)
    return text[:160]


def changes(outcome: Outcome) -> dict[str, dict[str, tuple[str, str]]]:
    """Test path -> tool -> (category, how the changed run went), for every changed test."""
    changed: dict[str, dict[str, tuple[str, str]]] = {}
    for test in outcome.tests:
        modes = outcome.runs.get(test.path)
        if not modes or "written" not in modes or not passed(test.meta, modes["written"]):
            continue
        for tool in TOOLS:
            run = modes.get(tool)
            if run is None or passed(test.meta, run):
                continue
            if tool == "reminify" and not passed(test.meta, modes.get("assetpipe", run)):
                continue  # already changed by the first build; not an idempotence problem
            entry = (category(test, run), describe(test.meta, run))
            changed.setdefault(test.path, {})[tool] = entry
    return changed


def summarize(outcome: Outcome) -> dict:
    """Every figure and every changed test, as one JSON-ready document."""
    tests = outcome.tests
    kinds = Counter(t.kind for t in tests)
    by_path = {t.path: t for t in tests}
    written_pass = [
        t
        for t in tests
        if t.applicable
        and "written" in outcome.runs.get(t.path, {})
        and passed(t.meta, outcome.runs[t.path]["written"])
    ]
    scripts_pass = [
        t
        for t in tests
        if t.kind == "sloppy"
        and "written" in outcome.runs.get(t.path, {})
        and passed(t.meta, outcome.runs[t.path]["written"])
    ]
    changed = changes(outcome)
    ran = {
        tool: sum(1 for t in written_pass + scripts_pass if tool in outcome.runs[t.path])
        for tool in TOOLS
    }
    counts: dict[str, int] = {
        "total": len(tests),
        "applicable": kinds["module"] + kinds["as-module"],
        "module": kinds["module"],
        "as_module": kinds["as-module"],
        "skipped_sloppy": kinds["sloppy"],
        "not_applicable_host": kinds["host"],
        "pass_as_written": len(written_pass),
        "fail_as_written": sum(1 for t in tests if t.applicable) - len(written_pass),
        "scripts_run": sum(1 for t in tests if t.kind == "sloppy" and t.path in outcome.runs),
        "scripts_pass_as_written": len(scripts_pass),
    }
    for tool in TOOLS:
        if ran[tool]:
            counts[f"ran_{tool}"] = ran[tool]
            counts[f"changed_{tool}"] = sum(1 for c in changed.values() if tool in c)
            for cat in CATEGORIES:
                counts[f"{cat}_{tool}"] = sum(
                    1 for c in changed.values() if tool in c and c[tool][0] == cat
                )
    if ran["assetpipe"] and ran["esbuild"]:
        counts["changed_both"] = sum(
            1 for c in changed.values() if "assetpipe" in c and "esbuild" in c
        )
        counts["breaks_both"] = sum(
            1
            for c in changed.values()
            if c.get("assetpipe", ("",))[0] != "accepts-invalid"
            and c.get("esbuild", ("",))[0] != "accepts-invalid"
            and "assetpipe" in c
            and "esbuild" in c
        )
    groups: dict[str, Counter] = defaultdict(Counter)
    for t in tests:
        g = groups[group_of(t.path)]
        g["total"] += 1
        g["applicable"] += t.applicable or (t.kind == "sloppy" and t.path in outcome.runs)
    for t in written_pass + scripts_pass:
        groups[group_of(t.path)]["pass_as_written"] += 1
    for path, tools in changed.items():
        g = groups[group_of(path)]
        for tool in tools:
            g[f"changed_{tool}"] += 1
        if "assetpipe" in tools and "esbuild" in tools:
            g["changed_both"] += 1
    causes: dict[str, Counter] = defaultdict(Counter)
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    features: dict[str, Counter] = defaultdict(Counter)
    for path, tools in changed.items():
        for tool, (cat, detail) in tools.items():
            cause = f"{cat}: {cause_of(detail)}"
            causes[tool][cause] += 1
            examples[(tool, cause)].append(path)
            for feature in by_path[path].meta.features or ("(none)",):
                features[feature][tool] += 1
    return {
        "versions": outcome.versions,
        "seconds": round(outcome.seconds, 1),
        "build_seconds": {k: round(v, 1) for k, v in outcome.build_seconds.items()},
        "builds": outcome.builds,
        "counts": counts,
        "by_directory": {k: dict(v) for k, v in sorted(groups.items())},
        "by_feature": {k: dict(v) for k, v in sorted(features.items())},
        "causes": {
            tool: [
                {"cause": cause, "count": n, "tests": examples[(tool, cause)]}
                for cause, n in counter.most_common()
            ]
            for tool, counter in sorted(causes.items())
        },
        "changed": [
            _changed_entry(by_path[path], tools, outcome) for path, tools in sorted(changed.items())
        ],
    }


def _changed_entry(test: Test, tools: dict[str, tuple[str, str]], outcome: Outcome) -> dict:
    meta = test.meta
    entry: dict = {
        "path": test.path,
        "group": group_of(test.path),
        "kind": test.kind,
        "flags": sorted(meta.flags),
        "features": list(meta.features),
        "negative": f"{meta.negative_phase} {meta.negative_type}" if meta.negative else None,
        "written": describe(meta, outcome.runs[test.path]["written"]),
    }
    for tool in TOOLS:
        if tool in tools:
            entry[tool] = {"category": tools[tool][0], "error": tools[tool][1]}
    return entry


def table(summary: dict, max_listed: int = 300) -> str:
    """The report for people: figures, the folders with changes, causes, the changed tests."""
    c = summary["counts"]
    v = summary["versions"]
    builds = ", ".join(f"{k} {s:.0f} s" for k, s in summary["build_seconds"].items())
    lines = [
        "== test262 language: outcome in Node as written vs after bundling + minifying",
        f"   assetpipe {v.get('assetpipe')}, node {v['node']}, esbuild {v['esbuild']}, "
        f"{summary['seconds']:.0f} s" + (f" (builds: {builds})" if builds else ""),
        "",
        f"tests                  {c['total']:>6}",
        f"applicable             {c['applicable']:>6}  (module {c['module']}, script run as a "
        f"module {c['as_module']}; not bundled: noStrict/raw {c['skipped_sloppy']}, "
        f"host hooks {c['not_applicable_host']})",
        f"pass as written        {c['pass_as_written']:>6}  "
        f"(fail as written: {c['fail_as_written']})",
    ]
    if c["scripts_run"]:
        lines.append(
            f"classic scripts        {c['scripts_run']:>6}  (noStrict/raw tests, as scripts: "
            f"{c['scripts_pass_as_written']} pass as written; minified by rjsmin, not bundled)"
        )
    labels = {
        "assetpipe": "assetpipe",
        "esbuild": "esbuild",
        "reminify": "re-minify",
        "rjsmin": "rjsmin",
    }
    for tool in TOOLS:
        if f"changed_{tool}" in c:
            parts = ", ".join(f"{cat} {c[f'{cat}_{tool}']}" for cat in CATEGORIES)
            lines.append(f"changed by {labels[tool]:<12}{c[f'changed_{tool}']:>6}  ({parts})")
    if "changed_both" in c:
        lines.append(
            f"changed by both        {c['changed_both']:>6}  (not counting accepts-invalid: "
            f"{c['breaks_both']})"
        )
    lines.append("")
    rows = [
        (group, g)
        for group, g in summary["by_directory"].items()
        if any(g.get(f"changed_{t}") for t in TOOLS)
    ]
    if rows:
        header = (
            f"{'folder':<48} {'run':>6} {'pass':>6} {'ap':>5} {'es':>5} {'both':>5} "
            f"{'re':>4} {'rjs':>4}"
        )
        lines += [header, "-" * len(header)]
        for group, g in rows:
            lines.append(
                f"{group:<48} {g.get('applicable', 0):>6} {g.get('pass_as_written', 0):>6} "
                f"{g.get('changed_assetpipe', 0):>5} {g.get('changed_esbuild', 0):>5} "
                f"{g.get('changed_both', 0):>5} {g.get('changed_reminify', 0):>4} "
                f"{g.get('changed_rjsmin', 0):>4}"
            )
        lines.append("")
    for tool, causes in summary["causes"].items():
        lines.append(f"causes ({labels[tool]}):")
        for entry in causes[:60]:
            lines.append(f"  {entry['count']:>5}  {entry['cause']}  (e.g. {entry['tests'][0]})")
        if len(causes) > 60:
            lines.append(f"  ... {len(causes) - 60} more")
        lines.append("")
    listed = [e for e in summary["changed"] if any(t in e for t in OURS)]
    if listed:
        lines.append(
            "tests assetpipe changed ([es]: esbuild too; [re]: only re-minifying; "
            "[rjs]: rjsmin, classic scripts):"
        )
        for entry in listed[:max_listed]:
            tool = next(t for t in OURS if t in entry)
            mark = {"reminify": "[re] ", "rjsmin": "[rjs] "}.get(tool, "")
            mark = "[es] " if "esbuild" in entry else mark
            run = entry[tool]
            lines.append(f"  {mark}{entry['path']}: {run['category']}: {run['error'][:120]}")
        if len(listed) > max_listed:
            lines.append(f"  ... {len(listed) - max_listed} more in the JSON file")
    return "\n".join(lines)
