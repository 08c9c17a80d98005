"""The site's shape: its spec, file names, which page uses which image and module, filler text.

Everything random comes from :func:`seeded`, a ``random.Random`` seeded by a string made of the
spec's seed, a kind and an index, so each file's content is independent of generation order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SHARED_MODULES = (
    "dom",
    "format",
    "analytics",
    "carousel",
    "tabs",
    "lazy",
    "theme",
    "search",
    "store",
    "i18n",
)
"""Shared modules pages import; each imports ``core.js`` too."""

_WORD_TEXT = (
    "asset build bundle cache chunk client content deploy design device display document "
    "element engine feature frame global graph header image layout loader module network output "
    "package page panel pipeline render request resource route script section server source "
    "static style system target theme token update user value vector view widget window quick "
    "bright steady gentle modern simple robust compact careful early late across between during "
    "without within under over after before while since because we they it you team project "
    "customer reader writer editor people partner market improves reduces handles shows keeps "
    "moves builds ships tests loads serves caches the a of to in and for with on by from that "
    "this each every most some many few"
)
WORDS = tuple(_WORD_TEXT.split())

TAGS = ("news", "guide", "release", "tutorial", "case-study", "reference", "changelog", "faq")


@dataclass(frozen=True, slots=True)
class SiteSpec:
    pages: int = 1000
    sections: int = 20
    seed: str = "site-v1"

    @property
    def per_section(self) -> int:
        return -(-self.pages // self.sections)

    def section_of(self, page: int) -> int:
        return page // self.per_section


def page_path(spec: SiteSpec, page: int) -> str:
    return f"section-{spec.section_of(page):02d}/page-{page:04d}.html"


def image_name(page: int) -> str:
    return f"img-{page:04d}.{'jpg' if page % 2 == 0 else 'png'}"


def page_images(spec: SiteSpec, page: int) -> list[str]:
    """The page's own image first, then one to three others."""
    rng = seeded(spec, "imgs", page)
    others = [i + (i >= page) for i in rng.sample(range(spec.pages - 1), rng.randint(1, 3))]
    return [image_name(i) for i in (page, *others)]


def page_modules(spec: SiteSpec, page: int) -> list[str]:
    rng = seeded(spec, "mods", page)
    return sorted(rng.sample(SHARED_MODULES, rng.randint(1, 2)))


def seeded(spec: SiteSpec, kind: str, index: int) -> random.Random:
    return random.Random(f"{spec.seed}:{kind}:{index}")


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="\n")


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng: random.Random) -> str:
    text = words(rng, rng.randint(8, 18))
    return text[0].upper() + text[1:] + "."
