"""Real npm packages, installed from the registry by the test run, bundled and run both ways:
subpath `exports` with conditions (preact/hooks), a side-effect-free barrel (lodash-es), and a
package of hundreds of small modules (date-fns)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import ROOT, npm_install, require_tool
from .test_bundle import bundle_case, run_node

pytestmark = pytest.mark.slow  # npm installs, Node

PACKAGES = ("preact@10.27.2", "lodash-es@4.17.21", "date-fns@4.1.0")
INSTALL = ROOT / "tests" / ".node"  # ignored by git


@pytest.fixture(scope="session")
def npm_dir() -> Path:
    return npm_install(INSTALL, PACKAGES)


SOURCES = {
    "lodash": """import { chunk, debounce, camelCase } from "lodash-es";
console.log(JSON.stringify(chunk([1, 2, 3, 4, 5], 2)), camelCase("Foo Bar-baz"));
const calls = [];
const d = debounce((x) => calls.push(x), 5);
d(1); d(2); d(3);
await new Promise((r) => setTimeout(r, 30));
console.log(JSON.stringify(calls));
""",
    "date-fns": """import { format, addDays, differenceInCalendarDays } from "date-fns";
const start = new Date(2024, 1, 27);
console.log(format(addDays(start, 3), "yyyy-MM-dd EEEE"), differenceInCalendarDays(addDays(start, 40), start));
""",
    "preact": """import { h, Fragment, options } from "preact";
import { useState } from "preact/hooks";
const vnode = h("ul", { id: "list" }, h("li", null, "one"), h(Fragment, null, "two"));
console.log(vnode.type, vnode.props.id, vnode.props.children.length, typeof useState, typeof options);
""",
}


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
@pytest.mark.parametrize("name", sorted(SOURCES))
def test_package_bundle_runs_like_its_sources(
    name: str, minify: bool, npm_dir: Path, tmp_path: Path
):
    src = npm_dir / "cases" / name  # inside the install folder: node_modules is found upward
    src.mkdir(parents=True, exist_ok=True)
    (src / "main.js").write_text(SOURCES[name])
    expected = run_node(src / "main.js")
    assert expected.strip()
    out, manifest = bundle_case(src, tmp_path, minify=minify, in_place=True)
    files = sorted(p.name.split("-")[0] for p in (out / "assets").glob("*.js"))
    # a page with one entry and no lazy import: its own chunk, and the packages' (`vendor`)
    # when they are large enough to be worth a file of their own
    assert files in (["main"], ["main", "vendor"])
    assert run_node(out / manifest["entries"]["main.js"]["file"]) == expected


def test_one_function_from_a_barrel_ships_only_what_it_needs(npm_dir: Path, tmp_path: Path):
    require_tool("node", "nodejs")
    src = npm_dir / "cases" / "barrel"
    src.mkdir(parents=True, exist_ok=True)
    (src / "main.js").write_text(
        'import { debounce } from "lodash-es";\nconsole.log(typeof debounce(() => 0, 1));\n'
    )
    out, manifest = bundle_case(
        src, tmp_path, minify=True, in_place=True, extra="vendor_chunk = false\n"
    )
    (chunk,) = (out / "assets").glob("*.js")
    size = chunk.stat().st_size
    barrel = sum(p.stat().st_size for p in (npm_dir / "node_modules/lodash-es").glob("*.js"))
    assert size < 4500, size  # debounce and its few helpers, not the 600-module barrel
    assert "@license" in chunk.read_text()  # the package's licence comment, from its barrel
    assert barrel > 100 * size
    assert run_node(chunk) == "function\n"
