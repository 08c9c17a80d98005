// Compares assetpipe's compiled output with esbuild's expected output, case by case (see
// test_esbuild_cases.py). Reads [{kind, esbuild, ours}] as JSON on stdin; prints one outcome
// per case: "same", "differs" or "refused" (assetpipe refused the input).
// JSX: both outputs run in a sandbox whose unknown globals are recording stubs, and what they
// produce must be equal. TypeScript: both outputs printed by esbuild's own printer (no
// minification), empty statements left out, must be equal text.
import vm from "node:vm";
import { createRequire } from "node:module";

const require = createRequire(process.argv[2] + "/");
const esbuild = require("esbuild");
const input = JSON.parse(require("node:fs").readFileSync(0, "utf8"));

function run(code) {
  const store = {};
  const stub = (name) => Object.assign((...args) => ({ call: name, args }), { tag: name });
  const name = (t) => (typeof t === "string" ? t : (t && (t.tag || t.name)) ?? String(t));
  const element = (f) => (t, p, k) => ({ f, t: name(t), p, k });
  const create = (t, p, ...c) => ({ f: "createElement", t: name(t), p, c });
  const known = {
    React: { createElement: create, Fragment: "Fragment" },
    console, JSON, Object, Symbol, Math,
    jsx: element("jsx"), jsxs: element("jsxs"), Fragment: "Fragment", createElement: create,
    _jsx: element("jsx"), _jsxs: element("jsxs"), _Fragment: "Fragment", _createElement: create,
  };
  const context = new Proxy(known, {
    has: () => true,
    get: (o, k) => (k in o ? o[k] : k in store ? store[k] : typeof k === "string" ? stub(k) : undefined),
    set: (o, k, v) => { store[k] = v; return true; },
  });
  vm.createContext(context);
  let value;
  try {
    value = vm.runInContext(code, context, { timeout: 1000 });
  } catch (error) {
    return "throws " + error.message;
  }
  return JSON.stringify({ value, store }, (k, x) =>
    typeof x === "function" ? "fn:" + (x.tag || x.name) : typeof x === "symbol" ? String(x) : x === undefined ? "(undefined)" : x);
}

function print(code) {
  try {
    const out = esbuild.transformSync(code, { loader: "js", format: "esm", logLevel: "silent" }).code;
    return out.split("\n").filter((line) => line.trim() !== ";").join("\n");
  } catch (error) {
    return "error " + error.message.split("\n")[0];
  }
}

const outcomes = input.map((c) => {
  if (c.ours === null) return "refused";
  if (c.kind.startsWith("jsx")) {
    const expected = c.esbuild.replace(/^import .*\n/gm, "");
    return run(expected) === run(c.ours) ? "same" : "differs";
  }
  return print(c.esbuild) === print(c.ours) ? "same" : "differs";
});
process.stdout.write(JSON.stringify(outcomes));
