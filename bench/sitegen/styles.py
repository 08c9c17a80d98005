"""The stylesheets: a shared base and site sheet, one per section, one per page."""

from __future__ import annotations

from pathlib import Path

from bench.sitegen.spec import SiteSpec, image_name, seeded, write_text


def write_stylesheets(root: Path, spec: SiteSpec) -> None:
    write_text(root / "css" / "base.css", BASE_CSS)
    write_text(root / "css" / "site.css", SITE_CSS)
    for section in range(spec.sections):
        write_text(root / "css" / f"section-{section:02d}.css", render_section_css(spec, section))
    for page in range(spec.pages):
        write_text(root / "css" / "pages" / f"page-{page:04d}.css", render_page_css(spec, page))


BASE_CSS = """\
/* Base: reset, tokens, typography. */
*, *::before, *::after { box-sizing: border-box; }
:root {
  --color-text: #1d2330;
  --color-muted: #5b6475;
  --color-accent: #2458d6;
  --color-surface: #ffffff;
  --space-1: 0.25rem;
  --space-2: 0.5rem;
  --space-3: 1rem;
  --space-4: 2rem;
  --radius: 6px;
  --font-body: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
html { font-size: 100%; -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: var(--font-body); color: var(--color-text); line-height: 1.6; }
img { max-width: 100%; height: auto; display: block; }
a { color: var(--color-accent); text-decoration-thickness: 0.08em; }
a:hover, a:focus-visible { text-decoration: none; }
h1, h2, h3 { line-height: 1.2; margin: 0 0 var(--space-3); }
ul { padding-left: 1.25rem; }
button { font: inherit; cursor: pointer; }
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after { animation: none !important; transition: none !important; }
}
"""

SITE_CSS = """\
@import "./base.css";

/* Site chrome shared by every page. */
.site-header {
  display: flex;
  align-items: center;
  gap: var(--space-3);
  padding: var(--space-3) var(--space-4);
  background: #0f1b3d url("../img/img-0000.jpg") center / cover no-repeat;
  color: #fff;
}
.site-header__brand { font-weight: 700; color: inherit; text-decoration: none; }
.nav__list {
  display: flex;
  flex-wrap: wrap;
  gap: var(--space-2);
  list-style: none;
  margin: 0;
  padding: 0;
}
.nav__link { color: #dfe6ff; padding: var(--space-1) var(--space-2); border-radius: var(--radius); }
.nav__link[aria-current="page"] { background: rgba(255, 255, 255, 0.15); }
.theme-toggle {
  margin-left: auto;
  border: 1px solid currentColor;
  background: none;
  color: inherit;
}
.layout {
  display: grid;
  grid-template-columns: minmax(0, 1fr) 18rem;
  gap: var(--space-4);
  max-width: 72rem;
  margin: 0 auto;
  padding: var(--space-4);
}
@media (max-width: 48rem) { .layout { grid-template-columns: 1fr; } }
.article__title { font-size: clamp(1.75rem, 4vw, 2.75rem); }
.article__meta { color: var(--color-muted); }
.article__hero { border-radius: var(--radius); margin-bottom: var(--space-4); }
.article__section + .article__section { margin-top: var(--space-4); }
.figure { margin: var(--space-4) 0; }
.figure__caption { font-size: 0.875rem; color: var(--color-muted); }
.quote { border-left: 4px solid var(--color-accent); margin: 0; padding-left: var(--space-3); }
.sidebar { position: sticky; top: var(--space-3); align-self: start; }
.related { list-style: none; padding: 0; }
.tag {
  display: inline-block;
  padding: 0 var(--space-2);
  border-radius: 999px;
  background: #eef2ff;
}
.search { display: flex; gap: var(--space-1); }
.search__input { flex: 1; min-width: 0; }
.site-footer {
  display: grid;
  grid-template-columns: repeat(3, 1fr);
  gap: var(--space-4);
  padding: var(--space-4);
  background: #f4f6fb url("../img/img-0001.png") right bottom no-repeat;
}
.site-footer__legal { grid-column: 1 / -1; color: var(--color-muted); }
[data-theme="dark"] { --color-text: #e8ecf5; --color-surface: #111827; background: #111827; }
"""


def render_section_css(spec: SiteSpec, section: int) -> str:
    rng = seeded(spec, "section-css", section)
    first = section * spec.per_section
    second = image_name(min(first + 1, spec.pages - 1))
    hue = rng.randrange(360)
    return f"""\
@import "./base.css";

/* Section {section}: accent colour and banners. */
.section--{section:02d} {{
  --color-accent: hsl({hue} 70% 42%);
  --section-tint: hsl({hue} 60% 96%);
}}
.section--{section:02d} .site-header {{
  background-image: linear-gradient(90deg, hsl({hue} 70% 20% / 0.9), transparent),
    url("../img/{image_name(first)}");
}}
.section--{section:02d} .sidebar {{
  background: var(--section-tint) url("../img/{second}") top right / 4rem no-repeat;
  padding: var(--space-3);
  border-radius: var(--radius);
}}
.section--{section:02d} .article__heading::before {{
  content: "§ ";
  color: hsl({hue} 70% 42%);
}}
.section--{section:02d} .tag:hover {{ background: hsl({hue} 70% 90%); }}
"""


def render_page_css(spec: SiteSpec, page: int) -> str:
    rng = seeded(spec, "page-css", page)
    rules = [f"/* Page {page}. */"]
    if page % 2 == 0:
        rules.append(
            f".page--{page:04d} .article__title {{\n  padding-top: 6rem;\n"
            f'  background: url("../../img/{image_name(page)}") left top / 100% 5rem no-repeat;\n}}'
        )
    for i in range(rng.randint(4, 8)):
        prop, value = rng.choice(
            [
                ("margin-block", f"{rng.randint(1, 4)}rem"),
                ("letter-spacing", f"0.0{rng.randint(1, 5)}em"),
                ("color", f"#{rng.randrange(0x1000000):06x}"),
                ("border-bottom", f"{rng.randint(1, 3)}px solid #{rng.randrange(0x1000000):06x}"),
                ("font-size", f"{rng.uniform(0.9, 1.3):.2f}rem"),
                (
                    "box-shadow",
                    f"0 {rng.randint(1, 6)}px {rng.randint(4, 16)}px rgb(0 0 0 / 0.1{i})",
                ),
            ]
        )
        target = rng.choice(
            [
                "article__text",
                "article__heading",
                "figure__img",
                "related__item",
                "quote",
                "article__item",
                "tag",
                "search__button",
            ]
        )
        rules.append(f".page--{page:04d} .{target}:nth-of-type({i + 1}) {{\n  {prop}: {value};\n}}")
    return "\n".join(rules) + "\n"
