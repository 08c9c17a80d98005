"""TypeScript and JSX compiled as esbuild compiles them: each case under tests/js/ts_cases/ is a
folder with a `main.ts`, `main.tsx` or `main.jsx` (and its tsconfig.json) that prints what it
observes; esbuild from npm bundles it (the reference), assetpipe builds it (minified and
readable), Node runs both, and the two must print the same."""

from __future__ import annotations

import gzip
import shutil
import subprocess
from pathlib import Path

import pytest

from ..conftest import ROOT, npm_install
from .test_bundle import bundle_case, run_node

pytestmark = pytest.mark.slow  # npm installs, Node

CASES_DIR = Path(__file__).parent / "ts_cases"
ENTRIES = ("main.ts", "main.tsx", "main.jsx", "main.js")
CASES = sorted(p.name for p in CASES_DIR.iterdir() if any((p / e).exists() for e in ENTRIES))
# esbuild (the reference) and create-vite (whose package holds the starters of `npm create vite`)
# and three packages that ship their TypeScript sources (`src/`), for the real-code test
PACKAGES = (
    "esbuild@0.28.2",
    "create-vite@9.3.0",
    "zod@3.25.76",
    "immer@11.2.10",
    "@tanstack/query-core@5.108.4",
)
INSTALL = ROOT / "tests" / ".node-ts"  # ignored by git


@pytest.fixture(scope="session")
def ts_tools() -> Path:
    return npm_install(INSTALL, PACKAGES) / "node_modules"


@pytest.fixture(scope="session")
def esbuild(ts_tools: Path) -> Path:
    return ts_tools / ".bin" / "esbuild"


def entry_of(case: Path) -> str:
    return next(e for e in ENTRIES if (case / e).exists())


def esbuild_prints(esbuild: Path, case: Path, tmp_path: Path, *options: str) -> str:
    """What esbuild's bundle of the case prints in Node (`options`: more of its flags)."""
    out = tmp_path / "reference.mjs"
    result = subprocess.run(
        [
            str(esbuild),
            entry_of(case),
            "--bundle",
            "--format=esm",
            "--target=es2022",
            *options,
            f"--outfile={out}",
            "--log-level=error",
        ],
        cwd=case,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return run_node(out)


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
@pytest.mark.parametrize("case", CASES)
def test_typescript_runs_as_esbuild_compiles_it(
    case: str, minify: bool, esbuild: Path, tmp_path: Path
):
    expected = esbuild_prints(esbuild, CASES_DIR / case, tmp_path)
    assert expected.strip()
    entry = entry_of(CASES_DIR / case)
    out, manifest = bundle_case(CASES_DIR / case, tmp_path, minify=minify, entry=entry)
    chunk = out / manifest["entries"][entry]["file"]
    assert run_node(chunk) == expected


REAL = """import * as z from "./zod/v4/classic/external";
import * as z3 from "./zod/v3/external";
import { produce, enablePatches, produceWithPatches } from "./immer/immer";
import { QueryClient } from "./query/index";

const out: unknown[] = [];
const User = z.object({
  name: z.string().min(2), age: z.number().int().positive(),
  tags: z.array(z.enum(["a", "b"])).default([]),
});
out.push(User.safeParse({ name: "Ada", age: 36 }));
const bad = User.safeParse({ name: "A", age: -1, tags: ["c"] });
out.push(bad.success, bad.error?.issues.map((i) => [i.path.join("."), i.code]));
const S3 = z3.object({ n: z3.number().transform((x) => x * 2), s: z3.string().optional() });
out.push(S3.parse({ n: 21 }), S3.safeParse({ n: "x" }).success);
enablePatches();
const base = { todos: [{ done: false, title: "x" }] };
const next = produce(base, (d) => { d.todos[0].done = true; d.todos.push({ done: false, title: "y" }); });
out.push(next, base.todos[0].done, Object.isFrozen(next));
const [, patches] = produceWithPatches(base, (d) => { d.todos.pop(); });
out.push(patches);
const client = new QueryClient();
const data = await client.fetchQuery({ queryKey: ["k", 1], queryFn: async () => ({ v: 42 }) });
out.push(data, client.getQueryData(["k", 1]), client.getQueryCache().getAll().length);
client.clear();
console.log(JSON.stringify(out));
"""


def test_typescript_sources_of_npm_packages_run_as_esbuild_builds_them(
    ts_tools: Path, esbuild: Path, tmp_path: Path
):
    """zod (v3 and v4), immer and TanStack Query's core from their own TypeScript sources
    (classes, parameter properties, private fields, enums, overloads, type-only imports and
    re-exports), minified: the same behaviour as esbuild's bundle, within 5 % of its gzip."""
    site = tmp_path / "site"
    for package, folder in (("zod", "zod"), ("immer", "immer"), ("@tanstack/query-core", "query")):
        shutil.copytree(ts_tools / package / "src", site / folder)
    (site / "main.ts").write_text(REAL)
    (site / "tsconfig.json").write_text('{ "compilerOptions": { "target": "ES2022" } }')
    reference = tmp_path / "reference.mjs"
    result = subprocess.run(
        [
            str(esbuild),
            "main.ts",
            "--bundle",
            "--minify",
            "--format=esm",
            "--target=es2022",
            f"--outfile={reference}",
            "--log-level=error",
        ],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    expected = run_node(reference)
    assert '"success":true' in expected
    out, manifest = bundle_case(site, tmp_path, minify=True, entry="main.ts", in_place=True)
    chunk = out / manifest["entries"]["main.ts"]["file"]
    assert run_node(chunk) == expected
    ours, theirs = (len(gzip.compress(p.read_bytes(), 9)) for p in (chunk, reference))
    assert ours <= theirs * 1.05, (ours, theirs)
