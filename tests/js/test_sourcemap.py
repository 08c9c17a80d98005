"""Source maps: Node with --enable-source-maps reports an error thrown in a bundle at the
original file and line, and the map's segments point at the source lines they came from."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from assetpipe.js.sourcemap import vlq

from ..conftest import require_tool
from .test_bundle import bundle_case

MAPS = Path(__file__).parent / "maps"


def decode(mappings: str) -> list[tuple[int, int, int, int, int]]:
    """(generated line, column, source, source line, column) for every segment."""
    values = {
        c: i
        for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    }
    result, state = [], [0, 0, 0, 0]
    for line, text in enumerate(mappings.split(";")):
        state[0] = 0
        for segment in filter(None, text.split(",")):
            nums, value, shift = [], 0, 0
            for c in segment:
                digit = values[c]
                value += (digit & 31) << shift
                if digit & 32:
                    shift += 5
                else:
                    nums.append(-(value >> 1) if value & 1 else value >> 1)
                    value, shift = 0, 0
            for i, n in enumerate(nums):
                state[i] += n
            result.append((line, *state))
    return result


def test_vlq_round_trips():
    for n in (0, 1, -1, 15, 16, -16, 1000, -123456):
        assert decode(vlq(0) + vlq(0) + vlq(0) + vlq(n))[0][4] == n


@pytest.mark.parametrize("minify", [True, False], ids=["minified", "readable"])
def test_node_reports_errors_at_the_original_line(minify: bool, tmp_path: Path):
    node = require_tool("node", "nodejs")
    out, manifest = bundle_case(MAPS, tmp_path, minify=minify)
    entry = out / manifest["entries"]["main.js"]["file"]
    assert entry.read_text().rstrip().endswith(f"//# sourceMappingURL={entry.name}.map")
    result = subprocess.run(
        [node, "--enable-source-maps", str(entry)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    # the throw is on line 6 of lib/thrower.js, the call on line 6 of main.js
    assert re.search(r"lib/thrower\.js:6:\d+", result.stdout), result.stdout
    assert re.search(r"main\.js:6:\d+", result.stdout), result.stdout


def test_segments_point_at_their_source_lines(tmp_path: Path):
    out, manifest = bundle_case(MAPS, tmp_path, minify=False)
    entry = out / manifest["entries"]["main.js"]["file"]
    data = json.loads((entry.parent / (entry.name + ".map")).read_text())
    assert data["version"] == 3 and data["sources"] == ["../lib/thrower.js", "../main.js"]
    sources = [c.split("\n") for c in data["sourcesContent"]]
    generated = entry.read_text().split("\n")
    segments = decode(data["mappings"])
    assert len(segments) >= 10
    for line, col, source, src_line, src_col in segments:
        produced = generated[line][col:].strip()[:12]
        original = sources[source][src_line][src_col:].strip()[:12]
        assert produced == original, (line, produced, original)
