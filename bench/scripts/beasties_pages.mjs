// Critical CSS with beasties, for the `critical` and `critical-speed` workloads.
//
//   node bench/scripts/beasties_pages.mjs process ENGINE SITE OUT
//   node bench/scripts/beasties_pages.mjs time ENGINE SITE OUT [PASSES]
//
// ENGINE: `classic` (`new Beasties(options).process(html)`, the package's main API: it parses
// the page into a DOM, reads and parses each linked stylesheet with PostCSS, matches selectors
// with css-select, and serializes the page, all per page), or `runtime` (beasties 0.5's
// `beasties/compiler` + `beasties/runtime`: each stylesheet compiled once into a plan with
// `compileSheet(css, {href})`, then `createProcessor(plans, options).process(html)` per page,
// a single scan of the HTML without a DOM).
//
// `process` copies SITE to OUT and replaces every page (*.html, any depth) with beasties'
// output, so the stylesheets and fonts stay beside it and relative URLs still work.
// `time` handles every top-level page of SITE after one warm-up page, PASSES times (default 3),
// timing each call, and writes OUT/figures.json: `pages`, `ms_per_page` (median of the calls),
// `parse_ms` (runtime: compiling the stylesheets once; classic parses per page, so none),
// `inlined_bytes_per_page` (bytes inside <style> of the output, mean) and
// `ratio_of_stylesheet` (that over the bytes of the page's stylesheets).
//
// The beasties package is loaded from $BENCH_NODE_DIR (bench/.node), where ensure_npm put it.

import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

// What a user who wants critical CSS inlined and the rest loaded lazily sets (see the README of
// beasties 0.5.4): `preload: 'media'` (the link gets media="print" and onload="this.media='all'",
// with a <noscript> fallback), `fonts: true` (inline the @font-face rules of the critical fonts
// and preload them; the default inlines none), nothing inlined whole (`inlineThreshold: 0`, the
// default), the stylesheet left as it is (`pruneSource: false`, the default), inline <style>
// elements not reduced (`reduceInlineStyles: false`: the pages have none).
const CLASSIC_OPTIONS = {
  preload: 'media',
  fonts: true,
  inlineThreshold: 0,
  pruneSource: false,
  reduceInlineStyles: false,
  logLevel: 'warn',
};
// The runtime's equivalents; `cache: false` so that each page is evaluated (the runtime's
// default caches critical CSS per set of tokens, which two pages may share).
const RUNTIME_OPTIONS = { preload: 'media', fonts: true, cache: false };

const LINK_RE = /<link\b[^>]*\brel=["']?stylesheet\b[^>]*>/gi;
const HREF_RE = /\bhref=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const STYLE_RE = /<style\b[^>]*>([\s\S]*?)<\/style>/gi;

async function loadBeasties() {
  const nodeDir = process.env.BENCH_NODE_DIR;
  if (!nodeDir) throw new Error('BENCH_NODE_DIR is not set');
  const root = join(nodeDir, 'node_modules', 'beasties');
  const { exports } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const entry = (key) => {
    const target = exports[key];
    return pathToFileURL(join(root, typeof target === 'string' ? target : target.import)).href;
  };
  return {
    Beasties: (await import(entry('.'))).default,
    compiler: await import(entry('./compiler')),
    runtime: await import(entry('./runtime')),
  };
}

function pagesUnder(dir, recursive) {
  const found = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (recursive) found.push(...pagesUnder(path, true));
    } else if (name.endsWith('.html')) {
      found.push(path);
    }
  }
  return found;
}

function stylesheetHrefs(html) {
  const hrefs = [];
  for (const tag of html.match(LINK_RE) ?? []) {
    const m = tag.match(HREF_RE);
    const href = m && (m[1] ?? m[2] ?? m[3]);
    if (href && !/^[a-z]+:|^\/\//i.test(href)) hrefs.push(href);
  }
  return hrefs;
}

function inlinedBytes(html) {
  let bytes = 0;
  for (const m of html.matchAll(STYLE_RE)) bytes += Buffer.byteLength(m[1]);
  return bytes;
}

// A function (page path, html) => processed html, and the seconds spent compiling.
async function makeEngine(engine, site, pages) {
  const lib = await loadBeasties();
  if (engine === 'classic') {
    const byDir = new Map(); // `path` is what relative hrefs resolve against: the page's folder
    return {
      parseMs: null,
      handle: (page, html) => {
        const dir = dirname(page);
        if (!byDir.has(dir)) byDir.set(dir, new lib.Beasties({ ...CLASSIC_OPTIONS, path: dir }));
        return byDir.get(dir).process(html);
      },
    };
  }
  if (engine === 'runtime') {
    const start = performance.now();
    const plans = new Map(); // one per stylesheet href, as the pages write it
    const processors = new Map(); // one per page folder (hrefs are relative to it)
    for (const page of pages) {
      const dir = dirname(page);
      for (const href of stylesheetHrefs(readFileSync(page, 'utf8'))) {
        const key = `${dir}\0${href}`;
        if (!plans.has(key)) {
          const css = readFileSync(join(dir, href.split(/[?#]/)[0]), 'utf8');
          plans.set(key, { dir, plan: lib.compiler.compileSheet(css, { href }) });
        }
      }
    }
    for (const { dir } of plans.values()) {
      if (!processors.has(dir)) {
        const mine = [...plans.values()].filter((p) => p.dir === dir).map((p) => p.plan);
        processors.set(dir, lib.runtime.createProcessor(mine, {
          ...RUNTIME_OPTIONS,
          logger: { warn: (message) => console.error(`beasties: ${message}`) },
        }));
      }
    }
    const parseMs = performance.now() - start;
    return {
      parseMs,
      handle: (page, html) => processors.get(dirname(page)).process(html),
    };
  }
  throw new Error(`unknown engine ${engine} (classic or runtime)`);
}

async function processSite(engine, site, out) {
  cpSync(site, out, { recursive: true });
  const pages = pagesUnder(out, true);
  const { handle } = await makeEngine(engine, out, pages);
  for (const page of pages) {
    writeFileSync(page, await handle(page, readFileSync(page, 'utf8')));
  }
  console.error(`beasties ${engine}: ${pages.length} pages of ${relative(process.cwd(), site)}`);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeSite(engine, site, out, passes) {
  const pages = pagesUnder(site, false);
  if (pages.length === 0) throw new Error(`no page in ${site}`);
  const texts = pages.map((page) => readFileSync(page, 'utf8'));
  const { handle, parseMs } = await makeEngine(engine, site, pages);
  await handle(pages[0], texts[0]); // warm up: module loading, JIT
  const samples = [];
  const results = [];
  for (let pass = 0; pass < passes; pass++) {
    for (let i = 0; i < pages.length; i++) {
      const start = performance.now();
      const html = await handle(pages[i], texts[i]);
      samples.push(performance.now() - start);
      if (pass === 0) results.push(html);
    }
  }
  let sheetBytes = 0;
  let inlined = 0;
  for (let i = 0; i < pages.length; i++) {
    inlined += inlinedBytes(results[i]);
    for (const href of stylesheetHrefs(texts[i])) {
      sheetBytes += statSync(join(dirname(pages[i]), href.split(/[?#]/)[0])).size;
    }
  }
  const figures = {
    pages: pages.length,
    ms_per_page: Number(median(samples).toFixed(3)),
    inlined_bytes_per_page: Math.round(inlined / pages.length),
    ratio_of_stylesheet: Number((inlined / sheetBytes).toFixed(4)),
  };
  if (parseMs !== null) figures.parse_ms = Number(parseMs.toFixed(3));
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'figures.json'), JSON.stringify(figures));
  // one processed page, to look at
  writeFileSync(join(out, 'sample.html'), results[0]);
}

const [mode, engine, site, out, passes] = process.argv.slice(2);
if (mode === 'process' && out) {
  await processSite(engine, site, out);
} else if (mode === 'time' && out) {
  await timeSite(engine, site, out, Number(passes ?? 3));
} else {
  console.error('usage: beasties_pages.mjs process|time classic|runtime SITE OUT [PASSES]');
  process.exit(2);
}
