"""S3 and S3-compatible storage with boto3.

Credentials come from the SDK's own chain (environment, shared profiles, SSO, instance and
container roles); nothing here reads, stores or prints them. One client is shared by every
upload thread (boto3 clients are thread-safe), with a connection pool as large as the
concurrency. botocore retries throttling (503 SlowDown), 5xx answers and dropped connections
with backoff (`retry_mode` "standard" or "adaptive", `max_attempts`). Files from
`multipart_threshold` MB up go in 8 MB parts. `checksums = "when_required"` keeps the SDK from
sending the CRC checksums some S3-compatible stores reject (R2, B2).
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator

from .storage import ObjectInfo, StorageError

PART_SIZE = 8 * 1024 * 1024


class S3Storage:
    def __init__(
        self,
        bucket: str,
        *,
        region: str = "",
        endpoint_url: str = "",
        addressing_style: str = "auto",
        concurrency: int = 16,
        checksums: str = "when_supported",
        retry_mode: str = "standard",
        max_attempts: int = 8,
        multipart_threshold_mb: int = 16,
    ) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.name = f"s3://{bucket}"
        self._lock = threading.Lock()
        self._requests = 0
        config = Config(
            retries={"mode": retry_mode, "max_attempts": max_attempts},
            s3={"addressing_style": addressing_style},
            max_pool_connections=max(10, concurrency + 4),
            request_checksum_calculation=checksums,
            response_checksum_validation=checksums,
            connect_timeout=10,
            read_timeout=60,
        )
        try:
            self.client = boto3.session.Session().client(
                "s3",
                region_name=region or None,
                endpoint_url=endpoint_url or None,
                config=config,
            )
        except Exception as exc:  # botocore's configuration errors (a bad region name, ...)
            raise StorageError(f"cannot set up the S3 client: {exc}") from None
        self.client.meta.events.register("before-send.s3", self._count)
        # `Expect: 100-continue` costs a round trip per upload, to spare sending a body the
        # store would refuse; worth it only for large bodies (multipart parts keep it).
        from botocore.handlers import add_expect_header

        self.client.meta.events.unregister("before-call.s3", add_expect_header)
        self.client.meta.events.register("before-call.s3.UploadPart", add_expect_header)
        self.multipart_threshold = multipart_threshold_mb * 1024 * 1024

    def _count(self, **_: object) -> None:
        with self._lock:
            self._requests += 1

    @property
    def requests(self) -> int:
        return self._requests

    def get(self, key: str) -> bytes | None:
        try:
            response = self._call("read", key, self.client.get_object, Bucket=self.bucket, Key=key)
        except _Missing:
            return None
        try:
            return response["Body"].read()
        except Exception as exc:
            raise StorageError(f"could not read {self.name}/{key}: {_describe(exc)}") from None

    def head(self, key: str) -> ObjectInfo | None:
        try:
            response = self._call(
                "inspect", key, self.client.head_object, Bucket=self.bucket, Key=key
            )
        except _Missing:
            return None
        metadata = response.get("Metadata") or {}
        return ObjectInfo(metadata.get("sha256"), metadata.get("assetpipe-headers"))

    def list(self, prefix: str) -> Iterator[str]:
        paginator = self.client.get_paginator("list_objects_v2")
        try:
            for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix):
                for item in page.get("Contents", ()):
                    yield item["Key"]
        except Exception as exc:
            raise StorageError(f"could not list {self.name}/{prefix}: {_describe(exc)}") from None

    def put(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        cache_control: str,
        encoding: str | None,
        acl: str,
        metadata: dict[str, str],
    ) -> None:
        extra: dict[str, object] = {
            "ContentType": content_type,
            "CacheControl": cache_control,
            "Metadata": metadata,
        }
        if encoding:
            extra["ContentEncoding"] = encoding
        if acl:
            extra["ACL"] = acl
        if len(data) >= self.multipart_threshold:
            from boto3.s3.transfer import TransferConfig

            transfer = TransferConfig(
                multipart_threshold=self.multipart_threshold,
                multipart_chunksize=PART_SIZE,
                max_concurrency=4,
            )
            self._call(
                "upload",
                key,
                self.client.upload_fileobj,
                io.BytesIO(data),
                self.bucket,
                key,
                ExtraArgs=extra,
                Config=transfer,
            )
            return
        self._call(
            "upload", key, self.client.put_object, Bucket=self.bucket, Key=key, Body=data, **extra
        )

    def delete(self, keys: list[str]) -> list[str]:
        failed: list[str] = []
        for start in range(0, len(keys), 1000):
            batch = keys[start : start + 1000]
            response = self._call(
                "delete",
                batch[0],
                self.client.delete_objects,
                Bucket=self.bucket,
                Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True},
            )
            failed.extend(e["Key"] for e in response.get("Errors", ()))
        return failed

    def _call(self, verb: str, key: str, method, *args, **kwargs):
        from botocore.exceptions import ClientError

        try:
            return method(*args, **kwargs)
        except ClientError as exc:
            error = exc.response.get("Error", {})
            code = str(error.get("Code", ""))
            if code in ("404", "NoSuchKey", "NotFound") and verb in ("read", "inspect"):
                raise _Missing from None
            raise StorageError(
                f"could not {verb} {self.name}/{key}: {code or 'error'}"
                f"{': ' + error['Message'] if error.get('Message') else ''}"
                f"{_hint(code)}"
            ) from None
        except Exception as exc:  # connection failures, credentials, after every retry
            raise StorageError(f"could not {verb} {self.name}/{key}: {_describe(exc)}") from None


class _Missing(Exception):
    pass


def _describe(exc: Exception) -> str:
    from botocore.exceptions import NoCredentialsError, PartialCredentialsError

    if isinstance(exc, (NoCredentialsError, PartialCredentialsError)):
        return (
            "no AWS credentials found (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
            "AWS_PROFILE, or run where a role provides them)"
        )
    return str(exc) or type(exc).__name__


def _hint(code: str) -> str:
    return {
        "NoSuchBucket": " (check deploy.bucket, deploy.region and deploy.endpoint_url)",
        "AccessDenied": " (see the IAM permissions in the README's deploy section)",
        "InvalidAccessKeyId": " (the credentials in the environment are not valid here)",
        "SignatureDoesNotMatch": " (wrong secret key, or wrong region for this bucket)",
    }.get(code, "")
