"""The stylesheets: npm packages at exact versions, the files vendored from each, and the page.

Each :class:`Stylesheet` says which files to copy out of ``node_modules`` into the site (as a
user vendors a framework: the CSS and the fonts it references, keeping their relative layout),
which ``<link rel="stylesheet">`` the page has, in order, and the site's own stylesheet
(``css/site.css``, linked last) when there is one; some of those ``@import`` the vendored CSS
(with ``layer()`` and media conditions), so ``@import`` inlining is exercised on real files.
Tailwind's stylesheet is compiled from the page by the Tailwind CLI (its own utilities and
Preflight), as a Tailwind site ships it.

Two entries refer to files under the site's own ``node_modules/`` (a ``<link>`` and an
``@import``), as a site that does not vendor anything does (issue #12's bug 6, fixed in
02a0e08). ``known_failure`` marks an entry whose build is expected to fail, with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .pages import classless, frameworks, special
from .pages.common import Page


@dataclass(frozen=True)
class Stylesheet:
    name: str
    packages: tuple[str, ...]  # npm specs, exact versions
    vendor: tuple[tuple[str, str], ...]  # (path under node_modules, path in the site)
    links: tuple[str, ...]  # hrefs of the page's <link rel="stylesheet">, in order
    page: Callable[[], Page]
    about: str
    site_css: str = ""  # css/site.css, linked after `links`
    tailwind: str = ""  # a Tailwind CLI input compiled into css/tailwind.css
    known_failure: str = ""  # why the build is expected to fail today (an issue)
    tools: tuple[str, ...] = field(default=())  # npm packages needed to prepare, not vendored


BOOTSTRAP = ("bootstrap@5.3.9", "bootstrap-icons@1.13.2")
NORMALIZE = "normalize.css@8.0.1"

SANITIZE_SITE_CSS = """@import "../vendor/sanitize/sanitize.css" layer(reset);
@import "../vendor/sanitize/forms.css" layer(reset);
@import "../vendor/sanitize/assets.css" layer(reset);
@import "../vendor/sanitize/typography.css" layer(reset) supports(font-family: system-ui);
@import "../vendor/sanitize/reduce-motion.css" layer(reset) (prefers-reduced-motion: reduce);
@import "../vendor/sanitize/ui-monospace.css" layer(reset);
"""

STYLESHEETS: tuple[Stylesheet, ...] = (
    Stylesheet(
        "normalize.css",
        (NORMALIZE,),
        (("normalize.css/normalize.css", "vendor/normalize.css"),),
        ("vendor/normalize.css",),
        lambda: classless.reset_page("normalize.css page"),
        "a reset, and a site stylesheet with a background image",
        site_css=classless.RESET_SITE_CSS,
    ),
    Stylesheet(
        "modern-normalize",
        ("modern-normalize@3.0.1",),
        (("modern-normalize/modern-normalize.css", "vendor/modern-normalize.css"),),
        (),
        lambda: classless.reset_page("modern-normalize page"),
        "a reset @imported by the site stylesheet",
        site_css='@import "../vendor/modern-normalize.css";\n' + classless.RESET_SITE_CSS,
    ),
    Stylesheet(
        "sanitize.css",
        ("sanitize.css@13.0.0",),
        (("sanitize.css", "vendor/sanitize"),),
        (),
        lambda: classless.reset_page("sanitize.css page"),
        "six files @imported with layer(), supports() and a media query",
        site_css=SANITIZE_SITE_CSS + classless.RESET_SITE_CSS,
    ),
    Stylesheet(
        "pico",
        ("@picocss/pico@2.1.1",),
        (("@picocss/pico/css/pico.css", "vendor/pico/pico.css"),),
        ("vendor/pico/pico.css",),
        classless.pico,
        "classless with custom properties, SVG data URIs, :has(), :where()",
    ),
    Stylesheet(
        "bootstrap",
        BOOTSTRAP,
        (
            ("bootstrap/dist/css/bootstrap.css", "vendor/bootstrap/css/bootstrap.css"),
            (
                "bootstrap-icons/font/bootstrap-icons.css",
                "vendor/bootstrap-icons/bootstrap-icons.css",
            ),
            ("bootstrap-icons/font/fonts", "vendor/bootstrap-icons/fonts"),
        ),
        ("vendor/bootstrap/css/bootstrap.css", "vendor/bootstrap-icons/bootstrap-icons.css"),
        frameworks.bootstrap,
        "components; an icon font whose url()s carry a ?query",
    ),
    Stylesheet(
        "bulma",
        ("bulma@1.0.4",),
        (("bulma/css/bulma.css", "vendor/bulma/bulma.css"),),
        (),
        frameworks.bulma,
        "760 KB @imported by the site stylesheet; custom properties, hsl() from variables",
        site_css='@import "../vendor/bulma/bulma.css";\n.hero .title { letter-spacing: -.02em; }\n',
    ),
    Stylesheet(
        "foundation",
        ("foundation-sites@6.9.0",),
        (("foundation-sites/dist/css/foundation.css", "vendor/foundation/foundation.css"),),
        ("vendor/foundation/foundation.css",),
        frameworks.foundation,
        "XY grid, a meta font-family carrying breakpoints, legacy prefixes",
    ),
    Stylesheet(
        "spectre",
        ("spectre.css@0.5.9",),
        tuple(
            (f"spectre.css/dist/{n}.css", f"vendor/spectre/{n}.css")
            for n in ("spectre", "spectre-icons", "spectre-exp")
        ),
        tuple(f"vendor/spectre/{n}.css" for n in ("spectre", "spectre-icons", "spectre-exp")),
        frameworks.spectre,
        "three stylesheets; CSS-drawn icons with ::before/::after",
    ),
    Stylesheet(
        "milligram",
        (NORMALIZE, "milligram@1.4.1"),
        (
            ("normalize.css/normalize.css", "vendor/normalize.css"),
            ("milligram/dist/milligram.css", "vendor/milligram.css"),
        ),
        ("vendor/normalize.css", "vendor/milligram.css"),
        classless.milligram,
        "two stylesheets; a float grid",
    ),
    Stylesheet(
        "water.css",
        ("water.css@2.1.1",),
        (("water.css/out/water.css", "vendor/water.css"),),
        ("vendor/water.css",),
        classless.water,
        "classless theme with prefers-color-scheme",
    ),
    Stylesheet(
        "open-props",
        ("open-props@1.7.23",),
        tuple(
            (f"open-props/{n}.min.css", f"vendor/open-props/{n}.min.css")
            for n in ("open-props", "normalize", "buttons")
        ),
        tuple(f"vendor/open-props/{n}.min.css" for n in ("open-props", "normalize", "buttons")),
        classless.open_props,
        "hundreds of custom properties; a site stylesheet written with them",
        site_css=classless.OPEN_PROPS_SITE_CSS,
    ),
    Stylesheet(
        "tachyons",
        ("tachyons@4.12.0",),
        (("tachyons/css/tachyons.css", "vendor/tachyons.css"),),
        ("vendor/tachyons.css",),
        special.tachyons,
        "atomic classes, url( data: ) with spaces",
    ),
    Stylesheet(
        "tailwind",
        (),
        (),
        ("css/tailwind.css",),
        special.tailwind,
        "Tailwind v4 output: @layer, @property, oklch(), color-mix(), range media queries",
        tailwind=special.TAILWIND_INPUT,
        tools=("tailwindcss@4.3.5", "@tailwindcss/cli@4.3.5"),
    ),
    Stylesheet(
        "reveal.js",
        ("reveal.js@6.0.2",),
        (
            ("reveal.js/dist/reset.css", "vendor/reveal/reset.css"),
            ("reveal.js/dist/reveal.css", "vendor/reveal/reveal.css"),
            ("reveal.js/dist/theme/black.css", "vendor/reveal/theme/black.css"),
        ),
        ("vendor/reveal/reset.css", "vendor/reveal/reveal.css", "vendor/reveal/theme/black.css"),
        special.reveal,
        "a theme with its web fonts embedded as data: URIs (560 KB)",
    ),
    Stylesheet(
        "animate.css",
        ("animate.css@4.1.1",),
        (("animate.css/animate.css", "vendor/animate.css"),),
        ("vendor/animate.css",),
        special.animate,
        "@keyframes (compared paused at 250 ms), custom-property durations",
        site_css=special.ANIMATE_SITE_CSS,
    ),
    Stylesheet(
        "fontawesome",
        ("@fortawesome/fontawesome-free@7.3.1",),
        (
            ("@fortawesome/fontawesome-free/css/all.css", "vendor/fontawesome/css/all.css"),
            ("@fortawesome/fontawesome-free/webfonts", "vendor/fontawesome/webfonts"),
        ),
        ("vendor/fontawesome/css/all.css",),
        special.fontawesome,
        'an icon font: url(../webfonts/...) rewriting, content: "\\f015" escapes',
        site_css=special.FA_SITE_CSS,
    ),
    Stylesheet(
        "primer",
        ("@primer/css@22.3.2",),
        (
            ("@primer/css/dist/primitives.css", "vendor/primer/primitives.css"),
            ("@primer/css/dist/primer.css", "vendor/primer/primer.css"),
        ),
        ("vendor/primer/primitives.css", "vendor/primer/primer.css"),
        special.primer,
        "1 MB design system with colour-mode selectors",
    ),
    Stylesheet(
        "bootstrap (node_modules)",
        BOOTSTRAP,
        (
            ("bootstrap/dist/css/bootstrap.css", "node_modules/bootstrap/dist/css/bootstrap.css"),
            (
                "bootstrap-icons/font/bootstrap-icons.css",
                "node_modules/bootstrap-icons/font/bootstrap-icons.css",
            ),
            ("bootstrap-icons/font/fonts", "node_modules/bootstrap-icons/font/fonts"),
        ),
        (
            "node_modules/bootstrap/dist/css/bootstrap.css",
            "node_modules/bootstrap-icons/font/bootstrap-icons.css",
        ),
        frameworks.bootstrap,
        "<link href> straight into node_modules/ (issue #12 bug 6)",
    ),
    Stylesheet(
        "water.css (node_modules)",
        ("water.css@2.1.1",),
        (("water.css/out/water.css", "node_modules/water.css/out/water.css"),),
        (),
        classless.water,
        "@import of a file under node_modules/ (issue #12 bug 6)",
        site_css='@import "../node_modules/water.css/out/water.css";\n',
    ),
)


def by_name(names: list[str] | None) -> list[Stylesheet]:
    """The stylesheets named (all when ``names`` is empty or None); KeyError for an unknown."""
    if not names:
        return list(STYLESHEETS)
    known = {s.name: s for s in STYLESHEETS}
    missing = [n for n in names if n not in known]
    if missing:
        raise KeyError(f"unknown stylesheet {', '.join(missing)}; known: {', '.join(known)}")
    return [known[n] for n in names]


def packages(sheets: list[Stylesheet]) -> list[str]:
    """Every npm spec the stylesheets need, once each, sorted."""
    return sorted({p for s in sheets for p in (*s.packages, *s.tools)})
