"""Real-user monitoring: the beacon script (`beacon.js`) as an output of the build, and its tag
in every page.

With `[rum] endpoint` set, the build emits `assets/rum-<hash>.js` (content-hashed, so cached
across pages and deploys) and every page gets, at the end of its `<head>`,

    <script async fetchpriority="low" src="/assets/rum-<hash>.js" data-endpoint="..."
     data-sample-rate="1.0" data-build="<the page's version>"></script>

(on one line). `async`: the script never blocks rendering, and a classic script needs no CORS
from a CDN, where a module would; `fetchpriority="low"` puts it behind the page's other
requests (Chromium's lowest priority), so it competes less with the LCP image for HTTP/1.1's
connections. The
page's version is a placeholder link (`Link` style `"build"`) that the hash stage fills in
last (`hashing.page_version`: the hash of the page's bytes with it empty), so it changes only
when the page's own bytes do, and is the page's manifest entry's `"build"`. Without an
endpoint nothing is added: pages and outputs are byte for byte what they were.

The script is minified with the bundler's own minifier (the analyser's templates: whitespace,
comments, and every local name shortened, since the whole script is one function), which
gives about 1.36 KB of gzip where rjsmin's whitespace-only pass gives 1.63 KB.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib.resources import files

from ..manifest import RUM_SOURCE, rum_tag
from ..pipeline.hashing import placeholder
from ..pipeline.values import Link, Rendered

# The made-up source key of the script (no site file can have it: a colon and no folder), as
# the manifest's `entries` and each output's `source` name it.
SOURCE = RUM_SOURCE


@dataclass(frozen=True, slots=True)
class RumOptions:
    """What the pages' tag says: where beacons go, and the fraction of views measured."""

    endpoint: str = ""  # "": off
    sample_rate: float = 1.0


@functools.cache
def script(minify: bool = True) -> str:
    """The beacon script: as written, or minified (`minify`) by the bundler's minifier."""
    source = files(__package__).joinpath("beacon.js").read_text(encoding="utf-8")
    if not minify:
        return source
    from ..js.analyze import analyze
    from ..js.model import HOLE_IDENT

    analysis = analyze(source.encode())
    assert not analysis.problems, analysis.problems  # (beacon.js is ours: a test parses it)
    pieces: list[bytes] = []
    for items, _ in analysis.templates:
        for item in items:
            if item.__class__ is bytes:
                pieces.append(item)
            else:  # a top-level name: the script has none but its own function's
                assert item[0] == HOLE_IDENT, item
                pieces.append(analysis.symbols[item[1]].name.encode())
    return b"".join(pieces).decode() + "\n"


def rendered(assets_dir: str, minify: bool) -> Rendered:
    """The script as a file for the hash stage: `<assets_dir>/rum-[hash].js`."""
    return Rendered(SOURCE, f"{assets_dir}/rum-[hash].js", script(minify), None)


def tag(options: RumOptions) -> tuple[str, tuple[Link, ...]] | None:
    """The script's tag for the end of every page's `<head>`, with its own placeholders (0:
    the script's URL, 1: the page's version) and their links, for `html.rewrite.render_page`;
    None when monitoring is off."""
    if not options.endpoint:
        return None
    html = rum_tag(placeholder(0), options.endpoint, options.sample_rate, placeholder(1))
    return html, (Link(SOURCE, "url"), Link("", "build", True))
