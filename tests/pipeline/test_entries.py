"""`[build] entries`: which files the paths and globs name, and the errors a user sees for one
that names nothing or a file that is no entry (located at the configuration's line)."""

from __future__ import annotations

import pytest

from assetpipe.diagnostics import Location
from assetpipe.pipeline.entries import Entries, _glob_regex, find_entries
from assetpipe.pipeline.scan import scan

from ..conftest import write_files

FILES = {
    "src/main.ts": "",
    "src/admin.tsx": "",
    "src/pages/home.js": "",
    "src/pages/deep/about.mjs": "",
    "src/util.d.ts": "",
    "css/print.css": "",
    "css/theme/dark.css": "",
    "img/logo.svg": "",
    "node_modules/x/index.js": "",
}


def _find(tmp_path, *patterns):
    write_files(tmp_path, FILES)
    tree = scan(str(tmp_path))
    return find_entries(tree, patterns, lambda p: Location("assetpipe.toml", 3, 12))


@pytest.mark.parametrize(
    ("pattern", "matches"),
    [
        ("src/*.ts", ["src/main.ts", "src/util.d.ts"]),  # (a .d.ts is then passed over)
        ("src/**/*.js", ["src/pages/home.js"]),
        ("src/**/*.{js}", []),  # no brace expansion, as in Python's glob
        ("**/*.css", ["css/print.css", "css/theme/dark.css"]),
        ("css/*.css", ["css/print.css"]),
        ("src/pages/**", ["src/pages/deep/about.mjs", "src/pages/home.js"]),
        ("src/?ain.ts", ["src/main.ts"]),
        ("src/[ab]*.tsx", ["src/admin.tsx"]),
        ("src/[!m]*", ["src/admin.tsx", "src/util.d.ts"]),
    ],
)
def test_globs_span_folders_only_with_double_stars(pattern, matches):
    files = sorted(f for f in FILES if not f.startswith("node_modules/"))
    assert [f for f in files if _glob_regex(pattern).fullmatch(f)] == matches


def test_scripts_and_stylesheets_are_told_apart(tmp_path):
    entries, problems = _find(tmp_path, "src/main.ts", "./src/admin.tsx", "css/**/*.css", "src/**")
    assert problems == []
    assert entries == Entries(
        (
            "src/admin.tsx",
            "src/main.ts",
            "src/pages/deep/about.mjs",
            "src/pages/home.js",
        ),
        ("css/print.css", "css/theme/dark.css"),
    )


def test_a_pattern_naming_nothing_is_an_error_at_the_configuration(tmp_path):
    _, problems = _find(tmp_path, "src/mian.ts", "lib/*.js", "node_modules/x/index.js")
    assert [(p.location.path, p.location.line, p.location.column) for p in problems] == [
        ("assetpipe.toml", 3, 12)
    ] * 3
    assert problems[0].render().startswith("assetpipe.toml:3:12: error[entry]: build.entries: ")
    assert "'src/mian.ts' is not a file" in problems[0].message
    assert "'lib/*.js' matches no file" in problems[1].message


def test_a_file_that_is_no_script_or_stylesheet_is_an_error_unless_a_glob_passes_it(tmp_path):
    entries, problems = _find(tmp_path, "img/logo.svg", "img/*", "src/util.d.ts", "src/*.ts")
    assert entries == Entries(("src/main.ts",))
    assert [p.message for p in problems] == [
        "build.entries: img/logo.svg is neither a script nor a stylesheet",
        "build.entries: src/util.d.ts is neither a script nor a stylesheet",
    ]


@pytest.mark.parametrize("pattern", ["../secrets/app.ts", "/etc/x.js", "src/../../x.ts", ""])
def test_an_entry_outside_the_source_folder_is_refused_by_the_configuration(tmp_path, pattern):
    from assetpipe.config import load_config
    from assetpipe.diagnostics import ConfigError

    (tmp_path / "assetpipe.toml").write_text(f'[build]\nentries = ["src/main.ts", "{pattern}"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(cwd=tmp_path)
    (problem,) = caught.value.diagnostics
    assert problem.location.path.endswith("assetpipe.toml")
    assert "must be a path or glob inside the source folder" in problem.message
