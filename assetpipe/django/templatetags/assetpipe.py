"""The `assetpipe` template tag library (`{% load assetpipe %}`): `assetpipe_tags` and
`assetpipe_url`, from the manifest `settings.ASSETPIPE["manifest"]` names."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.safestring import mark_safe

from ... import manifest as _manifest

register = template.Library()


def settings_of_assetpipe() -> dict:
    found = getattr(settings, "ASSETPIPE", None)
    if not isinstance(found, dict) or not found.get("manifest"):
        raise ImproperlyConfigured(
            'settings.ASSETPIPE = {"manifest": ...} must name the build\'s output folder '
            "(or its manifest file) for the assetpipe template tags"
        )
    return found


def base_url(options: dict) -> str:
    """Where the tags point: the watcher in development, else `base_url` or `STATIC_URL`."""
    dev = options.get("dev_server") or ""
    if dev:
        return dev.rstrip("/") + "/"
    return options.get("base_url") or getattr(settings, "STATIC_URL", None) or "/"


@register.simple_tag
def assetpipe_tags(*sources: str, nonce: str = "", critical: bool = False) -> str:
    """The import map, stylesheets, module preloads and module scripts of `sources`;
    `critical=True` marks the stylesheets for `CriticalCSSMiddleware`."""
    options = settings_of_assetpipe()
    m = _manifest.load(options["manifest"])
    return mark_safe(  # noqa: S308 (the tags are built from the manifest, attributes escaped)
        m.tags(
            *sources,
            base_url=base_url(options),
            dev_server=options.get("dev_server") or "",
            nonce=nonce,
            critical=critical,
        )
    )


@register.simple_tag
def assetpipe_url(source: str) -> str:
    """The URL of the file `source` became."""
    options = settings_of_assetpipe()
    return _manifest.load(options["manifest"]).url(source, base_url(options))
