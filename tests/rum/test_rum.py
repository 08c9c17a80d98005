"""Real-user monitoring in the build: the `[rum]` settings, the script as an output, its tag in
pages, the build id; and nothing at all without an endpoint."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assetpipe.compression import gzip
from assetpipe.config import load_config
from assetpipe.diagnostics import ConfigError
from assetpipe.js.parse import parser
from assetpipe.pipeline.hashing import build_id
from assetpipe.pipeline.values import OutputFile
from assetpipe.pipeline.watch import development_config
from assetpipe.rum import SOURCE, script

from ..conftest import tree_bytes
from .collector import make, manifest

PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>A page</title>
  <link rel="stylesheet" href="css/site.css">
</head>
<body>
  <h1>Hello</h1>
  <img src="img/dot.svg" alt="">
</body>
</html>
"""
FILES = {
    "index.html": PAGE,
    "blog/index.html": PAGE.replace("css/", "../css/").replace("img/", "../img/"),
    "css/site.css": "h1 { color: #123456 }\n",
    "img/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
    "public/robots.txt": "User-agent: *\n",
}
TAG = re.compile(
    r'\n  <script async src="(?P<src>[^"]+)" data-endpoint="(?P<endpoint>[^"]*)" '
    r'data-sample-rate="(?P<rate>[^"]+)" data-build="(?P<build>[0-9a-f]{12})"></script>\n</head>'
)


def config_problems(tmp_path: Path, text: str) -> str:
    (tmp_path / "c.toml").write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(str(tmp_path / "c.toml"), cwd=tmp_path)
    return "\n".join(d.message for d in caught.value.diagnostics)


# -- settings -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "endpoint",
    ["rum", "ftp://rum.example.com/", "//rum.example.com/collect", "https://", "/ rum", "https:/x"],
)
def test_an_endpoint_that_is_no_url_or_path_is_a_config_error(tmp_path: Path, endpoint: str):
    message = config_problems(tmp_path, f'[rum]\nendpoint = "{endpoint}"\n')
    assert message.startswith("rum.endpoint: must be an absolute http:// or https:// URL")
    assert "starting with '/'" in message


@pytest.mark.parametrize("rate", ["0", "-0.5", "1.5", "nan", '"0.5"', "true"])
def test_a_sample_rate_outside_0_to_1_is_a_config_error(tmp_path: Path, rate: str):
    message = config_problems(tmp_path, f'[rum]\nendpoint = "/rum"\nsample_rate = {rate}\n')
    assert message.startswith("rum.sample_rate: ")
    assert "above 0 and at most 1" in message or "expected a number" in message


def test_good_settings_load(tmp_path: Path):
    for endpoint in ("", "/rum", "https://rum.example.com/collect?site=a", "http://127.0.0.1:9/"):
        (tmp_path / "c.toml").write_text(f'[rum]\nendpoint = "{endpoint}"\nsample_rate = 1\n')
        config = load_config(str(tmp_path / "c.toml"), cwd=tmp_path)[0]
        assert config.rum.endpoint == endpoint
        assert config.rum.sample_rate == 1.0 and isinstance(config.rum.sample_rate, float)


# -- nothing without the setting ----------------------------------------------------------------


def test_without_an_endpoint_pages_and_outputs_are_exactly_as_before(tmp_path: Path):
    """No [rum] table, and `endpoint = ""`, give the same bytes; a page with nothing to
    rewrite comes out as written, and neither the script nor a build id is anywhere."""
    plain = make(tmp_path, "plain", {"index.html": "<!doctype html>\n<title>x</title>\n<p>x\n"})
    outputs = {k: v for k, v in tree_bytes(plain).items() if not k.startswith(".assetpipe/")}
    assert outputs == {"index.html": b"<!doctype html>\n<title>x</title>\n<p>x\n"}
    assert list(manifest(plain)) == ["version", "entries", "outputs"]
    without = make(tmp_path, "without", FILES)
    empty = make(tmp_path, "empty", FILES, '[rum]\nendpoint = ""\nsample_rate = 0.5\n')
    assert tree_bytes(without) == tree_bytes(empty)
    for out in (plain, without):
        assert "build" not in manifest(out)
        assert not list(out.rglob("rum-*"))
        assert SOURCE not in (out / ".assetpipe/manifest.json").read_text()
    assert (without / "index.html").read_text().count("<script") == 0


# -- the script and its tag ---------------------------------------------------------------------


def test_the_script_is_at_most_1_5_kb_of_gzip_and_parses(tmp_path: Path):
    out = make(tmp_path, "on", FILES, '[rum]\nendpoint = "/rum"\n')
    (emitted,) = out.glob("assets/rum-*.js")
    data = emitted.read_bytes()
    assert len(gzip(data)) <= 1536, len(gzip(data))
    assert data.decode() == script(minify=True)
    assert not parser().parse(data).root_node.has_error
    assert len(data) < len(script(minify=False).encode()) / 2
    # cached forever: content-hashed, like every other asset
    assert manifest(out)["outputs"][f"assets/{emitted.name}"]["immutable"] is True


def test_a_readable_build_ships_the_script_as_written(tmp_path: Path):
    out = make(tmp_path, "dev", FILES, '[rum]\nendpoint = "/rum"\n', **{"build.minify": False})
    (emitted,) = out.glob("assets/rum-*.js")
    assert emitted.read_text() == script(minify=False)
    assert "performance" in script(minify=False) and "sendBeacon" in script(minify=False)


def test_every_page_loads_the_script_async_at_the_end_of_its_head(tmp_path: Path):
    endpoint = "https://rum.example.com/c?site=a&x=1"
    out = make(tmp_path, "on", FILES, f'[rum]\nendpoint = "{endpoint}"\nsample_rate = 0.25\n')
    (emitted,) = out.glob("assets/rum-*.js")
    for page in ("index.html", "blog/index.html"):
        html = (out / page).read_text()
        (tag,) = TAG.finditer(html)
        assert tag["src"] == f"/assets/{emitted.name}"
        assert tag["endpoint"] == endpoint.replace("&", "&amp;")
        assert tag["rate"] == "0.25"
        assert tag["build"] == manifest(out)["build"]
        assert html.count("<script") == 1
    # the manifest names the script for servers' templates ([build] entries): see docs/rum.md
    assert manifest(out)["entries"][SOURCE]["file"] == f"assets/{emitted.name}"


def test_the_tag_follows_the_pages_layout_and_the_base(tmp_path: Path):
    files = {
        "a.html": "<html><head><title>a</title></head><body>a</body></html>\n",
        "b.html": "<!doctype html>\n<title>b</title>\n<body>\n<p>b\n",
        "c.html": "<p>c\n",
        "d.html": "<html>\n\t<head>\n\t\t<title>d</title>\n\t</head>\n</html>\n",
    }
    out = make(
        tmp_path,
        "layout",
        files,
        '[rum]\nendpoint = "/rum"\n[build]\nbase = "https://cdn.example.com/site/"\n',
    )
    (emitted,) = out.glob("assets/rum-*.js")
    build = manifest(out)["build"]
    tag = (
        f'<script async src="https://cdn.example.com/site/assets/{emitted.name}" '
        f'data-endpoint="/rum" data-sample-rate="1.0" data-build="{build}"></script>'
    )
    assert (out / "a.html").read_text() == files["a.html"].replace("</head>", tag + "</head>")
    assert (out / "b.html").read_text() == files["b.html"].replace("<body>", tag + "\n<body>")
    assert (out / "c.html").read_text() == files["c.html"] + tag + "\n"
    assert (out / "d.html").read_text() == files["d.html"].replace(
        "\t</head>", f"\t\t{tag}\n\t</head>"
    )


def test_a_server_app_finds_the_script_and_build_id_in_the_manifest(tmp_path: Path):
    files = {"src/main.js": "document.title = 'app'\n"}
    out = make(
        tmp_path, "app", files, '[rum]\nendpoint = "/rum"\n[build]\nentries = ["src/main.js"]\n'
    )
    found = manifest(out)
    (emitted,) = out.glob("assets/rum-*.js")
    assert found["entries"][SOURCE]["file"] == f"assets/{emitted.name}"
    assert re.fullmatch("[0-9a-f]{12}", found["build"])


# -- the build id -------------------------------------------------------------------------------


def test_the_build_id_is_the_same_for_the_same_input_and_changes_with_any_asset(tmp_path: Path):
    config = '[rum]\nendpoint = "/rum"\n'
    one, two = make(tmp_path, "one", FILES, config), make(tmp_path, "two", FILES, config)
    assert tree_bytes(one) == tree_bytes(two)
    first = manifest(one)["build"]
    # a page's own text is not in it (nor its inlined stylesheet); an image, a public file are
    edited = {**FILES, "index.html": PAGE.replace("Hello", "Hi")}
    assert manifest(make(tmp_path, "page", edited, config))["build"] == first
    svg = {**FILES, "img/dot.svg": FILES["img/dot.svg"].replace('"1"', '"2"')}
    assert manifest(make(tmp_path, "svg", svg, config))["build"] != first
    robots = {**FILES, "public/robots.txt": "User-agent: *\nDisallow: /x\n"}
    assert manifest(make(tmp_path, "robots", robots, config))["build"] != first


def test_build_id_covers_assets_not_pages_or_source_maps_in_any_order():
    a = OutputFile("assets/a-1.js", b"a", "a.js", True)
    b = OutputFile("robots.txt", b"b", "public/robots.txt", False)
    page = OutputFile("index.html", b"<p>", "index.html", False)
    source_map = OutputFile("assets/a-1.js.map", b"{}", "a.js", True)
    assert re.fullmatch("[0-9a-f]{12}", build_id([a, b]))
    assert build_id([a, b]) == build_id([b, page, source_map, a])
    assert build_id([a, b]) != build_id([a])
    assert build_id([a, b]) != build_id([a, OutputFile("robots.txt", b"c", None, False)])


def test_watch_builds_without_monitoring(tmp_path: Path):
    """A developer's page views must not reach the visitors' collector."""
    (tmp_path / "c.toml").write_text('[rum]\nendpoint = "https://rum.example.com/c"\n')
    config = load_config(str(tmp_path / "c.toml"), cwd=tmp_path)[0]
    assert development_config(config).rum.endpoint == ""
