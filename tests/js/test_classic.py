"""Classic scripts are minified one by one with rjsmin: never into something that does not run."""

from __future__ import annotations

import subprocess
from pathlib import Path

from assetpipe.cache import Cache
from assetpipe.js.minify import minify

from ..conftest import require_tool


def test_a_script_rjsmin_would_break_is_kept_as_written(tmp_path: Path):
    """test262's directive-prologue/14.1-14-s.js: rjsmin joins two string statements on two
    lines (`"a""b"`, a SyntaxError); the script is kept as written instead."""
    require_tool("node")
    source = (
        'function foo()\n{\n  "another directive"\n  "use strict" ;\n'
        "  return (this === undefined);\n}\nconsole.log(foo.call(undefined))\n"
    )
    out = minify(source, Cache(None))
    assert out == source.strip()
    script = tmp_path / "s.cjs"
    script.write_text(out)
    result = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert result.stdout == "true\n", result.stderr


def test_scripts_rjsmin_handles_are_minified():
    assert minify("var a = 1 ;\n// note\nvar b = a + 1 ;\n", Cache(None)) == "var a=1;var b=a+1;"
