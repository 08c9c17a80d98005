"""find_file, what the dev and audit servers answer a URL path with: files in the served
folder, a folder's index.html, and nothing for a path that leaves the folder (by `..`, an
absolute path or a symlink), names a dot file or folder, holds a NUL or is too long."""

from __future__ import annotations

from pathlib import Path

import pytest

from assetpipe.server.static import find_file

from ..conftest import write_files


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("password")
    return write_files(
        tmp_path / "dist",
        {
            "index.html": "home",
            "about/index.html": "about",
            "empty/x.txt": "x",
            "assets/app-AAAA1111.js": "js",
            ".assetpipe/manifest.json": "{}",
            "public/.env": "SECRET=1",
            "a b/é.txt": "spaces",
        },
    )


def test_files_and_folders(root: Path):
    resolved = root.resolve()
    assert find_file(root, "assets/app-AAAA1111.js") == resolved / "assets/app-AAAA1111.js"
    assert find_file(root, "") == resolved / "index.html"
    assert find_file(root, "about") == resolved / "about/index.html"
    assert find_file(root, "about/") == resolved / "about/index.html"
    assert find_file(root, "a b/é.txt") == resolved / "a b/é.txt"  # as decoded by the server


def test_nothing_for_missing_files_and_folders_without_an_index(root: Path):
    assert find_file(root, "missing.html") is None
    assert find_file(root, "empty") is None
    assert find_file(root, "index.html/x") is None


@pytest.mark.parametrize(
    "rel",
    [
        "../secret.txt",
        "about/../../secret.txt",
        "/etc/passwd",
        ".assetpipe/manifest.json",
        ".assetpipe",
        "public/.env",
        "assets/./app-AAAA1111.js/..",
    ],
)
def test_nothing_outside_the_folder_nor_dot_paths(root: Path, rel: str):
    assert find_file(root, rel) is None


def test_nothing_through_a_symlink_out_of_the_folder(root: Path):
    (root / "leak.txt").symlink_to(root.parent / "secret.txt")
    (root / "up").symlink_to(root.parent, target_is_directory=True)
    assert find_file(root, "leak.txt") is None
    assert find_file(root, "up/secret.txt") is None


def test_a_symlink_inside_the_folder_is_served(root: Path):
    (root / "home.html").symlink_to(root / "index.html")
    assert find_file(root, "home.html") == root.resolve() / "index.html"


def test_paths_no_file_system_holds_find_nothing(root: Path):
    assert find_file(root, "index.html\x00.js") is None
    assert find_file(root, "a" * 300 + ".js") is None
    assert find_file(root, "/".join(["b" * 200] * 40)) is None
