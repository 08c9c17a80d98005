"""CSS background images in the modern formats: `image-set()` after a plain fallback.

    .hero { background: #222 url(hero.jpg) center / cover }

becomes (the URLs are the stylesheet's placeholders until hashing)

    .hero { background: #222 url(hero.jpg) center / cover;
            background: #222 image-set(url(hero.avif) type("image/avif"),
                                       url(hero.webp) type("image/webp"),
                                       url(hero.jpg) type("image/jpeg")) center / cover }

A browser without `image-set()` with `type()` drops the second declaration as invalid and keeps
the first. Runs on the stylesheet as it is output (after Lightning CSS, which would otherwise
merge the two declarations into the second one alone). Only `background` and
`background-image` declarations whose URL is a whole image with modern variants and no query
or fragment are touched; one that already has an `image-set()` is the author's.
"""

from __future__ import annotations

import tinycss2

from ..css.refs import node_offset
from ..diagnostics import line_starts
from ..pipeline.hashing import PLACEHOLDER, PLACEHOLDER_PREFIX, placeholder
from ..pipeline.values import Link
from .variants import ImageSet

_PROPERTIES = frozenset({"background", "background-image"})


def add_image_sets(
    text: str, links: tuple[Link, ...], sets: dict[str, ImageSet]
) -> tuple[str, tuple[Link, ...]]:
    """The stylesheet `text` (with placeholders for `links`) with `image-set()` declarations
    after each background whose image has modern variants."""
    if not sets or PLACEHOLDER_PREFIX not in text:
        return text, links
    starts = line_starts(text)
    new_links = list(links)
    edits: list[tuple[int, int, str]] = []
    for decl in _declarations(tinycss2.parse_stylesheet(text)):
        if decl.lower_name not in _PROPERTIES:
            continue
        urls = []
        for node in decl.value:
            if node.type == "function" and node.lower_name in ("image-set", "-webkit-image-set"):
                urls = []
                break
            found = _image_url(node, text, starts, links, sets)
            if found is not None:
                urls.append(found)
        if not urls:
            continue
        start = node_offset(decl, starts)
        important = " !important" if decl.important else ""
        plain = f"{decl.name}:{tinycss2.serialize(decl.value)}{important};"
        edits.append((start, start, plain))
        for url_start, url_end, index, image in urls:
            candidates = []
            for mime in image.modern:
                new_links.append(Link(image.of(mime)[-1].key, "url"))
                candidates.append(f'url({placeholder(len(new_links) - 1)}) type("{mime}")')
            candidates.append(f'url({placeholder(index)}) type("{image.mime}")')
            edits.append((url_start, url_end, f"image-set({','.join(candidates)})"))
    if not edits:
        return text, links
    pieces = []
    pos = 0
    for start, end, new in sorted(edits):
        pieces.append(text[pos:start])
        pieces.append(new)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces), tuple(new_links)


def _declarations(rules):
    for rule in rules:
        content = getattr(rule, "content", None)
        if content is None:
            continue
        if rule.type == "at-rule":  # @media, @supports, @layer ...: rules inside
            yield from _declarations(tinycss2.parse_rule_list(content))
            continue
        items = tinycss2.parse_blocks_contents(content)
        for i, item in enumerate(items):
            if item.type == "declaration":
                if not _set_later(item, items[i + 1 :]):
                    yield item
            elif item.type in ("qualified-rule", "at-rule"):  # nesting
                yield from _declarations([item])


def _set_later(decl, rest) -> bool:
    """Whether a later declaration of the same rule sets the same property with an
    `image-set()`: the declaration has its modern formats already (CSS inlined from a
    stylesheet that was given them, or an author who wrote both)."""
    for item in rest:
        if item.type == "declaration" and item.lower_name == decl.lower_name:
            return any(
                n.type == "function" and n.lower_name in ("image-set", "-webkit-image-set")
                for n in item.value
            )
    return False


def _image_url(
    node, text: str, starts: list[int], links: tuple[Link, ...], sets: dict[str, ImageSet]
):
    """(start, end, link index, image set) of a `url()` naming a whole image that has
    modern variants, else None."""
    if node.type == "url":
        value = node.value
    elif node.type == "function" and node.lower_name == "url":
        strings = [a for a in node.arguments if a.type == "string"]
        if len(strings) != 1:
            return None
        value = strings[0].value
    else:
        return None
    m = PLACEHOLDER.fullmatch(value.strip())
    if m is None or int(m[1]) >= len(links):
        return None
    link = links[int(m[1])]
    image = sets.get(link.target)
    if link.public or image is None or not image.modern:
        return None
    start = node_offset(node, starts)
    end = text.find(")", start + 4 + len(value))
    if end < 0:
        return None
    return start, end + 1, int(m[1]), image
