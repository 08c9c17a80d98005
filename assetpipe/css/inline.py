"""Critical CSS for the pages of one build: what each page inlines, within its budget.

Each stylesheet is parsed once per build (`critical.Sheet`), each page once (`critical.Page`).
For a page, every stylesheet it links is either inlined whole (at most `threshold` bytes once
minified, and no large `data:` URL) or gives its critical rules (`critical.select`), all of the
page's stylesheets printed together (`critical.render`: custom properties are kept when any of
them, or the page, reads them) and minified.

The cap: when the page's inlined CSS is over `cap` bytes of gzip, the least needed rules stay
in the external stylesheets. A rule's need is the position in the document of the first
element it matches (include patterns count as the first): rules are kept in that order, up to
the last position that still fits (a binary search over positions), and printed in cascade
order. So what fills the first screen (header, navigation, the first content) is kept, and
rules for the footer or the end of a long page load with the stylesheet. `PageCritical.left_out`
is how many bytes of minified CSS that left out.

Results come back as text with placeholders numbered for each stylesheet's links, which the
page renumbers into its own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from .. import compression
from ..cache import Cache, CriticalReuse
from .critical import (
    HEAVY_DATA_URL,
    NOT_MATCHED,
    VAR_READ,
    Page,
    Sheet,
    render,
    safe_in_style,
    select,
)

CACHE_VERSION = "critical-1"  # (what a cached `PageCritical` depends on besides its key)


@dataclass(frozen=True, slots=True)
class Inlined:
    text: str  # minified CSS, placeholders numbered for `links`
    links: tuple
    fonts: tuple[str, ...]  # placeholders of the fonts its rules use
    whole: bool  # the whole stylesheet (its link goes)


@dataclass(frozen=True, slots=True)
class PageCritical:
    parts: dict[tuple[str, str | None], Inlined]  # by (stylesheet, media)
    left_out: int  # bytes of minified critical CSS the cap kept out of the page


class Styles:
    """Critical CSS for the pages of one build.

    `sheets` are the rendered stylesheets (text with placeholders and their links), their
    `@import`s already inlined. `minify` prints CSS as the build does (readable or not);
    `compact` minifies a readable build's stylesheet for `threshold` to measure (None: the
    stylesheets are minified already). With a `cache`, a page's result is kept there under
    the page's HTML, its stylesheets' texts, the options and `cache_id` (what `minify` does).
    """

    def __init__(
        self,
        sheets: dict,
        *,
        threshold: int,
        include: tuple[str, ...],
        exclude: tuple[str, ...],
        minify: Callable[[str], str],
        readable: bool,
        cap: int = 14 * 1024,
        compact: Callable[[str], str] | None = None,
        memo: dict[tuple, CriticalReuse] | None = None,
        cache: Cache | None = None,
        cache_id: str = "",
    ) -> None:
        self.sheets = sheets
        self.threshold = threshold
        self.cap = cap
        self.include = include
        self.exclude = exclude
        self._minify = minify
        self._compact = compact or (lambda css: css)  # the text is minified already
        self.readable = readable
        self._parsed: dict[str, Sheet] = {}
        self._whole: dict[str, bool] = {}
        self.memo = memo
        self.cache = cache
        self.cache_id = cache_id

    def has(self, source: str) -> bool:
        return source in self.sheets and self.sheets[source].text is not None

    def whole(self, source: str) -> bool:
        """Whether the stylesheet is small enough to be inlined whole: at most `threshold`
        bytes once minified, and no `data:` URL too large for a page."""
        found = self._whole.get(source)
        if found is None:
            text = self.sheets[source].text or ""
            small = len(text.encode()) <= self.threshold or (
                len(self._compact(text).encode()) <= self.threshold
            )
            found = self._whole[source] = small and not HEAVY_DATA_URL.search(text)
        return found

    def page(
        self,
        page_path: str,
        html: str,
        page: Callable[[], Page],
        wanted: list[tuple[str, str | None]],
    ) -> PageCritical:
        """What the page inlines for each of its stylesheets (`wanted`: (source, media) in
        document order), from `self.memo` (kept across the builds of `watch`) when neither
        the page nor any of the stylesheets changed."""
        texts = tuple(self.sheets[s].text for s, _ in wanted)
        options = (self.include, self.exclude, self.readable, self.threshold, self.cap)
        key = (page_path, tuple(wanted))
        kept = self.memo.get(key) if self.memo is not None else None
        if kept is not None and (kept.html, kept.texts, kept.options) == (html, texts, options):
            return kept.found
        found = self._cached(html, texts, options, page, wanted)
        if self.memo is not None:
            self.memo[key] = CriticalReuse(html, texts, options, found)
        return found

    def _cached(self, html, texts, options, page, wanted) -> PageCritical:
        """`_page`, from the cache folder (or the remote cache) when it has this page."""
        if self.cache is None:
            return self._page(page, wanted)
        key = Cache.key(
            CACHE_VERSION,
            self.cache_id,
            repr(options),
            repr(wanted),
            html,
            *(t or "" for t in texts),
        )
        hit = self.cache.get("critical", key)
        if hit is not None:
            found = json.loads(hit)
            parts = {
                (source, media): Inlined(text, self.sheets[source].links, tuple(fonts), whole)
                for source, media, text, fonts, whole in found["parts"]
            }
            return PageCritical(parts, found["left_out"])
        result = self._page(page, wanted)
        stored = {
            "parts": [
                [source, media, part.text, list(part.fonts), part.whole]
                for (source, media), part in result.parts.items()
            ],
            "left_out": result.left_out,
        }
        self.cache.put("critical", key, json.dumps(stored, ensure_ascii=False).encode())
        return result

    def _page(
        self, page_of: Callable[[], Page], wanted: list[tuple[str, str | None]]
    ) -> PageCritical:
        parts: dict[tuple[str, str | None], Inlined] = {}
        whole_texts: list[str] = []
        reads: set[str] = set()
        partial = []
        for source, media in dict.fromkeys(wanted):
            r = self.sheets[source]
            if self.whole(source):
                text = safe_in_style(r.text or "")
                parts[(source, media)] = Inlined(text, r.links, (), True)
                whole_texts.append(text)
                reads |= _var_names(text)
            else:
                partial.append((source, media))
        if not partial:
            return PageCritical(parts, 0)
        page = page_of()
        reads |= page.reads
        selections = [select(self._sheet(s), page, self.include, self.exclude) for s, _ in partial]

        def printed(cutoff: int) -> tuple[list[str], list[tuple[str, ...]]]:
            """Each stylesheet's minified critical CSS up to `cutoff`, and its fonts."""
            found = render(selections, frozenset(reads), cutoff)
            out = []
            for (_, media), critical in zip(partial, found, strict=True):
                text = critical.text
                if text and media and media.strip().lower() not in ("all", ""):
                    text = f"@media {media}{{{text}}}"
                out.append(safe_in_style(self._minify(text)) if text else "")
            return out, [c.fonts for c in found]

        def size(texts: list[str]) -> int:
            return len(compression.gzip("".join(whole_texts + texts).encode()))

        texts, fonts = printed(NOT_MATCHED - 1)
        left_out = 0
        if self.cap and size(texts) > self.cap:
            full = sum(len(t.encode()) for t in texts)
            positions = sorted({p for s in selections for p in s.positions()})
            low, high = -1, len(positions) - 1  # positions[low] fits (-1: none), [high+1] not
            best = printed(-1)
            while low < high:
                mid = (low + high + 1) // 2
                attempt = printed(positions[mid])
                if size(attempt[0]) <= self.cap:
                    low, best = mid, attempt
                else:
                    high = mid - 1
            texts, fonts = best
            left_out = full - sum(len(t.encode()) for t in texts)
        for i, (source, media) in enumerate(partial):
            parts[(source, media)] = Inlined(texts[i], self.sheets[source].links, fonts[i], False)
        return PageCritical(parts, left_out)

    def _sheet(self, source: str) -> Sheet:
        sheet = self._parsed.get(source)
        if sheet is None:
            sheet = self._parsed[source] = Sheet(self.sheets[source].text or "")
        return sheet


def _var_names(css: str) -> set[str]:
    return set(VAR_READ.findall(css)) if "var(" in css else set()
