"""A Flask app renders templates against builds of the TypeScript app: with assetpipe's Jinja
global (`assetpipe.jinja`), and with flask-vite (from PyPI, unmodified), each run in headless
Chromium.

flask-vite reads no manifest: its `vite_tags()` globs `VITE_FOLDER_PATH/dist/assets/*.js` and
`*.css` and prints the first of each (in the order the file system lists them), served from its
own `/_vite/` route. So it loads an app built into one script and one stylesheet, which is what
it is tested with here; a code-split app (a dynamic import, a shared chunk) needs the Jinja
global, as it would with Vite's own output.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import assetpipe
from assetpipe.jinja import install

from ..browser import LivePage, dump_dom
from ..rum.collector import collector, make, manifest
from .apps import FRONTEND, TEMPLATES, WORKING, app_ran, build_app, fetch, head_urls

flask = pytest.importorskip("flask")


@contextlib.contextmanager
def serve(app) -> Iterator[str]:
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def _jinja_app(out: Path):
    app = flask.Flask(
        __name__, static_folder=str(out), static_url_path="/static", template_folder=TEMPLATES
    )
    install(app.jinja_env, out, base_url="/static/")
    app.add_url_rule("/", "page", lambda: flask.render_template("jinja_assetpipe.html"))
    return app


@pytest.mark.parametrize("vite_manifest", [True, False], ids=["vite-manifest", "import-map"])
def test_the_jinja_global_loads_a_working_app(tmp_path, vite_manifest):
    out = build_app(tmp_path, vite_manifest=vite_manifest)
    with serve(_jinja_app(out)) as base:
        html = fetch(base)[2].decode()
        assert ("importmap" in html) is not vite_manifest
        for url in head_urls(html):
            assert fetch(base.rstrip("/") + url)[0] == 200, url
        logo = re.search(r'id="url" src="([^"]+)"', html)[1]
        assert fetch(base.rstrip("/") + logo)[0] == 200
        assert app_ran(dump_dom(base)) == WORKING


def test_the_jinja_extension_reads_the_environment():
    from jinja2 import DictLoader, Environment

    env = Environment(
        extensions=["assetpipe.jinja.AssetpipeExtension"],
        loader=DictLoader({"t": '{{ assetpipe_tags("src/main.ts") }}'}),
    )
    env.assetpipe_manifest = FRONTEND / "missing"
    with pytest.raises(assetpipe.manifest.ManifestError, match="no build manifest"):
        env.get_template("t").render()


def test_flask_vite_loads_a_one_script_build(tmp_path):
    from flask_vite import Vite

    folder = tmp_path / "vite"  # flask-vite's VITE_FOLDER_PATH: it reads dist/assets/ in it
    build_app(
        tmp_path,
        out=folder / "dist",
        build_entries=["src/solo.ts"],
        build_sourcemap=False,
    )
    assert sorted(p.suffix for p in (folder / "dist" / "assets").iterdir()) == [".css", ".js"]
    app = flask.Flask(__name__, template_folder=TEMPLATES)
    app.config["VITE_FOLDER_PATH"] = str(folder)
    Vite(app)
    app.add_url_rule("/", "page", lambda: flask.render_template("flask_vite.html"))
    with serve(app) as base:
        html = fetch(base)[2].decode()
        urls = head_urls(html)
        assert [u.rsplit(".", 1)[-1] for u in urls] == ["js", "css"]
        for url in urls:
            status, headers, _ = fetch(base.rstrip("/") + url)
            assert status == 200 and "max-age=31536000" in headers["Cache-Control"], url
        dom = dump_dom(base)
        assert 'id="status">solo loaded<' in dom
        assert 'data-status-color="rgb(0, 96, 160)"' in dom


SERVER_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{{ title }}</title>
  {{ assetpipe_tags("src/main.js") }}
  {{ assetpipe_head() }}
</head>
<body><h1>{{ title }}</h1><p>A page the server renders.</p><p><a href="/next">Next</a></p></body>
</html>
"""


def test_a_server_page_gets_the_builds_speculation_rules_and_monitoring_script(tmp_path):
    """`assetpipe_head()` prints what the build's own pages get: in Chromium, the rules
    prefetch the linked route, and the monitoring script sends the view's beacon, with the
    site's build id, to a collector."""
    seen: list[tuple[str, str | None]] = []
    with collector() as found:
        config = (
            f'[build]\nentries = ["src/main.js"]\n[rum]\nendpoint = "{found.url}"\n'
            '[prefetch]\neagerness = "immediate"\n'
        )
        out = make(tmp_path, "app", {"src/main.js": "document.body.dataset.ran = '1'\n"}, config)
        app = flask.Flask(__name__, static_folder=str(out), static_url_path="/static")
        install(app.jinja_env, out, base_url="/static/")

        @app.before_request
        def record():
            seen.append((flask.request.path, flask.request.headers.get("Sec-Purpose")))

        for route, title in (("/", "Home"), ("/next", "Next")):
            app.add_url_rule(
                route, title, lambda t=title: flask.render_template_string(SERVER_PAGE, title=t)
            )
        with serve(app) as base:
            html = fetch(base)[2].decode()
            assert '<script type="speculationrules">' in html
            page = LivePage(base)
            try:
                page.wait_until(
                    "document.body.dataset.ran === '1' && performance.getEntriesByType('paint')"
                    ".some(e => e.name === 'first-contentful-paint')"
                )
                deadline = time.monotonic() + 10
                while ("/next", "prefetch") not in seen and time.monotonic() < deadline:
                    time.sleep(0.05)
                assert ("/next", "prefetch") in seen, seen
                page.call("Page.navigate", session=True, url="about:blank")  # hidden, unloaded
                deadline = time.monotonic() + 10
                while not found.bodies() and time.monotonic() < deadline:
                    time.sleep(0.05)
            finally:
                page.close()
    (body,) = found.bodies()
    beacon = json.loads(body)
    assert beacon["page"] == "/"
    assert beacon["build"] == manifest(out)["build"]  # the site's build id
    assert 0 < beacon["fcp"] <= beacon["lcp"] < 10_000, beacon
