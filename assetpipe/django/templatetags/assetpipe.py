"""The `assetpipe` template tag library (`{% load assetpipe %}`): `assetpipe_tags` and
`assetpipe_url`, from the manifest `settings.ASSETPIPE["manifest"]` names."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import mark_safe

from ... import manifest as _manifest

register = template.Library()


def _settings() -> dict:
    found = getattr(settings, "ASSETPIPE", None)
    if not isinstance(found, dict) or not found.get("manifest"):
        raise ImproperlyConfigured(
            'settings.ASSETPIPE = {"manifest": ...} must name the build\'s output folder '
            "(or its manifest file) for the assetpipe template tags"
        )
    return found


def _base_url(options: dict) -> str:
    return options.get("base_url") or getattr(settings, "STATIC_URL", None) or "/"


@register.simple_tag
def assetpipe_tags(*sources: str, nonce: str = "") -> str:
    """The import map, stylesheets, module preloads and module scripts of `sources`."""
    options = _settings()
    m = _manifest.load(options["manifest"])
    return mark_safe(  # noqa: S308 (the tags are built from the manifest, attributes escaped)
        m.tags(
            *sources,
            base_url=_base_url(options),
            dev_server=options.get("dev_server") or "",
            nonce=nonce,
        )
    )


@register.simple_tag
def assetpipe_url(source: str) -> str:
    """The URL of the file `source` became."""
    options = _settings()
    m = _manifest.load(options["manifest"])
    dev = options.get("dev_server") or ""
    return m.url(source, dev.rstrip("/") + "/" if dev else _base_url(options))
