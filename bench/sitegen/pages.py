"""The HTML pages: header and nav, an article with text, lists and figures, aside, footer."""

from __future__ import annotations

import random
from pathlib import Path

from bench.sitegen.spec import (
    TAGS,
    SiteSpec,
    page_images,
    page_path,
    seeded,
    sentence,
    words,
    write_text,
)


def write_pages(root: Path, spec: SiteSpec) -> None:
    for page in range(spec.pages):
        write_text(root / page_path(spec, page), render_page(spec, page))


def render_page(spec: SiteSpec, page: int) -> str:
    rng = seeded(spec, "page", page)
    section = spec.section_of(page)
    title = words(rng, 4).title()
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '  <meta charset="utf-8">',
            '  <meta name="viewport" content="width=device-width, initial-scale=1">',
            f"  <title>{title} · Section {section} · Example Co</title>",
            f'  <meta name="description" content="{sentence(rng)}">',
            '  <link rel="icon" type="image/png" href="../img/favicon.png">',
            '  <link rel="stylesheet" href="../css/site.css">',
            f'  <link rel="stylesheet" href="../css/section-{section:02d}.css">',
            f'  <link rel="stylesheet" href="../css/pages/page-{page:04d}.css">',
            f'  <script type="module" src="../js/pages/page-{page:04d}.js"></script>',
            "</head>",
            f'<body class="page page--{page:04d} section--{section:02d}">',
            _header(spec, section),
            '<main class="layout">',
            _article(spec, page, rng, title),
            _aside(spec, page, rng),
            "</main>",
            _footer(spec, rng),
            "</body>",
            "</html>",
            "",
        ]
    )


def _header(spec: SiteSpec, section: int) -> str:
    items = []
    for s in range(spec.sections):
        current = ' aria-current="page"' if s == section else ""
        first = f"../section-{s:02d}/page-{s * spec.per_section:04d}.html"
        items.append(
            f'      <li class="nav__item"><a class="nav__link" href="{first}"{current}>'
            f"Section {s}</a></li>"
        )
    return "\n".join(
        [
            '<header class="site-header">',
            '  <a class="site-header__brand" href="../section-00/page-0000.html">Example Co</a>',
            '  <nav class="nav" aria-label="Sections">',
            '    <ul class="nav__list">',
            *items,
            "    </ul>",
            "  </nav>",
            '  <button class="theme-toggle" type="button" data-action="theme">Theme</button>',
            "</header>",
        ]
    )


def _article(spec: SiteSpec, page: int, rng: random.Random, title: str) -> str:
    images = page_images(spec, page)
    parts = [
        f'<article class="article" data-page="{page}">',
        f'  <h1 class="article__title">{title}</h1>',
        f'  <p class="article__meta">By <span class="author">{words(rng, 2).title()}</span> · '
        f'<time datetime="2024-{1 + page % 12:02d}-{1 + page % 28:02d}">'
        f"{page % 28 + 1} days ago</time></p>",
        f'  <img class="article__hero" src="../img/{images[0]}" alt="{words(rng, 5)}">',
    ]
    for block in range(10):
        parts.append(f'  <section class="article__section" id="part-{block}">')
        parts.append(
            f'    <h2 class="article__heading">{words(rng, rng.randint(3, 6)).capitalize()}</h2>'
        )
        for _ in range(3):
            sentences = " ".join(sentence(rng) for _ in range(rng.randint(3, 5)))
            parts.append(f'    <p class="article__text">{sentences}</p>')
        if block % 3 == 1:
            parts.append('    <ul class="article__list">')
            parts += [f'      <li class="article__item">{sentence(rng)}</li>' for _ in range(4)]
            parts.append("    </ul>")
        if block in (2, 5, 8) and len(images) > 1 + block // 3:
            image = images[1 + block // 3]
            parts.append('    <figure class="figure">')
            parts.append(
                f'      <img class="figure__img" src="../img/{image}" '
                f'alt="{words(rng, 4)}" loading="lazy">'
            )
            parts.append(f'      <figcaption class="figure__caption">{sentence(rng)}</figcaption>')
            parts.append("    </figure>")
        if block == 4:
            parts.append(f'    <blockquote class="quote"><p>{sentence(rng)}</p></blockquote>')
        parts.append("  </section>")
    parts.append("</article>")
    return "\n".join(parts)


def _aside(spec: SiteSpec, page: int, rng: random.Random) -> str:
    related = rng.sample(range(spec.pages), 6)
    links = [
        f'    <li class="related__item"><a href="../{page_path(spec, r)}">'
        f"{words(rng, 4).capitalize()}</a></li>"
        for r in related
    ]
    tags = [f'<a class="tag" href="#tag-{t}">{t}</a>' for t in rng.sample(TAGS, 3)]
    return "\n".join(
        [
            '<aside class="sidebar">',
            '  <h2 class="sidebar__title">Related</h2>',
            '  <ul class="related">',
            *links,
            "  </ul>",
            f'  <p class="tags">{" ".join(tags)}</p>',
            '  <form class="search" role="search"><input class="search__input" name="q" '
            'placeholder="Search"><button class="search__button">Go</button></form>',
            "</aside>",
        ]
    )


def _footer(spec: SiteSpec, rng: random.Random) -> str:
    columns = []
    for c in range(3):
        links = "".join(f'<li><a href="#f{c}-{i}">{words(rng, 2)}</a></li>' for i in range(5))
        columns.append(
            f'  <div class="footer__col"><h3>{words(rng, 2).title()}</h3><ul>{links}</ul></div>'
        )
    return "\n".join(
        [
            '<footer class="site-footer">',
            *columns,
            f'  <p class="site-footer__legal">{sentence(rng)} © Example Co.</p>',
            "</footer>",
        ]
    )
