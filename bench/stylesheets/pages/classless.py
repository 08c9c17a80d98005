"""Pages for resets and classless or near-classless stylesheets (normalize.css,
modern-normalize, sanitize.css, Pico, Milligram, Water.css, Open Props), and the small site
stylesheets a user writes on top of a reset."""

# ruff: noqa: E501 (HTML markup, one component to a line, reads best unwrapped)

from __future__ import annotations

from .common import Page, classless, code, form, img, quote, table, words

# What a user adds on top of a reset: layout, a card grid, a font stack, a background image.
RESET_SITE_CSS = """/* the site's own styles, on top of the reset */
:root { --accent: #2a6df4; --gap: 1rem; }
body { max-width: 70rem; margin: 0 auto; padding: 0 var(--gap); font-family: system-ui, sans-serif; }
header { background: #f4f6fb url("../img/photo-b.jpg") right center / 30% auto no-repeat; padding: 2rem; }
nav ul { display: flex; gap: var(--gap); list-style: none; padding: 0; }
nav a:hover, nav a:focus-visible { color: var(--accent); text-decoration: underline; }
main { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: var(--gap); }
main > section:first-child { grid-column: 1 / -1; }
article { border: 1px solid #dde; border-radius: .5rem; padding: var(--gap); }
img { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid #ccd; padding: .25rem .5rem; text-align: start; }
td.num { text-align: end; font-variant-numeric: tabular-nums; }
label { display: block; margin-top: .5rem; }
input:not([type=checkbox], [type=radio]), select, textarea { width: 100%; }
@media (max-width: 40rem) { header { background-image: none; } nav ul { flex-direction: column; } }
"""

# Open Props: the site's own CSS is written with its custom properties.
OPEN_PROPS_SITE_CSS = """/* the site's own styles, written with Open Props */
body { max-width: var(--size-content-3); margin-inline: auto; padding: var(--size-3); }
header { background-image: var(--gradient-5); padding: var(--size-6) var(--size-4);
         border-radius: var(--radius-3); color: var(--gray-0); box-shadow: var(--shadow-3); }
header h1 { font-size: var(--font-size-fluid-2); font-weight: var(--font-weight-8); }
nav ul { display: flex; flex-wrap: wrap; gap: var(--size-3); list-style: none; padding: 0; }
main { display: grid; gap: var(--size-5); grid-template-columns: repeat(auto-fit, minmax(var(--size-content-1), 1fr)); }
main > section:first-child { grid-column: 1 / -1; }
article { background: var(--surface-2); border-radius: var(--radius-2); padding: var(--size-3);
          box-shadow: var(--shadow-2); animation: var(--animation-fade-in) forwards;
          transition: box-shadow .3s var(--ease-3); }
article:hover { box-shadow: var(--shadow-4); }
article:nth-child(2n) { border: var(--border-size-2) solid var(--indigo-4); border-radius: var(--radius-blob-2); }
img { max-inline-size: 100%; block-size: auto; border-radius: var(--radius-2); aspect-ratio: var(--ratio-widescreen); object-fit: cover; }
aside { background: var(--indigo-1); color: var(--indigo-9); padding: var(--size-3); border-radius: var(--radius-round) var(--radius-2); }
table { inline-size: 100%; }
td.num { font-family: var(--font-mono); text-align: end; }
footer { margin-block-start: var(--size-8); color: var(--text-2); }
.btn-row { display: flex; gap: var(--size-2); flex-wrap: wrap; }
.pulse { animation: var(--animation-ping); }
@media (--motionOK) { .pulse { animation-duration: 2s; } }
"""


def reset_page(title: str) -> Page:
    return Page(title, classless(1))


def pico() -> Page:
    grid = "".join(
        f'<div><article><header>Card {i}</header>{words(12, i)}.<footer><a href="#c{i}">More</a></footer></article></div>'
        for i in range(1, 5)
    )
    body = f"""<header class="container"><nav>
  <ul><li><strong>{img("logo.png", alt="Brand", attrs='style="height:32px;width:auto"')}</strong></li></ul>
  <ul><li><a href="#a">About</a></li><li><a href="#s" class="secondary">Services</a></li>
    <li><details class="dropdown"><summary>Account</summary><ul dir="rtl"><li><a href="#p">Profile</a></li><li><a href="#l">Logout</a></li></ul></details></li>
    <li><a href="#b" role="button" class="outline">Sign in</a></li></ul></nav>
  <hgroup><h1>{words(3)}</h1><p>{words(10, 1)}.</p></hgroup>
</header>
<main class="container">
  <section><h2>Buttons</h2><p><button>Primary</button> <button class="secondary">Secondary</button> <button class="contrast">Contrast</button>
    <button class="outline">Outline</button> <button class="outline secondary">Outline secondary</button> <button disabled>Disabled</button>
    <a href="#r" role="button">Link as button</a> <button aria-busy="true">Please wait</button></p>
    <div role="group"><button>Button</button><button aria-current="true">Current</button><button>Button</button></div></section>
  <section class="grid">{grid}</section>
  <section><h2>Form</h2><form onsubmit="return false">
    <fieldset class="grid"><input name="first" placeholder="First name" aria-label="First name"><input type="email" name="email" placeholder="Email" aria-label="Email" aria-invalid="true">
      <input name="ok" placeholder="Valid" aria-label="Valid" aria-invalid="false"></fieldset>
    <fieldset role="group"><input name="q" type="search" placeholder="Search" aria-label="Search"><input type="submit" value="Search"></fieldset>
    <small>We'll never share your email.</small>
    <fieldset><legend>Switches</legend><label><input name="t1" type="checkbox" role="switch" checked> Enabled</label><label><input name="t2" type="checkbox" role="switch"> Disabled</label></fieldset>
    <label>Range <input type="range" value="40"></label>
    <select name="fav" aria-label="Select" required><option selected disabled value="">Select...</option><option>Cappuccino</option></select>
  </form>{form(3)}</section>
  <section><h2>Typography</h2><p>{words(30, 4)} <mark>mark</mark>, <ins>ins</ins>, <del>del</del>, <kbd>kbd</kbd>, <a href="#t" data-tooltip="Tooltip">with tooltip</a>.</p>
    {quote(seed=5)}{code()}<progress></progress><progress value="30" max="100"></progress></section>
  <section><h2>Table</h2><div class="overflow-auto">{table(cls="striped", rows=8, seed=6)}</div></section>
  <section><h2>Accordion</h2><details open><summary>Accordion 1</summary><p>{words(16, 7)}.</p></details><hr><details><summary role="button" class="outline">Accordion 2</summary><p>{words(8, 8)}.</p></details></section>
  <article aria-busy="true"></article>
  <figure>{img("hero.jpg", alt="Hero")}<figcaption>A caption</figcaption></figure>
  <dialog><article><header><button aria-label="Close" rel="prev"></button><p><strong>Dialog</strong></p></header><p>{words(10, 9)}.</p></article></dialog>
</main>
<footer class="container"><small><a href="#top">Back to top</a> &middot; {words(6, 10)}</small></footer>"""
    return Page("Pico components", body)


def milligram() -> Page:
    rows = "".join(
        f'<div class="row">{"".join(f"<div class={chr(34)}column column-{w}{chr(34)}><p>.column-{w} {words(4, w + i)}</p></div>" for w in ws)}</div>'
        for i, ws in enumerate(([50, 50], [25, 75], [33, 33, 33], [20, 40, 40]))
    )
    body = f"""<main class="wrapper"><nav class="navigation"><section class="container"><a class="navigation-title" href="#top">{img("logo.png", alt="Milligram", attrs='style="height:30px;width:auto"')}</a>
  <ul class="navigation-list float-right"><li class="navigation-item"><a class="navigation-link" href="#docs">Docs</a></li><li class="navigation-item"><a class="navigation-link" href="#gh">GitHub</a></li></ul></section></nav>
<section class="container">
  <h1 class="title">{words(3)}</h1><p class="description">{words(20, 1)}.</p>
  <p><a class="button" href="#b">Default Button</a> <button class="button button-outline">Outlined Button</button> <input class="button button-clear" type="submit" value="Clear Button"> <button class="button button-small">Small</button> <button class="button button-large">Large</button></p>
  {rows}
  <div class="row"><div class="column column-67">{classless(2)}</div><div class="column column-33">{form(4)}</div></div>
  {table(rows=7, seed=3)}{code()}{quote(seed=4)}
  <div class="clearfix"><div class="float-left">{img("photo-c.jpg", alt="Left", attrs='style="width:160px;height:160px"')}</div><div class="float-right"><p>{words(12, 5)}.</p></div></div>
</section></main>"""
    return Page("Milligram page", body)


def open_props() -> Page:
    body = classless(5).replace(
        '<section id="s5">',
        '<div class="btn-row"><button>Button</button><button class="btn">.btn</button>'
        '<input type="button" value="Input button"><button disabled>Disabled</button>'
        '<a class="btn" href="#x">Link button</a><span class="pulse">&#9679;</span></div>\n<section id="s5">',
        1,
    )
    return Page("Open Props page", body)


def water() -> Page:
    return Page(
        "Water.css page",
        classless(6)
        + f"\n<section><h2>More</h2><p>{words(20, 11)}.</p>{table(rows=4, seed=12)}</section>",
    )
