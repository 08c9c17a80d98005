"""Scan on small source folders: which files are pages, which are public, which are left out
(hidden, junk, node_modules, excluded, the output folder inside the source), and the symlinks it
refuses (outside the folder, broken, to a folder) with the reason a user sees."""

from __future__ import annotations

import os
from pathlib import Path

from assetpipe.pipeline.scan import scan

from ..conftest import write_files

SITE = {
    "index.html": "<!doctype html>",
    "blog/post.HTML": "<!doctype html>",
    "css/site.css": "p{}",
    "img/logo.png": b"\x89PNG",
    "public/robots.txt": "User-agent: *",
    "public/.well-known/security.txt": "Contact: x",
    "public/page.html": "<!doctype html>",
    ".env": "SECRET=1",
    ".cache/x.js": "x",
    "css/.DS_Store": b"\0",
    "Thumbs.db": b"\0",
    "node_modules/preact/index.js": "x",
    "js/__pycache__/x.pyc": b"\0",
    ".git/HEAD": "ref: x",
}


def test_pages_assets_and_public_files(tmp_path: Path):
    tree = scan(str(write_files(tmp_path / "src", SITE)))
    assert tree.pages == ("blog/post.HTML", "index.html")
    assert tree.files == {"index.html", "blog/post.HTML", "css/site.css", "img/logo.png"}
    # public/ keeps its dot files and its pages are published as they are, not pages
    assert tree.public == (".well-known/security.txt", "page.html", "robots.txt")
    assert tree.public_dir == "public"
    assert tree.links == {}
    assert tree.root == str(tmp_path / "src")


def test_hidden_junk_and_git_are_skipped_inside_public_too(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {"public/.DS_Store": b"\0", "public/.git/HEAD": "x", "public/a.txt": "a"},
    )
    assert scan(str(src)).public == ("a.txt",)


def test_a_custom_public_folder(tmp_path: Path):
    src = write_files(tmp_path / "src", {"static/favicon.ico": b"\0", "public/x.txt": "x"})
    tree = scan(str(src), public_dir="static/")
    assert tree.public == ("favicon.ico",)
    assert tree.public_dir == "static"
    assert tree.files == {"public/x.txt"}


def test_exclude_matches_the_path_or_the_file_name(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {
            "index.html": "",
            "drafts/old.html": "",
            "css/a.scss": "",
            "css/a.css": "",
            "public/drafts/kept.txt": "",
        },
    )
    tree = scan(str(src), exclude=("drafts/*", "*.scss"))
    assert tree.files == {"index.html", "css/a.css"}
    assert tree.pages == ("index.html",)
    assert tree.public == ("drafts/kept.txt",)  # exclude does not apply to public/


def test_output_and_cache_folders_inside_the_source_are_not_entered(tmp_path: Path):
    src = write_files(
        tmp_path / "src",
        {"index.html": "", "dist/index.html": "", "dist/assets/a.js": "", ".ap/x": "", "c/y": ""},
    )
    tree = scan(str(src), skip=(str(src / "dist"), str(src / "c")))
    assert tree.files == {"index.html"}
    assert tree.pages == ("index.html",)


def test_symlinks_inside_the_folder_are_followed(tmp_path: Path):
    src = write_files(tmp_path / "src", {"img/a.png": b"\x89PNG", "index.html": ""})
    (src / "img/b.png").symlink_to("a.png")
    assert "img/b.png" in scan(str(src)).files


def test_symlinks_outside_broken_or_to_folders_are_left_out_with_a_reason(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    src = write_files(tmp_path / "src", {"index.html": "", "css/a.css": "", "public/ok.txt": ""})
    (src / "leak.txt").symlink_to(secret)
    (src / "public/leak.txt").symlink_to(secret)
    (src / "gone.png").symlink_to(src / "missing.png")
    (src / "loop.png").symlink_to(src / "loop.png")
    (src / "folder.css").symlink_to(src / "css")
    (src / "linked").symlink_to(src / "css", target_is_directory=True)
    tree = scan(str(src))
    assert tree.files == {"index.html", "css/a.css"}  # nor linked/a.css: linked folders
    assert tree.public == ("ok.txt",)
    real = os.path.realpath(secret)
    assert tree.links == {
        "leak.txt": f"a symlink to {real}, outside the source folder",
        "public/leak.txt": f"a symlink to {real}, outside the source folder",
        "gone.png": "a broken symlink (its target does not exist, or the links loop)",
        "loop.png": "a broken symlink (its target does not exist, or the links loop)",
    }  # a symlink to a folder is a folder to os.walk: not entered, nothing to refer to


def test_the_listing_does_not_depend_on_creation_order(tmp_path: Path):
    names = [f"p{i}.html" for i in (3, 1, 2)]
    a = scan(str(write_files(tmp_path / "a", {n: "" for n in names})))
    b = scan(str(write_files(tmp_path / "b", {n: "" for n in reversed(names)})))
    assert a.pages == b.pages == ("p1.html", "p2.html", "p3.html")
