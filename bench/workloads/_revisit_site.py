"""The site of the ``revisit`` workload: 20 pages over 10 shared modules, and a one-line change.

Deterministic (no randomness: every text is made from the page's number). Layout:

- ``page-00.html`` .. ``page-19.html``: each links ``css/site.css`` and loads
  ``js/pages/page-NN.js``.
- ``js/shared/``: ``core.js`` and ``i18n.js`` (leaves), ``dom.js`` and ``analytics.js`` (over
  core), six feature modules (``carousel``, ``tabs``, ``search``, ``store``, ``theme``,
  ``forms``, over dom and core).
- a page module imports ``analytics.js`` (every page), ``i18n.js`` (16 pages: not 0, 5, 10,
  15) and one feature module (``FEATURES[page % 6]``), so two or three shared modules; on a
  click it loads ``js/lazy/dialog.js`` with ``import()`` (dialog imports dom and i18n).
- ``css/site.css``: one stylesheet for every page.

:data:`CHANGED` is the file version B changes, :func:`change` the new text of it: one string
of ``i18n.js``'s message table (a leaf imported by most pages and by the lazy dialog).
"""

from __future__ import annotations

from pathlib import Path

PAGES = 20
FEATURES = ("carousel", "tabs", "search", "store", "theme", "forms")
CHANGED = "js/shared/i18n.js"
OLD_TEXT = "Welcome back to the site"
NEW_TEXT = "Welcome back to our site"


def uses_i18n(page: int) -> bool:
    return page % 5 != 0


def generate(dest: Path) -> None:
    """Write version A of the site into ``dest``."""
    files = {
        "js/shared/core.js": CORE_JS,
        CHANGED: I18N_JS,
        "js/shared/dom.js": DOM_JS,
        "js/shared/analytics.js": ANALYTICS_JS,
        "js/lazy/dialog.js": DIALOG_JS,
        "css/site.css": site_css(),
    }
    files.update({f"js/shared/{name}.js": feature_module(name) for name in FEATURES})
    for page in range(PAGES):
        files[f"js/pages/page-{page:02d}.js"] = page_module(page)
        files[f"page-{page:02d}.html"] = page_html(page)
    for path, text in sorted(files.items()):
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def change(text: str) -> str:
    """Version B of :data:`CHANGED`: one string constant differs."""
    if text.count(OLD_TEXT) != 1:
        raise ValueError(f"{CHANGED} does not hold {OLD_TEXT!r} once")
    return text.replace(OLD_TEXT, NEW_TEXT)


CORE_JS = """\
// Core helpers: a leaf every other shared module builds on.
export const VERSION = '2.4.1';

export function $(selector, root = document) {
  return root.querySelector(selector);
}

export function $$(selector, root = document) {
  return Array.from(root.querySelectorAll(selector));
}

export function on(target, type, handler, options) {
  target.addEventListener(type, handler, options);
  return () => target.removeEventListener(type, handler, options);
}

export function debounce(fn, wait = 100) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

export function clamp(value, low, high) {
  return Math.min(high, Math.max(low, value));
}

export function uid(prefix = 'id') {
  uid.count = (uid.count ?? 0) + 1;
  return `${prefix}-${uid.count.toString(36)}`;
}
"""

I18N_JS = f"""\
// Messages shown by the pages, by key: a leaf imported by most pages and by the dialog.
const MESSAGES = {{
  greeting: '{OLD_TEXT}',
  search: 'Search the documentation',
  searchEmpty: 'No page matches \u201c{{query}}\u201d',
  searchCount: '{{count}} pages match',
  close: 'Close',
  open: 'Open',
  next: 'Next slide',
  previous: 'Previous slide',
  saved: 'Your changes were saved',
  saving: 'Saving\u2026',
  failed: 'Something went wrong, please try again',
  themeDark: 'Dark theme',
  themeLight: 'Light theme',
  formInvalid: 'Please fill in the fields marked in red',
  formSent: 'Thank you, we will get back to you within two days',
  cookie: 'We use one cookie to remember your theme',
  updated: 'Updated {{date}}',
  readingTime: '{{minutes}} min read',
}};

export function t(key, params = {{}}) {{
  const text = MESSAGES[key] ?? key;
  return text.replace(/\\{{(\\w+)\\}}/g, (_, name) => String(params[name] ?? ''));
}}

export function plural(count, one, many) {{
  return `${{count}} ${{count === 1 ? one : many}}`;
}}

export function formatDate(date, locale = 'en-GB') {{
  return new Intl.DateTimeFormat(locale, {{ dateStyle: 'long' }}).format(date);
}}
"""

DOM_JS = """\
// DOM helpers over core.js.
import { $, $$, on, uid } from './core.js';

export function element(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) on(node, name.slice(2).toLowerCase(), value);
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

export function ensureId(node, prefix) {
  if (!node.id) node.id = uid(prefix);
  return node.id;
}

export function toggleAll(selector, className, force) {
  const nodes = $$(selector);
  for (const node of nodes) node.classList.toggle(className, force);
  return nodes.length;
}

export function focusFirst(root) {
  const target = $('button, [href], input, select, textarea', root);
  target?.focus();
  return target;
}
"""

ANALYTICS_JS = """\
// Page-view and event tracking, batched and sent with sendBeacon; every page uses it.
import { debounce, VERSION } from './core.js';

const queue = [];
const flush = debounce(() => {
  if (!queue.length) return;
  const body = JSON.stringify({ v: VERSION, events: queue.splice(0) });
  globalThis.navigator?.sendBeacon?.('/collect', body);
}, 2000);

export function track(type, label, value = 1) {
  queue.push({ type, label, value, at: Date.now() });
  flush();
  return queue.length;
}

export function trackClicks(root, label) {
  root.addEventListener('click', (event) => {
    const target = event.target.closest('[data-track]');
    if (target) track('click', `${label}:${target.dataset.track}`);
  });
}
"""

DIALOG_JS = """\
// A modal dialog, loaded with import() on the first click that needs it.
import { element, focusFirst } from '../shared/dom.js';
import { t } from '../shared/i18n.js';

let current = null;

export function openDialog(title, text) {
  closeDialog();
  const close = element('button', { type: 'button', onClick: closeDialog }, [t('close')]);
  current = element('dialog', { class: 'dialog', 'aria-label': title }, [
    element('h2', {}, [title]),
    element('p', {}, [text]),
    close,
  ]);
  document.body.append(current);
  current.showModal();
  focusFirst(current);
  return current;
}

export function closeDialog() {
  current?.close();
  current?.remove();
  current = null;
}
"""


def feature_module(name: str) -> str:
    """A feature module over dom.js and core.js: two exported functions, both used."""
    cap = name.capitalize()
    return f"""\
// Feature "{name}": wires every [data-{name}] element of a page.
import {{ $$, on, clamp }} from './core.js';
import {{ element, ensureId }} from './dom.js';

const state = new Map();

export function init{cap}(root = document.body, options = {{}}) {{
  const settings = {{ step: 1, max: 10, ...options }};
  for (const node of $$('[data-{name}]', root)) {{
    const id = ensureId(node, '{name}');
    state.set(id, {{ node, value: 0 }});
    const button = element('button', {{ type: 'button', 'aria-controls': id }}, ['{cap}']);
    on(button, 'click', () => step{cap}(id, settings.step, settings.max));
    node.before(button);
  }}
  return state.size;
}}

export function step{cap}(id, step = 1, max = 10) {{
  const entry = state.get(id);
  if (!entry) return -1;
  entry.value = clamp(entry.value + step, 0, max);
  entry.node.dataset.{name} = String(entry.value);
  entry.node.classList.toggle('is-{name}-end', entry.value === max);
  return entry.value;
}}
"""


def page_module(page: int) -> str:
    feature = FEATURES[page % len(FEATURES)]
    cap = feature.capitalize()
    imports = ["import { track, trackClicks } from '../shared/analytics.js';"]
    if uses_i18n(page):
        imports.append("import { t, formatDate } from '../shared/i18n.js';")
    imports.append(f"import {{ init{cap} }} from '../shared/{feature}.js';")
    heading = (
        "t('greeting') + ' \u2014 ' + t('updated', { date: formatDate(UPDATED) })"
        if uses_i18n(page)
        else f"'Page {page}'"
    )
    sections = ",\n".join(
        f"  {{ id: 'p{page}-s{i}', title: 'Section {i} of page {page}', "
        f"minutes: {2 + (page * 7 + i * 3) % 11} }}"
        for i in range(3 + page % 4)
    )
    return f"""\
// The module of page-{page:02d}.html.
{chr(10).join(imports)}

const PAGE = 'page-{page:02d}';
const UPDATED = new Date(Date.UTC(2026, {page % 12}, {1 + page}));
const SECTIONS = [
{sections}
];

function renderToc(target) {{
  target.innerHTML = SECTIONS.map(
    (s) => `<li><a href="#${{s.id}}">${{s.title}}</a> <small>${{s.minutes}} min</small></li>`,
  ).join('');
  return SECTIONS.length;
}}

function start() {{
  document.querySelector('h1').textContent = {heading};
  renderToc(document.querySelector('#toc'));
  init{cap}(document.body, {{ step: {1 + page % 3}, max: {5 + page % 7} }});
  trackClicks(document.body, PAGE);
  track('view', PAGE);
  document.querySelector('#more').addEventListener('click', async () => {{
    const {{ openDialog }} = await import('../lazy/dialog.js');
    openDialog(PAGE, SECTIONS.map((s) => s.title).join(', '));
  }});
}}

start();
"""


def page_html(page: int) -> str:
    feature = FEATURES[page % len(FEATURES)]
    items = "\n".join(
        f"<p data-{feature}>Paragraph {i} of page {page}: the {feature} widget wires it.</p>"
        for i in range(3)
    )
    return f"""\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Page {page}</title>
<link rel="stylesheet" href="css/site.css">
<script type="module" src="js/pages/page-{page:02d}.js"></script>
</head>
<body>
<header class="site-header"><a href="page-00.html">Home</a></header>
<main>
<h1>Page {page}</h1>
<ul id="toc"></ul>
{items}
<button id="more" type="button">More</button>
</main>
<footer>Page {page} of {PAGES}</footer>
</body>
</html>
"""


def site_css() -> str:
    rules = [
        ":root { --ink: #1d2330; --paper: #fbfaf7; --accent: #2a6df4; --gap: 1rem; }",
        "* { box-sizing: border-box; }",
        "body { margin: 0; font: 16px/1.6 system-ui, sans-serif; color: var(--ink);"
        " background: var(--paper); }",
        ".site-header { display: flex; gap: var(--gap); padding: var(--gap);"
        " border-bottom: 1px solid #ddd; }",
        "main { max-width: 48rem; margin: 0 auto; padding: var(--gap); }",
        "#toc { list-style: none; padding: 0; columns: 2; }",
        ".dialog { border: 0; border-radius: 8px; padding: 2rem;"
        " box-shadow: 0 8px 32px rgb(0 0 0 / 0.2); }",
        "button { font: inherit; padding: 0.4rem 0.8rem; border-radius: 4px;"
        " border: 1px solid var(--accent); background: white; }",
    ]
    for feature in FEATURES:
        rules.append(
            f"[data-{feature}] {{ padding: 0.5rem; border-left: 3px solid var(--accent); }}\n"
            f".is-{feature}-end {{ opacity: 0.6; }}"
        )
    return "\n".join(rules) + "\n"
