"""Fuzzing the front ends (HTML, CSS, JavaScript) through a whole build: whatever a page, a
stylesheet or a module holds, the build either succeeds or fails with located diagnostics
(`BuildFailed`), never with another exception (what the CLI reports as "internal error").

Inputs are made by Hypothesis from fragments that matter to each parser (tags, attributes,
quotes, comments, entities, `url()`, `@import`, imports, templates, regular expressions...)
mixed with arbitrary text, and by mutating real modules (the bundler's test cases: cutting,
repeating and splicing spans). `ASSETPIPE_FUZZ_EXAMPLES` sets how many inputs each test tries
(default 60 in the test suite; the README gives a larger run's figures)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assetpipe.config import load_config
from assetpipe.diagnostics import BuildFailed
from assetpipe.pipeline.build import build

pytestmark = pytest.mark.slow  # fuzzing (Hypothesis)

EXAMPLES = int(os.environ.get("ASSETPIPE_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=int(os.environ.get("ASSETPIPE_FUZZ_DEADLINE_MS", "0")) or None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=os.environ.get("CI") == "true",  # the same inputs in CI, new ones locally
)
CASES = Path(__file__).parent / "js" / "cases"

HTML_BITS = [
    "<!doctype html>",
    "<html>",
    "<head>",
    "</head>",
    "<body>",
    "<p>",
    "</p>",
    "<div ",
    ">",
    "/>",
    "<img ",
    "src=",
    "srcset=",
    "sizes=",
    "alt=",
    "width=",
    "height=",
    '"',
    "'",
    "=",
    "<link ",
    "rel=stylesheet ",
    "rel=icon ",
    "rel=preload as=image ",
    "rel=manifest ",
    "media=",
    "href=",
    "<a ",
    "</a>",
    "<script>",
    "</script>",
    '<script type="module">',
    '<script type="module" src="m.js">',
    "<style>",
    "</style>",
    "<svg>",
    "</svg>",
    "<use ",
    "xlink:href=",
    "<picture>",
    "<source ",
    "<template>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x2F;",
    "&",
    "style=",
    "url(",
    ")",
    "s.css",
    "i.png",
    "/i.png",
    "../i.png",
    "x.pdf",
    "#frag",
    "?q=1",
    "data:image/png;base64,AA",
    "https://x.example/",
    "//cdn/x",
    " ",
    "\n",
    "\t",
    "\x00",
    "\u2028",
    "é",
    "\ufeff",
    "<",
    "</",
    "<noscript>",
    "<textarea>",
    "<title>",
    "<base href=/x/>",
    "<meta charset=utf-8>",
    "<iframe src=",
    "<form action=",
]
CSS_BITS = [
    "p",
    "{",
    "}",
    ";",
    ":",
    "color",
    "red",
    "background",
    "url(",
    ")",
    "i.png",
    '"',
    "'",
    "@import",
    ' "t.css"',
    " url(t.css)",
    "layer(a)",
    "supports(display:grid)",
    "screen",
    "@media",
    "(min-width:1px)",
    "@font-face",
    "src:",
    "format('woff2')",
    "@layer",
    "@supports",
    "@keyframes",
    "from",
    "to",
    "@charset",
    '"utf-8"',
    "/*",
    "*/",
    "\\",
    "\\0",
    "\\ff",
    "--x",
    "var(--x)",
    "image-set(",
    "1x",
    ",",
    "!important",
    ":hover",
    "::before",
    ":not(",
    ":is(",
    "&",
    ">",
    "+",
    "~",
    " ",
    "\n",
    "\x00",
    "é",
    "calc(1px+2%)",
    "#fff",
    "0.5",
    "-webkit-",
    "@container",
    "@property",
    "inherits:false",
    "@page",
    "@namespace",
    "<!--",
    "-->",
    "}}",
]
HTML_PAGE = (
    '<!doctype html><link rel="stylesheet" href="s.css">'
    '<script type="module" src="m.js"></script><img src="i.png" alt="">\n'
)


def _site(files: dict[str, str | bytes]) -> None:
    """Build `files` as a site: anything but `BuildFailed` fails the test."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        for rel, content in files.items():
            path = root / "src" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            data = (
                content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
            )
            path.write_bytes(data)
        config, _ = load_config(
            cwd=root,
            overrides={
                "build.src": str(root / "src"),
                "build.out": str(root / "out"),
                "build.cache_dir": str(root / "cache"),
            },
        )
        try:
            build(config)
        except BuildFailed as exc:
            for d in exc.diagnostics:
                d.render()  # rendering a diagnostic must not fail either
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _mixed(bits: list[str]):
    piece = st.one_of(st.sampled_from(bits), st.text(max_size=8))
    return st.lists(piece, max_size=60).map("".join)


_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7V\x85\xa4"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
SUPPORT = {
    "s.css": "p { color: red }\n",
    "m.js": "console.log(1);\n",
    "i.png": _PNG,
    "t.css": "a { color: blue }\n",
    "x.pdf": "%PDF",
}


@FUZZ
@given(_mixed(HTML_BITS))
def test_any_page_builds_or_fails_with_diagnostics(page: str):
    _site({"index.html": page, **SUPPORT})


@FUZZ
@given(_mixed(CSS_BITS))
def test_any_stylesheet_builds_or_fails_with_diagnostics(css: str):
    _site({"index.html": HTML_PAGE, **SUPPORT, "s.css": css})


def _modules() -> list[str]:
    return sorted(p.read_text() for p in CASES.glob("*/*.js"))


@st.composite
def _mutated(draw) -> str:
    """A real module, cut, repeated and spliced at random places."""
    sources = _modules()
    text = draw(st.sampled_from(sources))
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, min(n, a + 40)))
        action = draw(st.sampled_from(["cut", "repeat", "splice", "insert"]))
        if action == "cut":
            text = text[:a] + text[b:]
        elif action == "repeat":
            text = text[:b] + text[a:b] + text[b:]
        elif action == "splice":
            other = draw(st.sampled_from(sources))
            c = draw(st.integers(0, len(other)))
            text = text[:a] + other[c : c + (b - a)] + text[b:]
        else:
            token = draw(st.sampled_from(JS_BITS))
            text = text[:a] + token + text[a:]
    return text


JS_BITS = [
    "import ",
    "export ",
    "default ",
    " from ",
    "'./x.js'",
    "import('./x.js')",
    "new URL('i.png', import.meta.url)",
    "`",
    "${",
    "}",
    "/",
    "/re/g",
    "//",
    "/*",
    "*/",
    "\n",
    "(",
    ")",
    "{",
    "[",
    "]",
    ";",
    ",",
    "=>",
    "async ",
    "await ",
    "yield ",
    "function*",
    "class ",
    "extends ",
    "#p",
    "super",
    "let ",
    "const ",
    "var ",
    "\\u0061",
    "'",
    '"',
    "\u2028",
    "\x00",
    "?.",
    "??=",
    "...",
    "process.env.NODE_ENV",
    "/*#__PURE__*/",
    "@",
    "#!",
    "<!--",
    "-->",
    "using ",
    "get ",
    "static ",
]


@FUZZ
@given(_mutated())
def test_any_module_builds_or_fails_with_diagnostics(module: str):
    _site({"index.html": HTML_PAGE, **SUPPORT, "m.js": module, "x.js": "export default 1;\n"})
