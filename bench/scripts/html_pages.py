"""Time one way of handling every HTML page of a folder, in-process (no interpreter start-up).

    python bench/scripts/html_pages.py MODE PAGES_DIR OUT_DIR

MODE: ``assetpipe`` (find every reference with assetpipe's tokenizer and rewrite the page with
placeholders, as a build does), ``assetpipe-tokenize`` (the tokenizer alone), ``html.parser``
(the standard library's tokenizer, feeding every tag to a no-op handler). Writes
``OUT_DIR/figures.json`` with ``ms_per_page`` and ``kb_per_page``.
"""

from __future__ import annotations

import json
import sys
import time
from html.parser import HTMLParser
from pathlib import Path


def main() -> None:
    mode, pages_dir, out_dir = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    texts = [p.read_text("utf-8") for p in sorted(pages_dir.rglob("*.html"))]
    handle = _handler(mode)
    handle(texts[0])  # warm up imports and caches
    start = time.perf_counter()
    for text in texts:
        handle(text)
    seconds = time.perf_counter() - start
    out_dir.mkdir(parents=True, exist_ok=True)
    figures = {
        "pages": len(texts),
        "ms_per_page": round(seconds / len(texts) * 1000, 3),
        "kb_per_page": round(sum(map(len, texts)) / len(texts) / 1000, 1),
    }
    (out_dir / "figures.json").write_text(json.dumps(figures))


def _handler(mode: str):
    if mode == "assetpipe":
        from assetpipe.html.refs import find_references
        from assetpipe.pipeline.hashing import placeholder

        def rewrite(text: str) -> str:
            pieces, pos = [], 0
            for i, ref in enumerate(find_references(text).refs):
                pieces += [text[pos : ref.start], placeholder(i)]
                pos = ref.end
            pieces.append(text[pos:])
            return "".join(pieces)

        return rewrite
    if mode == "assetpipe-tokenize":
        from assetpipe.html.tokenize import tokenize

        return lambda text: sum(1 for _ in tokenize(text))
    if mode == "html.parser":
        return lambda text: HTMLParser(convert_charrefs=False).feed(text)
    raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
