"""What every test page shares: the document shell, the images and classless content blocks.

A page is a :class:`Page` (its body, plus attributes of ``<html>`` and ``<body>``);
:func:`document` wraps it with a head that links the stylesheets in order. The images are
made by :func:`write_images` with Pillow, the same bytes every time (a seeded pattern), and
each ``<img>`` is written with its ``width`` and ``height``, as a careful author does.

The classless blocks (:func:`prose`, :func:`lists`, :func:`table`, :func:`form`, ...) are
plain HTML5 with every common element (inline text semantics, nested lists, a table with a
caption and a footer, every input type, ``details``, ``progress``, ``meter``), for the resets
and classless stylesheets; a framework's page passes its own class names.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass
from pathlib import Path

IMAGES: dict[str, tuple[int, int]] = {
    "img/hero.jpg": (1200, 600),
    "img/photo-a.jpg": (640, 480),
    "img/photo-b.jpg": (640, 427),
    "img/photo-c.jpg": (480, 480),
    "img/avatar.png": (128, 128),
    "img/logo.png": (224, 64),
}


@dataclass(frozen=True)
class Page:
    title: str
    body: str
    html_attrs: str = ""
    body_attrs: str = ""
    head: str = ""  # more head markup, after the stylesheets


def document(page: Page, links: list[str]) -> str:
    """The whole HTML document of ``page``, linking ``links`` in order."""
    html_attrs = f" {page.html_attrs}" if page.html_attrs else ""
    body_attrs = f" {page.body_attrs}" if page.body_attrs else ""
    head = "\n".join(f'  <link rel="stylesheet" href="{href}">' for href in links)
    extra = f"\n  {page.head}" if page.head else ""
    return f"""<!doctype html>
<html lang="en"{html_attrs}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{html.escape(page.title)}</title>
{head}{extra}
</head>
<body{body_attrs}>
{page.body}
</body>
</html>
"""


def write_images(site: Path) -> None:
    """The page images, deterministic: gradients with a few discs (photos as JPEG) and
    transparent PNGs for the avatar and the logo."""
    from PIL import Image, ImageDraw

    for rel, (width, height) in IMAGES.items():
        rng = random.Random(rel)
        mode = "RGBA" if rel.endswith(".png") else "RGB"
        image = Image.new(mode, (width, height))
        draw = ImageDraw.Draw(image)
        top = tuple(rng.randrange(40, 220) for _ in range(3))
        bottom = tuple(rng.randrange(40, 220) for _ in range(3))
        for y in range(height):
            t = y / max(1, height - 1)
            colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
            draw.line([(0, y), (width, y)], fill=colour + ((255,) if mode == "RGBA" else ()))
        for _ in range(12):
            r = rng.randrange(width // 20 + 2, width // 5 + 4)
            x, y = rng.randrange(width), rng.randrange(height)
            fill = tuple(rng.randrange(256) for _ in range(3))
            draw.ellipse(
                [x - r, y - r, x + r, y + r], fill=fill + ((200,) if mode == "RGBA" else ())
            )
        if mode == "RGBA":  # round corners: transparent outside
            mask = Image.new("L", (width, height), 0)
            ImageDraw.Draw(mask).rounded_rectangle(
                [0, 0, width - 1, height - 1], radius=min(width, height) // 3, fill=255
            )
            image.putalpha(mask)
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if mode == "RGB":
            image.save(path, "JPEG", quality=85)
        else:
            image.save(path, "PNG")


def img(name: str, cls: str = "", alt: str = "", attrs: str = "") -> str:
    """An ``<img>`` of one of :data:`IMAGES` with its width and height."""
    width, height = IMAGES[f"img/{name}"]
    c = f' class="{cls}"' if cls else ""
    a = f" {attrs}" if attrs else ""
    return (
        f'<img src="img/{name}"{c} alt="{html.escape(alt)}" width="{width}" height="{height}"{a}>'
    )


WORDS = (
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "adipiscing",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "ut",
    "enim",
    "ad",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "ut",
    "aliquip",
    "ex",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "dolor",
    "in",
    "reprehenderit",
    "in",
    "voluptate",
    "velit",
    "esse",
    "cillum",
    "dolore",
    "eu",
    "fugiat",
    "nulla",
    "pariatur",
)


def words(n: int, seed: int = 0) -> str:
    """``n`` words of filler, the same for the same seed, capitalised, no full stop."""
    rng = random.Random(seed)
    text = " ".join(rng.choice(WORDS) for _ in range(n))
    return text[:1].upper() + text[1:]


def prose(seed: int = 0) -> str:
    """Headings 1 to 6 and paragraphs with every inline text element, a rule and an address."""
    return f"""<h1>Heading one {words(2, seed)}</h1>
<p class="lead-in">{words(24, seed + 1)} <a href="#top">a link</a>, <strong>strong</strong>,
<em>emphasis</em>, <b>bold</b>, <i>italic</i>, <u>underline</u>, <s>struck</s>,
<small>small</small>, <mark>marked</mark>, <code>inline_code()</code>, <kbd>Ctrl</kbd>+<kbd>K</kbd>,
<samp>sample</samp>, <var>x</var>, <abbr title="HyperText Markup Language">HTML</abbr>,
<q>a quotation</q>, <cite>a citation</cite>, <dfn>definition</dfn>, H<sub>2</sub>O,
x<sup>2</sup>, <del>deleted</del>, <ins>inserted</ins>,
<time datetime="2024-05-01">1 May 2024</time> and <a href="#x">another link</a>.</p>
<h2>Heading two {words(3, seed + 2)}</h2>
<p>{words(40, seed + 3)}.</p>
<h3>Heading three</h3>
<p>{words(30, seed + 4)}. <a href="https://example.com/">An external link</a>.</p>
<h4>Heading four</h4>
<p>{words(18, seed + 5)}.</p>
<h5>Heading five</h5>
<h6>Heading six</h6>
<hr>
<address>Written by <a href="mailto:a@example.com">A. Author</a>, 1 Example Street.</address>"""


def lists(seed: int = 0, ul: str = "", ol: str = "", dl: str = "") -> str:
    """A nested unordered list, an ordered list and a description list."""
    u = f' class="{ul}"' if ul else ""
    o = f' class="{ol}"' if ol else ""
    d = f' class="{dl}"' if dl else ""
    items = "\n".join(f"  <li>{words(5, seed + i)}</li>" for i in range(4))
    return f"""<ul{u}>
{items}
  <li>Nested
    <ul{u}><li>{words(3, seed)}</li><li>{words(4, seed + 9)}
      <ol{o}><li>deep one</li><li>deep two</li></ol></li></ul>
  </li>
</ul>
<ol{o}>
{items}
</ol>
<dl{d}>
  <dt>Term one</dt><dd>{words(8, seed + 5)}</dd>
  <dt>Term two</dt><dd>{words(6, seed + 6)}</dd>
  <dt>Term three</dt><dd>{words(9, seed + 7)}</dd>
</dl>"""


def code(cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"""<pre{c}><code>function greet(name) {{
  // a comment with &lt;angle brackets&gt;
  return `Hello, ${{name}}!`;
}}
console.log(greet("world"));</code></pre>"""


def quote(cls: str = "", seed: int = 0) -> str:
    c = f' class="{cls}"' if cls else ""
    return f"""<blockquote{c}>
  <p>{words(22, seed)}.</p>
  <footer>&mdash; <cite>Someone Famous</cite></footer>
</blockquote>"""


def table(cls: str = "", rows: int = 6, seed: int = 0, wrap: str = "") -> str:
    """A table with a caption, a head, ``rows`` body rows and a footer."""
    c = f' class="{cls}"' if cls else ""
    body = "\n".join(
        f"    <tr><td>{i + 1}</td><td>{words(2, seed + i)}</td><td>{words(3, seed + 50 + i)}</td>"
        f'<td class="num">{(i * 37 + 11) % 97}.{i}0</td><td><a href="#r{i}">Edit</a></td></tr>'
        for i in range(rows)
    )
    t = f"""<table{c}>
  <caption>Table caption</caption>
  <thead><tr><th>#</th><th>Name</th><th>Description</th><th>Amount</th><th>Action</th></tr></thead>
  <tbody>
{body}
  </tbody>
  <tfoot><tr><th colspan="3">Total</th><td>1,234.50</td><td></td></tr></tfoot>
</table>"""
    return f'<div class="{wrap}">\n{t}\n</div>' if wrap else t


def form(seed: int = 0) -> str:
    """A classless form with every common control."""
    return f"""<form action="#" onsubmit="return false">
  <fieldset>
    <legend>Account</legend>
    <label for="f{seed}-name">Name</label>
    <input id="f{seed}-name" type="text" name="name" placeholder="Your name">
    <label for="f{seed}-email">Email</label>
    <input id="f{seed}-email" type="email" name="email" placeholder="you@example.com" required>
    <label for="f{seed}-pass">Password</label>
    <input id="f{seed}-pass" type="password" name="password" value="secret">
    <label for="f{seed}-num">Number</label>
    <input id="f{seed}-num" type="number" name="n" value="42" min="0" max="100">
    <label for="f{seed}-date">Date</label>
    <input id="f{seed}-date" type="date" name="date" value="2024-05-01">
    <label for="f{seed}-search">Search</label>
    <input id="f{seed}-search" type="search" name="q" placeholder="Search...">
    <label for="f{seed}-url">Website</label>
    <input id="f{seed}-url" type="url" name="url" placeholder="https://">
    <label for="f{seed}-tel">Telephone</label>
    <input id="f{seed}-tel" type="tel" name="tel" value="+1 555 0100">
    <label for="f{seed}-dis">Disabled</label>
    <input id="f{seed}-dis" type="text" value="Disabled input" disabled>
    <label for="f{seed}-ro">Read-only</label>
    <input id="f{seed}-ro" type="text" value="Read-only input" readonly>
  </fieldset>
  <fieldset>
    <legend>Choices</legend>
    <label for="f{seed}-select">Select</label>
    <select id="f{seed}-select" name="s">
      <option>First option</option><option selected>Second option</option>
      <optgroup label="Group"><option>Third</option></optgroup>
    </select>
    <label for="f{seed}-multi">Multiple</label>
    <select id="f{seed}-multi" name="m" multiple size="3">
      <option selected>One</option><option>Two</option><option>Three</option>
    </select>
    <label><input type="checkbox" name="c1" checked> Checked box</label>
    <label><input type="checkbox" name="c2"> Unchecked box</label>
    <label><input type="radio" name="r" value="a" checked> Radio A</label>
    <label><input type="radio" name="r" value="b"> Radio B</label>
    <label for="f{seed}-range">Range</label>
    <input id="f{seed}-range" type="range" name="range" min="0" max="10" value="3">
    <label for="f{seed}-color">Colour</label>
    <input id="f{seed}-color" type="color" name="color" value="#336699">
    <label for="f{seed}-file">File</label>
    <input id="f{seed}-file" type="file" name="file">
    <label for="f{seed}-text">Message</label>
    <textarea id="f{seed}-text" name="msg" rows="3" placeholder="Write something..."></textarea>
  </fieldset>
  <progress value="60" max="100">60%</progress>
  <meter value="0.7" min="0" max="1">70%</meter>
  <input type="submit" value="Submit">
  <input type="reset" value="Reset">
  <button type="button">Button</button>
  <button type="button" disabled>Disabled</button>
</form>"""


def details(n: int = 3, cls: str = "", seed: int = 0) -> str:
    c = f' class="{cls}"' if cls else ""
    return "\n".join(
        f"<details{c}{' open' if i == 0 else ''}><summary>Question {i + 1}</summary>"
        f"<p>{words(16, seed + i)}.</p></details>"
        for i in range(n)
    )


def figure(name: str = "photo-a.jpg", cls: str = "", img_cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<figure{c}>{img(name, img_cls, 'A figure')}<figcaption>A caption</figcaption></figure>"


def classless(seed: int = 0) -> str:
    """A whole classless article page: header, nav, main with every block, aside, footer."""
    nav = "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(1, 6))
    cards = "\n".join(
        f"<article><h3>Card {i}</h3>{img('photo-c.jpg', alt=f'Card {i}')}"
        f'<p>{words(14, seed + i)}.</p><a href="#c{i}">Read more</a></article>'
        for i in range(1, 5)
    )
    return f"""<header>
  <nav><a href="#top">{img("logo.png", alt="Logo")}</a><ul>{nav}</ul></nav>
  <h1>{words(4, seed)}</h1>
  <p>{words(20, seed + 1)}.</p>
</header>
<main>
  <section id="s1">{prose(seed)}</section>
  <section id="s2"><h2>Lists</h2>{lists(seed)}</section>
  <section id="s3"><h2>Code and quotes</h2>{code()}{quote(seed=seed)}</section>
  <section id="s4"><h2>Table</h2>{table(seed=seed)}</section>
  <section id="s5"><h2>Form</h2>{form(seed)}</section>
  <section><h2>Media</h2>{figure("hero.jpg")}{figure("photo-b.jpg")}</section>
  <section><h2>Cards</h2>{cards}</section>
  <section><h2>Details</h2>{details(3, seed=seed)}</section>
  <aside><h3>Aside</h3><p>{words(20, seed + 7)}.</p>{img("avatar.png", alt="Avatar")}</aside>
</main>
<footer><p><small>&copy; 2024 Example. {words(8, seed + 8)}.</small>
  <a href="#top">Top</a></p></footer>"""
