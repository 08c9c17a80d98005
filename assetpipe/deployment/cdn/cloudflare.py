"""Cloudflare: `POST /zones/{zone}/purge_cache` with `{"files": [full URLs]}`, 100 URLs per
request (Cloudflare's per-request limit on every plan), the token from CLOUDFLARE_API_TOKEN as a
Bearer token. A `/blog/` path purges `https://www.example.com/blog/`."""

from __future__ import annotations

from urllib.parse import quote

from . import PurgeResult, request_json

BATCH = 100


class Cloudflare:
    def __init__(self, zone: str, base_url: str, token: str, api_url: str) -> None:
        self.zone = zone
        self.name = f"cloudflare:{zone}"
        self.base_url = base_url
        self._token = token
        self.api_url = api_url.rstrip("/")

    def purge(self, paths: list[str], reference: str) -> PurgeResult:
        result = PurgeResult()
        url = f"{self.api_url}/zones/{quote(self.zone, safe='')}/purge_cache"
        for start in range(0, len(paths), BATCH):
            batch = paths[start : start + BATCH]
            status, body = request_json(
                "POST",
                url,
                {"Authorization": f"Bearer {self._token}"},
                {"files": [self.base_url + p for p in batch]},
            )
            result.requests += 1
            if status != 200 or not isinstance(body, dict) or not body.get("success"):
                result.failed.extend(paths[start:])
                result.error = f"Cloudflare refused the purge (HTTP {status}): {_errors(body)}"
                return result
            result.purged.extend(batch)
            if isinstance(body.get("result"), dict) and body["result"].get("id"):
                result.ids.append(str(body["result"]["id"]))
        return result


def _errors(body: object) -> str:
    if isinstance(body, dict) and body.get("errors"):
        return "; ".join(f"{e.get('code')}: {e.get('message')}" for e in body["errors"])
    return str(body)[:200]
