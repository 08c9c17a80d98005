"""Fastly: by URL (`POST /purge/<host/path>`, one request per URL) or by surrogate key
(`POST /service/{id}/purge` with up to 256 keys in a `Surrogate-Key` header); the token from
FASTLY_API_TOKEN in `Fastly-Key`; `Fastly-Soft-Purge: 1` marks content stale instead of
evicting it. With surrogate keys, each object is uploaded with its path as its key (in
`x-amz-meta-surrogate-key`, which the Fastly service maps to its `Surrogate-Key` header)."""

from __future__ import annotations

from urllib.parse import quote

from . import PurgeResult, request_json

KEYS_PER_REQUEST = 256


class Fastly:
    def __init__(
        self,
        service: str,
        base_url: str,
        token: str,
        api_url: str,
        *,
        by_key: bool = False,
        soft: bool = False,
    ) -> None:
        self.service = service
        self.name = f"fastly:{service}"
        self.base_url = base_url
        self._token = token
        self.api_url = api_url.rstrip("/")
        self.by_key = by_key
        self.soft = soft

    def purge(self, paths: list[str], reference: str) -> PurgeResult:
        result = PurgeResult()
        headers = {"Fastly-Key": self._token}
        if self.soft:
            headers["Fastly-Soft-Purge"] = "1"
        if self.by_key:
            keys = sorted({_key(p) for p in paths})
            url = f"{self.api_url}/service/{quote(self.service, safe='')}/purge"
            for start in range(0, len(keys), KEYS_PER_REQUEST):
                batch = keys[start : start + KEYS_PER_REQUEST]
                status, body = request_json(
                    "POST", url, {**headers, "Surrogate-Key": " ".join(batch)}
                )
                result.requests += 1
                if status != 200:
                    result.failed.extend(p for p in paths if _key(p) in set(keys[start:]))
                    result.error = f"Fastly refused the purge (HTTP {status}): {str(body)[:200]}"
                    return result
                result.purged.extend(p for p in paths if _key(p) in set(batch))
            return result
        host_and_path = self.base_url.split("://", 1)[-1]
        for path in paths:
            status, body = request_json(
                "POST", f"{self.api_url}/purge/{host_and_path}{path}", headers
            )
            result.requests += 1
            if status != 200 or not isinstance(body, dict) or body.get("status") != "ok":
                result.failed.append(path)
                result.error = f"Fastly refused a purge (HTTP {status}): {str(body)[:200]}"
                continue
            result.purged.append(path)
            if body.get("id"):
                result.ids.append(str(body["id"]))
        return result


def _key(path: str) -> str:
    """The surrogate key of a URL path: the object's own path (`/blog/` is `/blog/index.html`,
    `/blog` too)."""
    if path.endswith("/"):
        return path + "index.html"
    last = path.rsplit("/", 1)[-1]
    return path if "." in last else path + "/index.html"
