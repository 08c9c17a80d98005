"""The `assetpipe` template tag library (`{% load assetpipe %}`): `assetpipe_tags`,
`assetpipe_url` and `assetpipe_head`, from the manifest `settings.ASSETPIPE["manifest"]`
names."""

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


@register.simple_tag
def assetpipe_head(nonce: str = "", pages: str = "/") -> str:
    """The end of every page's `<head>`: the speculation rules of `[prefetch]` for links to
    pages under `pages`, and the `[rum]` script (`Manifest.head`); nothing in development."""
    options = settings_of_assetpipe()
    if options.get("dev_server"):
        return ""
    m = _manifest.load(options["manifest"])
    return mark_safe(  # noqa: S308 (built from the manifest and the build's settings, escaped)
        m.head(base_url=base_url(options), nonce=nonce, pages=pages)
    )
