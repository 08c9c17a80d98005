"""Generate a realistic multi-page static site for the build workloads, deterministically.

The layout, for ``SiteSpec(pages=1000, sections=20)``::

    section-07/page-0350.html   1,000 pages, ~20 KB each, 50 per section folder
    css/base.css                shared base, @imported by site.css and every section sheet
    css/site.css                shared stylesheet, linked by every page
    css/section-07.css          one per section, url() to two images
    css/pages/page-0350.css     one per page, half of them url() to the page's hero image
    js/shared/*.js              11 shared modules (one of them imported by the others)
    js/pages/page-0350.js       one module per page, importing one or two shared modules
    img/img-0350.jpg|png        one image per page (even: JPEG, odd: PNG), a few KB, all distinct
    img/favicon.png             <link rel="icon"> of every page
    public/robots.txt

Every reference is relative (``../css/site.css``, ``../shared/dom.js``), which Vite and
assetpipe both resolve. Every image is reached (page i shows image i, then one to three others).
All randomness comes from ``random.Random`` seeded by a string (stable across runs and Python
versions), and nothing depends on time or file-system order: the same spec gives the same bytes
with the same Pillow version. Pillow is imported only when images are made.
"""

from __future__ import annotations

from pathlib import Path

from bench.sitegen.images import write_images
from bench.sitegen.pages import write_pages
from bench.sitegen.scripts import write_scripts
from bench.sitegen.spec import (
    SiteSpec,
    image_name,
    page_images,
    page_modules,
    page_path,
    write_text,
)
from bench.sitegen.styles import write_stylesheets

__all__ = ["SiteSpec", "generate", "image_name", "page_images", "page_modules", "page_path"]


def generate(root: Path, spec: SiteSpec) -> None:
    """Write the whole site for ``spec`` under ``root`` (which exists and is empty)."""
    write_images(root, spec)  # first: it is the step that needs Pillow
    write_stylesheets(root, spec)
    write_scripts(root, spec)
    write_pages(root, spec)
    write_text(root / "public" / "robots.txt", "User-agent: *\nAllow: /\n")
