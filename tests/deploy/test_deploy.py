"""`deploy` against a real S3-compatible server (moto over HTTP), through a proxy that records
every request and injects throttling, server errors and dropped connections."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.deployment.execute import DeployFailed, deploy
from assetpipe.deployment.record import loads

from ..conftest import run_cli
from .conftest import CREDENTIALS, SITE, build_site
from .servers import Proxy

pytestmark = pytest.mark.slow  # deploys to a moto server, the CLI in subprocesses

V2 = {
    **SITE,
    "css/site.css": "h1 { color: tomato; }\nbody { margin: 0 }\n",
    "js/app.js": 'document.title += " v2";\n',
}


def _config(out: Path, proxy: Proxy, bucket: str, **keys):
    overrides = {
        "build.out": str(out),
        "deploy.bucket": bucket,
        "deploy.endpoint_url": proxy.url,
        "deploy.addressing_style": "path",
        "deploy.max_attempts": 4,
    }
    overrides.update(keys)
    return load_config(cwd=out.parent, overrides=overrides)[0]


def _objects(client, bucket: str) -> dict[str, dict]:
    found = {}
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", ()):
        head = client.head_object(Bucket=bucket, Key=item["Key"])
        found[item["Key"]] = head
    return found


def _s3_writes(proxy: Proxy, bucket: str) -> list[str]:
    return [
        f"{r.method} {r.path.split('?')[0][len(bucket) + 2 :]}"
        for r in proxy.writes()
        if r.path.startswith(f"/{bucket}/") and r.status == 200
    ]


def _live_site_is_whole(client, bucket: str) -> None:
    """Every page in the bucket finds every asset it refers to."""
    keys = {k for k in _objects(client, bucket)}
    for key in keys:
        if not key.endswith(".html"):
            continue
        html = client.get_object(Bucket=bucket, Key=key)["Body"].read().decode()
        for url in re.findall(r'(?:href|src)="(/assets/[^"]+)"', html):
            assert url[1:] in keys, (key, url)


def test_a_first_deploy_uploads_every_file_with_the_contract_headers(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())
    result = deploy(_config(out, proxy, bucket))
    assert len(result.uploaded) == len(manifest["outputs"]) and result.record_written
    objects = _objects(client, bucket)
    assert set(objects) == {*manifest["outputs"], ".assetpipe/deploy.json"}
    for path, entry in manifest["outputs"].items():
        head = objects[path]
        assert head["ContentType"] == entry["content_type"], path
        assert head["CacheControl"] == (
            "public, max-age=31536000, immutable"
            if entry["immutable"]
            else "public, max-age=0, must-revalidate"
        ), path
        assert head["Metadata"]["sha256"] == entry["sha256"]
        body = client.get_object(Bucket=bucket, Key=path)["Body"].read()
        assert body == (out / path).read_bytes()
    # the order: hashed assets, the intent (a record naming them live and the rest unknown),
    # other files, pages, then the record
    writes = _s3_writes(proxy, bucket)
    kinds = [
        "asset"
        if w.startswith("PUT assets/")
        else "record"
        if "deploy.json" in w
        else "page"
        if w.endswith(".html")
        else "file"
        for w in writes
    ]
    intent = kinds.index("record")
    kinds[intent] = "intent"
    assert kinds == sorted(kinds, key=["asset", "intent", "file", "page", "record"].index)
    assert kinds.count("record") == 1
    record = loads(client.get_object(Bucket=bucket, Key=".assetpipe/deploy.json")["Body"].read())
    assert {p: f.sha256 for p, f in record.files.items()} == {
        p: e["sha256"] for p, e in manifest["outputs"].items()
    }


def test_an_unchanged_redeploy_writes_nothing_in_a_handful_of_requests(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    deploy(_config(out, proxy, bucket))
    proxy.reset()
    result = deploy(_config(out, proxy, bucket))
    assert result.uploaded == [] and not result.record_written
    assert proxy.writes() == []
    assert len(proxy.requests) == result.requests <= 2  # reading the record


def test_a_change_uploads_only_what_changed_and_keeps_the_old_assets(tmp_path, s3, proxy):
    client, bucket = s3
    old = build_site(tmp_path, SITE, "v1")
    deploy(_config(old, proxy, bucket))
    before = set(_objects(client, bucket))
    new = build_site(tmp_path, V2, "v2")
    proxy.reset()
    result = deploy(_config(new, proxy, bucket))
    changed = {p for p in result.uploaded}
    assert all(p.endswith(".html") or p.startswith("assets/") for p in changed)
    assert "robots.txt" not in changed
    assert {p for p in changed if p.startswith("assets/")} == {
        p
        for p in json.loads((new / ".assetpipe/manifest.json").read_text())["outputs"]
        if p.startswith("assets/") and p not in before
    }
    assert before <= set(_objects(client, bucket))  # open tabs still load the old files
    _live_site_is_whole(client, bucket)


def test_without_a_record_the_objects_metadata_is_compared(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    deploy(_config(out, proxy, bucket))
    client.delete_object(Bucket=bucket, Key=".assetpipe/deploy.json")
    proxy.reset()
    result = deploy(_config(out, proxy, bucket))
    assert result.uploaded == [] and result.record_written  # HEADs, then the record
    assert [w for w in _s3_writes(proxy, bucket)] == ["PUT .assetpipe/deploy.json"]
    # objects uploaded by other means (no digest in their metadata) are replaced
    client.put_object(Bucket=bucket, Key="robots.txt", Body=b"User-agent: *\n")
    client.delete_object(Bucket=bucket, Key=".assetpipe/deploy.json")
    assert deploy(_config(out, proxy, bucket)).uploaded == ["robots.txt"]


def test_throttling_server_errors_and_dropped_connections_are_retried(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    failures: dict[str, int] = {}

    def flaky(request, before):
        if request.method != "PUT":
            return None
        n = failures.get(request.path, 0)
        failures[request.path] = n + 1
        if n == 0:
            return [503, 500, "drop"][len(failures) % 3]  # every upload fails once
        return None

    proxy.fault = flaky
    result = deploy(_config(out, proxy, bucket, **{"deploy.retry_mode": "standard"}))
    assert len(result.uploaded) == len(
        json.loads((out / ".assetpipe/manifest.json").read_text())["outputs"]
    )
    statuses = {r.status for r in proxy.requests}
    assert {503, 500, -1} <= statuses
    proxy.fault = None
    for path in result.uploaded:
        assert (
            client.get_object(Bucket=bucket, Key=path)["Body"].read() == (out / path).read_bytes()
        )


@pytest.mark.parametrize("stop_at", ["pages", "record"])
def test_an_interrupted_deploy_leaves_the_old_site_and_a_rerun_completes_it(
    tmp_path, s3, proxy, stop_at
):
    client, bucket = s3
    old = build_site(tmp_path, SITE, "v1")
    deploy(_config(old, proxy, bucket))
    old_home = client.get_object(Bucket=bucket, Key="index.html")["Body"].read()
    new = build_site(tmp_path, V2, "v2")

    records = []

    def outage(request, before):  # the store goes away at that point, for good
        path = request.path.split("?")[0]
        if request.method == "PUT" and path.endswith("deploy.json") and before not in records:
            records.append(before)
        if request.method == "PUT" and (
            (stop_at == "pages" and path.endswith("blog/index.html"))
            or (stop_at == "record" and path.endswith("deploy.json") and len(records) > 1)
        ):
            return 500  # (the record, not the intent before it)
        return None

    proxy.fault = outage
    with pytest.raises(DeployFailed) as failed:
        deploy(_config(new, proxy, bucket, **{"deploy.max_attempts": 2}))
    message = failed.value.diagnostics[0].render()
    assert "the previous site is still the live one" in message and "again" in message
    proxy.fault = None
    record = loads(client.get_object(Bucket=bucket, Key=".assetpipe/deploy.json")["Body"].read())
    # the intent: the old site, with the new deploy's assets live and the pages it replaces
    # unknown (so the next deploy of either build uploads them again)
    assert record.seq == 2 and record.in_progress == 2
    assert {p for p, f in record.files.items() if not f.sha256} >= {"index.html", "blog/index.html"}
    _live_site_is_whole(client, bucket)
    if stop_at == "pages":
        assert (
            client.get_object(Bucket=bucket, Key="blog/index.html")["Body"].read()
            == (old / "blog/index.html").read_bytes()
        )
    assert old_home != (new / "index.html").read_bytes()
    rerun = deploy(_config(new, proxy, bucket))
    assert rerun.record_written
    for page in ("index.html", "blog/index.html"):
        assert (
            client.get_object(Bucket=bucket, Key=page)["Body"].read() == (new / page).read_bytes()
        )
    _live_site_is_whole(client, bucket)
    assert deploy(_config(new, proxy, bucket)).uploaded == []


def test_pages_that_went_away_are_deleted_and_old_assets_pruned_later(tmp_path, s3, proxy):
    client, bucket = s3
    keys = {"deploy.retain_days": 1, "deploy.retain_deploys": 1}
    v1 = build_site(tmp_path, SITE, "v1")
    deploy(_config(v1, proxy, bucket, **keys), now=0)
    first_assets = {k for k in _objects(client, bucket) if k.startswith("assets/")}
    v2 = build_site(tmp_path, {k: v for k, v in V2.items() if k != "blog/index.html"}, "v2")
    result = deploy(_config(v2, proxy, bucket, **keys), now=3600)
    assert result.pruned == ["blog/index.html"]  # gone from the build: gone now
    assert first_assets <= set(_objects(client, bucket))  # old assets: not a day old yet
    result = deploy(_config(v2, proxy, bucket, **keys), now=2 * 86400)
    retired = first_assets - {f"assets/{p.name}" for p in (v2 / "assets").iterdir()}
    assert retired and set(result.pruned) == retired
    assert not retired & set(_objects(client, bucket))
    _live_site_is_whole(client, bucket)


def test_max_deletes_holds_back_pruning_unless_forced(tmp_path, s3, proxy):
    client, bucket = s3
    pages = {f"p{i}.html": f"<!doctype html><title>{i}</title>" for i in range(5)}
    v1 = build_site(tmp_path, {**SITE, **pages}, "v1")
    deploy(_config(v1, proxy, bucket), now=0)
    v2 = build_site(tmp_path, SITE, "v2")
    held = deploy(_config(v2, proxy, bucket, **{"deploy.max_deletes": 2}), now=10)
    assert len(held.pruned) == 2 and len(held.plan.deferred) == 3
    assert any(w.code == "deploy-max-deletes" for w in held.warnings)
    forced = deploy(_config(v2, proxy, bucket, **{"deploy.max_deletes": 2}), force=True, now=20)
    assert len(forced.pruned) == 3
    assert not [k for k in _objects(client, bucket) if re.fullmatch(r"p\d\.html", k)]


def test_precompressed_text_and_header_overrides(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    config = _config(
        out,
        proxy,
        bucket,
        **{
            "deploy.precompress": True,
            "deploy.cache_control": (("robots.txt", "public, max-age=3600"),),
        },
    )
    deploy(config)
    objects = _objects(client, bucket)
    assert objects["index.html"]["ContentEncoding"] == "gzip"
    raw = client.get_object(Bucket=bucket, Key="index.html")["Body"].read()
    assert gzip.decompress(raw) == (out / "index.html").read_bytes()
    assert objects["robots.txt"]["CacheControl"] == "public, max-age=3600"
    # a changed header setting re-uploads just the files it covers
    proxy.reset()
    config = _config(
        out,
        proxy,
        bucket,
        **{
            "deploy.precompress": True,
            "deploy.cache_control": (("robots.txt", "public, max-age=60"),),
        },
    )
    assert deploy(config).uploaded == ["robots.txt"]


def test_large_files_go_in_parts(tmp_path, s3, proxy):
    client, bucket = s3
    big = bytes(range(256)) * (6 * 4096)  # 6 MB
    out = build_site(tmp_path, {**SITE, "public/video.bin": big})
    deploy(_config(out, proxy, bucket, **{"deploy.multipart_threshold": 5}))
    assert any("uploads" in r.path and r.method == "POST" for r in proxy.requests)
    assert any("partNumber=" in r.path for r in proxy.requests)
    assert client.get_object(Bucket=bucket, Key="video.bin")["Body"].read() == big


def test_checksum_acl_and_store_settings_reach_the_requests(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    deploy(
        _config(
            out, proxy, bucket, **{"deploy.checksums": "when_required", "deploy.acl": "public-read"}
        )
    )
    puts = [r for r in proxy.requests if r.method == "PUT" and "/assets/" in r.path]
    assert puts and all(r.headers.get("x-amz-acl") == "public-read" for r in puts)
    assert not any(k.lower().startswith("x-amz-checksum-") for r in puts for k in r.headers)
    client.delete_object(Bucket=bucket, Key=".assetpipe/deploy.json")
    for key in _objects(client, bucket):
        client.delete_object(Bucket=bucket, Key=key)
    proxy.reset()
    deploy(_config(out, proxy, bucket))
    puts = [r for r in proxy.requests if r.method == "PUT" and "/assets/" in r.path]
    assert puts and not any("x-amz-acl" in r.headers for r in puts)  # no ACL unless asked


def test_the_cli_dry_run_changes_nothing_and_errors_are_clear(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    args = ("deploy", "--out", str(out), "--bucket", bucket, "--endpoint-url", proxy.url)
    dry = run_cli(*args, "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "upload  index.html" in dry.stdout and "dry run, nothing changed" in dry.stdout
    assert proxy.writes() == [] and not _objects(client, bucket)
    done = run_cli(*args, "--json", cwd=tmp_path)
    data = json.loads(done.stdout)
    assert data["ok"] and data["uploaded"] == len(data["uploads"]) > 0
    again = run_cli(*args, cwd=tmp_path)
    assert again.returncode == 0 and again.stdout.startswith(f"deployed to s3://{bucket}/: 0 up")
    # no build
    missing = run_cli(
        "deploy",
        "--out",
        str(tmp_path / "nope"),
        "--bucket",
        bucket,
        "--endpoint-url",
        proxy.url,
        cwd=tmp_path,
    )
    assert missing.returncode == 1 and "run `assetpipe build` first" in missing.stderr
    # no bucket: a configuration error
    assert run_cli("deploy", "--out", str(out), cwd=tmp_path).returncode == 2
    # a bucket that does not exist, with --debug: a clear error, and never the credentials
    wrong = run_cli(
        "--debug",
        "deploy",
        "--out",
        str(out),
        "--bucket",
        "no-such-bucket",
        "--endpoint-url",
        proxy.url,
        cwd=tmp_path,
    )
    assert wrong.returncode == 1 and "NoSuchBucket" in wrong.stderr
    assert "Traceback" not in wrong.stderr
    for secret in CREDENTIALS.values():
        if secret != "us-east-1":
            assert secret not in wrong.stderr + wrong.stdout


def test_verify_restores_live_objects_deleted_or_replaced_by_hand(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_site(tmp_path, SITE)
    deploy(_config(out, proxy, bucket))
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())["outputs"]
    asset = next(p for p in manifest if p.startswith("assets/") and p.endswith(".js"))
    client.delete_object(Bucket=bucket, Key="index.html")
    client.delete_object(Bucket=bucket, Key=asset)
    client.put_object(Bucket=bucket, Key="robots.txt", Body=b"Disallow: /\n")
    assert deploy(_config(out, proxy, bucket)).uploaded == []  # the record cannot tell
    args = ("deploy", "--out", str(out), "--bucket", bucket, "--endpoint-url", proxy.url)
    verified = run_cli(*args, "--verify", cwd=tmp_path)
    assert verified.returncode == 0, verified.stderr
    assert "warning[deploy-verify]: 3 live objects" in verified.stderr
    assert verified.stdout.startswith(f"deployed to s3://{bucket}/: 3 uploaded")
    for path in ("index.html", asset, "robots.txt"):
        body = client.get_object(Bucket=bucket, Key=path)["Body"].read()
        assert body == (out / path).read_bytes(), path
    _live_site_is_whole(client, bucket)
    again = run_cli(*args, "--verify", cwd=tmp_path)
    assert "deploy-verify" not in again.stderr and ": 0 uploaded" in again.stdout


def test_uploads_go_to_the_threads_a_few_at_a_time_and_stop_at_the_first_error():
    import threading
    import time

    from assetpipe.deployment.execute import _each
    from assetpipe.deployment.storage import StorageError

    started: list[int] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        with lock:
            started.append(i)
        if i == 50:
            raise StorageError("refused")
        time.sleep(0.001)

    # a generator of 100,000: only what the threads can take soon is drawn from it
    with pytest.raises(StorageError, match="refused"):
        _each(one, iter(range(100_000)), 4)
    assert 50 in started and len(started) < 100  # (a window of 4 per thread)
    done: list[int] = []
    _each(done.append, range(1000), 4)
    assert sorted(done) == list(range(1000))
