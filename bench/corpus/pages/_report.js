// The corpus pages' shared runner (copied into every site as report.js, and bundled with it).
// report({name: fn, ...}) calls each fn in order (awaiting promises), keeps what it returns, or
// {threw: "Name: message"} when it throws, then writes all results as JSON into <pre id="out">
// and sets its data-status: "ok", or "threw" when any check threw (the stack goes to #stack).

function plain(value, seen = new WeakSet()) {
  switch (typeof value) {
    case 'undefined':
      return '<undefined>';
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return value.toString();
    case 'function':
      return `<function/${value.length}>`;
    case 'number':
      if (Number.isNaN(value)) return '<NaN>';
      if (!Number.isFinite(value)) return value > 0 ? '<Infinity>' : '<-Infinity>';
      if (Object.is(value, -0)) return '<-0>';
      return value;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (seen.has(value)) return '<cycle>';
  seen.add(value);
  try {
    if (value instanceof Error) return { error: `${value.name}: ${value.message}` };
    if (value instanceof Date) return { date: Number.isNaN(+value) ? 'invalid' : value.toISOString() };
    if (value instanceof RegExp) return { regexp: String(value) };
    if (ArrayBuffer.isView(value)) return { [value.constructor.name]: Array.from(value, (x) => plain(x)) };
    if (value instanceof ArrayBuffer) return { ArrayBuffer: Array.from(new Uint8Array(value)) };
    if (value instanceof Map) return { Map: [...value].map((entry) => plain(entry, seen)) };
    if (value instanceof Set) return { Set: [...value].map((item) => plain(item, seen)) };
    if (Array.isArray(value)) return value.map((item) => plain(item, seen));
    if (typeof Node !== 'undefined' && value instanceof Node) {
      return { node: value.outerHTML ?? value.textContent };
    }
    const result = {};
    for (const key of Object.keys(value)) result[key] = plain(value[key], seen);
    return result;
  } finally {
    seen.delete(value);
  }
}

export function describe(error) {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `thrown ${JSON.stringify(plain(error))}`;
}

/** What `fn()` throws, described, or "no exception" (for checks that expect one). */
export function thrown(fn) {
  try {
    fn();
  } catch (error) {
    return describe(error);
  }
  return 'no exception';
}

/** What the promise rejects with, described, or "resolved". */
export async function rejected(promise) {
  try {
    await promise;
  } catch (error) {
    return describe(error);
  }
  return 'resolved';
}

export { plain };

export async function report(checks) {
  const out = document.getElementById('out');
  const results = {};
  const stacks = [];
  for (const [name, check] of Object.entries(checks)) {
    try {
      results[name] = plain(await check());
    } catch (error) {
      results[name] = { threw: describe(error) };
      stacks.push(`${name}: ${error && error.stack}`);
    }
  }
  out.textContent = JSON.stringify(results, null, 1);
  out.dataset.status = stacks.length ? 'threw' : 'ok';
  if (stacks.length) {
    const pre = document.createElement('pre');
    pre.id = 'stack';
    pre.textContent = stacks.join('\n\n');
    document.body.append(pre);
  }
}
