"""``assetpipe build`` with the page report taken out: the anchor of the ``report`` workload,
to measure what the report adds to a build. Same arguments as ``assetpipe build``."""

from __future__ import annotations

from assetpipe.commands import main
from assetpipe.pipeline import build as build_module

EMPTY_SUMMARY = {
    "pages": [],
    "largest_files": [],
    "kinds": {},
    "total": {"files": 0, "bytes": 0, "gzip": 0},
}


def _no_report(hashed, pages, base, rendered, development, memo):
    return {"pages": [], "files": {}}, EMPTY_SUMMARY


build_module._report = _no_report

if __name__ == "__main__":
    main(prog_name="assetpipe")
