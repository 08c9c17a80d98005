"""`CriticalCSSMiddleware`: HTML responses get the critical CSS of the stylesheets
`{% assetpipe_tags ... critical=True %}` printed (`assetpipe.critical_css`).

    MIDDLEWARE = [..., "assetpipe.django.middleware.CriticalCSSMiddleware"]
"""

from __future__ import annotations

from ..critical_css import MARK, inline_critical
from ..manifest import load
from .templatetags.assetpipe import base_url, settings_of_assetpipe


class CriticalCSSMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            getattr(response, "streaming", False)
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Encoding")
        ):
            return response
        charset = response.charset or "utf-8"
        text = response.content.decode(charset, "surrogateescape")
        if MARK not in text:
            return response
        options = settings_of_assetpipe()
        new = inline_critical(text, load(options["manifest"]), base_url(options))
        response.content = new.encode(charset, "surrogateescape")
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
