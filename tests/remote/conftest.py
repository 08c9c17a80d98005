"""The remote cache tests use the deploy tests' moto server, recording proxy and buckets."""

from ..deploy.conftest import moto_server, proxy, s3  # noqa: F401 (fixtures)
