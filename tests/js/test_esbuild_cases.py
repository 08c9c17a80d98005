"""esbuild's own parser tests for JSX and TypeScript (tests/js/esbuild_cases.json: 1,210 inputs
with the output esbuild expects), compiled by assetpipe and compared with esbuild's output: JSX
by running both (unknown names are recording stubs), TypeScript by printing both with esbuild's
printer. Each case's outcome ("same", "differs", "refused") is kept in
esbuild_cases_outcomes.json, and a change in any of them fails the test, so an improvement is
recorded (ASSETPIPE_UPDATE_SNAPSHOTS=1) and a regression is seen. What differs on purpose is
summed up in the README (TypeScript and JSX)."""

from __future__ import annotations

import collections
import json
import os
import subprocess
from pathlib import Path

import pytest

from assetpipe.js.typescript import Options, compile_module

from ..conftest import require_tool
from .test_typescript import ts_tools  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow  # esbuild's cases, run in Node

HERE = Path(__file__).parent
CASES = json.loads((HERE / "esbuild_cases.json").read_text(encoding="utf-8"))["cases"]
OUTCOMES = HERE / "esbuild_cases_outcomes.json"
OPTIONS = {
    "jsx-classic": ("jsx", Options(jsx="classic")),
    "jsx-automatic": ("jsx", Options(jsx="automatic")),
    "ts": ("ts", Options()),
    "ts-assign-fields": ("ts", Options(define_fields=False)),
    "ts-legacy-decorators": ("ts", Options(experimental_decorators=True)),
}


def ours(case: dict) -> str | None:
    grammar, options = OPTIONS[case["kind"]]
    compiled = compile_module(case["input"].encode(), grammar, options)
    if compiled.problems:
        return None
    code = compiled.code.decode("utf-8", "surrogatepass")
    if case["kind"].startswith("jsx"):  # compared without the runtime imports
        code = "\n".join(line for line in code.split("\n") if not line.startswith("import {"))
    return code


def test_esbuilds_cases_keep_their_outcome(ts_tools: Path):  # noqa: F811
    node = require_tool("node", "nodejs")
    payload = [{"kind": c["kind"], "esbuild": c["esbuild"], "ours": ours(c)} for c in CASES]
    result = subprocess.run(
        [node, str(HERE / "esbuild_compare.mjs"), str(ts_tools)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    outcomes = json.loads(result.stdout)
    if os.environ.get("ASSETPIPE_UPDATE_SNAPSHOTS") == "1" or not OUTCOMES.exists():
        OUTCOMES.write_text(json.dumps(outcomes, indent=0) + "\n")
    recorded = json.loads(OUTCOMES.read_text())
    changed = [
        f"#{i} {CASES[i]['kind']} {CASES[i]['input']!r}: {was} -> {now}"
        for i, (was, now) in enumerate(zip(recorded, outcomes, strict=True))
        if was != now
    ]
    counts = collections.Counter(zip((c["kind"] for c in CASES), outcomes, strict=True))
    assert not changed, f"{len(changed)} outcomes changed ({dict(counts)}):\n" + "\n".join(changed)
