"""Tests of the React workloads' helpers (no npm, no assetpipe build, no browser)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench.harness import CheckFailed
from bench.workloads import _reactapp
from bench.workloads.react import (
    WIDGETS,
    add_dependencies,
    edited_leaf,
    esbuild_argv,
    page_check,
    production_only,
    vendor_chunk,
)


def test_plan_is_a_tree_reaching_every_widget() -> None:
    widgets = _reactapp.plan(WIDGETS)
    assert [w.number for w in widgets] == list(range(WIDGETS))
    assert _reactapp.roots(widgets) == list(range(_reactapp.ROOTS))
    parents: dict[int, int] = {}
    for widget in widgets:
        assert len(widget.children) <= 2
        for child in widget.children:
            assert child > widget.number and child not in parents
            parents[child] = widget.number
    assert sorted(parents) == list(range(_reactapp.ROOTS, WIDGETS))
    leaves = _reactapp.leaves(widgets)
    assert edited_leaf() in leaves and 50 < len(leaves) < 200
    assert _reactapp.plan(WIDGETS) == widgets


def test_components_are_deterministic_and_import_what_they_use(tmp_path: Path) -> None:
    for name in ("one", "two"):
        _reactapp.write_components(tmp_path / name, 40)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*"))
    assert len([f for f in files if f.suffix == ".tsx"]) == 40 + 2  # widgets, Dashboard, main
    for file in files:
        if (tmp_path / "one" / file).is_file():
            assert (tmp_path / "one" / file).read_bytes() == (tmp_path / "two" / file).read_bytes()
    components = tmp_path / "one" / "src" / "components"
    for widget in _reactapp.plan(40):
        source = (components / f"{widget.name}.tsx").read_text()
        names = re.search(r"import \{ (.*) \} from '@mui/material'\n", source)
        assert names is not None
        for name in names.group(1).split(", "):
            assert f"<{name}" in source or f"component={{{name}}}" in source, (widget, name)
        for child in widget.children:
            child_name = _reactapp.widget_name(child)
            assert f"import {child_name} from './{child_name}.tsx'" in source
            assert f"<{child_name} " in source
        assert source.count("{children}") == 1 and "\n \n" not in source
    dashboard = (components / "Dashboard.tsx").read_text()
    assert dashboard.count("import Widget") == _reactapp.ROOTS
    main = (tmp_path / "one" / "src" / "main.tsx").read_text()
    assert "<Dashboard />" in main and "import App from './App.tsx'" in main


def test_edit_widget_changes_one_line_of_a_leaf(tmp_path: Path) -> None:
    widgets = _reactapp.write_components(tmp_path, 40)
    leaf = _reactapp.leaves(widgets)[0]
    path = _reactapp.widget_path(tmp_path, leaf)
    before = path.read_text().splitlines()
    assert _reactapp.edit_widget(path, 3) == "edited-widget-3"
    after = path.read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and "edited-widget-0" in changed[0][0]
    assert "edited-widget-3" in changed[0][1]
    parent = next(w.number for w in widgets if w.children)
    with pytest.raises(RuntimeError):
        _reactapp.edit_widget(_reactapp.widget_path(tmp_path, parent), 1)


def test_production_only_refuses_development_react() -> None:
    production_only({"a.js": "/*! react-dom-client.production.js */ x", "b.js": "y"})
    markers = ("process.env.NODE_ENV", "/*! react.development.js */", "{react_stack_bottom_frame:")
    for text in markers:
        with pytest.raises(CheckFailed):
            production_only({"a.js": "ok", "b.js": text})


def test_vendor_chunk_is_the_one_holding_react(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "main-1.js").write_text("x")
    with pytest.raises(CheckFailed):
        vendor_chunk(tmp_path)
    (tmp_path / "assets" / "vendor-ab12.js").write_text('Symbol.for("react.transitional.element")')
    (tmp_path / "assets" / "vendor-ab12.js.map").write_text("{}")
    assert vendor_chunk(tmp_path) == "vendor-ab12.js"
    (tmp_path / "assets" / "vendor-ab12.js").write_text("no react here")
    with pytest.raises(CheckFailed):
        vendor_chunk(tmp_path)


def test_page_check_counts_distinct_widgets() -> None:
    dom = '<button>Count is 0</button><div data-widget="1"><span data-widget="1">m-2</span></div>'
    assert page_check(dom + '<div data-widget="2">', 2, "m-2") == {"widgets_shown": 2}
    assert page_check("<button>Count is 0</button>", 0, None) == {}
    with pytest.raises(CheckFailed):
        page_check(dom, 2, None)
    with pytest.raises(CheckFailed):
        page_check(dom, 1, "m-3")
    with pytest.raises(CheckFailed):
        page_check("<div id=root></div>", 0, None)


def test_esbuild_argv_builds_for_production(tmp_path: Path) -> None:
    argv = esbuild_argv(tmp_path, sourcemap=False)
    assert argv[1] == "src/main.tsx" and "--sourcemap" not in argv
    assert '--define:process.env.NODE_ENV="production"' in argv
    assert "--tsconfig=tsconfig.app.json" in argv and f"--outdir={tmp_path}" in argv
    assert "--sourcemap" in esbuild_argv(tmp_path, sourcemap=True)


def test_add_dependencies_keeps_the_starters(tmp_path: Path) -> None:
    manifest = {"name": "x", "dependencies": {"react": "^19"}, "devDependencies": {"vite": "^8"}}
    (tmp_path / "package.json").write_text(json.dumps(manifest))
    add_dependencies(tmp_path, {"@mui/material": "^9"})
    data = json.loads((tmp_path / "package.json").read_text())
    assert data["dependencies"] == {"@mui/material": "^9", "react": "^19"}
    assert data["devDependencies"] == {"vite": "^8"}
