"""The whole build through the Python API: completeness, determinism, atomic output, cache."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from assetpipe.config import Config, load_config
from assetpipe.diagnostics import BuildFailed
from assetpipe.media_types import content_type
from assetpipe.pipeline.build import build
from assetpipe.pipeline.values import data_bytes

from .conftest import ROOT, tree_bytes
from .outputcheck import broken_references


def config_for(src: Path, out: Path, cache: Path | None = None, **build_keys) -> Config:
    overrides = {
        "build.src": str(src),
        "build.out": str(out),
        "build.cache_dir": str(cache or out.parent / "cache"),
    }
    overrides.update({f"build.{k}": v for k, v in build_keys.items()})
    return load_config(cwd=out.parent, overrides=overrides)[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "dist"
    build(config_for(ROOT / "site_src", out))
    return out


def test_demo_site_is_whole(demo: Path):
    assert broken_references(demo) == []
    pages = sorted(p.relative_to(demo).as_posix() for p in demo.rglob("*.html"))
    assert pages == [
        "about/index.html",
        "blog/first-light.html",
        "blog/index.html",
        "blog/weather-watching.html",
        "gallery/index.html",
        "index.html",
    ]
    photos = list((ROOT / "site_src/img/photos").iterdir())
    for photo in photos:  # each photo's main file (the fallback at its largest width)
        assert len(list((demo / "assets").glob(f"{photo.stem}-????????.jpg"))) == 1, photo
        assert list((demo / "assets").glob(f"{photo.stem}-*.avif")), photo
    assert (demo / "robots.txt").read_bytes() == (ROOT / "site_src/public/robots.txt").read_bytes()


def test_manifest_describes_every_output(demo: Path):
    manifest = json.loads((demo / ".assetpipe/manifest.json").read_text())
    files = {
        p.relative_to(demo).as_posix(): p.read_bytes()
        for p in demo.rglob("*")
        if p.is_file() and ".assetpipe" not in p.parts
    }
    assert sorted(manifest["outputs"]) == sorted(files)
    for path, record in manifest["outputs"].items():
        assert record["size"] == len(files[path])
        assert record["sha256"] == hashlib.sha256(files[path]).hexdigest()
        assert record["content_type"] == content_type(path)
        assert record["immutable"] == path.startswith("assets/")
    home = manifest["entries"]["js/pages/home.js"]
    assert home["imports"] == ["_ui.js"] and home["dynamicImports"] == ["js/lib/lightbox.js"]
    assert manifest["entries"]["_ui.js"]["file"].startswith("assets/ui-")
    assert manifest["entries"]["css/main.css"]["file"].startswith("assets/main-")
    assert manifest["outputs"]["robots.txt"]["source"] == "public/robots.txt"


def test_same_sources_at_two_paths_give_identical_bytes(tmp_path: Path):
    trees = []
    for name in ("one/deeper/site", "two"):
        src = tmp_path / name / "src"
        shutil.copytree(ROOT / "site_src", src)
        out = tmp_path / name / "out"
        build(config_for(src, out))
        trees.append(tree_bytes(out))
    assert trees[0] == trees[1]
    assert ".assetpipe/manifest.json" in trees[0]


def test_a_name_changes_exactly_when_its_bytes_do(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "site_src", src)
    before = _names(build(config_for(src, tmp_path / "a")))
    icon = src / "img/icons/leaf.svg"
    icon.write_text(icon.read_text().replace("#2f7d32", "#1b5e20"))
    after = _names(build(config_for(src, tmp_path / "b")))
    changed = {s for s in before if before[s] != after[s]}
    # leaf.svg, and main.css, which names it since components.css is inlined into it.
    assert changed == {"img/icons/leaf.svg", "css/main.css"}


def _names(result) -> dict[str, str]:
    return {o.source: o.path for o in result.outputs if o.immutable}


def test_failed_build_leaves_the_previous_output_untouched(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "site_src", src)
    out = tmp_path / "dist"
    build(config_for(src, out))
    before = tree_bytes(out)
    (src / "about/index.html").write_text('<img src="nope.png"><link rel=stylesheet href=x.css>')
    with pytest.raises(BuildFailed) as info:
        build(config_for(src, out))
    assert [d.code for d in info.value.diagnostics] == ["missing-file", "missing-file"]
    assert tree_bytes(out) == before
    assert not list(tmp_path.glob(".dist.assetpipe-tmp-*"))


def test_an_output_folder_not_written_by_assetpipe_is_not_replaced(tmp_path: Path):
    out = tmp_path / "precious"
    out.mkdir()
    (out / "thesis.tex").write_text("years of work")
    with pytest.raises(BuildFailed) as info:
        build(config_for(ROOT / "site_src", out))
    assert "refusing to replace" in info.value.diagnostics[0].message
    assert (out / "thesis.tex").read_text() == "years of work"


def test_the_output_may_not_replace_the_sources(tmp_path: Path):
    src = tmp_path / "site"
    shutil.copytree(ROOT / "tests/sites/runtime/src", src)
    with pytest.raises(BuildFailed):
        build(config_for(src, tmp_path))


def test_output_and_cache_inside_the_source_folder_are_not_scanned(tmp_path: Path):
    src = tmp_path / "site"
    shutil.copytree(ROOT / "tests/sites/runtime/src", src)
    first = tree_bytes(_built(src, src / "dist", src / ".cache"))
    second = tree_bytes(_built(src, src / "dist", src / ".cache"))
    assert first == second and not any(p.startswith("dist/") for p in first)


def _built(src: Path, out: Path, cache: Path) -> Path:
    build(config_for(src, out, cache))
    return out


def test_cache_is_used_and_deleting_it_changes_no_byte(tmp_path: Path):
    cache = tmp_path / "cache"
    first = build(config_for(ROOT / "site_src", tmp_path / "a", cache))
    assert any(cache.rglob("*")), "the cache folder is filled"
    again = tree_bytes(_built(ROOT / "site_src", tmp_path / "b", cache))
    shutil.rmtree(cache)
    fresh = tree_bytes(_built(ROOT / "site_src", tmp_path / "c", cache))
    assert again == fresh == tree_bytes(Path(first.out_dir))


def test_rebuilds_from_the_in_memory_memo_give_the_bytes_of_a_fresh_build(tmp_path: Path):
    """What `watch` does: one memo across builds. After edits to a page, a stylesheet
    (critical CSS), a module and an added page, the output equals a cold build's."""
    from assetpipe.cache import Memo

    src = tmp_path / "src"
    shutil.copytree(ROOT / "site_src", src)
    config = config_for(src, tmp_path / "out", tmp_path / "cache", minify=False)
    memo = Memo()
    build(config, memo=memo)
    edits = [
        (src / "index.html", lambda t: t.replace("</main>", "<p class=lead>new</p></main>", 1)),
        (src / "css" / "components.css", lambda t: t + "\n.lead { color: rebeccapurple }\n"),
        (src / "js" / "lib" / "ui.js", lambda t: t + "\nexport const added = 1;\n"),
    ]
    for path, edit in edits:
        path.write_text(edit(path.read_text()))
        build(config, memo=memo)
    shutil.copy(src / "about" / "index.html", src / "about" / "copy.html")
    build(config, memo=memo)
    page = (tmp_path / "out" / "index.html").read_text()
    assert ".lead {\n    color: #639;" in page  # the edited stylesheet, in the critical CSS
    fresh = config_for(src, tmp_path / "fresh", tmp_path / "cache", minify=False)  # no memo
    assert tree_bytes(tmp_path / "out") == tree_bytes(Path(build(fresh).out_dir))


def test_no_minify_keeps_sources_readable(tmp_path: Path):
    result = build(config_for(ROOT / "site_src", tmp_path / "out", minify=False))
    main = next(o for o in result.outputs if o.source == "css/main.css")
    assert b"/* Lumen: the shared stylesheet" in main.data


def test_summary_figures(demo: Path, tmp_path: Path):
    result = build(config_for(ROOT / "site_src", tmp_path / "out"))
    summary = result.summary
    assert summary["total"]["files"] == len(result.outputs)
    assert summary["total"]["bytes"] == sum(len(o.data) for o in result.outputs)
    gallery = next(p for p in summary["pages"] if p["page"] == "gallery/index.html")
    assert gallery["files"] >= 12 + 1  # twelve photographs and the page
    assert summary["kinds"]["html"]["files"] == 6
    assert [name for name, _ in result.timings] == [
        "scan",
        "discover",
        "bundle",
        "images",
        "render",
        "hash",
        "emit",
        "report",
    ]


def test_pages_that_are_not_utf8_keep_their_bytes(tmp_path: Path):
    src = tmp_path / "src"
    (src / "img").mkdir(parents=True)
    (src / "img/a.png").write_bytes(b"\x89PNG\r\n")
    page = b'<meta charset="windows-1252"><p>caf\xe9</p><link rel="icon" href="img/a.png">\r\n'
    (src / "index.html").write_bytes(page)
    result = build(config_for(src, tmp_path / "out"))
    html = data_bytes(next(o for o in result.outputs if o.path == "index.html").data)
    png = next(o for o in result.outputs if o.source == "img/a.png").path
    assert html == page.replace(b"img/a.png", f"/{png}".encode())
    assert (tmp_path / "out/index.html").read_bytes() == html
