from __future__ import annotations

from pathlib import Path

import pytest

from assetpipe.pipeline.emit import EmitError, check_output_folder, swap_in, write_tree


def test_swap_replaces_the_folder_whole(tmp_path: Path):
    out = tmp_path / "dist"
    swap_in(write_tree(out, [("a.txt", b"1"), (".assetpipe/manifest.json", b"{}")]), out)
    swap_in(write_tree(out, [("b/c.txt", b"2"), (".assetpipe/manifest.json", b"{}")]), out)
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        ".assetpipe/manifest.json",
        "b/c.txt",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["dist"]  # nothing left beside it


def test_unchanged_files_are_linked_and_edited_ones_rewritten(tmp_path: Path):
    out = tmp_path / "dist"
    files = [("same.css", b"a{}"), ("edited.html", b"<p>built</p>"), ("changed.js", b"1")]
    swap_in(write_tree(out, files), out)
    same_inode = (out / "same.css").stat().st_ino
    (out / "edited.html").write_bytes(b"<p>edit!</p>")  # a hand edit, same size
    swap_in(
        write_tree(
            out, [("same.css", b"a{}"), ("edited.html", b"<p>built</p>"), ("changed.js", b"2")]
        ),
        out,
    )
    assert (out / "same.css").stat().st_ino == same_inode
    assert (out / "edited.html").read_bytes() == b"<p>built</p>"
    assert (out / "changed.js").read_bytes() == b"2"


def test_stale_temporary_folders_are_removed(tmp_path: Path):
    stale = tmp_path / ".dist.assetpipe-tmp-99999"
    stale.mkdir()
    (stale / "junk").write_text("x")
    out = tmp_path / "dist"
    swap_in(write_tree(out, [("a", b"")]), out)
    assert not stale.exists()


def test_only_our_own_or_empty_folders_are_replaced(tmp_path: Path):
    check_output_folder(tmp_path / "absent")
    (tmp_path / "empty").mkdir()
    check_output_folder(tmp_path / "empty")
    ours = tmp_path / "ours" / ".assetpipe"
    ours.mkdir(parents=True)
    (ours / "manifest.json").write_text("{}")
    check_output_folder(tmp_path / "ours")
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.txt").write_text("x")
    with pytest.raises(EmitError):
        check_output_folder(tmp_path / "theirs")
    (tmp_path / "file").write_text("x")
    with pytest.raises(EmitError):
        check_output_folder(tmp_path / "file")
