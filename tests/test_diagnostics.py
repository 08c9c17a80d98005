"""Diagnostics as users read them: a located message, the source line and a caret."""

from __future__ import annotations

from pathlib import Path

from assetpipe.diagnostics import LineIndex, line_starts

from .conftest import run_cli


def test_one_line_start_table_for_text_and_bytes():
    text = "a\nbc\n\nd"
    assert line_starts(text) == line_starts(text.encode()) == [0, 2, 5, 6]
    assert line_starts("") == [0]
    location = LineIndex(text).locate("f.css", 3)
    assert (location.line, location.column, location.line_text) == (2, 2, "bc")


def test_a_minified_line_is_cut_to_a_window_around_the_column(tmp_path: Path, site):
    """An error in a 1.7 MB one-line bundle printed the whole line (issue #12): the line is cut
    to about 100 characters around the column, and the caret still points at the error."""
    code = "var a=1;" * 20_000 + "var b=`x\\unicode`;" + "var c=2;" * 20_000
    src = site(
        {
            "index.html": '<!doctype html><script type="module" src="big.js"></script>',
            "big.js": code,
        }
    )
    built = run_cli("build", "--src", str(src), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 1
    head, line, caret, *_ = built.stderr.splitlines()
    column = len("var a=1;" * 20_000) + len("var b=`x") + 1
    assert head.startswith(f"src/big.js:1:{column}: error[js-syntax]:")
    assert len(line) < 130 and "…" in line
    text = line.split(" | ", 1)[1]
    at = caret.index("^") - caret.index("| ") - 2
    assert text[at : at + 2] == "\\u"
    assert not (tmp_path / "out").exists()
