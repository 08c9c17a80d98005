"""Deploying a server-rendered app's build (entries, no pages): the hashed files as always, the
Vite manifest revalidated on every use (or left out), and nothing but it to purge."""

from __future__ import annotations

import json

from assetpipe.deployment.execute import deploy

from ..server_apps.apps import build_app
from .test_deploy import _config, _objects


def test_the_vite_manifest_goes_up_revalidated_and_is_all_there_is_to_purge(
    tmp_path, s3, proxy, cloudfront
):
    client, bucket = s3
    _, distribution = cloudfront
    out = build_app(tmp_path / "one")
    cdn = {"cdn.provider": "cloudfront", "cdn.id": distribution}
    result = deploy(_config(out, proxy, bucket, **cdn))
    objects = _objects(client, bucket)
    vite = objects[".vite/manifest.json"]
    assert vite["CacheControl"] == "public, max-age=0, must-revalidate"
    assert vite["ContentType"].startswith("application/json")
    hashed = [k for k in objects if k.startswith("assets/")]
    assert hashed and all(
        objects[k]["CacheControl"] == "public, max-age=31536000, immutable" for k in hashed
    )
    assert ".assetpipe/manifest.json" not in objects  # the build's own stays on the machine
    manifest = json.loads((out / ".vite/manifest.json").read_text())
    assert {v["file"] for v in manifest.values()} <= set(objects)
    assert list(result.plan.purge) == ["/.vite/manifest.json"]

    # a change to a module: new hashed files, the manifest again, no page to purge
    src = tmp_path / "one" / "frontend" / "src" / "shared.ts"
    src.write_text(src.read_text().replace("el.textContent = text", "el.textContent = text + '!'"))
    out = build_app(tmp_path / "two", source=tmp_path / "one" / "frontend")
    result = deploy(_config(out, proxy, bucket, **cdn))
    assert list(result.plan.purge) == ["/.vite/manifest.json"]
    assert all(p.startswith(("assets/", ".vite/")) for p in result.uploaded)
    live = client.get_object(Bucket=bucket, Key=".vite/manifest.json")["Body"].read()
    assert live == (out / ".vite/manifest.json").read_bytes()


def test_upload_manifest_false_keeps_it_out_of_the_bucket(tmp_path, s3, proxy):
    client, bucket = s3
    out = build_app(tmp_path)
    deploy(_config(out, proxy, bucket, **{"deploy.upload_manifest": False}))
    objects = _objects(client, bucket)
    assert ".vite/manifest.json" not in objects
    assert any(k.startswith("assets/main-") for k in objects)
