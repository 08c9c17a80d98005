"""Jinja (Flask, Starlette, plain Jinja): `{{ assetpipe_tags("src/main.ts") }}` prints what
loads an entry, `{{ assetpipe_url("src/logo.svg") }}` one file's URL, and `{{ assetpipe_head() }}`
what the build's own pages get at the end of their `<head>` (speculation rules, the RUM script).

    from assetpipe.jinja import install
    install(app.jinja_env, "static/dist", base_url="/static/dist/",
            dev_server="http://127.0.0.1:8000" if app.debug else "")

or, as a Jinja extension, `Environment(extensions=["assetpipe.jinja.AssetpipeExtension"])` with
`env.assetpipe_manifest`, `env.assetpipe_base_url` and `env.assetpipe_dev_server` set. The tags
are those of `assetpipe.manifest.Manifest.tags`; the manifest is read again when it changes.
`assetpipe_tags(..., critical=True)` marks the stylesheets for `assetpipe.critical_css.CriticalCSS`
(WSGI middleware: `app.wsgi_app = CriticalCSS(app.wsgi_app, "static/dist", "/static/dist/")`)
to inline each response's critical CSS.
"""

from __future__ import annotations

import os

from jinja2 import Environment
from jinja2.ext import Extension
from markupsafe import Markup

from . import manifest as _manifest


def install(
    env: Environment,
    manifest: str | os.PathLike[str],
    *,
    base_url: str = "/",
    dev_server: str = "",
) -> None:
    """Add the `assetpipe_tags`, `assetpipe_url` and `assetpipe_head` globals to `env`."""
    env.extend(assetpipe_manifest=manifest, assetpipe_base_url=base_url)
    env.extend(assetpipe_dev_server=dev_server)
    _add_globals(env)


class AssetpipeExtension(Extension):
    """The same globals, as a Jinja extension; set `env.assetpipe_manifest` (and
    `assetpipe_base_url`, `assetpipe_dev_server`) on the environment."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.extend(assetpipe_manifest=None, assetpipe_base_url="/", assetpipe_dev_server="")
        _add_globals(environment)


def _add_globals(env: Environment) -> None:
    def load() -> _manifest.Manifest:
        path = getattr(env, "assetpipe_manifest", None)
        if not path:
            raise _manifest.ManifestError(
                "set the Jinja environment's assetpipe_manifest (assetpipe.jinja.install)"
            )
        return _manifest.load(path)

    def tags(*sources: str, nonce: str = "", critical: bool = False) -> Markup:
        return Markup(  # noqa: S704 (the tags are built from the manifest, attributes escaped)
            load().tags(
                *sources,
                base_url=env.assetpipe_base_url,  # type: ignore[attr-defined]
                dev_server=env.assetpipe_dev_server,  # type: ignore[attr-defined]
                nonce=nonce,
                critical=critical,
            )
        )

    def url(source: str) -> str:
        dev = env.assetpipe_dev_server  # type: ignore[attr-defined]
        return load().url(source, dev.rstrip("/") + "/" if dev else env.assetpipe_base_url)  # type: ignore[attr-defined]

    def head(nonce: str = "", pages: str = "/") -> Markup:
        if env.assetpipe_dev_server:  # type: ignore[attr-defined]
            return Markup("")
        return Markup(  # noqa: S704 (built from the manifest and the build's settings, escaped)
            load().head(base_url=env.assetpipe_base_url, nonce=nonce, pages=pages)  # type: ignore[attr-defined]
        )

    env.globals["assetpipe_tags"] = tags
    env.globals["assetpipe_url"] = url
    env.globals["assetpipe_head"] = head
