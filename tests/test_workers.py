"""Web workers, shared workers and service workers (issue #15): each target of
`new Worker(new URL(...))`, `new SharedWorker(...)` or `navigator.serviceWorker.register(...)`
is bundled as an entry of its own and the page, run in headless Chromium, talks to it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .browser import LivePage, serve
from .conftest import run_cli

pytestmark = pytest.mark.slow  # the CLI, Chromium

FILES = {
    "index.html": '<!doctype html><title>workers</title><script type="module" src="main.ts">'
    "</script>\n",
    "main.ts": """
import { label } from "./shared";
const results: Record<string, unknown> = {};
const show = (k: string, v: unknown) => {
  results[k] = v;
  document.body.dataset.results = JSON.stringify(results);
};
const module = new Worker(new URL("./module-worker.ts", import.meta.url), { type: "module" });
module.onmessage = (e) => show("module", e.data);
module.postMessage(20);
const classic = new Worker(new URL("./classic-worker.js", import.meta.url));
classic.onmessage = (e) => show("classic", e.data);
classic.postMessage(1);
const shared = new SharedWorker(new URL("./shared-worker.js", import.meta.url), {
  type: "module",
});
shared.port.onmessage = (e) => show("shared", e.data);
shared.port.postMessage(3);
navigator.serviceWorker
  .register(new URL("./sw.js", import.meta.url))
  .then((r) => show("sw", r.active || r.installing || r.waiting ? "registered" : "none"))
  .catch((e) => show("sw", String(e)));
show("page", label);
""",
    "shared.ts": 'export const label: string = "shared";\n'
    "export const double = (x: number): number => x * 2;\n",
    "module-worker.ts": 'import { double, label } from "./shared";\n'
    "self.onmessage = (e: MessageEvent<number>) => self.postMessage(label + double(e.data));\n",
    "classic-worker.js": 'import { double } from "./shared";\n'
    "self.onmessage = (e) => self.postMessage(typeof importScripts + double(e.data));\n",
    "shared-worker.js": 'import { double } from "./shared";\n'
    "self.onconnect = (e) => { const port = e.ports[0];\n"
    "  port.onmessage = (m) => port.postMessage(double(m.data)); };\n",
    "sw.js": 'import { label } from "./shared";\n'
    "self.addEventListener('install', () => self.skipWaiting());\n"
    "self.__label = label;\n",
}


def test_workers_are_bundled_entries_that_run(tmp_path: Path):
    src = tmp_path / "site"
    for name, text in FILES.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text.lstrip("\n"))
    out = tmp_path / "dist"
    result = run_cli("build", "--src", str(src), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assets = sorted(p.name for p in (out / "assets").glob("*.js"))
    # hashed entries of their own; the service worker keeps its path, unhashed
    assert any(n.startswith("module-worker-") for n in assets), assets
    assert any(n.startswith("classic-worker-") for n in assets), assets
    assert (out / "sw.js").exists() and not any(n.startswith("sw-") for n in assets)
    classic = next((out / "assets").glob("classic-worker-*.js")).read_text()
    assert classic.startswith("(()=>{") and "import{" not in classic and "export" not in classic
    assert "import{" not in (out / "sw.js").read_text()  # a classic script: bundled, wrapped
    with serve(out) as url:
        page = LivePage(url + "index.html")
        try:
            page.wait_until(
                "Object.keys(JSON.parse(document.body.dataset.results||'{}')).length === 5"
            )
            results = json.loads(page.evaluate("document.body.dataset.results"))
        finally:
            page.close()
    assert results == {
        "page": "shared",
        "module": "shared40",
        "classic": "function2",  # a classic worker: importScripts exists there
        "shared": 6,
        "sw": "registered",
    }
