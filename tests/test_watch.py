"""`assetpipe watch` in a subprocess on a copy of a fixture site: each way editors save, the
events pages get, the served output, errors and their fix, bursts, and a clean stop."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import SITES

pytestmark = pytest.mark.slow  # watch processes, Chromium


class Watch:
    """A running `assetpipe watch`, with a reader of its event stream."""

    def __init__(self, tmp: Path, *args: str, edit=None, out: str = "out") -> None:
        self.src = tmp / "src"
        shutil.copytree(SITES / "runtime" / "src", self.src)
        if edit is not None:
            edit(self.src)  # before the first build
        self.out = tmp / out
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSETPIPE_")}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "assetpipe",
                "watch",
                "--src",
                str(self.src),
                "--out",
                str(self.out),
                "--cache-dir",
                str(tmp / "cache"),
                "--port",
                "0",
                *args,
            ],
            cwd=tmp,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()  # printed once serving
        assert self.url.startswith("http://127.0.0.1:"), self.process.stderr.read()
        parts = urlsplit(self.url)
        self.host, self.port = parts.hostname, parts.port
        self.events: list[tuple[str, object, float]] = []
        self._lock = threading.Condition()
        self.stderr_lines: list[str] = []
        threading.Thread(target=self._read_events, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()
        self.wait_for(lambda e: e[0] == "hello")

    def _read_stderr(self) -> None:
        for line in self.process.stderr:
            self.stderr_lines.append(line)

    def _read_events(self) -> None:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        connection.request("GET", "/__assetpipe/events")
        response = connection.getresponse()
        event, data = None, None
        for raw in response:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data = json.loads(line[6:])
            elif line == "" and event:
                with self._lock:
                    self.events.append((event, data, time.monotonic()))
                    self._lock.notify_all()
                event, data = None, None

    def wait_for(self, match, timeout: float = 15.0, after: int = 0):
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for e in self.events[after:]:
                    if match(e):
                        return e
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(
                        f"no such event; got {self.events[after:]}; "
                        f"stderr: {''.join(self.stderr_lines)}"
                    )
                self._lock.wait(left)

    def next_build(self, timeout: float = 15.0):
        """The next build's event (reload, css or build-error) after now."""
        mark = len(self.events)
        return self.wait_for(lambda e: e[0] in ("reload", "css", "build-error"), timeout, mark)

    def quiet(self, seconds: float) -> list:
        mark = len(self.events)
        time.sleep(seconds)
        return self.events[mark:]

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def served_chunk(self, name: str) -> str:
        manifest = json.loads((self.out / ".assetpipe/manifest.json").read_text())
        (path,) = [p for p in manifest["outputs"] if p.endswith(".js") and f"/{name}-" in p]
        return self.get("/" + path)[2].decode()

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=15)


@pytest.fixture
def watch(tmp_path):
    running: list[Watch] = []

    def start(*args: str, edit=None, out: str = "out") -> Watch:
        w = Watch(tmp_path, *args, edit=edit, out=out)
        running.append(w)
        return w

    yield start
    for w in running:
        if w.process.poll() is None:
            w.process.kill()


def _mark(w: Watch, name: str, text: str) -> Watch:
    """Wait until the build shows `text` in chunk `name`."""
    deadline = time.monotonic() + 10
    while text not in w.served_chunk(name):
        assert time.monotonic() < deadline, w.served_chunk(name)
        time.sleep(0.05)
    return w


def test_it_serves_the_output_with_the_live_reload_client_and_no_caching(watch):
    w = watch()
    status, headers, body = w.get("/")
    assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    assert b'<script src="/__assetpipe/client.js"></script></body>' in body
    manifest = json.loads((w.out / ".assetpipe/manifest.json").read_text())
    assert manifest["development"] is True
    chunk = next(p for p in manifest["outputs"] if p.endswith(".js"))
    status, headers, js = w.get("/" + chunk)
    assert headers["content-type"] == "text/javascript; charset=utf-8"
    assert b"__assetpipe" not in js  # the client goes into HTML only
    assert b"sourceMappingURL=data:application/json;base64," in js  # inline maps
    assert not any(p.endswith(".map") for p in manifest["outputs"])
    assert w.get("/__assetpipe/client.js")[1]["content-type"].startswith("text/javascript")
    (w.out / "sub").mkdir(exist_ok=True)
    (w.out / "sub" / "index.html").write_text("<p>sub</p>")
    status, headers, _ = w.get("/sub")
    assert status == 301 and headers["location"] == "/sub/"
    assert w.get("/sub/")[0] == 200
    assert w.get("/nope.html")[0] == 404
    assert w.get("/../../etc/passwd")[0] == 404
    assert w.stop() == 0
    assert "stopped" in "".join(w.stderr_lines)


def _in_place(path: Path, text: str) -> None:
    with open(path, "r+") as f:
        f.seek(0)
        f.write(text)
        f.truncate()


def _safe_write(path: Path, text: str) -> None:  # JetBrains, vim with backupcopy=no
    tmp = path.with_name(path.name + "___jb_tmp___")
    tmp.write_text(text)
    os.replace(path, path.with_name(path.name + "___jb_old___"))
    os.replace(tmp, path)
    os.remove(path.with_name(path.name + "___jb_old___"))


def _vim(path: Path, text: str) -> None:  # vim's default: test file, backup, new file
    probe = path.parent / "4913"
    probe.write_text("")
    probe.unlink()
    backup = path.with_name(path.name + "~")
    os.rename(path, backup)
    path.write_text(text)
    backup.unlink()


def _delete_then_create(path: Path, text: str) -> None:
    path.unlink()
    path.write_text(text)


@pytest.mark.parametrize("save", [_in_place, _safe_write, _vim, _delete_then_create])
def test_every_way_of_saving_rebuilds_once(watch, save):
    w = watch()
    module = w.src / "js" / "shared.js"
    text = module.read_text().replace('"shared"', '"saved"')
    assert text != module.read_text()
    save(module, text)
    event, _, _ = w.next_build()
    assert event == "reload"
    assert [e for e in w.quiet(0.4) if e[0] != "hello"] == []  # one rebuild, not two
    _mark(w, "main", '"saved"')


def test_an_env_file_change_rebuilds_with_its_values(watch):
    """`.env.development` is read by every watch build: saving it rebuilds, and what it says
    reaches `import.meta.env` (its public variables only)."""

    def edit(src: Path) -> None:
        main = src / "js" / "main.js"
        main.write_text(main.read_text() + "console.log(import.meta.env.VITE_GREETING);\n")
        (src / ".env.development").write_text("VITE_GREETING=hello\n")

    w = watch(edit=edit)
    _mark(w, "main", '"hello"')
    (w.src / ".env.development").write_text("VITE_GREETING=changed\nSECRET=hunter2\n")
    assert w.next_build()[0] == "reload"
    _mark(w, "main", '"changed"')
    assert "hunter2" not in w.served_chunk("main")


def test_a_css_change_swaps_the_styles_and_other_changes_reload(watch):
    w = watch()
    css = w.src / "css" / "theme.css"
    css.write_text(css.read_text() + "\n.title { letter-spacing: 2px; }\n")
    assert w.next_build()[0] == "css"
    page = w.get("/")[2].decode()
    sheets = "".join(
        (w.out / href.lstrip("/")).read_text()
        for href in re.findall(r'href="(/assets/[^"]+\.css)"', page)
    )
    assert "letter-spacing: 2px" in page + sheets
    (w.src / "js" / "lazy.js").write_text('export default "lazy2";\n')
    assert w.next_build()[0] == "reload"


def test_new_files_and_folders_deleted_files_and_renamed_folders(watch):
    w = watch()
    (w.src / "js" / "extra").mkdir()
    (w.src / "js" / "extra" / "more.js").write_text('export const more = "more";\n')
    main = w.src / "js" / "main.js"
    main.write_text(
        'import { more } from "./extra/more.js";\nconsole.log(more);\n' + main.read_text()
    )
    assert w.next_build()[0] == "reload"
    _mark(w, "main", '"more"')
    # a renamed folder breaks the import: an error, the last good build still served
    good = w.get("/")[2]
    os.rename(w.src / "js" / "extra", w.src / "js" / "extras")
    event, data, _ = w.next_build()
    assert event == "build-error"
    assert any("main.js:1:" in d and "extra/more.js" in d for d in data["diagnostics"])
    assert w.get("/")[2] == good
    os.rename(w.src / "js" / "extras", w.src / "js" / "extra")
    assert w.next_build()[0] == "reload"
    # a deleted file the page needs, then restored
    (w.src / "js" / "extra" / "more.js").unlink()
    assert w.next_build()[0] == "build-error"
    (w.src / "js" / "extra" / "more.js").write_text('export const more = "back";\n')
    assert w.next_build()[0] == "reload"
    _mark(w, "main", '"back"')


def test_an_output_folder_inside_the_source_folder_keeps_every_rebuild(watch):
    """The output is swapped in by renaming folders; a recursive watch over them broke."""
    w = watch(out="src/dist")
    css = w.src / "css" / "theme.css"
    for n in range(3):
        css.write_text(css.read_text() + f"\n.title {{ letter-spacing: {n}px; }}\n")
        assert w.next_build()[0] == "css"
    (w.src / "more").mkdir()  # a folder made later, in the folder watched alone
    (w.src / "more" / "more.js").write_text('export const more = "more";\n')
    main = w.src / "js" / "main.js"
    main.write_text(
        'import { more } from "../more/more.js";\nconsole.log(more);\n' + main.read_text()
    )
    assert w.next_build()[0] == "reload"
    (w.src / "more" / "more.js").write_text('export const more = "again";\n')
    assert w.next_build()[0] == "reload"
    _mark(w, "main", '"again"')
    assert w.stop() == 0
    errors = "".join(w.stderr_lines)
    assert "Traceback" not in errors and "internal error" not in errors


def test_editor_temp_and_swap_files_are_ignored(watch):
    w = watch()
    for name in (".main.js.swp", "main.js~", "4913", ".#main.js", "main.js___jb_tmp___", "x.tmp"):
        (w.src / "js" / name).write_text("junk")
    (w.src / ".git").mkdir()
    (w.src / ".git" / "index").write_text("x")
    assert [e for e in w.quiet(0.6) if e[0] != "hello"] == []


def test_a_burst_of_saves_gives_one_rebuild(watch):
    w = watch()
    files = [w.src / "js" / n for n in ("shared.js", "lazy.js", "main.js")] + [
        w.src / "css" / "site.css"
    ]
    originals = {f: f.read_text() for f in files}
    for i in range(30):  # a checkout: many files, quickly
        f = files[i % len(files)]
        f.write_text(originals[f] + f"\n/* {i} */\n")
    assert w.next_build()[0] == "reload"
    assert [e for e in w.quiet(0.5) if e[0] != "hello"] == []


def test_an_error_is_shown_kept_for_new_pages_and_cleared_by_the_fix(watch):
    w = watch()
    good = w.get("/")[2]
    module = w.src / "js" / "shared.js"
    original = module.read_text()
    module.write_text(original + "\nexport const = ;\n")
    event, data, _ = w.next_build()
    assert event == "build-error"
    (text,) = data["diagnostics"]
    line = len(original.splitlines()) + 2
    assert f"shared.js:{line}:" in text and "error[js-syntax]" in text
    assert w.get("/")[2] == good  # the last good build
    # a page opened now learns of the error as it connects
    connection = http.client.HTTPConnection(w.host, w.port, timeout=5)
    connection.request("GET", "/__assetpipe/events")
    response = connection.getresponse()
    seen = b""
    while b"build-error" not in seen:
        seen += response.readline()
    connection.close()
    stderr = "".join(w.stderr_lines)
    assert "error[js-syntax]" in stderr and "serving the last good build" in stderr
    module.write_text(original)
    assert w.next_build()[0] == "reload"
    assert w.process.poll() is None  # never died
    assert w.stop() == 0


def test_a_first_build_that_fails_still_serves_the_error_and_recovers(watch):
    broken = "\nexport const = ;\n"
    w = watch(
        edit=lambda src: (src / "js" / "shared.js").write_text(
            (src / "js" / "shared.js").read_text() + broken
        )
    )
    # a page opened now gets the error as it connects, on the 404 page that carries the client
    w.wait_for(lambda e: e[0] == "build-error")
    status, _, body = w.get("/")
    assert status == 404 and b"/__assetpipe/client.js" in body
    assert "nothing to serve yet" in "".join(w.stderr_lines)
    module = w.src / "js" / "shared.js"
    module.write_text(module.read_text().replace(broken, ""))
    assert w.next_build()[0] == "reload"
    status, _, body = w.get("/")
    assert status == 200 and b'<script type="module"' in body
    assert w.stop() == 0


def test_deploy_refuses_a_development_build(watch, tmp_path):
    w = watch()
    w.stop()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "assetpipe",
            "deploy",
            "--out",
            str(w.out),
            "--bucket",
            "b",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1 and "development build" in result.stderr


def test_in_chromium_css_swaps_without_reload_errors_overlay_and_saves_reload(watch):
    from .browser import LivePage

    w = watch()
    page = LivePage(w.url)
    try:
        page.wait_until("document.readyState === 'complete' && window.__assetpipeClient")
        page.wait_until(
            "document.querySelector('#result') && "
            "document.querySelector('#result').textContent.length > 2"
        )
        page.evaluate("window.__marker = 'still the same page'")
        color = "getComputedStyle(document.querySelector('.title')).color"
        assert page.evaluate(color) == "rgb(200, 60, 20)"
        css = w.src / "css" / "theme.css"
        css.write_text(
            css.read_text()
            .replace("rgb(200, 60, 20)", "rgb(10, 120, 30)")
            .replace("#c83c14", "rgb(10, 120, 30)")
        )
        page.wait_until(f"{color} === 'rgb(10, 120, 30)'")
        assert page.evaluate("window.__marker") == "still the same page"  # no reload
        # an error: the overlay, with the location
        module = w.src / "js" / "shared.js"
        original = module.read_text()
        module.write_text(original + "\nexport const = ;\n")
        text = page.wait_until(
            "(() => { const o = document.getElementById('__assetpipe_overlay');"
            " return o && o.shadowRoot.textContent; })()"
        )
        assert "shared.js:" in text and "error[js-syntax]" in text
        # the fix reloads the page, and the overlay is gone
        module.write_text(original.replace('"shared"', '"fixed"'))
        page.wait_until("window.__marker === undefined")
        page.wait_until("document.readyState === 'complete'")
        assert page.evaluate("document.getElementById('__assetpipe_overlay')") is None
        page.wait_until(
            "document.querySelector('#result') && "
            "document.querySelector('#result').textContent.includes('fixed')"
        )
    finally:
        page.close()


def test_the_builds_own_folders_beside_an_output_inside_the_sources_are_not_changes(tmp_path):
    """An output folder inside the source folder has hidden siblings while a build runs (the
    folder being written, the image blobs): their files are no change to rebuild for."""
    from assetpipe.pipeline.watch import Changes

    src = tmp_path / "src"
    changes = Changes(src, (src / "dist",), None)
    assert not changes.relevant(str(src / ".dist.assetpipe-blobs-41/ab12"))
    assert not changes.relevant(str(src / ".dist.assetpipe-tmp-41/index.html"))
    assert changes.relevant(str(src / "index.html"))
