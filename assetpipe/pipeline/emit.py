"""Emit: write the outputs and the manifest beside the output folder, then swap it in.

The new tree is written to a hidden sibling folder (``.<out>.assetpipe-tmp-<pid>``) and takes the
place of the output folder in one step: `renameat2(RENAME_EXCHANGE)` where Linux offers it, else
two renames with the old folder kept until the new one is in place. A build that fails before
this step never touches the output folder; a crash during it leaves the temporary folder, which
the next build removes.

Safety: an existing output folder is replaced only if a previous build wrote it (it holds
`.assetpipe/manifest.json`) or it is empty, so a mistyped `--out` cannot delete someone's files.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .values import Blob, holds

MANIFEST_PATH = ".assetpipe/manifest.json"
REPORT_PATH = ".assetpipe/report.json"
WRITE_THREADS = 4
_RENAME_EXCHANGE = 2


class EmitError(Exception):
    pass


def check_output_folder(out: Path) -> None:
    """Raise `EmitError` if `out` exists and is not ours to replace."""
    if not out.exists():
        return
    if not out.is_dir():
        raise EmitError(f"{out} exists and is not a folder")
    if (out / MANIFEST_PATH).is_file():
        return
    if any(out.iterdir()):
        raise EmitError(
            f"refusing to replace {out}: it was not written by assetpipe "
            f"(no {MANIFEST_PATH}); delete it or choose another --out"
        )


def write_tree(out: Path, files: list[tuple[str, bytes | Blob]]) -> Path:
    """Write `files` (path, bytes) into a fresh temporary sibling of `out`; returns its path.
    A `Blob` (an image variant, on disk already) is hard-linked from the build's blob folder.

    A file whose bytes are already in the current output folder, at the same path, is hard-linked
    from there instead of written: creating a file costs far more than linking one on most disks,
    and a rebuild changes few files. The old file is read and compared first, so a hand-edited
    output is never carried over.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(f".{out.name}.assetpipe-tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    tmp = out.parent / f".{out.name}.assetpipe-tmp-{os.getpid()}"
    tmp.mkdir()
    reuse = out.is_dir()

    def write(item: tuple[str, bytes | Blob]) -> None:
        rel, data = item
        target = tmp / rel
        if isinstance(data, Blob):
            try:
                os.link(data.path, target)
            except OSError:  # (another file system, or no hard links)
                shutil.copyfile(data.path, target)
            return
        if reuse and _link_if_same(out / rel, target, data):
            return
        with open(target, "wb") as f:
            f.write(data)

    # File creation waits on the disk, not the interpreter: a few threads overlap it.
    try:
        for folder in sorted({str((tmp / rel).parent) for rel, _ in files}):
            os.makedirs(folder, exist_ok=True)
        with ThreadPoolExecutor(max_workers=WRITE_THREADS) as pool:
            for _ in pool.map(write, files):
                pass
    except BaseException:  # a full disk: what was written goes, so the space comes back
        discard(tmp)
        raise
    return tmp


def _link_if_same(old: Path, new: Path, data: bytes) -> bool:
    if not holds(old, data):  # (a symlink is not linked: the output would hold the link)
        return False
    try:
        os.link(old, new)
    except OSError:
        return False
    return True


def swap_in(tmp: Path, out: Path) -> None:
    """Make `tmp` the output folder `out`, atomically where the OS allows."""
    if not out.exists():
        os.rename(tmp, out)
        return
    if _exchange(tmp, out):
        shutil.rmtree(tmp, ignore_errors=True)  # now holds the previous output
        return
    old = out.parent / f".{out.name}.assetpipe-old-{os.getpid()}"
    os.rename(out, old)
    try:
        os.rename(tmp, out)
    except OSError:
        os.rename(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


def discard(tmp: Path) -> None:
    shutil.rmtree(tmp, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0
