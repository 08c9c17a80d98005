"""Tests of the ``deploy`` workload's helpers: the generated site and its manifest, counting
requests in the server's log, the bucket checks, the AWS CLI's virtualenv (no install here),
and one short round trip through a real moto server (skipped without moto)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from bench import tools
from bench.harness import CheckFailed
from bench.workloads._deploy import (
    MANIFEST,
    MotoServer,
    SiteSpec,
    compare_listing,
    count_requests,
    expected_objects,
    generate_site,
    header_problems,
    s3_tool,
)
from bench.workloads.deploy import assetpipe_reported, aws_reported

SMALL = SiteSpec(files=60, pages=5, total_bytes=400_000, max_file=60_000, seed="test")


def files_of(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_site_is_deterministic_and_its_manifest_is_right(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        root.mkdir()
        generate_site(root, SMALL)
    files = files_of(first)
    assert files == files_of(second)
    outputs = json.loads(files.pop(MANIFEST))["outputs"]
    assert sorted(outputs) == sorted(files) and len(files) == SMALL.files
    assert sum(len(data) for data in files.values()) == pytest.approx(SMALL.total_bytes, rel=0.01)
    assert max(len(data) for data in files.values()) <= SMALL.max_file
    pages = [p for p in files if p.endswith(".html")]
    assert len(pages) == SMALL.pages and "index.html" in pages
    for path, entry in outputs.items():
        data = files[path]
        assert entry["size"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["immutable"] == path.startswith("assets/")
        if entry["immutable"]:  # named after its bytes, as a build names hashed assets
            assert path.rsplit("-", 1)[1].split(".")[0] == entry["sha256"][:8]
    assert outputs["index.html"]["content_type"] == "text/html; charset=utf-8"
    assert outputs["favicon.ico"]["content_type"] == "image/x-icon"
    assert {e["content_type"] for e in outputs.values()} >= {"image/png", "font/woff2"}
    files["index.html"].decode("ascii")  # text files are text


def test_expected_objects_has_the_md5_and_refuses_a_changed_site(tmp_path: Path) -> None:
    generate_site(tmp_path, SMALL)
    expected = expected_objects(tmp_path)
    data = (tmp_path / "robots.txt").read_bytes()
    assert expected["robots.txt"]["md5"] == hashlib.md5(data).hexdigest()
    assert expected["robots.txt"]["immutable"] is False
    (tmp_path / "robots.txt").write_bytes(data + b"x")
    with pytest.raises(ValueError, match="differs from its manifest"):
        expected_objects(tmp_path)
    (tmp_path / "robots.txt").write_bytes(data)
    (tmp_path / "stray.txt").write_text("not built")
    with pytest.raises(ValueError, match="does not match its manifest"):
        expected_objects(tmp_path)


LOG = """\
\x1b[31m\x1b[1mWARNING: This is a development server.\x1b[0m
 * Running on http://127.0.0.1:5000
127.0.0.1 - - [25/Nov/2026 21:47:04] "GET /b1/.assetpipe/deploy.json HTTP/1.1" 404 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "GET /b1?list-type=2&prefix=&encoding-type=url HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "PUT /b1/assets/a-1.js HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "PUT /b1/assets/a-1.js HTTP/1.1" 503 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "PUT /b1/docs/my%20page.html HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026] "\x1b[33mPUT /b1/big.bin?partNumber=1&uploadId=x HTTP/1.1\x1b[0m" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "POST /b1/big.bin?uploads HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "HEAD /b1/index.html HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "PUT /b1/.assetpipe/deploy.json HTTP/1.1" 200 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "DELETE /b1/old.html HTTP/1.1" 204 -
127.0.0.1 - - [25/Nov/2026 21:47:04] "PUT /other/x.js HTTP/1.1" 200 -
Traceback (most recent call last): "PUT is not a request line
"""


def test_requests_are_counted_from_the_log() -> None:
    found = count_requests(LOG, "b1")
    assert found.total == 11 and found.writes == 8 and found.server_errors == 1
    assert found.methods["GET"] == 2 and found.methods["HEAD"] == 1
    # retries count as requests but not as more uploads; parts, other buckets are not uploads
    assert found.uploaded == {"assets/a-1.js", "docs/my page.html", ".assetpipe/deploy.json"}
    assert found.figures() == {"requests": 11, "writes": 8, "uploads": 2, "gets": 2, "heads": 1}
    assert count_requests("", "b1").figures()["requests"] == 0


def test_the_bucket_must_hold_the_site_byte_for_byte() -> None:
    expected = {
        "a.js": {"size": 3, "md5": "m1", "content_type": "text/javascript", "immutable": True},
        "b.html": {"size": 5, "md5": "m2", "content_type": "text/html", "immutable": False},
    }
    good = {"a.js": (3, '"m1"'), "b.html": (5, '"m2"')}
    assert compare_listing(good, expected) == []
    assert compare_listing(good | {".assetpipe/deploy.json": (9, '"r"')}, expected, [
        ".assetpipe/deploy.json"
    ]) == []  # fmt: skip
    problems = compare_listing({"a.js": (3, '"other"'), "c.txt": (1, '"x"')}, expected)
    assert problems == [
        "1 files missing: b.html",
        "1 unexpected objects: c.txt",
        "1 objects with other bytes (size or MD5): ['a.js']",
    ]
    immutable = {"content_type": "text/javascript", "cache_control": "public, immutable"}
    assert header_problems("a.js", immutable, expected["a.js"]) == []
    assert header_problems("b.html", immutable, expected["b.html"]) == [
        "b.html: Content-Type 'text/javascript'",
        "b.html: Cache-Control 'public, immutable'",
    ]


def test_what_the_tools_report_is_read_from_their_output() -> None:
    ok = json.dumps({"ok": True, "requests": 1003, "uploaded": 1000})
    assert assetpipe_reported(ok) == {"tool_requests": 1003, "tool_uploads": 1000}
    for wrong in ("Traceback ...", "1", "", json.dumps({"ok": True})):
        with pytest.raises(CheckFailed, match="printed no result"):
            assetpipe_reported(wrong)
    with pytest.raises(CheckFailed, match="says it failed"):
        assetpipe_reported(json.dumps({"ok": False, "diagnostics": ["x"]}))
    out = "upload: site/a.js to s3://b/a.js\nupload: site/b.js to s3://b/b.js\n"
    assert aws_reported(out) == {"tool_uploads": 2}


def test_a_venv_tool_made_for_the_same_spec_is_not_installed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tools, "VENVS_DIR", tmp_path)
    exe = tmp_path / "awscli" / "bin" / "aws"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    (tmp_path / "awscli" / ".bench-spec").write_text("awscli>=1.40,<2")

    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError("pip must not run")

    monkeypatch.setattr(tools.subprocess, "run", no_pip)
    assert tools.ensure_venv_tool("awscli", "awscli>=1.40,<2", "aws") == exe


def test_requests_of_a_window_on_a_real_moto_server(tmp_path: Path) -> None:
    pytest.importorskip("moto.server")
    pytest.importorskip("boto3")
    server = MotoServer(tmp_path / "moto.log")
    server.start()
    try:
        s3_tool(server.url, "create", "bench-test")
        start = server.mark()
        (tmp_path / "expected.json").write_text(json.dumps({}))
        answer = s3_tool(server.url, "inspect", "bench-test", str(tmp_path / "expected.json"))
        assert answer == {"objects": 0, "problems": []}
        found = server.requests_since(start, "bench-test")
        assert found.figures()["requests"] == 1 and found.methods["GET"] == 1  # one listing
        assert found.writes == 0 and server.cpu_seconds() > 0
    finally:
        server.stop()
    assert server.proc is not None and server.proc.poll() is not None
