"""CDN purgers behind one small protocol: `purge(paths) -> PurgeResult`. Picked by name:
`cloudfront:DISTRIBUTION_ID`, `cloudflare:ZONE_ID`, `fastly:SERVICE_ID`."""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Protocol

PROVIDERS = ("cloudfront", "cloudflare", "fastly")


class PurgeSetupError(Exception):
    """The purger cannot be made: a missing token, id or base URL."""


@dataclass(slots=True)
class PurgeResult:
    purged: list[str] = field(default_factory=list)  # paths the CDN accepted
    failed: list[str] = field(default_factory=list)  # paths it did not
    error: str | None = None  # why, for a person
    requests: int = 0
    ids: list[str] = field(default_factory=list)  # invalidation / purge ids the CDN returned

    @property
    def ok(self) -> bool:
        return not self.failed and self.error is None


class Purger(Protocol):
    name: str  # "cloudfront:E123"

    def purge(self, paths: list[str], reference: str) -> PurgeResult:
        """Purge URL `paths` (`/blog/`); `reference` identifies the deploy, so that a retry of
        the same purge is recognised by CDNs that can (CloudFront)."""


def parse_target(text: str) -> tuple[str, str]:
    """`PROVIDER:ID` of `--cdn` into (provider, id); ValueError with a message otherwise."""
    provider, _, ident = text.partition(":")
    if provider not in PROVIDERS or not ident:
        raise ValueError(
            f"--cdn must be PROVIDER:ID with PROVIDER one of {', '.join(PROVIDERS)}, got {text!r}"
        )
    return provider, ident


def make_purger(provider: str, ident: str, cdn) -> Purger:
    """The purger for `provider` with id `ident`; `cdn` is the `[cdn]` configuration."""
    if provider == "cloudfront":
        from .cloudfront import CloudFront

        return CloudFront(ident, cdn.wildcard_threshold)
    if provider == "cloudflare":
        from .cloudflare import Cloudflare

        return Cloudflare(
            ident,
            _base_url(cdn, provider),
            _token("CLOUDFLARE_API_TOKEN"),
            cdn.api_url or "https://api.cloudflare.com/client/v4",
        )
    if provider == "fastly":
        from .fastly import Fastly

        return Fastly(
            ident,
            _base_url(cdn, provider) if cdn.fastly_purge == "url" else "",
            _token("FASTLY_API_TOKEN"),
            cdn.api_url or "https://api.fastly.com",
            by_key=cdn.fastly_purge == "surrogate-key",
            soft=cdn.soft_purge,
        )
    raise PurgeSetupError(f"unknown CDN provider {provider!r}")


def _token(name: str) -> str:
    token = os.environ.get(name, "")
    if not token:
        raise PurgeSetupError(f"{name} is not set (the API token, from the environment only)")
    return token


def _base_url(cdn, provider: str) -> str:
    if not cdn.base_url:
        raise PurgeSetupError(
            f"{provider} purges by URL: set cdn.base_url to the site's address "
            "(https://www.example.com)"
        )
    return cdn.base_url.rstrip("/")


def request_json(
    method: str, url: str, headers: dict[str, str], body: object | None = None, attempts: int = 4
) -> tuple[int, object]:
    """An HTTP request with a JSON answer; 429 and 5xx answers and dropped connections are
    retried with backoff. Returns (status, decoded body or text). Never puts `headers` (which
    hold tokens) into an error message."""
    data = json.dumps(body).encode() if body is not None else None
    all_headers = {"Accept": "application/json", "User-Agent": "assetpipe", **headers}
    if data is not None:
        all_headers["Content-Type"] = "application/json"
    delay = 0.5
    for attempt in range(attempts):
        request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, _decode(response.read())
        except urllib.error.HTTPError as exc:
            status, payload = exc.code, _decode(exc.read())
            if status != 429 and status < 500 or attempt == attempts - 1:
                return status, payload
        except (urllib.error.URLError, OSError) as exc:
            if attempt == attempts - 1:
                reason = getattr(exc, "reason", exc)
                return 0, f"cannot reach {url.split('?')[0]}: {reason}"
        time.sleep(delay)
        delay *= 2
    raise AssertionError("unreachable")


def _decode(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except ValueError:
        return raw.decode("utf-8", "replace")[:300]
