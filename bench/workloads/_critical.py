"""Helpers of the critical-CSS workloads (``critical``, ``critical-speed``); not a workload.

- :func:`make_fixture`: the pages of ``critical`` (the test suite's ``tests/css/pages/``, one
  fixture for both) plus the two web fonts their CSS names.
- :class:`RenderChecks`: for each contender, Chromium's computed style of every element of
  every page with only the CSS the tool inlined (every ``.css`` request refused) against the
  unprocessed page; figures, a side-by-side report file and the info line.
- :func:`write_bootstrap_pages`: the deterministic pages of ``critical-speed``.
- :func:`count_selectors`, :func:`style_bytes`: what a stylesheet holds, what a page inlines.
"""

from __future__ import annotations

import hashlib
import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2

from bench.browser import DUMP, Difference, compare, computed_styles, serve
from bench.harness import REPO_DIR, CheckFailed, Context, Figures

FIXTURE = REPO_DIR / "tests" / "css" / "pages"
FONT = REPO_DIR / "site_src" / "fonts" / "inter-latin-var.woff2"
FIXTURE_PAGES = ("index.html", "about.html")


def fixture_version() -> str:
    """Changes whenever a fixture file or the font does (the input is then made again)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in FIXTURE.rglob("*") if p.is_file()) + [FONT]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return f"critical-fixture-v1 {digest.hexdigest()[:16]}"


def make_fixture(dest: Path) -> None:
    """The fixture's pages and stylesheets, and ``fonts/fixture.woff2``, ``fonts/unused.woff2``."""
    shutil.copytree(FIXTURE, dest, dirs_exist_ok=True)
    (dest / "fonts").mkdir()
    shutil.copy(FONT, dest / "fonts" / "fixture.woff2")
    shutil.copy(FONT, dest / "fonts" / "unused.woff2")


# --- what a page inlines, what a stylesheet holds --------------------------------------------

_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.S | re.I)


def style_bytes(html: str) -> int:
    """UTF-8 bytes of the CSS inside the page's ``<style>`` elements."""
    return sum(len(m.encode()) for m in _STYLE.findall(html))


_NOT_STYLE_RULES = frozenset({"keyframes", "-webkit-keyframes", "font-face", "page", "property"})


def count_selectors(css: str) -> tuple[int, int]:
    """(style rules, selectors) of a stylesheet: each rule's comma-separated selector list,
    inside ``@media``/``@supports``/``@layer``/... too; not keyframe steps (``from``, ``50%``)."""
    rules = selectors = 0

    def walk(nodes: list) -> None:
        nonlocal rules, selectors
        for node in nodes:
            if node.type == "qualified-rule":
                rules += 1
                selectors += 1 + sum(
                    1 for t in node.prelude if t.type == "literal" and t.value == ","
                )
                if node.content:  # nested rules (a nesting stylesheet)
                    walk(_nested(node.content))
            elif (
                node.type == "at-rule"
                and node.content is not None
                and node.lower_at_keyword not in _NOT_STYLE_RULES
            ):
                walk(tinycss2.parse_blocks_contents(node.content, skip_comments=True))

    walk(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True))
    return rules, selectors


def _nested(content: list) -> list:
    return [
        n
        for n in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True)
        if n.type in ("qualified-rule", "at-rule")
    ]


# --- rendering checks ------------------------------------------------------------------------


@dataclass(slots=True)
class PageResult:
    elements: int
    inlined: list[Difference]  # only the inlined CSS applies (.css refused)
    loaded: list[Difference]  # the processed page with its stylesheets loaded
    fonts_expected: list[str]
    fonts_inlined: list[str]
    inlined_bytes: int

    @property
    def elements_differing(self) -> int:
        return len({d.index for d in self.inlined})

    @property
    def fonts_missing(self) -> list[str]:
        return sorted(set(self.fonts_expected) - set(self.fonts_inlined))


@dataclass(slots=True)
class RenderChecks:
    """Checks of the ``critical`` contenders, and the report they fill in together.

    ``site`` holds the unprocessed pages (the reference: their stylesheets load); a contender's
    output folder holds the processed ones, served at the root, with every ``.css`` request
    answered 404 so that only the ``<style>`` the tool inlined applies. Each check writes
    ``<work>/report.md``: every page's elements, side by side per tool, with the properties
    whose computed value differs from the reference.
    """

    ctx: Context
    site: Path
    pages: Sequence[str]
    results: dict[str, dict[str, PageResult]] = field(default_factory=dict)
    _reference: dict[str, dict] = field(default_factory=dict)

    @property
    def report_path(self) -> Path:
        return self.ctx.work / "report.md"

    def reference(self, page: str) -> dict:
        if page not in self._reference:
            with serve(self.site, inject=DUMP) as base:
                self._reference[page] = computed_styles(base + page)
        return self._reference[page]

    def check(self, name: str, *, must_match: bool) -> Callable[[Path], Figures]:
        """The check of contender ``name``; with ``must_match`` any difference fails the run."""

        def check(out: Path) -> Figures:
            if not out.is_dir():
                raise CheckFailed(f"no output folder {out}")
            results = {page: self._render(out, page) for page in self.pages}
            self.results[name] = results
            self._write_report()
            figures: Figures = {
                "pages": len(results),
                "elements": sum(r.elements for r in results.values()),
                "elements_differing": sum(r.elements_differing for r in results.values()),
                "loaded_differing": sum(len({d.index for d in r.loaded}) for r in results.values()),
                "fonts_missing": sum(len(r.fonts_missing) for r in results.values()),
                "inlined_bytes": sum(r.inlined_bytes for r in results.values()),
            }
            self.ctx.info["elements_differing"] = ", ".join(
                f"{tool} {sum(r.elements_differing for r in res.values())}/"
                f"{sum(r.elements for r in res.values())}"
                for tool, res in self.results.items()
            )
            report = self.report_path
            self.ctx.info["report"] = str(
                report.relative_to(REPO_DIR) if report.is_relative_to(REPO_DIR) else report
            )
            wrong = ("elements_differing", "loaded_differing", "fonts_missing")
            if must_match and any(figures[key] for key in wrong):
                raise CheckFailed(
                    f"{figures['elements_differing']:g} of {figures['elements']:g} elements "
                    f"styled differently by the inlined CSS alone, "
                    f"{figures['loaded_differing']:g} with the stylesheets loaded, "
                    f"{figures['fonts_missing']:g} font(s) missing (side by side in "
                    f"{self.ctx.info['report']})\n{describe(results)}"
                )
            return figures

        return check

    def _render(self, out: Path, page: str) -> PageResult:
        if not (out / page).is_file():
            raise CheckFailed(f"no page {page} in the output")
        expected = self.reference(page)
        with serve(out, inject=DUMP, refuse=(".css",)) as base:
            inlined = computed_styles(base + page)
        with serve(out, inject=DUMP) as base:
            loaded = computed_styles(base + page)
        return PageResult(
            elements=len(expected["styles"]),
            inlined=compare(expected, inlined),
            loaded=compare(expected, loaded),
            fonts_expected=expected["fonts"],
            fonts_inlined=inlined["fonts"],
            inlined_bytes=style_bytes((out / page).read_text("utf-8")),
        )

    def _write_report(self) -> None:
        self.report_path.write_text(render_report(self.results, self._reference))


def describe(results: dict[str, PageResult], limit: int = 40) -> str:
    """The differences of one contender, one line each (page, element, property, values)."""
    lines = []
    for page, r in results.items():
        for d in r.inlined:
            lines.append(
                f"{page} #{d.index} <{d.element}> {d.prop}: "
                f"full CSS {d.expected!r}, inlined only {d.got!r}"
            )
        for d in r.loaded:
            lines.append(
                f"{page} #{d.index} <{d.element}> {d.prop} (stylesheets loaded): "
                f"full CSS {d.expected!r}, processed page {d.got!r}"
            )
        for family in r.fonts_missing:
            lines.append(f"{page}: font {family!r} not loaded with the inlined CSS only")
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return f"{len(lines)} difference(s):\n" + "\n".join(lines[:limit]) + more


# Properties whose value follows from others (colours that default to `currentColor`, sizes
# and origins that follow layout, logical properties that mirror physical ones): left out of
# the summary of a report cell, though counted and listed in full.
_DERIVED = re.compile(
    r"^(-webkit-text-(fill|stroke)-color|caret-color|(column|row)-rule-color|outline-color"
    r"|text-(decoration|emphasis)-color|(min-|max-)?(block|inline)-size|height|width"
    r"|(perspective|transform)-origin|.*-(block|inline)(-start|-end)?(-[a-z]+)?"
    r"|border-(start|end)-(start|end)-radius)$"
)
_SIDES = (
    (re.compile(r"^(padding|margin|inset)-(top|right|bottom|left)$"), r"\1"),
    (re.compile(r"^border-(top|right|bottom|left)-(style|width|color)$"), r"border-\2"),
    (re.compile(r"^border-(top|bottom)-(left|right)-radius$"), "border-radius"),
)


def _cell(found: list[Difference], shown: int = 4) -> str:
    """``N: prop a -> b; ...``: how many properties differ, and the telling ones."""
    color = next(((d.expected, d.got) for d in found if d.prop == "color"), None)
    telling: dict[str, Difference] = {}
    for d in found:
        if _DERIVED.match(d.prop):
            continue
        if (
            d.prop.startswith("border-")
            and d.prop.endswith("-color")
            and ((d.expected, d.got) == color)
        ):
            continue  # currentColor
        name = d.prop
        for pattern, replacement in _SIDES:
            name = pattern.sub(replacement, name)
        telling.setdefault(name, d)
    parts = [
        f"{name} `{d.expected}` → `{d.got}`".replace("|", "\\|") for name, d in telling.items()
    ]
    if not parts:
        names = ", ".join(d.prop for d in found[:shown])
        return f"{len(found)}: derived only ({names}{', ...' if len(found) > shown else ''})"
    more = f"; +{len(parts) - shown} more" if len(parts) > shown else ""
    return f"{len(found)}: " + "; ".join(parts[:shown]) + more


def render_report(results: dict[str, dict[str, PageResult]], reference: dict[str, dict]) -> str:
    """Markdown: per page, each element and, per tool, the properties that differ."""
    tools = list(results)
    out = [
        "# critical: computed styles with only the inlined CSS",
        "",
        "Reference: the unprocessed page with its stylesheets. Each tool's column: its processed",
        "page served with every `.css` request answered 404 (only the CSS inlined in `<style>`",
        "applies): how many of the element's computed properties differ, then the telling ones",
        "(expected `full CSS` → `inlined CSS only`; colours that follow `color`, sizes that",
        "follow layout and logical twins of physical properties are counted, not shown).",
        "",
        "| tool | page | elements | elements differing | properties differing | fonts "
        "missing | differing with stylesheets loaded | inlined bytes |",
        "|---|---|---:|---:|---:|---|---:|---:|",
    ]
    for tool in tools:
        for page, r in results[tool].items():
            out.append(
                f"| {tool} | {page} | {r.elements} | {r.elements_differing} | {len(r.inlined)} "
                f"| {', '.join(r.fonts_missing) or '-'} | {len({d.index for d in r.loaded})} "
                f"| {r.inlined_bytes} |"
            )
    pages = list(next(iter(results.values()))) if results else []
    for page in pages:
        names = [e[0] for e in reference[page]["styles"]]
        out += ["", f"## {page}", "", "| # | element | " + " | ".join(tools) + " |"]
        out.append("|---:|---|" + "---|" * len(tools))
        for index, name in enumerate(names):
            cells = []
            for tool in tools:
                found = [d for d in results[tool][page].inlined if d.index == index]
                cells.append(_cell(found) if found else "same")
            out.append(f"| {index} | `{name}` | " + " | ".join(cells) + " |")
    for tool in tools:
        out += ["", f"## {tool}: every difference", "", "```"]
        text = describe(results[tool], limit=10_000)
        out += [text, "```"]
    return "\n".join(out) + "\n"


# --- the pages of critical-speed -------------------------------------------------------------

_LOREM = (
    "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco "
    "laboris nisi aliquip ex ea commodo consequat duis aute irure in reprehenderit voluptate "
    "velit esse cillum fugiat nulla pariatur excepteur sint occaecat cupidatat non proident sunt "
    "culpa qui officia deserunt mollit anim id est laborum"
)
_WORDS = tuple(_LOREM.split())
_VARIANTS = ("primary", "secondary", "success", "danger", "warning", "info", "light", "dark")


class _PageWriter:
    """One generated page: Bootstrap components picked and filled by a seeded random."""

    def __init__(self, rng: random.Random, number: int) -> None:
        self.rng, self.number, self.ids = rng, number, 0

    def words(self, low: int, high: int) -> str:
        text = " ".join(self.rng.choice(_WORDS) for _ in range(self.rng.randint(low, high)))
        return text[:1].upper() + text[1:]

    def uid(self, prefix: str) -> str:
        self.ids += 1
        return f"{prefix}-{self.ids}"

    def variant(self) -> str:
        return self.rng.choice(_VARIANTS)

    def size(self) -> str:
        return self.rng.choice(("", " btn-sm"))

    def navbar(self) -> str:
        items = "".join(
            f'<li class="nav-item"><a class="nav-link{" active" if i == 0 else ""}" '
            f'href="#">{self.words(1, 2)}</a></li>\n'
            for i in range(self.rng.randint(3, 5))
        )
        menu = "".join(
            f'<li><a class="dropdown-item" href="#">{self.words(1, 3)}</a></li>' for _ in range(3)
        )
        nav = self.uid("nav")
        dark = self.rng.random() < 0.5
        theme = ' data-bs-theme="dark"' if dark else ""
        return f"""<nav class="navbar navbar-expand-lg {"bg-dark" if dark else "bg-body-tertiary"}"{theme}>
<div class="container-fluid">
<a class="navbar-brand" href="#">Site {self.number}</a>
<button class="navbar-toggler" type="button" data-bs-toggle="collapse" data-bs-target="#{nav}" aria-controls="{nav}" aria-expanded="false" aria-label="Toggle navigation"><span class="navbar-toggler-icon"></span></button>
<div class="collapse navbar-collapse" id="{nav}">
<ul class="navbar-nav me-auto mb-2 mb-lg-0">
{items}<li class="nav-item dropdown"><a class="nav-link dropdown-toggle" href="#" role="button" data-bs-toggle="dropdown" aria-expanded="false">More</a>
<ul class="dropdown-menu">{menu}<li><hr class="dropdown-divider"></li></ul></li>
</ul>
<form class="d-flex" role="search"><input class="form-control me-2" type="search" placeholder="Search" aria-label="Search"><button class="btn btn-outline-success" type="submit">Search</button></form>
</div>
</div>
</nav>
"""  # noqa: E501

    def hero(self) -> str:
        return f"""<div class="px-4 py-5 my-5 text-center">
<h1 class="display-5 fw-bold text-body-emphasis">{self.words(3, 6)}</h1>
<div class="col-lg-6 mx-auto">
<p class="lead mb-4">{self.words(25, 45)}</p>
<div class="d-grid gap-2 d-sm-flex justify-content-sm-center">
<button type="button" class="btn btn-{self.variant()} btn-lg px-4 gap-3">{self.words(1, 2)}</button>
<button type="button" class="btn btn-outline-secondary btn-lg px-4">{self.words(1, 2)}</button>
</div>
</div>
</div>
"""

    def cards(self) -> str:
        cols = self.rng.choice(("row-cols-md-2", "row-cols-md-3", "row-cols-lg-4"))
        cards = "".join(
            f"""<div class="col"><div class="card h-100 shadow-sm">
<div class="card-body"><h5 class="card-title">{self.words(2, 4)}</h5>
<p class="card-text">{self.words(15, 30)}</p>
<a href="#" class="btn btn-{self.variant()}{self.size()}">{self.words(1, 2)}</a></div>
<div class="card-footer"><small class="text-body-secondary">{self.words(2, 4)}</small></div>
</div></div>
"""
            for _ in range(self.rng.randint(3, 6))
        )
        return f'<div class="row row-cols-1 {cols} g-4 mb-5">\n{cards}</div>\n'

    def alerts(self) -> str:
        return "".join(
            f'<div class="alert alert-{self.variant()} alert-dismissible fade show" role="alert">'
            f"<strong>{self.words(1, 2)}</strong> {self.words(8, 16)}"
            '<button type="button" class="btn-close" data-bs-dismiss="alert" aria-label="Close">'
            "</button></div>\n"
            for _ in range(self.rng.randint(1, 3))
        )

    def table(self) -> str:
        head = "".join(f'<th scope="col">{self.words(1, 1)}</th>' for _ in range(4))
        rows = "".join(
            f'<tr><th scope="row">{i}</th>'
            + "".join(f"<td>{self.words(1, 3)}</td>" for _ in range(3))
            + "</tr>\n"
            for i in range(1, self.rng.randint(5, 12))
        )
        kind = self.rng.choice(("table-striped", "table-hover", "table-bordered"))
        return (
            f'<div class="table-responsive"><table class="table {kind} align-middle">\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}</tbody></table></div>\n"
        )

    def list_group(self) -> str:
        items = "".join(
            '<li class="list-group-item d-flex justify-content-between align-items-center">'
            f"{self.words(2, 5)}"
            f'<span class="badge text-bg-{self.variant()} rounded-pill">{self.rng.randint(1, 99)}'
            "</span></li>\n"
            for _ in range(self.rng.randint(3, 7))
        )
        return f'<ul class="list-group mb-4">\n{items}</ul>\n'

    def form(self) -> str:
        email, password, check = self.uid("email"), self.uid("password"), self.uid("check")
        return f"""<form class="row g-3 mb-5">
<div class="col-md-6"><label for="{email}" class="form-label">Email</label><input type="email" class="form-control" id="{email}"></div>
<div class="col-md-6"><label for="{password}" class="form-label">Password</label><input type="password" class="form-control" id="{password}"></div>
<div class="col-12"><div class="input-group"><span class="input-group-text">@</span><input type="text" class="form-control" placeholder="Username" aria-label="Username"></div></div>
<div class="col-md-4"><select class="form-select"><option selected>Choose...</option><option>{self.words(1, 2)}</option></select></div>
<div class="col-12"><div class="form-check"><input class="form-check-input" type="checkbox" id="{check}"><label class="form-check-label" for="{check}">{self.words(2, 5)}</label></div></div>
<div class="col-12"><button type="submit" class="btn btn-{self.variant()}">{self.words(1, 2)}</button></div>
</form>
"""  # noqa: E501

    def breadcrumb_pagination(self) -> str:
        crumbs = "".join(
            f'<li class="breadcrumb-item"><a href="#">{self.words(1, 2)}</a></li>'
            for _ in range(self.rng.randint(1, 3))
        )
        pages = "".join(
            f'<li class="page-item{" active" if i == 2 else ""}"><a class="page-link" href="#">'
            f"{i}</a></li>"
            for i in range(1, self.rng.randint(4, 8))
        )
        return (
            f'<nav aria-label="breadcrumb"><ol class="breadcrumb">{crumbs}'
            f'<li class="breadcrumb-item active" aria-current="page">{self.words(1, 2)}</li>'
            "</ol></nav>\n"
            f'<nav aria-label="Pages"><ul class="pagination">'
            '<li class="page-item disabled"><a class="page-link">Previous</a></li>'
            f'{pages}<li class="page-item"><a class="page-link" href="#">Next</a></li>'
            "</ul></nav>\n"
        )

    def accordion(self) -> str:
        acc = self.uid("acc")
        items = ""
        for i in range(self.rng.randint(2, 4)):
            item = self.uid("item")
            shown = " show" if i == 0 else ""
            collapsed = "" if i == 0 else " collapsed"
            items += f"""<div class="accordion-item">
<h2 class="accordion-header"><button class="accordion-button{collapsed}" type="button" data-bs-toggle="collapse" data-bs-target="#{item}">{self.words(2, 5)}</button></h2>
<div id="{item}" class="accordion-collapse collapse{shown}" data-bs-parent="#{acc}"><div class="accordion-body">{self.words(20, 40)}</div></div>
</div>
"""  # noqa: E501
        return f'<div class="accordion mb-5" id="{acc}">\n{items}</div>\n'

    def article(self) -> str:
        count = self.rng.randint(2, 4)
        paragraphs = "".join(f"<p>{self.words(30, 60)}</p>\n" for _ in range(count))
        return f"""<article class="mb-5">
<h2 class="display-6 link-body-emphasis mb-1">{self.words(3, 7)}</h2>
<p class="text-body-secondary">{self.words(3, 5)}</p>
{paragraphs}<blockquote class="blockquote"><p>{self.words(10, 20)}</p></blockquote>
<figure class="figure"><figcaption class="figure-caption">{self.words(4, 8)}</figcaption></figure>
</article>
"""

    def grid(self) -> str:
        cols = "".join(
            f'<div class="col-md-{w} p-3 border bg-light">{self.words(5, 12)}</div>'
            for w in self.rng.choice(((4, 4, 4), (6, 6), (8, 4), (3, 6, 3)))
        )
        return f'<div class="row mb-4 text-center">{cols}</div>\n'

    def footer(self) -> str:
        links = "".join(
            f'<li class="nav-item"><a href="#" class="nav-link px-2 text-body-secondary">'
            f"{self.words(1, 2)}</a></li>"
            for _ in range(5)
        )
        return (
            '<footer class="py-3 my-4"><ul class="nav justify-content-center border-bottom pb-3 '
            f'mb-3">{links}</ul><p class="text-center text-body-secondary">&copy; 2025 Site '
            f"{self.number}</p></footer>\n"
        )

    def page(self, stylesheet: str, target: int) -> str:
        sections = (
            self.hero,
            self.cards,
            self.alerts,
            self.table,
            self.list_group,
            self.form,
            self.breadcrumb_pagination,
            self.accordion,
            self.article,
            self.grid,
        )
        body = [self.navbar(), '<main class="container">\n']
        size = sum(map(len, body))
        while size < target:
            part = self.rng.choice(sections)()
            body.append(part)
            size += len(part)
        body += ["</main>\n", self.footer()]
        return (
            '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>Page {self.number}</title>\n"
            f'<link rel="stylesheet" href="{stylesheet}">\n</head>\n<body>\n'
            + "".join(body)
            + "</body>\n</html>\n"
        )


def write_bootstrap_pages(dest: Path, count: int, stylesheet: str) -> None:
    """``page-00.html`` .. in ``dest``: each ~10-19 KB of Bootstrap markup (a navbar, then
    random sections from a seeded random until its size, a footer) linking ``stylesheet``."""
    dest.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        rng = random.Random(f"critical-speed page {number}")
        target = rng.randint(10_000, 18_000)
        html = _PageWriter(rng, number).page(stylesheet, target)
        (dest / f"page-{number:02d}.html").write_text(html, encoding="utf-8")
