"""Fixtures for the deploy tests: one moto server (S3 and CloudFront over HTTP) for the session,
a recording, fault-injecting proxy in front of it, a fresh bucket per test, and small built
sites to deploy."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest

from assetpipe.config import load_config
from assetpipe.pipeline.build import build

from .servers import Proxy, start_proxy

CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "AKIATESTDEPLOYKEY0001",
    "AWS_SECRET_ACCESS_KEY": "s3cr3t-deploy-test-key-never-printed",
    "AWS_DEFAULT_REGION": "us-east-1",
}
_buckets = itertools.count()


@pytest.fixture(scope="session")
def moto_server():
    from moto.server import ThreadedMotoServer

    saved = {k: os.environ.get(k) for k in [*CREDENTIALS, "AWS_ENDPOINT_URL_CLOUDFRONT"]}
    os.environ.update(CREDENTIALS)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield host, port
    server.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture(scope="session")
def proxy(moto_server) -> Proxy:
    return start_proxy(moto_server)


@pytest.fixture
def s3(proxy: Proxy, moto_server):
    """A new bucket; yields (boto3 client straight to moto, bucket name); the proxy's record
    and faults are reset."""
    import boto3

    host, port = moto_server
    client = boto3.client("s3", endpoint_url=f"http://{host}:{port}")
    name = f"site-{next(_buckets)}"
    client.create_bucket(Bucket=name)
    proxy.reset()
    yield client, name
    proxy.reset()


@pytest.fixture
def cloudfront(proxy: Proxy, monkeypatch):
    """A CloudFront distribution on moto; CloudFront calls reach it (through the recording
    proxy) by the SDK's own setting. Yields (client, distribution id)."""
    import boto3

    monkeypatch.setenv("AWS_ENDPOINT_URL_CLOUDFRONT", proxy.url)
    client = boto3.client("cloudfront")
    distribution = client.create_distribution(
        DistributionConfig={
            "CallerReference": f"test-{next(_buckets)}",
            "Origins": {
                "Quantity": 1,
                "Items": [
                    {
                        "Id": "s3",
                        "DomainName": "site.s3.amazonaws.com",
                        "S3OriginConfig": {"OriginAccessIdentity": ""},
                    }
                ],
            },
            "DefaultCacheBehavior": {
                "TargetOriginId": "s3",
                "ViewerProtocolPolicy": "redirect-to-https",
                "MinTTL": 0,
                "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            },
            "Comment": "assetpipe test",
            "Enabled": True,
        }
    )["Distribution"]["Id"]
    return client, distribution


SITE = {
    "index.html": '<!doctype html><title>Home</title><link rel="stylesheet" href="css/site.css">'
    '<script type="module" src="js/app.js"></script><h1>Home</h1><a href="blog/">Blog</a>',
    "blog/index.html": '<!doctype html><title>Blog</title><link rel="stylesheet" '
    'href="../css/site.css"><h1>Blog</h1>',
    "css/site.css": "h1 { color: rebeccapurple; }\nbody { margin: 0 }\n",
    "js/app.js": 'document.title += " ok";\n',
    "public/robots.txt": "User-agent: *\n",
}


def make_site(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def build_site(
    tmp_path: Path, files: dict[str, str | bytes], name: str = "dist", **settings: object
) -> Path:
    """Build `files` (a site) into tmp_path/<name>, with `settings` (dotted keys, as
    `{"css.critical": False}` passes them) over the defaults; returns the output folder."""
    src = make_site(tmp_path / f"src-{name}", files)
    out = tmp_path / name
    config = load_config(
        cwd=tmp_path,
        overrides={
            "build.src": str(src),
            "build.out": str(out),
            "build.cache_dir": str(tmp_path / "cache"),
            **settings,
        },
    )[0]
    build(config)
    return out
