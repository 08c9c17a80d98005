"""The ES modules: ``core.js``, shared modules over it, one page module importing one or two."""

from __future__ import annotations

from pathlib import Path

from bench.sitegen.spec import (
    SHARED_MODULES,
    SiteSpec,
    page_modules,
    page_path,
    seeded,
    words,
    write_text,
)


def write_scripts(root: Path, spec: SiteSpec) -> None:
    write_text(root / "js" / "shared" / "core.js", CORE_JS)
    for name in SHARED_MODULES:
        write_text(root / "js" / "shared" / f"{name}.js", render_shared_module(name))
    for page in range(spec.pages):
        write_text(root / "js" / "pages" / f"page-{page:04d}.js", render_page_module(spec, page))


CORE_JS = """\
// Core helpers used by every shared module.
export const VERSION = '1.0.0';

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

export function unusedHelper(value) {
  // Never imported by a page: a bundler's tree shaking drops it.
  return JSON.parse(JSON.stringify({ value, at: VERSION }));
}
"""


def render_shared_module(name: str) -> str:
    """A shared module: three exported functions (pages use one or two) over core.js."""
    cap = name.capitalize()
    return f"""\
// Shared module "{name}".
import {{ $, $$, on, debounce }} from './core.js';

const state{cap} = new Map();

export function init{cap}(root = document.body, options = {{}}) {{
  const settings = {{ selector: '[data-{name}]', delay: 120, ...options }};
  const nodes = $$(settings.selector, root);
  for (const node of nodes) {{
    state{cap}.set(node, {{ active: false, count: 0 }});
    on(node, 'click', () => toggle{cap}(node));
  }}
  on(window, 'resize', debounce(() => refresh{cap}(root), settings.delay));
  return nodes.length;
}}

export function toggle{cap}(node) {{
  const entry = state{cap}.get(node) ?? {{ active: false, count: 0 }};
  entry.active = !entry.active;
  entry.count += 1;
  state{cap}.set(node, entry);
  node.classList.toggle('is-{name}-active', entry.active);
  return entry;
}}

export function refresh{cap}(root = document) {{
  const header = $('.site-header', root);
  const width = header ? header.getBoundingClientRect().width : 0;
  for (const [node, entry] of state{cap}) {{
    node.dataset.{name}Width = String(Math.round(width));
    node.dataset.{name}Count = String(entry.count);
  }}
  return width;
}}

export function describe{cap}() {{
  return `{name}: ${{state{cap}.size}} nodes`;
}}
"""


def render_page_module(spec: SiteSpec, page: int) -> str:
    rng = seeded(spec, "page-js", page)
    modules = page_modules(spec, page)
    imports = [
        f"import {{ init{m.capitalize()}, describe{m.capitalize()} }} from '../shared/{m}.js';"
        for m in modules
    ]
    calls = [
        f"  const count{m.capitalize()} = init{m.capitalize()}(document.body, "
        f"{{ delay: {rng.randint(50, 300)} }});"
        for m in modules
    ]
    labels = ", ".join(f"describe{m.capitalize()}()" for m in modules)
    counts = " + ".join(f"count{m.capitalize()}" for m in modules)
    facts = ",\n".join(
        f"  {{ id: '{page}-{i}', label: '{words(rng, 3)}', weight: {rng.randint(1, 99)} }}"
        for i in range(rng.randint(4, 8))
    )
    return f"""\
// Page {page} ({page_path(spec, page)}).
{chr(10).join(imports)}

const PAGE_ID = {page};
const FACTS = [
{facts}
];

function renderFacts(target) {{
  const sorted = [...FACTS].sort((a, b) => b.weight - a.weight);
  target.innerHTML = sorted
    .map((fact) => `<li class="fact" data-id="${{fact.id}}">${{fact.label}}</li>`)
    .join('');
  return sorted.length;
}}

function start() {{
{chr(10).join(calls)}
  const list = document.createElement('ul');
  list.className = 'facts';
  const shown = renderFacts(list);
  document.querySelector('.sidebar')?.append(list);
  document.documentElement.dataset.page = String(PAGE_ID);
  console.debug(`page ${{PAGE_ID}}: ${{shown}} facts, ${{{counts}}} widgets`, {labels});
}}

if (document.readyState === 'loading') {{
  document.addEventListener('DOMContentLoaded', start, {{ once: true }});
}} else {{
  start();
}}
"""
