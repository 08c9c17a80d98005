"""Safety: nothing outside the source folder reaches the output (root-absolute specifiers mean
the site's root, symlinks out of the folder are refused), and a failed build leaves the previous
output as it was. Real files, real symlinks, the CLI in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import run_cli, tree_bytes, write_files

SECRET = "TOP-SECRET-4f1c"
PAGE = '<!doctype html><title>t</title><script type="module" src="main.js"></script>\n'


def _build_command(src: Path, tmp_path: Path) -> list[str]:
    """`assetpipe build` of `src` into tmp_path/dist, for tests that run the process
    themselves (resource limits, signals)."""
    return [
        sys.executable,
        "-m",
        "assetpipe",
        "build",
        "--src",
        str(src),
        "--out",
        str(tmp_path / "dist"),
        "--cache-dir",
        str(tmp_path / "cache"),
    ]


def _build(src: Path, tmp_path: Path):
    return run_cli(*_build_command(src, tmp_path)[3:], cwd=tmp_path)


def _published(tmp_path: Path) -> bytes:
    dist = tmp_path / "dist"
    return b"".join(tree_bytes(dist).values()) if dist.exists() else b""


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the source folder that must never be published."""
    path = tmp_path / "elsewhere" / "secret.json"
    path.parent.mkdir()
    path.write_text(f'{{"key": "{SECRET}"}}\n')
    return path


@pytest.mark.parametrize(
    "module",
    [
        "import d from '{path}';\nconsole.log(d);\n",
        "import('{path}').then(console.log);\n",
        "console.log(new URL('{path}', import.meta.url).href);\n",
    ],
    ids=["import", "dynamic-import", "new-url"],
)
@pytest.mark.parametrize("inline", [False, True], ids=["file", "inline"])
def test_a_root_absolute_specifier_means_the_site_root_not_the_disk(
    tmp_path: Path, secret: Path, module: str, inline: bool
):
    code = module.format(path=secret.as_posix())
    if inline:
        files = {"index.html": f'<!doctype html><script type="module">{code}</script>\n'}
    else:
        files = {"index.html": PAGE, "main.js": code}
    src = write_files(tmp_path / "src", files)
    result = _build(src, tmp_path)
    assert result.returncode == 1, result.stdout
    assert "error[missing-file]" in result.stderr and "Traceback" not in result.stderr
    assert "index.html:1:" in result.stderr or "main.js:1:" in result.stderr
    assert SECRET.encode() not in _published(tmp_path)


def test_a_root_absolute_specifier_still_finds_the_sites_own_files(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": PAGE,
            "main.js": "import d from '/js/d.js';\nconsole.log(d);\n",
            "js/d.js": "export default 'own file';\n",
        },
    )
    assert _build(src, tmp_path).returncode == 0
    assert b"own file" in _published(tmp_path)


def test_a_symlink_out_of_the_source_folder_is_refused_where_it_is_used(
    tmp_path: Path, secret: Path
):
    src = write_files(
        tmp_path / "src",
        {"index.html": '<!doctype html><img src="img/x.png" alt="">\n'},
    )
    (src / "img").mkdir()
    (src / "img" / "x.png").symlink_to(secret)
    result = _build(src, tmp_path)
    assert result.returncode == 1
    assert "error[outside-source]" in result.stderr and "index.html:1:" in result.stderr
    assert f"img/x.png is a symlink to {secret.resolve()}" in result.stderr
    assert not (tmp_path / "dist").exists()


@pytest.mark.parametrize(
    "module",
    [
        "import d from './lib/secret.json';\nconsole.log(d);\n",
        "import d from './lib/secret.json?raw';\nconsole.log(d);\n",
        "console.log(new URL('./lib/secret.json', import.meta.url).href);\n",
    ],
    ids=["import", "raw", "new-url"],
)
def test_a_symlinked_folder_out_of_the_source_folder_is_refused_to_modules(
    tmp_path: Path, secret: Path, module: str
):
    """`lib -> ../elsewhere`: not a package, so not read (the scan does not enter it either)."""
    src = write_files(tmp_path / "src", {"index.html": PAGE, "main.js": module})
    (src / "lib").symlink_to(secret.parent)
    result = _build(src, tmp_path)
    assert result.returncode == 1, result.stdout
    assert "error[outside-source]" in result.stderr and "main.js:" in result.stderr
    assert SECRET.encode() not in _published(tmp_path)


def test_a_public_symlink_out_of_the_source_folder_is_not_published(tmp_path: Path, secret: Path):
    src = write_files(
        tmp_path / "src", {"index.html": "<!doctype html><p>hi\n", "public/ok.txt": "ok"}
    )
    (src / "public" / "hostname.txt").symlink_to(secret)
    (src / "public" / "inside.txt").symlink_to(src / "public" / "ok.txt")  # inside: followed
    result = _build(src, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning[public-link]" in result.stderr and "public/hostname.txt" in result.stderr
    published = tree_bytes(tmp_path / "dist")
    assert "hostname.txt" not in published and published["inside.txt"] == b"ok"
    assert SECRET.encode() not in _published(tmp_path)


@pytest.mark.parametrize("kind", ["dangling", "loop"])
def test_a_broken_symlink_is_a_located_error_not_an_internal_one(tmp_path: Path, kind: str):
    src = write_files(
        tmp_path / "src",
        {"index.html": '<!doctype html><link rel="stylesheet" href="site.css">\n'},
    )
    if kind == "dangling":
        (src / "site.css").symlink_to(src / "gone.css")
    else:
        (src / "site.css").symlink_to(src / "other.css")
        (src / "other.css").symlink_to(src / "site.css")
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("previous build")
    result = _build(src, tmp_path)
    assert result.returncode == 1
    assert "error[broken-link]" in result.stderr and "index.html:1:" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert tree_bytes(tmp_path / "dist") == {"index.html": b"previous build"}


def test_a_package_linked_into_node_modules_is_bundled_from_outside_the_site(tmp_path: Path):
    """As npm/yarn/pnpm workspaces and `npm link` do it: node_modules/ui -> ../packages/ui."""
    write_files(
        tmp_path / "packages" / "ui",
        {
            "package.json": '{"name": "ui", "type": "module", "exports": "./index.js"}',
            "index.js": "export const label = 'from the workspace';\n",
        },
    )
    src = write_files(
        tmp_path / "src",
        {"index.html": PAGE, "main.js": "import { label } from 'ui';\nconsole.log(label);\n"},
    )
    (src / "node_modules").mkdir()
    os.symlink(tmp_path / "packages" / "ui", src / "node_modules" / "ui")
    result = _build(src, tmp_path)
    assert result.returncode == 0, result.stderr
    assert b"from the workspace" in _published(tmp_path)


@pytest.mark.parametrize("path", ["/%00", "/a%00b.html", "/" + "x" * 300, "/d/" + "y" * 5000])
def test_the_dev_server_answers_paths_no_file_system_holds_with_a_404(
    tmp_path: Path, path: str, capfd
):
    import http.client

    from assetpipe.server.dev import DevServer, Hub

    (tmp_path / "index.html").write_text("<!doctype html><p>hi")
    server = DevServer(tmp_path, "127.0.0.1", 0, Hub())
    server.start()
    try:
        connection = http.client.HTTPConnection(*server.httpd.server_address[:2], timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404
        response.read()
        connection.request("GET", "/")  # and it goes on serving
        assert connection.getresponse().status == 200
    finally:
        server.stop()
    assert "Traceback" not in capfd.readouterr().err


def test_the_dev_server_takes_a_burst_of_connections_without_stalling(tmp_path: Path):
    """A page opens many connections at once; with a listen backlog of 5, connections past
    it wait for the kernel's SYN retry (~1 s)."""
    import socket
    import time

    from assetpipe.server.dev import DevServer, Hub

    (tmp_path / "index.html").write_text("<!doctype html><p>hi")
    server = DevServer(tmp_path, "127.0.0.1", 0, Hub())
    assert server.httpd.request_queue_size >= 64
    server.start()
    try:
        started = time.monotonic()
        sockets = [socket.create_connection(server.httpd.server_address[:2]) for _ in range(60)]
        for s in sockets:
            s.sendall(b"GET / HTTP/1.0\r\n\r\n")
        for s in sockets:
            assert s.recv(12).endswith(b" 200")
            s.close()
        assert time.monotonic() - started < 30  # (a loose bound: what matters is no refusal)
    finally:
        server.stop()


def test_a_full_disk_leaves_the_previous_output_and_no_temporary_folder(tmp_path: Path):
    """Writes fail past a file size limit (RLIMIT_FSIZE, as a full disk fails them): a located
    error, exit 1, the previous build untouched, and nothing hidden left to fill the disk."""
    import resource
    import signal

    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><link rel="stylesheet" href="s.css"><p>hi\n',
            "s.css": "p { color: red }\n",
            "big.txt": "x",
        },
    )
    assert _build(src, tmp_path).returncode == 0
    before = tree_bytes(tmp_path / "dist")
    (src / "index.html").write_text(
        '<!doctype html><link rel="stylesheet" href="s.css"><p>' + "big " * 200_000 + "\n"
    )

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    result = subprocess.run(
        _build_command(src, tmp_path),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr
    assert "error[output]" in result.stderr and "Traceback" not in result.stderr
    assert tree_bytes(tmp_path / "dist") == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def _photo(fmt: str) -> bytes:
    """A small image with EXIF orientation, a camera name and a GPS position."""
    import io

    from PIL import Image

    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "PhoneCam"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 31.0, 12.0)
    out = io.BytesIO()
    Image.new("RGB", (64, 32), (30, 120, 200)).save(out, fmt, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("optimize", [True, False])
def test_no_image_the_build_writes_says_where_it_was_taken(tmp_path: Path, optimize: bool):
    import io
    import json

    from PIL import Image

    from assetpipe.images.metadata import has_location

    jpeg, png, webp = _photo("JPEG"), _photo("PNG"), _photo("WEBP")
    assert has_location(jpeg) and has_location(png) and has_location(webp)
    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><link rel="icon" href="icon.png">'
            '<link rel="preload" as="image" href="hero.webp">'
            '<img src="photo.jpg" alt="" width="32" height="64">\n',
            "icon.png": png,
            "hero.webp": webp,
            "photo.jpg": jpeg,
            "public/raw.jpg": jpeg,
        },
    )
    (tmp_path / "assetpipe.toml").write_text(f"[images]\noptimize = {str(optimize).lower()}\n")
    result = _build(src, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning[image-location]" in result.stderr and "public/raw.jpg" in result.stderr
    dist = tmp_path / "dist"
    manifest = json.loads((dist / ".assetpipe/manifest.json").read_text())["outputs"]
    images = [p for p in manifest if p.endswith((".jpg", ".png", ".webp", ".avif"))]
    assert len(images) >= 3
    for path in images:
        data = (dist / path).read_bytes()
        if path == "raw.jpg":  # public/: byte for byte, with the warning above
            assert data == jpeg
            continue
        assert not has_location(data), path
        shown = Image.open(io.BytesIO(data))
        if 0x0112 in shown.getexif():  # copied: the orientation browsers apply stays
            assert shown.getexif()[0x0112] == 6 and shown.getexif()[0x010F] == "PhoneCam"


def test_a_device_as_the_config_file_reads_as_empty(tmp_path: Path):
    src = write_files(tmp_path / "src", {"index.html": "<!doctype html><p>hi\n"})
    result = run_cli(
        "build",
        "--config",
        "/dev/null",
        "--src",
        str(src),
        "--out",
        str(tmp_path / "dist"),
        "--cache-dir",
        str(tmp_path / "cache"),
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr


def test_an_endpoint_urls_password_is_never_printed(tmp_path: Path):
    src = write_files(tmp_path / "src", {"index.html": "<!doctype html><p>hi\n"})
    assert _build(src, tmp_path).returncode == 0
    (tmp_path / "assetpipe.toml").write_text("[deploy]\nmax_attempts = 1\n")
    result = run_cli(
        "deploy",
        "--out",
        str(tmp_path / "dist"),
        "--bucket",
        "b",
        "--endpoint-url",
        "http://deployer:hunter2@127.0.0.1:9/",
        "--dry-run",
        cwd=tmp_path,
        env={"AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "y"},
    )
    assert result.returncode == 1
    assert "deployer:***@127.0.0.1" in result.stderr
    assert "hunter2" not in result.stdout + result.stderr


def test_ctrl_c_during_image_encoding_stops_the_build_within_seconds(tmp_path: Path):
    """Queued encodes are cancelled and the workers stopped: no waiting for the stage."""
    import io
    import signal
    import time

    from PIL import Image

    files: dict[str, str | bytes] = {}
    tags = []
    for n in range(12):
        noise = Image.effect_noise((2000, 1400), 60 + n).convert("RGB")
        out = io.BytesIO()
        noise.save(out, "JPEG", quality=90)
        files[f"img/n{n}.jpg"] = out.getvalue()
        tags.append(f'<img src="img/n{n}.jpg" alt="" width="2000" height="1400">')
    files["index.html"] = "<!doctype html>" + "".join(tags) + "\n"
    src = write_files(tmp_path / "src", files)
    process = subprocess.Popen(
        _build_command(src, tmp_path),
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "cache").exists() or not any((tmp_path / "cache").rglob("*")):
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.1)  # the first encodes are in the cache: the stage is under way
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    _, err = process.communicate(timeout=60)
    assert time.monotonic() - stopped < 5, err  # the whole stage takes over a minute here
    assert process.returncode != 0 and "Traceback" not in err
    assert not (tmp_path / "dist").exists()


def test_a_file_a_link_points_at_is_published_under_its_own_name(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><a href="docs/report.pdf">r</a>'
            '<a href="/docs/app.zip?v=2#top">z</a><a href="missing.pdf">m</a>'
            '<a href="/about">route</a><a href="blog/">blog</a>\n',
            "blog/index.html": '<!doctype html><a href="../docs/report.pdf">r</a>\n',
            "docs/report.pdf": "%PDF-1.4 report",
            "docs/app.zip": "PK zip",
            "docs/unlinked.pdf": "not linked: not published",
        },
    )
    result = _build(src, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning[missing-link]") == 1  # missing.pdf, not /about
    assert "index.html:1:" in result.stderr and "missing.pdf" in result.stderr
    published = tree_bytes(tmp_path / "dist")
    assert published["docs/report.pdf"] == b"%PDF-1.4 report"
    assert published["docs/app.zip"] == b"PK zip" and "docs/unlinked.pdf" not in published
    page = published["index.html"].decode()
    assert 'href="/docs/report.pdf"' in page and 'href="/docs/app.zip?v=2#top"' in page
    assert 'href="/about"' in page and 'href="blog/"' in page


def test_keep_location_keeps_it_in_images_copied_as_they_are(tmp_path: Path):
    from assetpipe.images.metadata import has_location

    src = write_files(
        tmp_path / "src",
        {
            "index.html": '<!doctype html><link rel="icon" href="icon.png">\n',
            "icon.png": _photo("PNG"),
        },
    )
    (tmp_path / "assetpipe.toml").write_text("[images]\nkeep_location = true\n")
    assert _build(src, tmp_path).returncode == 0
    (icon,) = (tmp_path / "dist" / "assets").glob("icon-*.png")
    assert has_location(icon.read_bytes())


@pytest.mark.parametrize(
    "files",
    [
        {
            "index.html": '<!doctype html><link rel="stylesheet" media="foo;bar" href="s.css">'
            "<p>x\n",
            "s.css": "p { color: red }\n",
        },
        {
            "index.html": '<!doctype html><link rel="stylesheet" href="a.css"><p>x\n',
            "a.css": '@import "b.css";\np { color: red }\n',
            "b.css": '@import "a.css";\np { color: blue }\n',
        },
    ],
    ids=["odd-media", "import-cycle"],
)
def test_odd_stylesheets_build_without_an_internal_error(tmp_path: Path, files):
    src = write_files(tmp_path / "src", files)
    result = _build(src, tmp_path)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode in (0, 1)
