"""Real-user monitoring in the build: the `[rum]` settings, the script as an output, its tag in
pages, each page's version (which changes only with the page's bytes, so monitoring costs no
cache hits) and the site's build id; and nothing at all without an endpoint."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from assetpipe import api
from assetpipe.compression import gzip
from assetpipe.config import load_config
from assetpipe.diagnostics import ConfigError
from assetpipe.js.parse import parser
from assetpipe.pipeline.hashing import build_id
from assetpipe.pipeline.values import OutputFile
from assetpipe.pipeline.watch import development_config
from assetpipe.rum import SOURCE, script

from ..conftest import site_config, tree_bytes, write_files
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
    "blog/index.html": PAGE.replace("css/", "../css/")
    .replace("img/", "../img/")
    .replace("</body>", '  <img src="../img/blog.svg" alt="">\n</body>'),
    "css/site.css": "h1 { color: #123456 }\n",
    "img/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n',
    "img/blog.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="3"/>\n',  # blog's
    "public/robots.txt": "User-agent: *\n",
}
TAG = re.compile(
    r'\n  <script async fetchpriority="low" src="(?P<src>[^"]+)" data-endpoint="(?P<endpoint>[^"]*)" '
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
        assert tag["build"] == manifest(out)["entries"][page]["build"]  # the page's version
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
    entries = manifest(out)["entries"]

    def tag(page: str) -> str:
        return (
            f'<script async fetchpriority="low" src="https://cdn.example.com/site/assets/'
            f'{emitted.name}" data-endpoint="/rum" data-sample-rate="1.0" '
            f'data-build="{entries[page]["build"]}"></script>'
        )

    assert (out / "a.html").read_text() == files["a.html"].replace(
        "</head>", tag("a.html") + "</head>"
    )
    assert (out / "b.html").read_text() == files["b.html"].replace(
        "<body>", tag("b.html") + "\n<body>"
    )
    assert (out / "c.html").read_text() == files["c.html"] + tag("c.html") + "\n"
    assert (out / "d.html").read_text() == files["d.html"].replace(
        "\t</head>", f"\t\t{tag('d.html')}\n\t</head>"
    )


def test_the_tag_comes_after_the_speculation_rules_on_the_same_lines_of_the_head(tmp_path: Path):
    # one mechanism puts both (and image preloads) at the end of the head: in the order they
    # were added, each line indented as the head's content
    files = {
        "a.html": "<html>\n\t<head>\n\t\t<title>a</title>\n\t</head>\n"
        '\t<body><a href="b.html">b</a></body>\n</html>\n',
        "b.html": "<p>b\n",
    }
    out = make(tmp_path, "both", files, RUM)
    html = (out / "a.html").read_text()
    head = html[html.index("<title>a</title>\n") + 17 : html.index("\t</head>")].split("\n")
    assert head[-1] == ""
    assert all(line.startswith("\t\t<") for line in head[:-1])
    assert head[0].startswith('\t\t<script type="speculationrules">')
    assert head[-2].startswith('\t\t<script async fetchpriority="low" src="/assets/rum-')
    assert len(head) == 4  # the rules, their fallback, the monitoring script


def test_a_server_app_finds_the_script_and_build_id_in_the_manifest(tmp_path: Path):
    files = {"src/main.js": "document.title = 'app'\n"}
    out = make(
        tmp_path, "app", files, '[rum]\nendpoint = "/rum"\n[build]\nentries = ["src/main.js"]\n'
    )
    found = manifest(out)
    (emitted,) = out.glob("assets/rum-*.js")
    assert found["entries"][SOURCE]["file"] == f"assets/{emitted.name}"
    assert re.fullmatch("[0-9a-f]{12}", found["build"])


# -- each page's version, the site's build id ---------------------------------------------------

RUM = '[rum]\nendpoint = "/rum"\n'


def _version(out: Path, page: str) -> str:
    (tag,) = TAG.finditer((out / page).read_text())
    return tag["build"]


def test_a_pages_version_is_the_hash_of_its_bytes_with_the_version_left_empty(tmp_path: Path):
    """Anyone can check it: blank the attribute, hash; the manifest's entry for the page says
    the same; the same sources give the same bytes and versions."""
    one, two = make(tmp_path, "one", FILES, RUM), make(tmp_path, "two", FILES, RUM)
    assert tree_bytes(one) == tree_bytes(two)
    entries = manifest(one)["entries"]
    for page in ("index.html", "blog/index.html"):
        html = (one / page).read_bytes()
        version = _version(one, page)
        blank = html.replace(f'data-build="{version}"'.encode(), b'data-build=""')
        assert blank != html and version == hashlib.sha256(blank).hexdigest()[:12]
        assert entries[page]["build"] == version
    assert _version(one, "index.html") != _version(one, "blog/index.html")
    # only pages have one; the site's build id stays at the top, for servers' templates
    assert [k for k, e in entries.items() if "build" in e] == ["blog/index.html", "index.html"]
    assert re.fullmatch("[0-9a-f]{12}", manifest(one)["build"])


def test_a_pages_version_and_bytes_change_only_with_the_page(tmp_path: Path):
    """An asset the page does not link to (another page's image, a public/ file) leaves the
    page byte for byte as it was: not uploaded again, not purged, a 304 for its visitors.
    Its own text, or an asset it links to, give it a new version. The site's id covers
    every asset."""
    first = make(tmp_path, "first", FILES, RUM)

    def rebuilt(name: str, **changes: str) -> Path:
        return make(tmp_path, name, {**FILES, **changes}, RUM)

    def changed(out: Path) -> list[str]:
        return [
            p
            for p in ("index.html", "blog/index.html")
            if (out / p).read_bytes() != (first / p).read_bytes()
        ]

    site = manifest(first)["build"]
    blog_svg = rebuilt("svg", **{"img/blog.svg": FILES["img/blog.svg"].replace('"3"', '"4"')})
    assert changed(blog_svg) == ["blog/index.html"]
    assert manifest(blog_svg)["build"] != site
    robots = rebuilt("robots", **{"public/robots.txt": "User-agent: *\nDisallow: /x\n"})
    assert changed(robots) == []
    assert manifest(robots)["build"] != site
    text = rebuilt("text", **{"index.html": PAGE.replace("Hello", "Hi")})
    assert changed(text) == ["index.html"]
    assert manifest(text)["build"] == site  # (no asset changed)
    css = rebuilt("css", **{"css/site.css": "h1 { color: #654321 }\n"})
    assert changed(css) == ["index.html", "blog/index.html"]
    for out, pages in (
        (blog_svg, ["blog/index.html"]),
        (text, ["index.html"]),
        (css, ["index.html", "blog/index.html"]),
    ):
        for page in ("index.html", "blog/index.html"):
            assert (_version(out, page) != _version(first, page)) == (page in pages), (out, page)
            assert manifest(out)["entries"][page]["build"] == _version(out, page)


CACHED_SITE = {
    "index.html": PAGE.replace(
        "</body>", '  <script type="module" src="js/home.js"></script>\n</body>'
    ),
    "blog/index.html": FILES["blog/index.html"],
    "about.html": PAGE.replace("Hello", "About"),
    "css/site.css": FILES["css/site.css"],
    "img/dot.svg": FILES["img/dot.svg"],
    "img/blog.svg": FILES["img/blog.svg"],
    "js/home.js": 'import { hi } from "./lib/hi.js";\nhi(document.querySelector("h1"));\n',
    "js/lib/hi.js": 'export function hi(el) { el.textContent = "Welcome"; }\n',
    "public/favicon.ico": b"\0\0\1\0" + bytes(30),
}


def _one_module_change(tmp_path: Path, name: str, config_text: str) -> tuple[dict, Path, dict]:
    """A build of CACHED_SITE, then one of it after a change of a module only index.html uses,
    compared with the first: the cache-hit figure, the output folder, the first's bytes."""
    src = write_files(tmp_path / f"{name}-src", CACHED_SITE)
    (tmp_path / f"{name}.toml").write_text(config_text)
    out = tmp_path / name
    config = site_config(tmp_path / f"{name}.toml", src, out, tmp_path / "cache", tmp_path)
    api.build(config)
    before = tree_bytes(out)
    (src / "js/lib/hi.js").write_text(CACHED_SITE["js/lib/hi.js"].replace("Welcome", "Hello again"))
    result = api.build(config, baseline=api.load_baseline(str(out)))
    return result.report["cache_hits"], out, before


def test_monitoring_costs_returning_visitors_no_cache_hits(tmp_path: Path):
    """The regression this guards: with one id for the whole site in every page, any asset
    change rewrote every page (each uploaded and purged again, each a 200 for its visitors
    instead of a 304). Now the pages that do not use the changed module keep their bytes, and
    every page refetches what it would without monitoring."""
    hits, out, before = _one_module_change(tmp_path, "on", RUM)
    rows = {r["page"]: r for r in hits["pages"]}
    for page in ("blog/index.html", "about.html"):
        assert (out / page).read_bytes() == before[page]
        assert rows[page]["served"] == rows[page]["requests"] and rows[page]["refetched"] == []
    [chunk, page] = rows["index.html"]["refetched"]
    assert chunk.startswith("assets/home-") and page == "index.html"
    assert (out / "index.html").read_bytes() != before["index.html"]
    # the same refetches as without monitoring; the cached script is one more request served
    off, _, _ = _one_module_change(tmp_path, "off", "")
    off_rows = {r["page"]: r for r in off["pages"]}
    for page, row in rows.items():
        assert row["refetched"] == off_rows[page]["refetched"], page
        assert row["requests"] == off_rows[page]["requests"] + 1, page
        assert row["served"] == off_rows[page]["served"] + 1, page
    assert hits["site"]["share_requests"] >= off["site"]["share_requests"]


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
