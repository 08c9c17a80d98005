"""Workload ``site1000``: build a generated 1,000-page site with assetpipe and with Vite 8.

The site (bench/sitegen/): 1,000 pages of ~20 KB in 20 section folders, ~1,000 page modules
over 11 shared ones, ~1,000 stylesheets (per page, per section, shared with an @import), 1,000
small PNG/JPEG images, a favicon and ``public/robots.txt``. Both tools bundle and minify the
scripts and stylesheets and copy every image and page under hashed names; neither optimises
images (assetpipe runs with ``[images] optimize = false``, as Vite has no image
stage). Measures a whole cold production build; ``assetpipe-warm`` reuses its cache folder.
"""

from __future__ import annotations

from bench import sitegen
from bench.contenders import assetpipe_build, assetpipe_build_warm, vite_build
from bench.harness import Contender, Context, cached, tree_figures, workload

SPEC = sitegen.SiteSpec(pages=1000, sections=20, seed="site1000-v1")
VERSION = f"{SPEC} generator-v1"  # bump to regenerate cached copies after changing sitegen


@workload("site1000", "1,000-page site, cold production build: assetpipe vs vite build")
def site1000(ctx: Context) -> list[Contender]:
    site = ctx.work / "site"
    seconds = cached(site, VERSION, lambda dest: sitegen.generate(dest, SPEC))
    ctx.info["generated_s"] = round(seconds, 1) if seconds is not None else "cached"
    figures = tree_figures(site)
    if figures.get("html_files") != SPEC.pages:
        raise ValueError(f"{site} was changed (not {SPEC.pages} pages): delete it to regenerate")
    ctx.info.update(site_files=figures["files"], site_mb=round(figures["bytes"] / 1e6, 1))
    pages = [site / sitegen.page_path(SPEC, page) for page in range(SPEC.pages)]
    config = ctx.work / "no-images.toml"
    config.write_text("[images]\noptimize = false\n")
    extra = ("--config", str(config))
    return [
        assetpipe_build(ctx, site, SPEC.pages, extra),
        assetpipe_build_warm(ctx, site, SPEC.pages, extra),
        vite_build(ctx, site, pages),
    ]
