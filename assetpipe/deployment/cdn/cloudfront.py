"""CloudFront invalidations with boto3's `create_invalidation`.

The paths go in batches of at most 1,000 (CloudFront allows 3,000 paths in progress per
distribution); more than `wildcard_threshold` paths become one `/*` (a wildcard counts as one
path, and CloudFront bills per path). Each batch's `CallerReference` is derived from the deploy,
so a retried deploy repeats the same invalidation instead of paying for a new one. The endpoint
is the SDK's own setting (`AWS_ENDPOINT_URL_CLOUDFRONT`), credentials the standard chain.
"""

from __future__ import annotations

from . import PurgeResult

BATCH = 1000


class CloudFront:
    def __init__(self, distribution: str, wildcard_threshold: int = 500) -> None:
        self.distribution = distribution
        self.name = f"cloudfront:{distribution}"
        self.wildcard_threshold = wildcard_threshold

    def purge(self, paths: list[str], reference: str) -> PurgeResult:
        import boto3
        from botocore.config import Config

        result = PurgeResult()
        if not paths:
            return result
        if len(paths) > self.wildcard_threshold:
            paths = [_common_wildcard(paths)]
        client = boto3.session.Session().client(
            "cloudfront", config=Config(retries={"mode": "standard", "max_attempts": 6})
        )
        client.meta.events.register("before-send.cloudfront", lambda **_: _count(result))
        for start in range(0, len(paths), BATCH):
            batch = paths[start : start + BATCH]
            try:
                response = client.create_invalidation(
                    DistributionId=self.distribution,
                    InvalidationBatch={
                        "Paths": {"Quantity": len(batch), "Items": batch},
                        "CallerReference": f"assetpipe-{reference}-{start // BATCH}",
                    },
                )
            except Exception as exc:
                result.failed.extend(paths[start:])
                result.error = f"CloudFront did not accept the invalidation: {_describe(exc)}"
                return result
            result.purged.extend(batch)
            result.ids.append(response["Invalidation"]["Id"])
        return result


def _count(result: PurgeResult) -> None:
    result.requests += 1


def _common_wildcard(paths: list[str]) -> str:
    """`/*`, or `/docs/*` when every path is under /docs/."""
    common = paths[0]
    for path in paths[1:]:
        while not path.startswith(common):
            common = common[:-1]
    return common[: common.rfind("/") + 1] + "*" if "/" in common else "/*"


def _describe(exc: Exception) -> str:
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return f"{error.get('Code', 'error')}: {error.get('Message', '')}".rstrip(": ")
    return str(exc) or type(exc).__name__
