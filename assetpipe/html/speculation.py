"""Speculative loading of the next page (`[prefetch]`): the `<script type="speculationrules">`
each page gets, and the fallback for browsers without speculation rules.

The rules are document rules: the browser itself finds the page's links (also those scripts
add later) and acts on those the `where` condition matches, at the configured eagerness. The
condition is what the site's pages look like from a page of it:

- same origin, under the site's base path (`/docs/*`; `/*` when `base` is a URL or `./`);
- a page, not a file: the last path segment has no extension, or `.html`/`.htm` (a PDF or a
  zip is a download, which a prefetch would fetch for nothing);
- not `rel=nofollow`, not `download`, not one of `exclude`'s globs.

The fallback (quicklink's approach, inline) runs only where
`HTMLScriptElement.supports("speculationrules")` is false: once the page has loaded and the
main thread is idle, it watches the same links with an IntersectionObserver and adds a
`<link rel="prefetch">` for each that scrolls into view; it does nothing under Save-Data or on
a 2G connection, and nothing for `eagerness = "conservative"` (which waits for a click).
"""

from __future__ import annotations

import html
import json
import re

# Characters with a meaning in URL patterns (https://urlpattern.spec.whatwg.org/), escaped
# where a base path or a glob means them literally.
_PATTERN_SPECIAL = re.compile(r"([\\:*(){}?+])")
NOT_SPECULATED = "[rel~=nofollow i], [download]"

# The fallback, as pages get it (inline, so no request; ~1 KB, ~0.5 KB gzip). PREFIX is the
# base path and EXCLUDE a RegExp source over paths ("" for none), both JSON strings.
FALLBACK = "".join(
    [
        # browsers with speculation rules use those; none under Save-Data or on 2G
        '(()=>{if(HTMLScriptElement.supports&&HTMLScriptElement.supports("speculationrules"))',
        "return;var c=navigator.connection;if(c&&(c.saveData||/2g/.test(c.effectiveType))||",
        "!window.IntersectionObserver)return;",
        # w(a): a link to another page of the site (the rules' conditions)
        "var p=PREFIX,x=EXCLUDE,s=new Set,w=a=>{var u=new URL(a.href,",
        "location.href),t=u.pathname;return u.origin==location.origin&&!t.indexOf(p)&&",
        "!(/\\.[^/]*$/.test(t)&&!/\\.html?$/.test(t))&&t+u.search!=location.pathname+",
        'location.search&&!a.hasAttribute("download")&&!/(^|\\s)nofollow(\\s|$)/i.test(a.rel)',
        "&&!(x&&RegExp(x).test(t))},",
        # g(): prefetch each such link once, when it comes into view
        "g=()=>{var o=new IntersectionObserver(e=>e.forEach(e=>{if(!e.isIntersecting)return;",
        'o.unobserve(e.target);var h=e.target.href.split("#")[0];if(s.has(h))return;s.add(h);',
        'var l=document.createElement("link");l.rel="prefetch";l.href=h;',
        "document.head.appendChild(l)}));",
        'document.querySelectorAll("a[href],area[href]").forEach(a=>w(a)&&o.observe(a))};',
        # after the load event, when the main thread is idle
        'addEventListener("load",()=>"requestIdleCallback"in window?requestIdleCallback(g):',
        "setTimeout(g,1))})()",
    ]
)


def site_prefix(base: str) -> str:
    """The URL path every page of the site is under: the base path, or `/` when the base is a
    URL (assets on a CDN: the pages' own path is not known) or relative."""
    return base if base.startswith("/") and base.endswith("/") else "/"


def url_pattern(literal: str, glob: bool = False) -> str:
    """A path as a URL pattern: its special characters escaped, but for a glob's `*`s."""
    if not glob:
        return _PATTERN_SPECIAL.sub(r"\\\1", literal)
    return "*".join(_PATTERN_SPECIAL.sub(r"\\\1", part) for part in literal.split("*"))


def glob_regexp(globs: tuple[str, ...]) -> str:
    """The fallback's test for `exclude`: one regular expression over a URL path."""
    if not globs:
        return ""
    return "^(?:" + "|".join(".*".join(map(re.escape, g.split("*"))) for g in globs) + ")$"


def rules(mode: str, eagerness: str, exclude: tuple[str, ...], base: str) -> dict:
    """The speculation rules of every page: document rules over the site's page links."""
    prefix = url_pattern(site_prefix(base))
    conditions: list[dict] = [
        {"href_matches": prefix + "*"},
        {
            "or": [
                {"not": {"href_matches": prefix + "*.:ext"}},  # no extension: a route
                {"href_matches": prefix + "*.html"},
                {"href_matches": prefix + "*.htm"},
            ]
        },
        {"not": {"selector_matches": NOT_SPECULATED}},
    ]
    conditions += [{"not": {"href_matches": url_pattern(g, glob=True)}} for g in exclude]
    rule = {"source": "document", "where": {"and": conditions}, "eagerness": eagerness}
    return {mode: [rule]}


def tags(mode: str, eagerness: str, exclude: tuple[str, ...], base: str, nonce: str = "") -> str:
    """The HTML a page gets (one line each): the rules, and the fallback unless the eagerness
    is "conservative". Empty for `mode = "off"`. `nonce` (for a Content-Security-Policy) goes
    on both scripts."""
    if mode == "off":
        return ""
    text = json.dumps(rules(mode, eagerness, exclude, base), separators=(",", ":"))
    attr = f' nonce="{html.escape(nonce, quote=True)}"' if nonce else ""
    lines = [f'<script type="speculationrules"{attr}>' + _script_safe(text) + "</script>"]
    if eagerness != "conservative":
        fallback = FALLBACK.replace("PREFIX", json.dumps(site_prefix(base))).replace(
            "EXCLUDE", json.dumps(glob_regexp(exclude))
        )
        lines.append(f'<script type="module"{attr}>' + _script_safe(fallback) + "</script>")
    return "\n".join(lines)


def _script_safe(text: str) -> str:
    """Text that cannot end its `<script>` element early (`</script` or `<!--` in a glob)."""
    return text.replace("<", "\\u003c") if "<" in text else text


def without_rules(page: bytes) -> bytes:
    """The page with its `<script type="speculationrules">` elements left out: what the audit
    serves to measure the same navigation without speculation."""
    from .tokenize import tokenize

    text = page.decode("utf-8", "surrogateescape")
    cuts = []
    for tag in tokenize(text):
        if tag.name == "script" and (tag.get("type") or "").strip().lower() == "speculationrules":
            end = text.find(">", tag.content_end) + 1 if tag.content_end >= 0 else tag.end
            cuts.append((tag.start, end or len(text)))
    if not cuts:
        return page
    pieces, at = [], 0
    for start, end in cuts:
        pieces.append(text[at:start])
        at = end
    pieces.append(text[at:])
    return "".join(pieces).encode("utf-8", "surrogateescape")
