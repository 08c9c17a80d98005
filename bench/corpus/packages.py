"""The npm corpus: which packages, at which exact versions, and which assetpipe breaks today.

Each :class:`Package` has a page, ``bench/corpus/pages/<slug>.js``: the ``main.js`` of a one-page
site that imports the package by its bare name, as an app does, calls real functions with fixed
inputs and hands the results to ``report()`` (``pages/_report.js``), which writes them as JSON
into ``<pre id="out">``. Versions were the current ones when the corpus was made; bump them
together with ``bench/corpus/package-lock.json`` (``python -m bench.corpus --update-lock``).

``fast=True`` marks the CI subset (``tests/js/test_corpus.py``): small packages that build in a
second or two, of every kind. :data:`KNOWN_BROKEN` names the packages whose page assetpipe breaks
today, with the reason; the test expects them to fail (strictly: a fix makes it say so).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PAGES_DIR = Path(__file__).resolve().parent / "pages"


@dataclass(frozen=True, slots=True)
class Package:
    name: str  # on npm
    version: str  # pinned exactly
    area: str
    extra: tuple[str, ...] = ()  # other packages the page imports, "name@version"
    fast: bool = False  # in the CI subset

    @property
    def slug(self) -> str:
        """``@codemirror/view`` -> ``codemirror-view``, ``reveal.js`` -> ``reveal-js``."""
        return self.name.lstrip("@").replace("/", "-").replace(".", "-")

    @property
    def page(self) -> Path:
        return PAGES_DIR / f"{self.slug}.js"

    def extra_deps(self) -> list[tuple[str, str]]:
        return [tuple(spec.rsplit("@", 1)) for spec in self.extra]  # type: ignore[misc]


PACKAGES: tuple[Package, ...] = (
    # data visualisation
    Package("d3", "7.9.2", "data viz"),
    Package("d3-scale", "4.0.3", "data viz"),
    Package("d3-shape", "3.2.1", "data viz"),
    Package("chart.js", "4.6.1", "data viz"),
    Package("echarts", "6.1.0", "data viz"),
    Package("chroma-js", "3.2.0", "colour"),
    Package("color", "5.0.3", "colour"),
    # UI frameworks and DOM libraries
    Package("preact", "11.2.0", "ui", fast=True),
    Package("@preact/signals-core", "1.14.5", "ui"),
    Package("htm", "3.1.1", "ui", extra=("preact@11.2.0",)),
    Package("lit", "3.3.3", "ui", fast=True),
    Package("vue", "3.5.45", "ui"),
    Package("solid-js", "1.9.19", "ui"),
    Package("svelte", "5.57.3", "ui", fast=True),
    Package("alpinejs", "3.17.5", "ui"),
    Package("reveal.js", "6.0.2", "ui"),
    Package("dompurify", "3.4.18", "ui"),
    # editors, parsers, text
    Package("@codemirror/state", "6.7.6", "editor"),
    Package("@codemirror/view", "6.43.15", "editor", extra=("@codemirror/state@6.7.6",)),
    Package("acorn", "8.19.0", "parser", fast=True),
    Package("marked", "18.2.1", "text", fast=True),
    Package("markdown-it", "15.0.3", "text"),
    Package("highlight.js", "11.12.0", "text"),
    Package("katex", "0.19.1", "text"),
    Package("mustache", "4.2.0", "text"),
    Package("diff", "9.0.0", "text"),
    Package("js-yaml", "5.5.0", "parser", fast=True),
    Package("yaml", "2.9.1", "parser"),
    Package("i18next", "26.7.2", "text"),
    # dates and maths
    Package("date-fns", "4.4.0", "date"),
    Package("dayjs", "1.11.23", "date"),
    Package("luxon", "3.7.2", "date"),
    Package("mathjs", "15.2.0", "math"),
    Package("decimal.js", "10.6.0", "math"),
    Package("big.js", "7.0.1", "math"),
    Package("bignumber.js", "11.1.5", "math"),
    # state
    Package("immer", "11.2.10", "state", fast=True),
    Package("@reduxjs/toolkit", "2.14.0", "state"),
    Package("zustand", "5.1.0", "state"),
    Package("nanostores", "1.5.5", "state"),
    Package("jotai", "2.20.3", "state"),
    Package("xstate", "5.33.3", "state"),
    Package("@tanstack/query-core", "5.108.0", "state"),
    Package("rxjs", "7.8.2", "state"),
    Package("immutable", "5.2.1", "state"),
    # validation
    Package("zod", "4.6.7", "validation", fast=True),
    Package("valibot", "1.5.0", "validation", fast=True),
    Package("superstruct", "2.0.2", "validation"),
    # crypto, compression, binary
    Package("@noble/hashes", "2.4.0", "crypto"),
    Package("@noble/curves", "2.4.0", "crypto"),
    Package("fflate", "0.8.3", "compression", fast=True),
    Package("pako", "3.0.3", "compression"),
    Package("@msgpack/msgpack", "3.1.3", "binary"),
    # 3D
    Package("three", "0.187.0", "3d"),
    # utilities
    Package("lodash-es", "4.18.1", "utility"),
    Package("ramda", "0.32.0", "utility"),
    Package("uuid", "14.0.3", "utility", fast=True),
    Package("nanoid", "5.1.16", "utility"),
    Package("fuse.js", "7.5.0", "search"),
    Package("axios", "1.21.1", "http", fast=True),
    Package("hono", "4.13.19", "http"),
    Package("query-string", "9.5.1", "utility"),
    Package("dequal", "2.0.3", "utility"),
    Package("idb-keyval", "6.3.0", "storage"),
    Package("gsap", "3.15.0", "animation"),
    Package("@faker-js/faker", "10.6.0", "data"),
    # published as CommonJS only (issue #15): each page imports them as an app does, by default
    # and named imports, deep paths and Node built-in names
    Package("react", "19.3.1", "ui", extra=("react-dom@19.3.1",), fast=True),
    Package("react-is", "19.3.1", "ui", extra=("react@19.3.1", "react-dom@19.3.1")),
    Package("prop-types", "15.8.1", "ui", extra=("react@19.3.1",)),
    Package("hoist-non-react-statics", "3.3.2", "ui", extra=("react@19.3.1",)),
    Package(
        "use-sync-external-store", "1.7.0", "state", extra=("react@19.3.1", "react-dom@19.3.1")
    ),
    Package("classnames", "2.5.1", "ui"),
    Package("moment", "2.31.0", "date", fast=True),
    Package("lodash", "4.18.1", "utility"),
    Package("qs", "6.17.1", "http"),
    Package("semver", "7.8.6", "utility"),
    Package("events", "3.3.0", "node built-in"),
    Package("buffer", "6.0.3", "node built-in"),
)

KNOWN_BROKEN: dict[str, str] = {}  # (highlight.js, mathjs and moment needed CommonJS: #15)
