"""A Django project in one file, for the server-rendered app tests: serves the templates of
`templates/` and, under `/static/`, the build in `--out`, on 127.0.0.1 (the port it prints).

    python django_app.py --out BUILD [--dev-server URL]

Pages: `/django-vite/` (django-vite's `{% vite_asset %}`), `/assetpipe/` and `/admin/`
(`{% assetpipe_tags %}`), `/critical/` (the same template with `critical=True`, through
`CriticalCSSMiddleware`), `/head/` (`{% assetpipe_head %}` too). Its own process, since Django's settings are global to one.
"""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import django
from django.conf import settings
from django.shortcuts import render
from django.urls import path

HERE = Path(__file__).parent


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def page(name: str, **context: object):
    return lambda request: render(request, name, context)


urlpatterns = [
    path("django-vite/", page("django_vite.html")),
    path("assetpipe/", page("django_assetpipe.html")),
    path("admin/", page("django_admin.html")),
    path("critical/", page("django_assetpipe.html", critical=True)),
    path("head/", page("django_head.html")),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--dev-server", default="")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    settings.configure(
        DEBUG=False,
        SECRET_KEY="tests-only",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.staticfiles", "django_vite", "assetpipe.django"],
        MIDDLEWARE=["assetpipe.django.middleware.CriticalCSSMiddleware"],
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [str(HERE / "templates")],
                "APP_DIRS": True,
            }
        ],
        STATIC_URL="/static/",
        STATICFILES_DIRS=[str(out)],
        DJANGO_VITE={
            "default": {"dev_mode": False, "manifest_path": str(out / ".vite" / "manifest.json")}
        },
        ASSETPIPE={"manifest": str(out), "dev_server": args.dev_server},
    )
    sys.modules.setdefault(__name__, sys.modules["__main__"])
    django.setup()
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.core.wsgi import get_wsgi_application

    app = StaticFilesHandler(get_wsgi_application())
    server = make_server("127.0.0.1", 0, app, server_class=_Server, handler_class=_Quiet)
    print(f"http://127.0.0.1:{server.server_address[1]}/", flush=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sys.stdin.read()  # until the test closes stdin


if __name__ == "__main__":
    main()
