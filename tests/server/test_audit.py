"""The audit's loopback server answers conditional requests as S3 and CDNs do: an ETag per
representation, `If-None-Match` answered `304 Not Modified` without a body, a changed file a
new ETag (what a returning visitor's revalidated page or `public/` file relies on)."""

from __future__ import annotations

import gzip
import http.client
from pathlib import Path
from urllib.parse import urlsplit

from assetpipe.server.audit import StaticServer


def _get(server: StaticServer, path: str, **headers: str):
    conn = http.client.HTTPConnection(urlsplit(server.url).netloc, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


def test_if_none_match_gets_304_until_the_file_changes(tmp_path: Path):
    page = tmp_path / "index.html"
    page.write_text("<!doctype html><p>hello</p>" * 50)
    (tmp_path / "favicon.ico").write_bytes(b"\1" * 64)
    with StaticServer(tmp_path, immutable_dir="assets") as server:
        first, body = _get(server, "/", **{"Accept-Encoding": "gzip"})
        tag = first.headers["ETag"]
        assert first.status == 200 and tag.startswith('"') and len(tag) == 34
        assert first.headers["Content-Encoding"] == "gzip" and gzip.decompress(body)

        again, body = _get(server, "/", **{"Accept-Encoding": "gzip", "If-None-Match": tag})
        assert again.status == 304 and body == b""
        assert again.headers["ETag"] == tag and again.headers["Cache-Control"] == "no-cache"
        assert again.headers["Vary"] == "Accept-Encoding"
        # a list, a weak form of the same tag and `*` match too; another tag does not
        for header in (f'"x", {tag}', f"W/{tag}", "*"):
            assert (
                _get(server, "/", **{"Accept-Encoding": "gzip", "If-None-Match": header})[0].status
                == 304
            )
        assert (
            _get(server, "/", **{"Accept-Encoding": "gzip", "If-None-Match": '"x"'})[0].status
            == 200
        )

        # each representation its own strong validator: identity is not the gzip body
        plain, body = _get(server, "/", **{"Accept-Encoding": "identity"})
        assert plain.status == 200 and plain.headers["ETag"] != tag
        assert _get(server, "/", **{"If-None-Match": tag})[0].status == 200

        # a binary file, served as it is, revalidates the same way
        icon, _ = _get(server, "/favicon.ico")
        assert (
            _get(server, "/favicon.ico", **{"If-None-Match": icon.headers["ETag"]})[0].status == 304
        )

        assert server.statuses[:3] == [("/", 200), ("/", 304), ("/", 304)]
        assert server.statuses.count(("/", 304)) == 4  # what the revalidations got

        page.write_text("<!doctype html><p>changed</p>" * 50)  # the next deploy
        changed, body = _get(server, "/", **{"Accept-Encoding": "gzip", "If-None-Match": tag})
        assert changed.status == 200 and changed.headers["ETag"] != tag
        assert b"changed" in gzip.decompress(body)
