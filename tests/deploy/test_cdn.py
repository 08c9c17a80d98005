"""CDN purges: CloudFront on moto (through the recording proxy), Cloudflare and Fastly against
local servers that check requests as their APIs define them."""

from __future__ import annotations

import json
from xml.etree import ElementTree

import pytest

from assetpipe.deployment.cdn.cloudfront import CloudFront
from assetpipe.deployment.execute import DeployFailed, deploy

from ..conftest import run_cli
from .conftest import SITE, build_site
from .servers import (
    CLOUDFLARE_TOKEN,
    FASTLY_TOKEN,
    cloudflare_check,
    fastly_check,
    start_api,
)
from .test_deploy import V2, _config

pytestmark = pytest.mark.slow  # deploys to a moto server

_NS = "{http://cloudfront.amazonaws.com/doc/2020-05-31/}"


def _invalidations(proxy) -> list[tuple[str, list[str]]]:
    """(CallerReference, paths) of every invalidation request the proxy saw."""
    found = []
    for r in proxy.requests:
        if r.method == "POST" and r.path.endswith("/invalidation"):
            root = ElementTree.fromstring(r.body)
            found.append(
                (root.findtext(f"{_NS}CallerReference"), [e.text for e in root.iter(f"{_NS}Path")])
            )
    return found


def test_cloudfront_gets_the_changed_pages_and_their_folders(tmp_path, s3, proxy, cloudfront):
    client, bucket = s3
    cf, distribution = cloudfront
    old = build_site(tmp_path, SITE, "v1")
    deploy(_config(old, proxy, bucket, **{"cdn.provider": "cloudfront", "cdn.id": distribution}))
    proxy.reset()
    new = build_site(tmp_path, V2, "v2")
    result = deploy(
        _config(new, proxy, bucket, **{"cdn.provider": "cloudfront", "cdn.id": distribution})
    )
    ((reference, paths),) = _invalidations(proxy)
    assert sorted(paths) == ["/", "/blog", "/blog/", "/blog/index.html", "/index.html"]
    assert reference.startswith(f"assetpipe-{result.plan.deploy_id}")
    live = cf.list_invalidations(DistributionId=distribution)["InvalidationList"]
    assert live["Quantity"] == 2  # the first deploy's and this one
    record = json.loads(
        s3[0].get_object(Bucket=bucket, Key=".assetpipe/deploy.json")["Body"].read()
    )
    assert record["pending_purge"] == []


def test_cloudfront_batches_and_uses_one_wildcard_above_the_threshold(proxy, cloudfront):
    _, distribution = cloudfront
    proxy.reset()
    paths = [f"/docs/p{i}.html" for i in range(30)]
    result = CloudFront(distribution, wildcard_threshold=20).purge(paths, "dep1")
    assert result.ok and _invalidations(proxy) == [("assetpipe-dep1-0", ["/docs/*"])]
    proxy.reset()
    result = CloudFront(distribution, wildcard_threshold=3000).purge(
        [f"/p{i}.html" for i in range(1500)], "dep2"
    )
    assert result.ok
    batches = _invalidations(proxy)
    assert [(ref, len(p)) for ref, p in batches] == [
        ("assetpipe-dep2-0", 1000),
        ("assetpipe-dep2-1", 500),
    ]


def _statuses(proxy) -> list[int]:
    return [
        r.status for r in proxy.requests if r.method == "POST" and r.path.endswith("/invalidation")
    ]


def test_cloudfront_never_has_more_than_3000_paths_in_progress_whatever_the_threshold(
    proxy, cloudfront
):
    _, distribution = cloudfront
    # a threshold above CloudFront's limit (as the API allows; the configuration stops at
    # 3,000) still sends at most 3,000 paths one by one: 1,000 per request
    generous = CloudFront(distribution, wildcard_threshold=10_000)
    proxy.reset()
    assert generous.purge([f"/p{i}.html" for i in range(3000)], "dep3").ok
    assert [(ref, len(p)) for ref, p in _invalidations(proxy)] == [
        ("assetpipe-dep3-0", 1000),
        ("assetpipe-dep3-1", 1000),
        ("assetpipe-dep3-2", 1000),
    ]
    # ... and one path more is one wildcard
    proxy.reset()
    result = generous.purge([f"/p{i}.html" for i in range(3001)], "dep4")
    assert result.ok and result.purged == ["/*"]
    assert _invalidations(proxy) == [("assetpipe-dep4-0", ["/*"])]
    # 100,000 changed pages (and the folders of their index.html): one request, one wildcard
    proxy.reset()
    paths = sorted({p for i in range(100_000) for p in (f"/s{i}/index.html", f"/s{i}/", f"/s{i}")})
    result = CloudFront(distribution).purge(paths, "dep5")
    assert result.ok and result.requests == 1 and result.purged == ["/*"]
    assert _invalidations(proxy) == [("assetpipe-dep5-0", ["/*"])]
    # more wildcards than CloudFront runs at once (15) become one (`assetpipe purge`)
    proxy.reset()
    wildcards = [f"/docs/v{i}/*" for i in range(16)]
    assert CloudFront(distribution).purge(wildcards, "dep6").purged == ["/docs/*"]
    assert CloudFront(distribution).purge(wildcards[:15], "dep7").purged == wildcards[:15]


def test_cloudfront_sends_a_wildcard_when_earlier_invalidations_hold_the_limit(proxy, cloudfront):
    _, distribution = cloudfront
    proxy.reset()
    invalidations = 0

    def busy(seen, _before):  # CloudFront's answer once 3,000 paths are in progress
        nonlocal invalidations
        if seen.method == "POST" and seen.path.endswith("/invalidation"):
            invalidations += 1
            if invalidations == 2:
                return (400, "TooManyInvalidationsInProgress")
        return None

    proxy.fault = busy
    paths = [f"/blog/p{i}.html" for i in range(2500)]
    result = CloudFront(distribution, wildcard_threshold=3000).purge(paths, "dep8")
    assert result.ok, result.error
    sent = _invalidations(proxy)
    assert [(ref, len(p)) for ref, p in sent] == [
        ("assetpipe-dep8-0", 1000),
        ("assetpipe-dep8-1", 1000),  # refused
        ("assetpipe-dep8-wildcard", 1),
    ]
    assert _statuses(proxy) == [201, 400, 201]
    assert sent[2][1] == ["/blog/*"]  # the paths not purged yet, as one wildcard
    assert result.purged == [*paths[:1000], "/blog/*"] and len(result.ids) == 2
    # a wildcard refused in turn (15 wildcards in progress) fails the purge: the paths stay
    # pending in the record for the next deploy
    proxy.reset()
    proxy.fault = lambda seen, _: (
        (400, "TooManyInvalidationsInProgress") if seen.method == "POST" else None
    )
    failed = CloudFront(distribution).purge(paths[:10], "dep9")
    assert failed.failed == paths[:10] and "TooManyInvalidationsInProgress" in failed.error
    assert [ref for ref, _ in _invalidations(proxy)] == [
        "assetpipe-dep9-0",
        "assetpipe-dep9-wildcard",
    ]


def test_cloudflare_purges_full_urls_in_batches_of_100(tmp_path, monkeypatch):
    api = start_api(cloudflare_check("zone123"))
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", CLOUDFLARE_TOKEN)
    (tmp_path / "assetpipe.toml").write_text(
        f'[cdn]\nbase_url = "https://www.example.com"\napi_url = "{api.url}"\n'
    )
    paths = [f"/p{i}.html" for i in range(150)]
    result = run_cli("purge", "--cdn", "cloudflare:zone123", *paths, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "purged 150 paths" in result.stdout
    assert [r.status for r in api.requests] == [200, 200]
    sent = [json.loads(r.body)["files"] for r in api.requests]
    assert [len(f) for f in sent] == [100, 50]
    assert sent[0][0] == "https://www.example.com/p0.html"
    assert CLOUDFLARE_TOKEN not in result.stdout + result.stderr
    # no token: a clear error naming the variable
    monkeypatch.delenv("CLOUDFLARE_API_TOKEN")
    missing = run_cli("purge", "--cdn", "cloudflare:zone123", "/", cwd=tmp_path)
    assert missing.returncode == 1 and "CLOUDFLARE_API_TOKEN is not set" in missing.stderr


def test_a_failed_purge_fails_the_deploy_after_uploading_and_the_next_one_retries(
    tmp_path, s3, proxy, monkeypatch
):
    client, bucket = s3
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", CLOUDFLARE_TOKEN)
    broken = start_api(cloudflare_check("zone9", fail=True))
    keys = {
        "cdn.provider": "cloudflare",
        "cdn.id": "zone9",
        "cdn.base_url": "https://www.example.com",
        "cdn.api_url": broken.url,
    }
    out = build_site(tmp_path, SITE)
    with pytest.raises(DeployFailed) as failed:
        deploy(_config(out, proxy, bucket, **keys))
    text = failed.value.diagnostics[0].render()
    assert "the CDN purge failed" in text and "purged 0 of" in text and "not purged: /" in text
    result = failed.value.result
    assert result is not None and result.record_written  # the upload completed
    assert (
        client.get_object(Bucket=bucket, Key="index.html")["Body"].read()
        == (out / "index.html").read_bytes()
    )
    working = start_api(cloudflare_check("zone9"))
    again = deploy(_config(out, proxy, bucket, **{**keys, "cdn.api_url": working.url}))
    assert again.uploaded == []  # nothing to upload, but the pending purge is done now
    assert again.purge is not None and again.purge.ok
    assert set(json.loads(working.requests[0].body)["files"]) >= {
        "https://www.example.com/",
        "https://www.example.com/index.html",
    }
    assert deploy(_config(out, proxy, bucket, **{**keys, "cdn.api_url": working.url})).purge is None


def test_fastly_by_url_and_by_surrogate_key(tmp_path, s3, proxy, monkeypatch):
    client, bucket = s3
    monkeypatch.setenv("FASTLY_API_TOKEN", FASTLY_TOKEN)
    api = start_api(fastly_check("svc1", "www.example.com"))
    out = build_site(tmp_path, SITE)
    keys = {
        "cdn.provider": "fastly",
        "cdn.id": "svc1",
        "cdn.base_url": "https://www.example.com",
        "cdn.api_url": api.url,
        "cdn.soft_purge": True,
    }
    result = deploy(_config(out, proxy, bucket, **keys))
    assert result.purge is not None and result.purge.ok
    urls = sorted(r.path for r in api.requests)
    assert "/purge/www.example.com/" in urls and "/purge/www.example.com/blog/" in urls
    assert all(r.method == "POST" and r.headers["fastly-soft-purge"] == "1" for r in api.requests)
    # by surrogate key: the objects carry their key, the purge names the keys
    api.requests.clear()
    by_key = {**keys, "cdn.fastly_purge": "surrogate-key", "cdn.soft_purge": False}
    new = build_site(tmp_path, V2, "v2")
    result = deploy(_config(new, proxy, bucket, **by_key))
    assert result.purge is not None and result.purge.ok
    (request,) = api.requests
    assert request.path == "/service/svc1/purge" and "fastly-soft-purge" not in request.headers
    # every non-hashed file: robots.txt too, re-uploaded to carry its key
    assert set(request.headers["surrogate-key"].split()) == {
        "/index.html",
        "/blog/index.html",
        "/robots.txt",
    }
    head = client.head_object(Bucket=bucket, Key="blog/index.html")
    assert head["Metadata"]["surrogate-key"] == "/blog/index.html"
