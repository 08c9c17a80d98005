"""URLs of outputs as written in other outputs.

A page refers to assets through the configured `base` (`/`, `/docs/`, `https://cdn.example.com/`):
``base + "assets/x-AbC123.css"``. Files under `assets/` refer to each other relatively
(``x-AbC123.png``), which holds wherever the site is served from. With ``base = "./"`` pages
use relative URLs too. JavaScript specifiers always start with `/`, `./`, `../` or a scheme.
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin


def is_relative_base(base: str) -> bool:
    return base in ("", "./")


def relative(target: str, from_dir: str) -> str:
    rel = posixpath.relpath(target or ".", from_dir or ".")
    if target.endswith("/") or not target:
        rel = "" if rel == "." else rel + "/"
        rel = rel or "./"
    return rel


def link_url(target: str, referrer: str, *, module: bool, from_page: bool, base: str) -> str:
    """The URL of output `target` as written in output `referrer`."""
    if from_page and not is_relative_base(base):
        return base + target
    rel = relative(target, posixpath.dirname(referrer))
    if module and not rel.startswith(("../", "./")):
        rel = "./" + rel
    return rel


def page_url(site_path: str, from_dir: str, base: str) -> str:
    """The URL of a page or public file (`site_path` like "app/" or "about/index.html?x")."""
    if not is_relative_base(base):
        return base + site_path
    cut = min(
        (i for i in (site_path.find("?"), site_path.find("#")) if i >= 0), default=len(site_path)
    )
    return relative(site_path[:cut], from_dir) + site_path[cut:]


def absolute_url(url: str, referrer: str, site_url: str) -> str:
    """`url` as written in output `referrer`, made absolute under the site's address (for
    crawlers, which do not resolve relative URLs): a root-relative URL joins its host, a
    relative one (`base = "./"`) the referrer's place under it; a URL with a scheme (a CDN
    base) is kept."""
    if not site_url or "://" in url:
        return url
    if url.startswith("/"):
        return urljoin(site_url, url)
    root = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(root + referrer, url)
