"""Print the tags django-vite's ``{% vite_asset %}`` writes in production mode, for the ``ssr``
workload.

    python bench/scripts/django_vite_tags.py MANIFEST ENTRY [STATIC_URL]

Configures Django in this process (``DEBUG = False``, ``STATIC_URL`` (default ``/static/``),
``django.contrib.staticfiles`` and ``django_vite`` installed, the Django template engine,
``DJANGO_VITE = {"default": {"dev_mode": False, "manifest_path": MANIFEST}}``), renders
``{% load django_vite %}{% vite_asset "ENTRY" %}`` and prints one JSON object on stdout:
``{"tags": "<the rendered text>", "django": "5.2", "django_vite": "3.2.0"}``. A manifest
django-vite cannot read, or an entry it does not list, exits 1 with its message on stderr.

A script of its own because Django's settings are global to a process and django-vite reads
the manifest once, when its app is ready: each output gets a fresh interpreter.
"""

from __future__ import annotations

import importlib.metadata
import json
import sys


def render(manifest: str, entry: str, static_url: str = "/static/") -> str:
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="bench",
        STATIC_URL=static_url,
        INSTALLED_APPS=["django.contrib.staticfiles", "django_vite"],
        TEMPLATES=[
            {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}
        ],
        DJANGO_VITE={"default": {"dev_mode": False, "manifest_path": manifest}},
    )
    django.setup()
    from django.template import engines

    template = engines["django"].from_string(
        "{% load django_vite %}{% vite_asset " + json.dumps(entry) + " %}"
    )
    return template.render({})


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    try:
        tags = render(*argv)
    except Exception as exc:  # django-vite's errors, reported to the workload's check
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    versions = {name: importlib.metadata.version(name) for name in ("django", "django-vite")}
    print(
        json.dumps(
            {"tags": tags, "django": versions["django"], "django_vite": versions["django-vite"]}
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
