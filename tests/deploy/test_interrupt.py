"""A deploy killed anywhere (SIGKILL of the real `assetpipe deploy` process, at every request it
makes: the assets, the intent, other files, pages, the record, the CDN purge, pruning), then a
deploy of the same build or of the previous one: the live site is then exactly the build last
deployed, and no live page refers to an asset that is not there."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assetpipe.deployment.execute import deploy

from .conftest import SITE, build_site
from .servers import CLOUDFLARE_TOKEN, cloudflare_check, start_api
from .test_deploy import _config, _live_site_is_whole

pytestmark = pytest.mark.slow  # a deploy killed mid-way, against a moto server


def _page(title: str) -> str:
    return (
        f'<!doctype html><title>{title}</title><link rel="stylesheet" href="/css/site.css">'
        f'<script type="module" src="/js/app.js"></script><h1>{title}</h1>'
    )


A = {
    **SITE,
    "about.html": _page("About"),
    **{f"docs/p{i}.html": _page(f"Doc {i}") for i in range(6)},
    **{f"public/files/f{i}.txt": f"file {i}\n" for i in range(4)},
}
B = {
    **{k: v for k, v in A.items() if k != "about.html"},  # a page goes away
    "css/site.css": "h1 { color: tomato; }\nbody { margin: 0 }\n",
    "js/app.js": 'document.title += " v2";\n',
    "contact.html": _page("Contact"),
    **{f"docs/p{i}.html": _page(f"Doc {i}, revised") for i in range(6)},
    **{f"public/files/f{i}.txt": f"file {i}, revised\n" for i in range(4)},
}
KEYS = {"deploy.retain_days": 0, "deploy.retain_deploys": 1, "deploy.max_attempts": 1}


@pytest.fixture
def sites(tmp_path: Path):
    return build_site(tmp_path, A, "a"), build_site(tmp_path, B, "b")


def _is_live(client, bucket: str, out: Path) -> None:
    """The bucket serves exactly the build in `out`: its files, byte for byte, and no page
    or other non-hashed file of another build (old hashed assets may stay, as retained)."""
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text())["outputs"]
    keys = {o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", ())}
    assert not [p for p in manifest if p not in keys], "missing"
    for path in manifest:
        body = client.get_object(Bucket=bucket, Key=path)["Body"].read()
        assert body == (out / path).read_bytes(), path
    stray = {k for k in keys if not k.startswith(("assets/", ".assetpipe/")) and k not in manifest}
    assert not stray
    _live_site_is_whole(client, bucket)


def test_a_deploy_killed_anywhere_is_redone_by_the_next_deploy_of_either_build(
    tmp_path, s3, proxy, sites, monkeypatch
):
    client, _ = s3
    old, new = sites
    monkeypatch.setenv("CLOUDFLARE_API_TOKEN", CLOUDFLARE_TOKEN)
    api = start_api(cloudflare_check("zone1"))
    cdn = {
        "cdn.provider": "cloudflare",
        "cdn.id": "zone1",
        "cdn.base_url": "https://www.example.com",
        "cdn.api_url": api.url,
    }
    (tmp_path / "assetpipe.toml").write_text(
        "[deploy]\naddressing_style = 'path'\nretain_days = 0\nretain_deploys = 1\n"
        f"max_attempts = 1\nendpoint_url = '{proxy.url}'\n"
        f"[cdn]\nprovider = 'cloudflare'\nid = 'zone1'\nbase_url = 'https://www.example.com'\n"
        f"api_url = '{api.url}'\n"
    )

    def fresh_bucket() -> str:
        name = f"kill-{len(client.list_buckets()['Buckets'])}"
        client.create_bucket(Bucket=name)
        deploy(_config(old, proxy, name, **KEYS, **cdn))
        return name

    # how many requests a whole deploy of the new build makes (storage and CDN API)
    bucket = fresh_bucket()
    proxy.reset()
    api.requests.clear()
    deploy(_config(new, proxy, bucket, **KEYS, **cdn))
    total = len(proxy.requests) + len(api.requests)
    kinds = [r.method for r in proxy.requests]
    assert "DELETE" in kinds or "POST" in kinds  # pruning happens (a batch delete is a POST)
    assert len(api.requests) == 1
    assert total >= 20

    killed_at = []
    phases: set[str] = set()
    for point in range(total):
        bucket = fresh_bucket()
        phase, status = _kill_deploy(tmp_path, new, bucket, point, proxy, api)
        killed_at.append(point)
        phases.add(phase)
        assert status == -signal.SIGKILL, (point, status)
        # then the new build again, or the old one (a rollback), then the other one
        first, then = (new, old) if point % 2 else (old, new)
        try:
            result = deploy(_config(first, proxy, bucket, **KEYS, **cdn))
            _is_live(client, bucket, first)
            assert result.purge is None or result.purge.ok
            deploy(_config(then, proxy, bucket, **KEYS, **cdn))
            _is_live(client, bucket, then)
        except Exception as exc:
            raise AssertionError(
                f"killed at request {point} ({phase}), then {first.name}, {then.name}"
            ) from exc
    assert len(killed_at) == total
    assert phases == {
        "read",
        "asset",
        "intent",
        "file",
        "page",
        "record",
        "purge",
        "prune",
        "settled",
    }


RECORDS = ("intent", "record", "settled")  # the deploy record's writes, in order


def _kill_deploy(cwd: Path, out: Path, bucket: str, point: int, proxy, api) -> tuple[str, int]:
    """Run `assetpipe deploy` of `out` and SIGKILL it when its request number `point` (to the
    store or the CDN API) arrives; returns what that request was and the exit status."""
    seen: list[str] = []
    lock = threading.Lock()
    killed = []
    proxy.reset()
    process = subprocess.Popen(
        [sys.executable, "-m", "assetpipe", "deploy", "--out", str(out), "--bucket", bucket],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )

    def kill_at(what: str) -> bool:
        with lock:
            seen.append(what)
            if len(seen) - 1 != point:
                return False
            os.kill(process.pid, signal.SIGKILL)
            killed.append(what if what != "record" else RECORDS[seen.count("record") - 1])
            return True

    check = api.check
    proxy.fault = lambda request, before: "drop" if kill_at(_phase(request)) else None
    api.check = lambda *a: (500, {"success": False}) if kill_at("purge") else check(*a)
    try:
        process.communicate(timeout=120)
    finally:
        proxy.fault = None
        api.check = check
    return (killed[0] if killed else "none"), process.returncode


def _phase(request) -> str:
    path = request.path.split("?")[0]
    if request.method in ("GET", "HEAD"):
        return "read"
    if request.method in ("POST", "DELETE"):
        return "prune"
    if path.endswith("/.assetpipe/deploy.json"):
        return "record"
    if "/assets/" in path:
        return "asset"
    return "page" if path.endswith(".html") else "file"
