"""A large site's pages, public/ files and files copied as bytes go through the disk, not
memory (issue #19: 10,000 pages in bounded memory; `bench pages-memory` measures it). Past
`PAGES_HELD` bytes (0 in most tests here, so that a small site shows it): discovery lets a
page's text go (render reads it again, and fails the build if it changed), a rendered page
goes to the build's blob folder as soon as it is rendered, its final bytes there too, and emit
links them into the output folder. The bytes are those of a build that holds everything in
memory, and a rebuild links an unchanged page from the previous output."""

from __future__ import annotations

import hashlib
import json
import resource
import signal
from pathlib import Path

import pytest

from assetpipe.cache import Cache
from assetpipe.config import load_config
from assetpipe.diagnostics import BuildFailed
from assetpipe.pipeline import build as build_module
from assetpipe.pipeline.build import build
from assetpipe.pipeline.discover import discover
from assetpipe.pipeline.hashing import hash_files
from assetpipe.pipeline.manifest import dump, dumps
from assetpipe.pipeline.render import RenderOptions, render
from assetpipe.pipeline.scan import scan
from assetpipe.pipeline.values import Blob, BlobStore, Held, Spooled, data_bytes

from ..conftest import write_files

SITE = {
    "index.html": "<!doctype html><title>Home</title>\n"
    '<link rel="stylesheet" href="css/site.css">\n'
    '<link rel="icon" href="img/favicon.ico">\n'
    '<a href="about.html">About</a> <a href="files/guide.pdf">the guide</a>\n'
    '<script type="module" src="js/main.js"></script>\n',
    "about.html": "<!doctype html><title>About</title>\n"
    '<link rel="stylesheet" href="css/site.css">\n<p>Caf\u00e9 \u2014 since 1999</p>\n',
    "css/site.css": "body { margin: 0; color: #333 }\n",
    "js/main.js": "document.title += '!';\n",
    "img/favicon.ico": b"\x00\x00\x01\x00fake icon",
    "files/guide.pdf": b"%PDF-1.4 guide",
    "public/robots.txt": "User-agent: *\n",
}


@pytest.fixture(autouse=True)
def nothing_held(request, monkeypatch):
    if "held" not in request.node.name:
        monkeypatch.setattr(build_module, "PAGES_HELD", 0)


def _config(src: Path, out: Path):
    overrides = {"build.src": str(src), "build.out": str(out)}
    overrides["build.cache_dir"] = str(out.parent / "cache")
    return load_config(cwd=out.parent, overrides=overrides)[0]


def test_pages_public_files_and_copies_are_written_from_disk(tmp_path: Path):
    src = write_files(tmp_path / "src", SITE)
    out = tmp_path / "out"
    result = build(_config(src, out))
    kept = {o.path: o for o in result.outputs if isinstance(o.data, Blob)}
    assert {"index.html", "about.html", "robots.txt", "files/guide.pdf"} <= set(kept)
    assert any(p.startswith("assets/favicon-") for p in kept)
    for path, o in kept.items():
        written = (out / path).read_bytes()
        assert o.data.path == str(out / path) and o.data.read() == written
        assert o.data.sha256 == hashlib.sha256(written).hexdigest()
    about = (out / "about.html").read_text(encoding="utf-8")
    assert "Caf\u00e9 \u2014 since 1999" in about and "css/site.css" not in about
    assert (out / "robots.txt").read_bytes() == b"User-agent: *\n"
    manifest = json.loads((out / ".assetpipe/manifest.json").read_text(encoding="utf-8"))
    page = (out / "index.html").read_bytes()
    listed = manifest["outputs"]["index.html"]
    assert (listed["size"], listed["sha256"]) == (len(page), hashlib.sha256(page).hexdigest())
    assert not list(tmp_path.glob(".out.assetpipe-blobs-*"))  # the blob folder is gone


def test_a_small_site_is_held_in_memory_and_a_large_one_past_the_limit(tmp_path: Path, monkeypatch):
    src = write_files(tmp_path / "src", SITE)
    built = {}
    default = build_module.PAGES_HELD
    for held in (default, 0, len(SITE["index.html"]) + 20):
        monkeypatch.setattr(build_module, "PAGES_HELD", held)
        out = tmp_path / f"out-{held}"
        result = build(_config(src, out))
        pages = {o.path: o.data for o in result.outputs if o.path.endswith(".html")}
        built[held] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
        on_disk = {path for path, data in pages.items() if isinstance(data, Blob)}
        if held in (default, 0):  # the default: all held; 0: none
            assert on_disk == (set() if held else {"index.html", "about.html"})
        else:  # room for one page: the other goes to disk
            assert len(on_disk) == 1
    first, *others = built.values()
    assert all(other == first for other in others)  # the same bytes, wherever pages were


def test_a_rebuild_links_unchanged_pages_and_writes_the_rest(tmp_path: Path):
    src = write_files(tmp_path / "src", SITE)
    out = tmp_path / "out"
    config = _config(src, out)
    build(config)
    home = (out / "index.html").stat().st_ino
    about = (out / "about.html").read_bytes()
    (out / "robots.txt").write_bytes(b"edited by hand\n")  # an output changed in place
    (src / "about.html").write_text(SITE["about.html"] + "<p>More</p>\n", encoding="utf-8")
    build(config)
    assert (out / "index.html").stat().st_ino == home  # the same file, linked
    assert (out / "about.html").read_bytes() == about + b"<p>More</p>\n"
    assert (out / "robots.txt").read_bytes() == b"User-agent: *\n"  # never carried over


def test_an_output_replaced_by_a_symlink_is_written_as_a_file_again(tmp_path: Path):
    src = write_files(tmp_path / "src", SITE)
    out = tmp_path / "out"
    config = _config(src, out)
    build(config)
    for name in ("index.html", "robots.txt"):  # a page; a public/ file
        elsewhere = tmp_path / f"elsewhere-{name}"
        elsewhere.write_bytes((out / name).read_bytes())
        (out / name).unlink()
        (out / name).symlink_to(elsewhere)  # the same bytes, through a link
    build(config)
    for name in ("index.html", "robots.txt"):
        assert not (out / name).is_symlink() and (out / name).is_file()
        assert (out / name).read_bytes() == (tmp_path / f"elsewhere-{name}").read_bytes()


def test_a_full_disk_as_pages_go_to_disk_is_an_output_error_and_keeps_the_output(
    tmp_path: Path,
):
    src = write_files(tmp_path / "src", SITE)
    out = tmp_path / "out"
    config = _config(src, out)
    build(config)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (src / "about.html").write_text("<p>" + "big " * 100_000 + "\n", encoding="utf-8")
    ignored = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, as a full disk
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, hard))
    try:
        with pytest.raises(BuildFailed) as failed:
            build(config)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, ignored)
    [problem] = [d for d in failed.value.diagnostics if d.is_error]
    assert problem.code == "output" and "File too large" in problem.message
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_page_changed_during_the_build_fails_it_and_keeps_the_output(tmp_path: Path, monkeypatch):
    src = write_files(tmp_path / "src", SITE)
    out = tmp_path / "out"
    config = _config(src, out)
    build(config)
    before = (out / "about.html").read_bytes()
    bundle = build_module._bundle

    def saved_meanwhile(*args):  # an editor saves the page after discovery read it
        (src / "about.html").write_text("<p>Saved meanwhile</p>\n", encoding="utf-8")
        return bundle(*args)

    monkeypatch.setattr(build_module, "_bundle", saved_meanwhile)
    with pytest.raises(BuildFailed) as failed:
        build(config)
    [problem] = [d for d in failed.value.diagnostics if d.is_error]
    assert problem.code == "changed-during-build"
    assert problem.location.path == str(src / "about.html")
    assert (out / "about.html").read_bytes() == before


def test_pages_kept_on_disk_give_the_bytes_of_pages_kept_in_memory(tmp_path: Path):
    src = write_files(tmp_path / "src", SITE)
    tree = scan(str(src))
    options = RenderOptions(assets_dir="assets", base="/", minify=True)
    store = BlobStore(str(tmp_path / "blobs"))
    both = []
    for keep in (None, Held(0, store)):
        found = discover(tree, held=None if keep is None else 0)  # else: read again to render
        assert isinstance(found.files["about.html"].text, Blob) == (keep is not None)
        files, problems = render(found.files, tree.root, options, Cache(None), store=keep)
        assert problems == []
        pages = [r for r in files if r.source.endswith(".html")]
        assert all(isinstance(r.text, Spooled) == (keep is not None) for r in pages)
        store_page = (lambda d, _: store.put(d)) if keep else None
        outputs = hash_files(files, "/", store=store_page).outputs
        both.append({o.path: data_bytes(o.data) for o in outputs})
    store.close()
    assert both[0] == both[1]
    assert "Caf\u00e9".encode() in both[1]["about.html"]


def test_json_written_as_it_is_encoded_is_the_json_of_dumps(tmp_path: Path):
    value = {"pages": [{"page": f"p{i}.html", "n": i, "ok": i % 2 == 0} for i in range(50)]}
    value["text"] = 'caf\u00e9 \u2014 \U0001f600 "quoted" \\ \n'
    value["empty"] = {"list": [], "dict": {}}
    dump(value, tmp_path / "report.json")
    assert (tmp_path / "report.json").read_bytes() == dumps(value)
