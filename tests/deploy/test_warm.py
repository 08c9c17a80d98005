"""`deploy --warm URL`: the CDN warm-up, against a local server that acts as a CDN in front of
the moto bucket the deploy writes to (`fake_cdn.py`), and its pure parts without a network."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.deployment import warm
from assetpipe.deployment.execute import deploy
from assetpipe.deployment.plan import Headers, Upload
from assetpipe.diagnostics import ConfigError

from ..conftest import run_cli
from .conftest import build_site
from .fake_cdn import bucket_origin, closed_port, files_origin, start_cdn
from .servers import CLOUDFLARE_TOKEN

BROWSER = "gzip, deflate, br, zstd"
PAGES = ["index.html", "blog/index.html", *(f"p{i}.html" for i in range(1, 8))]


def _page(name: str, script: str) -> str:
    depth = name.count("/")
    up = "../" * depth
    return (
        f'<!doctype html><title>{name}</title><link rel="stylesheet" href="{up}css/site.css">'
        f'<script type="module" src="{up}js/{script}.js"></script><h1>{name}</h1>'
    )


def _site(changed: str = "") -> dict[str, str]:
    """Nine pages, each with the shared stylesheet and its own entry script importing a shared
    module; `changed` (a page) gets other text and another script."""
    files: dict[str, str] = {
        "css/site.css": "h1 { color: rebeccapurple; }\nbody { margin: 0 }\n",
        "js/shared.js": "export const greet = (n) => `hello ${n}`;\n",
        "public/robots.txt": "User-agent: *\n",
    }
    for i, page in enumerate(PAGES):
        script = f"s{i}"
        files[page] = _page(page, script)
        body = f"document.title = greet({i});\n"
        if page == changed:
            files[page] = files[page].replace("<h1>", "<h1>new: ")
            body = f"document.title = greet({i} + 100);\n"
        files[f"js/{script}.js"] = f'import {{ greet }} from "./shared.js";\n{body}'
    return files


def _build(tmp_path: Path, files: dict[str, str], name: str) -> Path:
    # stylesheets stay render-blocking: initial files
    return build_site(tmp_path, files, name, **{"css.critical": False})


def _config(out: Path, moto_server, bucket: str, **keys):
    host, port = moto_server
    overrides = {
        "build.out": str(out),
        "deploy.bucket": bucket,
        "deploy.endpoint_url": f"http://{host}:{port}",
        "deploy.addressing_style": "path",
    }
    overrides.update(keys)
    return load_config(cwd=out.parent, overrides=overrides)[0]


def _initial(out: Path) -> set[str]:
    """Every file some page needs before it renders, by the build's page report."""
    report = json.loads((out / ".assetpipe/report.json").read_text())
    return {f["file"] for p in report["pages"] for f in p["files"] if f["initial"]}


def _visited(path: str) -> str:
    """The output path a URL path of the fake CDN serves."""
    path = path.lstrip("/")
    return path + "index.html" if path == "" or path.endswith("/") else path


@pytest.fixture
def cdn_for(s3, moto_server):
    """A fake CDN in front of the test's bucket; stopped after the test."""
    started = []

    def make(**options):
        _client, bucket = s3
        cdn = start_cdn(bucket_origin(*moto_server, bucket), **options)
        started.append(cdn)
        return cdn

    yield make
    for cdn in started:
        cdn.stop()


def test_a_first_deploy_warms_every_page_and_initial_asset_once(tmp_path, s3, moto_server, cdn_for):
    _client, bucket = s3
    out = _build(tmp_path, _site(), "v1")
    cdn = cdn_for(delay=0.05)
    result = deploy(
        _config(out, moto_server, bucket, **{"cdn.warm_concurrency": 3}), warm=cdn.url + "/"
    )
    initial = _initial(out)
    assert len(initial) > 3 * 3  # more URLs than the bound, each slow: the bound is exercised
    # each page and each initial file exactly once, pages at the URL visitors use
    assert sorted(cdn.paths()) == sorted(set(cdn.paths()))
    assert {_visited(p) for p in cdn.paths()} == initial
    assert "/" in cdn.paths() and "/blog/" in cdn.paths() and "/blog/index.html" not in cdn.paths()
    assert not any(p.endswith((".map", "robots.txt")) for p in cdn.paths())
    assert all(g.headers["accept-encoding"] == BROWSER for g in cdn.requests)
    assert all(g.headers["user-agent"].startswith("assetpipe/") for g in cdn.requests)
    assert cdn.max_in_flight == 3  # the bound, reached and never passed
    assert len({g.port for g in cdn.requests}) <= 3  # one kept-alive connection per worker
    # what it reports is what the CDN answered
    w = result.warm
    assert w is not None and not w.failed and not result.warnings
    assert [f.status for f in w.fetched] == [200] * len(initial)
    assert all(f.header("X-Cache") == "Miss from cloudfront" for f in w.fetched)
    assert w.fetched[0].url == cdn.url + "/blog/"  # the plan's order: pages, their files
    gzipped = {f.path: f.bytes for f in w.fetched}
    assert gzipped["index.html"] < (out / "index.html").stat().st_size  # the CDN compressed
    # fetched again (a rerun of the warm-up): hits, with an age
    again = warm.fetch(w.base_url, warm.urls(w.base_url, [f.path for f in w.fetched]), 3)
    assert all(f.header("X-Cache") == "Hit from cloudfront" for f in again.fetched)
    assert all(f.header("Age") is not None for f in again.fetched)


def test_a_redeploy_warms_only_the_changed_page_and_its_new_assets_after_the_purge(
    tmp_path, s3, moto_server, cdn_for, monkeypatch
):
    _client, bucket = s3
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", CLOUDFLARE_TOKEN)
    cdn = cdn_for(style="cloudflare", delay=0.01)
    keys = {
        "cdn.provider": "cloudflare",
        "cdn.id": "zone1",
        "cdn.api_url": cdn.url,
        "cdn.base_url": cdn.url,
        "cdn.warm_url": cdn.url,
    }
    v1 = _build(tmp_path, _site(), "v1")
    deploy(_config(v1, moto_server, bucket, **keys))
    cdn.reset()
    v2 = _build(tmp_path, _site(changed="p3.html"), "v2")
    result = deploy(_config(v2, moto_server, bucket, **keys))
    new_assets = _initial(v2) - _initial(v1)
    assert len(new_assets) == 1 and next(iter(new_assets)).endswith(".js")
    assert sorted(cdn.paths()) == sorted(["/p3.html", f"/{next(iter(new_assets))}"])
    assert "/p3.html" in cdn.purged  # purged before it was warmed: a miss, not the old page
    w = result.warm
    assert [f.path for f in w.fetched] == ["p3.html", *new_assets]
    assert [f.header("CF-Cache-Status") for f in w.fetched] == ["MISS", "MISS"]
    assert b"new: " in gzip.decompress(cdn.cache[("/p3.html", "gzip")][2])  # the new page
    # an unchanged redeploy warms nothing, and says so
    cdn.reset()
    same = deploy(_config(v2, moto_server, bucket, **keys))
    assert cdn.paths() == [] and same.warm is not None and same.warm.planned == ()


@pytest.mark.parametrize("trouble", ["503", "down"])
def test_a_cdn_in_trouble_is_a_warning_and_the_deploy_stands(
    tmp_path, s3, moto_server, cdn_for, trouble
):
    client, bucket = s3
    out = _build(tmp_path, _site(), "v1")
    cdn = cdn_for(status=503, delay=0)
    url = cdn.url if trouble == "503" else f"http://127.0.0.1:{closed_port()}"
    result = deploy(_config(out, moto_server, bucket, **{"cdn.warm_url": url}))
    assert result.record_written and len(result.uploaded) > 0
    assert len(result.warm.failed) == len(result.warm.fetched) == len(_initial(out))
    [problem] = result.warnings
    assert problem.code == "deploy-warm" and problem.severity == "warning"
    if trouble == "down":
        assert "connection refused" in problem.message and cdn.requests == []
    else:
        assert "(503)" in problem.message
    body = client.get_object(Bucket=bucket, Key="index.html")["Body"].read()
    assert body == (out / "index.html").read_bytes()  # the new site is live


def test_the_cli_warms_prints_what_it_saw_and_a_503_does_not_fail_it(
    tmp_path, s3, moto_server, cdn_for
):
    _client, bucket = s3
    host, port = moto_server
    out = _build(tmp_path, _site(), "v1")
    cdn = cdn_for(delay=0)
    args = ("deploy", "--out", str(out), "--bucket", bucket, "--endpoint-url")
    args += (f"http://{host}:{port}", "--warm", cdn.url + "/", "--warm-concurrency", "2")
    dry = run_cli(*args, "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert f"  warm    {cdn.url}/blog/" in dry.stdout and "would warm 20 URLs" in dry.stdout
    assert cdn.requests == []  # a dry run fetches nothing
    done = run_cli(*args, "-v", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (
        f"warmed 20 URLs through {cdn.url}/ in " in done.stdout
        and ": 20 × 200; X-Cache: 20 Miss" in done.stdout
    )
    assert "  warm    200" in done.stdout and "X-Cache: Miss from cloudfront" in done.stdout
    assert len(cdn.requests) == 20
    # a changed page, a CDN answering 503: a warning, exit status 0, the JSON says what failed
    v2 = _build(tmp_path, _site(changed="p1.html"), "v2")
    cdn.status = 503
    failed = run_cli(*args[:2], str(v2), *args[3:], "--json", cwd=tmp_path)
    assert failed.returncode == 0, failed.stderr
    data = json.loads(failed.stdout)
    assert data["ok"] and data["warm"]["failed"] == 2
    assert [f["status"] for f in data["warm"]["fetched"]] == [503, 503]
    assert [d["code"] for d in data["diagnostics"]] == ["deploy-warm"]
    # a URL that is not one: a usage error
    bad = run_cli(*args[:-4], "--warm", "cdn.example.com", cwd=tmp_path)
    assert bad.returncode == 2 and "--warm" in bad.stderr and "Traceback" not in bad.stderr


# -- without a bucket ------------------------------------------------------------------------


def _upload(path: str, phase: str) -> Upload:
    headers = Headers("text/html", "public")
    return Upload(path, path, "0" * 64, 1, headers, phase == "assets", phase, "changed")


def test_targets_are_the_changed_pages_then_their_uploaded_initial_files():
    class Plan:
        uploads = (
            _upload("assets/a-1.js", "assets"),
            _upload("assets/b-2.css", "assets"),
            _upload("assets/lazy-3.js", "assets"),
            _upload("fonts/x.woff2", "files"),
            _upload("blog/index.html", "pages"),
            _upload("index.html", "pages"),
        )

    initial = {
        "index.html": ["index.html", "assets/a-1.js", "assets/old-9.css"],
        "blog/index.html": ["blog/index.html", "assets/a-1.js", "assets/b-2.css"],
        "about.html": ["about.html", "fonts/x.woff2"],  # unchanged, but its font changed
    }
    paths = warm.targets(Plan(), initial)  # type: ignore[arg-type]
    assert paths == [
        "blog/index.html",
        "assets/a-1.js",
        "assets/b-2.css",
        "index.html",
        "fonts/x.woff2",
    ]
    assert warm.targets(Plan(), None) == ["blog/index.html", "index.html"]  # type: ignore[arg-type]
    base = warm.base_url("https://www.example.com", "/docs/")
    assert base == "https://www.example.com/docs/"
    assert warm.base_url("https://cdn.example/preview", "/docs/") == "https://cdn.example/preview/"
    assert [u for u, _ in warm.urls(base, ["index.html", "blog/index.html", "a b.html"])] == [
        "https://www.example.com/docs/",
        "https://www.example.com/docs/blog/",
        "https://www.example.com/docs/a%20b.html",
    ]
    assert warm.check_url("ftp://x/") and warm.check_url("www.example.com")
    assert warm.check_url("https://u:p@x/") and warm.check_url("https://x/?a=1")
    assert warm.check_url("https://x:port/") and warm.check_url("https://x:99999/")
    assert warm.check_url("https://x") is None


def test_fetch_keeps_the_bound_and_the_order_and_reports_each_answer():
    files = {f"f{i}.html": b"<p>" + b"x" * 500 for i in range(24)}
    cdn = start_cdn(files_origin(files), delay=0.05)
    try:
        base = cdn.url + "/"
        targets = warm.urls(base, [*sorted(files), "missing.html"])
        result = warm.fetch(base, targets, 4)
        assert cdn.max_in_flight == 4
        assert [f.url for f in result.fetched] == [u for u, _ in targets]
        assert [f.status for f in result.fetched] == [200] * 24 + [403]
        assert [f.path for f in result.failed] == ["missing.html"]
    finally:
        cdn.stop()


def test_a_bad_warm_url_from_the_api_is_a_configuration_error(tmp_path):
    import assetpipe

    out = _build(tmp_path, _site(), "v1")
    config = load_config(cwd=tmp_path, overrides={"build.out": str(out)})[0]

    class Empty:  # a bucket with nothing in it, no network
        name = "memory"
        requests = 0

        def get(self, key):
            return None

        def list(self, prefix):
            return []

        def head(self, key):
            return None

    with pytest.raises(ConfigError) as caught:
        assetpipe.deploy(config, dry_run=True, storage=Empty(), warm="cdn.example.com")
    assert "--warm" in caught.value.diagnostics[0].message
    planned = assetpipe.deploy(config, dry_run=True, storage=Empty(), warm="https://x.test/")
    assert planned.warm is not None and planned.warm.fetched == ()
    assert planned.warm.planned[0] == "https://x.test/blog/"
