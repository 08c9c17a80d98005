"""The command line as users and CI run it: exit statuses, output modes, no tracebacks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assetpipe import __version__

from .conftest import ROOT, SITES, run_cli

pytestmark = pytest.mark.slow  # the CLI in subprocesses


def test_version():
    result = run_cli("--version", cwd=ROOT)
    assert result.returncode == 0 and __version__ in result.stdout


def test_help_does_not_import_the_build_machinery():
    code = (
        "import sys, assetpipe.commands; "
        "print([m for m in ('tree_sitter', 'lightningcss', 'tinycss2', 'rjsmin') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_build_without_a_terminal_prints_one_line(tmp_path: Path):
    result = run_cli(
        "build", "--out", str(tmp_path / "d"), "--cache-dir", str(tmp_path / "c"), cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("built 6 pages") and "gzip" in line


def test_verbose_prints_the_summary_tables(tmp_path: Path):
    result = run_cli(
        "build", "-v", "--out", str(tmp_path / "d"), "--cache-dir", str(tmp_path / "c"), cwd=ROOT
    )
    assert "gallery/index.html" in result.stdout and "discover" in result.stdout
    for kind in ("html", "css", "js", "image", "font"):
        assert f"\n  {kind} " in result.stdout


def test_json_result(tmp_path: Path):
    result = run_cli(
        "build",
        "--json",
        "--out",
        str(tmp_path / "d"),
        "--cache-dir",
        str(tmp_path / "c"),
        cwd=ROOT,
    )
    data = json.loads(result.stdout)
    assert data["ok"] is True and data["pages"] == 6
    assert set(data["timings"]) == {
        "scan",
        "discover",
        "bundle",
        "images",
        "render",
        "hash",
        "report",
        "emit",
    }
    assert {p["page"] for p in data["summary"]["pages"]} >= {"index.html", "about/index.html"}


def test_failed_build_json_lists_diagnostics(tmp_path: Path):
    result = run_cli(
        "build", "--json", "--src", "src", "--out", str(tmp_path / "d"), cwd=SITES / "errors"
    )
    data = json.loads(result.stdout)
    assert result.returncode == 1 and data["ok"] is False
    first = data["diagnostics"][0]
    assert (first["file"], first["line"], first["code"]) == ("src/css/broken.css", 4, "css-syntax")


def test_configuration_errors_exit_2(tmp_path: Path):
    (tmp_path / "assetpipe.toml").write_text("[build]\nminfy = false\n")
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 2
    assert "build.minfy" in result.stderr and "did you mean 'minify'" in result.stderr
    assert "Traceback" not in result.stderr


def test_usage_errors_exit_2(tmp_path: Path):
    assert run_cli("build", "--no-such-flag", cwd=tmp_path).returncode == 2


def test_missing_source_folder_is_a_clear_failure(tmp_path: Path):
    result = run_cli("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "site_src" in result.stderr and "does not exist" in result.stderr
    assert "Traceback" not in result.stderr


def test_flags_override_the_configuration_file(tmp_path: Path):
    (tmp_path / "assetpipe.toml").write_text(
        f'[build]\nsrc = "{SITES / "runtime" / "src"}"\nout = "from-file"\nminify = true\n'
    )
    result = run_cli("build", "--out", "from-flag", "--no-minify", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "from-flag/index.html").exists() and not (tmp_path / "from-file").exists()
    js = next((tmp_path / "from-flag/assets").glob("main-*.js")).read_text()
    assert "\n  " in js  # not minified: indentation kept


def test_image_progress_shows_on_a_terminal_only(tmp_path: Path):
    import os
    import pty

    args = ("build", "--jobs", "1", "--out", str(tmp_path / "d"), "--cache-dir")
    quiet = run_cli(*args, str(tmp_path / "c1"), cwd=ROOT)
    assert quiet.returncode == 0 and "images  [" not in quiet.stderr  # a CI log gets no bar
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSETPIPE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "assetpipe", *args, str(tmp_path / "c2")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=terminal,
        text=True,
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the build is over
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    os.close(controller)
    text = seen.decode()
    counts = re.findall(r"images  \[[#-]+\] +(\d+)/(\d+)", text)
    assert counts and counts[-1][0] == counts[-1][1]  # the demo site's encodes, counted to the end
    assert text.endswith("\r\x1b[K")  # erased when done: the summary is not mixed with it


def test_define_flags_add_to_the_configurations_defines(tmp_path: Path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src/index.html").write_text('<script type="module" src="main.js"></script>\n')
    (tmp_path / "src/main.js").write_text("console.log(__A__, __B__, process.env.NODE_ENV)\n")
    (tmp_path / "assetpipe.toml").write_text(
        '[build]\nsrc = "src"\n[build.define]\n__A__ = \'"file"\'\n__B__ = \'"file"\'\n'
    )
    result = run_cli(
        "build",
        "--define",
        '__B__="flag"',
        "--define",
        'process.env.NODE_ENV="staging"',
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    js = next((tmp_path / "dist/assets").glob("main-*.js")).read_text()
    assert 'console.log("file","flag","staging")' in js
    bad = run_cli("build", "--define", "__B__=flag", cwd=tmp_path)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
    assert "--define: __B__: 'flag' is not JSON" in bad.stderr
    assert """a string needs its quotes: '"flag"'""" in bad.stderr
