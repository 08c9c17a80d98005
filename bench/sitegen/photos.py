"""Photo-like JPEGs and the pages that show them, for the ``remote`` workloads (issue #19).

- :func:`render_photo`: photo ``i``, a 400 x 300 JPEG (quality 85, 20-40 KB): a smooth field
  of colour (a few random colours blown up with bicubic resampling, over a rotated gradient),
  soft blurred shapes, mid-scale texture and fine grain, so that an encoder does real work
  (no flat areas, no exact repeats). Pillow only (no numpy): every random byte comes from a
  ``random.Random`` seeded by ``(seed, i)``, so photo ``i`` is the same bytes whatever else is
  generated, in any order, with the same Pillow.
- :func:`ensure_photos`: a pool folder of photos ``p00000.jpg``, ``p00001.jpg``, ... made once
  and grown on demand (only the missing ones are drawn; each written under a temporary name
  and renamed, so an interrupted run never leaves a half file). A pool of another
  :data:`PHOTOS_VERSION` is emptied first.
- :func:`write_photo_site`: ``pages`` pages in folders of 100 (``s00/page-0000.html``), page
  ``p`` showing photos ``5p .. 5p+4`` (modulo ``images``: with ``pages = images / 5`` each is
  shown exactly once) as ``<img src width=400 height=300 alt>``, the photos hard-linked from
  the pool (copied where links fail), one shared stylesheet (``css/site.css``, ~7 KB: layout,
  header, navigation, article, figure grid, footer, media queries and rules the pages never
  use, so critical CSS has a choice to make) and one shared module script (``js/main.js``
  importing ``js/lib.js``). The text of each page differs (seeded).

About 6 ms of one core per photo here: 10,000 in ~35 s on 2 cores.
"""

from __future__ import annotations

import io
import os
import random
import shutil
from pathlib import Path

PHOTOS_VERSION = "photos-v1 400x300 q85"
WIDTH, HEIGHT = 400, 300
PER_PAGE = 5
PAGES_PER_FOLDER = 100

_WORD_TEXT = (
    "harbour morning light ridge valley coast village market river bridge evening lantern "
    "stone path orchard meadow cliff tide ferry station garden square tower window street "
    "autumn winter spring summer quiet busy narrow wide old new bright pale deep warm cold "
    "walked waited watched crossed followed climbed found kept left reached turned opened "
    "the a of to in and for with on by from that this each every most some many few we they "
    "near beyond along under over after before while since because travellers fishermen"
)
_WORDS = tuple(_WORD_TEXT.split())


def photo_name(index: int) -> str:
    return f"p{index:05d}.jpg"


def render_photo(index: int, seed: str = "remote-photos") -> bytes:
    """Photo ``index`` as JPEG bytes (deterministic for a given Pillow)."""
    try:
        from PIL import Image, ImageDraw, ImageFilter
    except ModuleNotFoundError as exc:  # pragma: no cover
        raise RuntimeError("Pillow is needed to draw the photos: pip install pillow") from exc

    rng = random.Random(f"{seed} {index}")
    size = (WIDTH, HEIGHT)
    half = (WIDTH // 4, HEIGHT // 4)  # the smooth layers are drawn and blurred at 1/4 size

    def colour() -> tuple[int, int, int]:
        return (rng.randrange(256), rng.randrange(256), rng.randrange(256))

    # a sky-to-ground gradient, rotated a little
    mask = Image.linear_gradient("L").rotate(rng.uniform(-25, 25) + rng.choice((0, 180)))
    base = Image.composite(
        Image.new("RGB", (256, 256), colour()), Image.new("RGB", (256, 256), colour()), mask
    ).resize(half, Image.Resampling.BILINEAR)
    # blotches of colour: a tiny random image blown up smoothly
    cells = (rng.randint(3, 7), rng.randint(3, 6))
    field = Image.frombytes("RGB", cells, rng.randbytes(cells[0] * cells[1] * 3))
    field = field.resize(half, Image.Resampling.BICUBIC)
    picture = Image.blend(base, field, rng.uniform(0.3, 0.55))
    # soft shapes: things in the scene
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(4, 9)):
        x, y = rng.randrange(-10, half[0]), rng.randrange(-8, half[1])
        w, h = rng.randint(5, 40), rng.randint(4, 30)
        if rng.random() < 0.5:
            draw.ellipse((x, y, x + w, y + h), fill=colour())
        else:
            corners = rng.randint(3, 6)
            draw.polygon([(x + rng.randint(0, w), y + rng.randint(0, h)) for _ in range(corners)],
                         fill=colour())  # fmt: skip
    picture = picture.filter(ImageFilter.GaussianBlur(rng.uniform(0.4, 0.9)))
    # texture at this scale (foliage, waves), then all of it blown up once
    texture = Image.frombytes("L", half, rng.randbytes(half[0] * half[1])).convert("RGB")
    picture = Image.blend(picture, texture, rng.uniform(0.08, 0.16))
    picture = picture.resize(size, Image.Resampling.BICUBIC)
    # a few crisp things in front (edges for the encoder)
    draw = ImageDraw.Draw(picture)
    for _ in range(rng.randint(2, 5)):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        if rng.random() < 0.5:
            draw.line((x, y, x + rng.randint(-120, 120), y + rng.randint(-90, 90)),
                      fill=colour(), width=rng.randint(1, 4))  # fmt: skip
        else:
            side = rng.randint(6, 40)
            draw.rectangle((x, y, x + side, y + rng.randint(6, 40)), fill=colour())
    # fine grain (sensor noise)
    grain = Image.frombytes("L", size, rng.randbytes(WIDTH * HEIGHT)).convert("RGB")
    picture = Image.blend(picture, grain, rng.uniform(0.04, 0.07))
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=85)
    return out.getvalue()


def _write_photo(pool: Path, index: int, seed: str) -> None:
    target = pool / photo_name(index)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(render_photo(index, seed))
    tmp.rename(target)


def ensure_photos(pool: Path, count: int, seed: str = "remote-photos", jobs: int = 0) -> int:
    """Photos ``0 .. count-1`` in ``pool``; returns how many had to be drawn (in ``jobs``
    processes; 0: one per core, when there are more than a few hundred to draw)."""
    stamp = pool / ".version"
    version = f"{PHOTOS_VERSION} {seed}"
    if pool.is_dir() and (not stamp.is_file() or stamp.read_text() != version):
        shutil.rmtree(pool)
    pool.mkdir(parents=True, exist_ok=True)
    stamp.write_text(version)
    missing = [i for i in range(count) if not (pool / photo_name(i)).is_file()]
    jobs = jobs or (os.cpu_count() or 1)
    if jobs == 1 or len(missing) < 300:
        for index in missing:
            _write_photo(pool, index, seed)
    else:
        from concurrent.futures import ProcessPoolExecutor
        from functools import partial

        with ProcessPoolExecutor(jobs) as workers:
            list(workers.map(partial(_write_photo, pool, seed=seed), missing, chunksize=100))
    return len(missing)


def page_path(page: int) -> str:
    return f"s{page // PAGES_PER_FOLDER:02d}/page-{page:04d}.html"


def page_photos(page: int, images: int) -> list[int]:
    return [(page * PER_PAGE + k) % images for k in range(PER_PAGE)]


def shown_photos(pages: int, images: int) -> list[int]:
    """The photos some page shows, in order."""
    return sorted({i for p in range(pages) for i in page_photos(p, images)})


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def render_page(page: int, pages: int, images: int, seed: str = "remote-site") -> str:
    rng = random.Random(f"{seed} page {page}")
    title = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 5))).title()
    prev_link = f'<a href="../{page_path(page - 1)}">Previous</a>' if page else ""
    next_link = f'<a href="../{page_path(page + 1)}">Next</a>' if page + 1 < pages else ""
    figures = []
    for k, photo in enumerate(page_photos(page, images)):
        alt = _sentence(rng, rng.randint(4, 9)).rstrip(".")
        figures.append(
            f'      <figure class="card{" card--wide" if k == 0 else ""}">\n'
            f'        <img src="../img/{photo_name(photo)}" width="{WIDTH}" height="{HEIGHT}" '
            f'alt="{alt}">\n'
            f"        <figcaption>{_sentence(rng, rng.randint(5, 12))}</figcaption>\n"
            "      </figure>"
        )
    paragraphs = "\n".join(
        "      <p>"
        + " ".join(_sentence(rng, rng.randint(8, 20)) for _ in range(rng.randint(2, 5)))
        + "</p>"
        for _ in range(rng.randint(3, 6))
    )
    tags = " ".join(
        f'<li><a class="tag" href="#">{rng.choice(_WORDS)}</a></li>'
        for _ in range(rng.randint(2, 5))
    )
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{title} - Field notes {page}</title>
  <meta name="description" content="{_sentence(rng, 14)}">
  <link rel="stylesheet" href="../css/site.css">
  <script type="module" src="../js/main.js"></script>
</head>
<body>
  <header class="site-header">
    <a class="brand" href="../{page_path(0)}">Field notes</a>
    <nav class="site-nav" aria-label="Main">
      <ul><li><a href="../{page_path(0)}">Home</a></li><li><a href="#gallery">Gallery</a></li>
      <li><a href="#notes">Notes</a></li></ul>
    </nav>
    <button class="menu-toggle" type="button" aria-expanded="false">Menu</button>
  </header>
  <main class="page">
    <article class="entry">
      <header class="entry__header">
        <p class="eyebrow">Entry {page + 1} of {pages}</p>
        <h1>{title}</h1>
        <p class="lede">{_sentence(rng, rng.randint(12, 24))}</p>
      </header>
      <section class="gallery" id="gallery">
{chr(10).join(figures)}
      </section>
      <section class="notes" id="notes">
      <h2>{_sentence(rng, rng.randint(3, 6)).rstrip(".")}</h2>
{paragraphs}
      </section>
      <ul class="tags">{tags}</ul>
    </article>
    <nav class="pager">{prev_link} {next_link}</nav>
  </main>
  <footer class="site-footer"><p>{_sentence(rng, 8)}</p></footer>
</body>
</html>
"""


SITE_CSS = """\
/* Field notes: the one stylesheet of every page. */
:root {
  --ink: #1f2328;
  --muted: #59636e;
  --accent: #0b6bcb;
  --accent-soft: #dbeafe;
  --paper: #fffdf8;
  --line: #e5e1d8;
  --radius: 10px;
  --gap: clamp(0.75rem, 2vw, 1.5rem);
  --font: "Iowan Old Style", "Palatino Linotype", Palatino, Georgia, serif;
  --font-ui: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; scroll-behavior: smooth; }
body { margin: 0; background: var(--paper); color: var(--ink); font: 1.0625rem/1.65 var(--font); }
img { display: block; max-width: 100%; height: auto; }
a { color: var(--accent); text-underline-offset: 0.15em; }
a:hover, a:focus-visible { color: #084f96; text-decoration-thickness: 2px; }
h1, h2, h3 { font-family: var(--font-ui); line-height: 1.2; letter-spacing: -0.01em; }
h1 { font-size: clamp(1.8rem, 4vw, 2.8rem); margin: 0.25rem 0 0.75rem; }
h2 { font-size: 1.4rem; margin: 2rem 0 0.75rem; }
.site-header {
  position: sticky; top: 0; z-index: 10;
  display: flex; align-items: center; justify-content: space-between; gap: var(--gap);
  padding: 0.75rem var(--gap); background: rgba(255, 253, 248, 0.92);
  border-bottom: 1px solid var(--line); backdrop-filter: blur(6px);
}
.brand { font: 700 1.15rem var(--font-ui); color: var(--ink); text-decoration: none; }
.site-nav ul { display: flex; gap: 1.25rem; margin: 0; padding: 0; list-style: none; }
.site-nav a { font: 500 0.95rem var(--font-ui); color: var(--muted); text-decoration: none; }
.site-nav a:hover { color: var(--accent); }
.menu-toggle { display: none; font: inherit; padding: 0.4rem 0.8rem; border: 1px solid var(--line);
  border-radius: var(--radius); background: white; }
.page { max-width: 72rem; margin: 0 auto; padding: var(--gap); }
.entry__header { max-width: 46rem; margin: 1.5rem 0 2rem; }
.eyebrow { margin: 0; font: 600 0.8rem var(--font-ui); text-transform: uppercase;
  letter-spacing: 0.08em; color: var(--muted); }
.lede { font-size: 1.2rem; color: var(--muted); margin: 0; }
.gallery { display: grid; gap: var(--gap);
  grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr)); }
.card { margin: 0; background: white; border: 1px solid var(--line); border-radius: var(--radius);
  overflow: hidden; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04), 0 6px 18px rgba(0, 0, 0, 0.05); }
.card--wide { grid-column: span 2; }
.card img { width: 100%; aspect-ratio: 4 / 3; object-fit: cover; }
.card figcaption { padding: 0.6rem 0.8rem 0.8rem; font: 0.9rem/1.45 var(--font-ui);
  color: var(--muted); }
.notes { max-width: 46rem; }
.notes p { margin: 0 0 1.1rem; hyphens: auto; }
.notes p:first-of-type::first-letter { float: left; font-size: 3.2em; line-height: 0.9;
  padding: 0.05em 0.1em 0 0; }
.tags { display: flex; flex-wrap: wrap; gap: 0.5rem; padding: 0; margin: 2rem 0; list-style: none; }
.tag { display: inline-block; padding: 0.2rem 0.65rem; border-radius: 999px;
  background: var(--accent-soft);
  font: 500 0.85rem var(--font-ui); text-decoration: none; }
.pager { display: flex; justify-content: space-between; padding: 1.5rem 0;
  border-top: 1px solid var(--line);
  font-family: var(--font-ui); }
.site-footer { padding: 2rem var(--gap); color: var(--muted); border-top: 1px solid var(--line);
  font: 0.9rem var(--font-ui); text-align: center; }
/* components some other template uses, never these pages */
.alert { padding: 1rem 1.25rem; border-radius: var(--radius); border: 1px solid transparent; }
.alert--info { background: #eff6ff; border-color: #bfdbfe; color: #1e3a8a; }
.alert--warn { background: #fffbeb; border-color: #fde68a; color: #78350f; }
.btn { display: inline-flex; align-items: center; gap: 0.4rem; padding: 0.55rem 1rem; border: 0;
  border-radius: var(--radius); background: var(--accent); color: white;
  font: 600 0.95rem var(--font-ui); cursor: pointer; }
.btn:hover { background: #084f96; }
.btn--ghost { background: transparent; color: var(--accent);
  box-shadow: inset 0 0 0 1px currentColor; }
.table { width: 100%; border-collapse: collapse; font: 0.95rem var(--font-ui); }
.table th, .table td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--line);
  text-align: left; }
.table tbody tr:nth-child(odd) { background: #faf7f0; }
.modal { position: fixed; inset: 0; display: grid; place-items: center;
  background: rgba(0, 0, 0, 0.45); }
.modal__panel { width: min(32rem, 92vw); padding: 1.5rem; border-radius: var(--radius);
  background: white; }
.breadcrumbs { display: flex; gap: 0.5rem; font: 0.85rem var(--font-ui); color: var(--muted); }
.breadcrumbs li + li::before { content: "/"; margin-right: 0.5rem; color: var(--line); }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 48rem) {
  .site-nav { display: none; }
  .menu-toggle { display: inline-block; }
  .card--wide { grid-column: auto; }
  body { font-size: 1rem; }
}
@media (prefers-color-scheme: dark) {
  :root { --ink: #e6e6e6; --muted: #a4acb6; --paper: #15171a; --line: #2b2f35;
  --accent-soft: #1e3357; }
  .card, .modal__panel, .menu-toggle { background: #1c1f23; }
  .site-header { background: rgba(21, 23, 26, 0.92); }
}
@media print {
  .site-header, .site-footer, .pager, .tags { display: none; }
  .card { break-inside: avoid; box-shadow: none; }
}
"""

MAIN_JS = """\
import { onReady, toggle } from "./lib.js";

onReady(() => {
  const button = document.querySelector(".menu-toggle");
  const nav = document.querySelector(".site-nav");
  if (button && nav) {
    button.addEventListener("click", () => {
      const open = toggle(nav, "is-open");
      button.setAttribute("aria-expanded", String(open));
    });
  }
  for (const figure of document.querySelectorAll(".card")) {
    figure.addEventListener("click", () => figure.classList.toggle("is-zoomed"));
  }
});
"""

LIB_JS = """\
export function onReady(callback) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", callback, { once: true });
  } else {
    callback();
  }
}

export function toggle(element, name) {
  return element.classList.toggle(name);
}
"""


def write_photo_site(root: Path, pages: int, images: int, pool: Path) -> None:
    """The site under ``root`` (existing, empty); ``pool`` must hold the photos pages show."""
    (root / "css").mkdir(parents=True)
    (root / "css" / "site.css").write_text(SITE_CSS)
    (root / "js").mkdir()
    (root / "js" / "main.js").write_text(MAIN_JS)
    (root / "js" / "lib.js").write_text(LIB_JS)
    img = root / "img"
    img.mkdir()
    for index in shown_photos(pages, images):
        source, target = pool / photo_name(index), img / photo_name(index)
        try:
            os.link(source, target)
        except OSError:
            shutil.copyfile(source, target)
    for page in range(pages):
        target = root / page_path(page)
        target.parent.mkdir(exist_ok=True)
        target.write_text(render_page(page, pages, images))
