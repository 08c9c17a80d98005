"""CloudFront invalidations with boto3's `create_invalidation`, within CloudFront's limits.

CloudFront allows 3,000 individual paths in invalidations in progress per distribution at a
time, and 15 wildcard paths. So a deploy sends its paths one by one only up to
`wildcard_threshold` (500 by default, at most 3,000 whatever it is set to), in requests of at
most 1,000; more than that become one wildcard: `/*`, or `/docs/*` when every path is under
`/docs/` (a wildcard counts as one path, and CloudFront bills per path). When CloudFront still
refuses the paths because earlier invalidations hold the in-progress budget
(`TooManyInvalidationsInProgress`), the paths not sent yet go as that one wildcard instead, as
`hugo deploy` always does. Each request's `CallerReference` is derived from the deploy, so a
retried deploy repeats the same invalidation instead of paying for a new one. The endpoint is
the SDK's own setting (`AWS_ENDPOINT_URL_CLOUDFRONT`), credentials the standard chain.
"""

from __future__ import annotations

from . import PurgeResult

BATCH = 1000  # paths per request (CloudFront takes up to 3,000 in one)
MAX_PATHS = 3000  # individual paths in progress per distribution
MAX_WILDCARDS = 15  # wildcard paths in progress per distribution
TOO_MANY = "TooManyInvalidationsInProgress"


class CloudFront:
    def __init__(self, distribution: str, wildcard_threshold: int = 500) -> None:
        self.distribution = distribution
        self.name = f"cloudfront:{distribution}"
        self.wildcard_threshold = wildcard_threshold

    def purge(self, paths: list[str], reference: str) -> PurgeResult:
        import boto3
        from botocore.config import Config

        result = PurgeResult()
        batches = invalidation_batches(paths, self.wildcard_threshold)
        if not batches:
            return result
        client = boto3.session.Session().client(
            "cloudfront", config=Config(retries={"mode": "standard", "max_attempts": 6})
        )
        client.meta.events.register("before-send.cloudfront", lambda **_: _count(result))

        def send(batch: list[str], suffix: str) -> None:
            response = client.create_invalidation(
                DistributionId=self.distribution,
                InvalidationBatch={
                    "Paths": {"Quantity": len(batch), "Items": batch},
                    "CallerReference": f"assetpipe-{reference}-{suffix}",
                },
            )
            result.purged.extend(batch)
            result.ids.append(response["Invalidation"]["Id"])

        for index, batch in enumerate(batches):
            try:
                send(batch, str(index))
                continue
            except Exception as exc:
                error = exc
            rest = [p for b in batches[index:] for p in b]
            if _code(error) == TOO_MANY and not any("*" in p for p in batch):
                # earlier invalidations hold the budget of paths: one wildcard instead
                try:
                    send([_common_wildcard(rest)], "wildcard")
                    return result
                except Exception as exc:
                    error = exc
            result.failed.extend(rest)
            result.error = f"CloudFront did not accept the invalidation: {_describe(error)}"
            return result
        return result


def invalidation_batches(paths: list[str], wildcard_threshold: int = 500) -> list[list[str]]:
    """The paths of each `CreateInvalidation` request for `paths`: batches of at most
    `BATCH`, or one wildcard when there are more than `wildcard_threshold` (never more than
    `MAX_PATHS`) or more wildcards than CloudFront allows in progress."""
    if not paths:
        return []
    limit = max(1, min(wildcard_threshold, MAX_PATHS))
    if len(paths) > limit or sum(1 for p in paths if "*" in p) > MAX_WILDCARDS:
        return [[_common_wildcard(paths)]]
    return [paths[start : start + BATCH] for start in range(0, len(paths), BATCH)]


def _count(result: PurgeResult) -> None:
    result.requests += 1


def _common_wildcard(paths: list[str]) -> str:
    """`/*`, or `/docs/*` when every path is under /docs/."""
    common = min(paths)  # the common prefix of all is that of the least and the greatest
    last = max(paths)
    size = 0
    while size < min(len(common), len(last)) and common[size] == last[size]:
        size += 1
    common = common[:size]
    return common[: common.rfind("/") + 1] + "*" if "/" in common else "/*"


def _code(exc: Exception) -> str:
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def _describe(exc: Exception) -> str:
    from botocore.exceptions import ClientError

    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        return f"{error.get('Code', 'error')}: {error.get('Message', '')}".rstrip(": ")
    return str(exc) or type(exc).__name__
