"""Finding the file a URL path names in a served folder, for the dev server (`dev/server.py`)
and the audit's server (`audit/serve.py`): nothing outside the folder, no dot files or folders
(`.assetpipe/`), a folder is its `index.html`."""

from __future__ import annotations

from pathlib import Path


def find_file(root: Path, rel: str) -> Path | None:
    """The file under `root` for the URL path `rel` (decoded, relative to the site's base), or
    None. A folder gives its `index.html`, if it has one."""
    if any(part.startswith(".") for part in Path(rel).parts):
        return None
    root = root.resolve()
    file = (root / rel).resolve()
    if not file.is_relative_to(root):
        return None
    if file.is_dir():
        file = file / "index.html"
    return file if file.is_file() else None
