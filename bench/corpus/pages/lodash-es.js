// lodash-es: a broad sample of the functions apps use (collections, objects, strings, function
// wrappers with timers, templates, deep clone/merge/equality).
import { camelCase, chunk, cloneDeep, countBy, curry, debounce, escape, get, groupBy, intersectionBy, isEqual, kebabCase, memoize, merge, omit, orderBy, partial, pick, range, set, sortedUniq, template, throttle, uniqBy, words, zip } from 'lodash-es';
import { report } from './report.js';

const users = [
  { user: 'barney', age: 36, active: true, tags: ['a'] },
  { user: 'fred', age: 40, active: false, tags: ['b', 'c'] },
  { user: 'pebbles', age: 1, active: true, tags: [] },
  { user: 'bam', age: 36, active: false, tags: ['a'] },
];

function fakeClock() {
  const real = { now: Date.now, setTimeout: globalThis.setTimeout, clearTimeout: globalThis.clearTimeout };
  const timers = [];
  let time = 1e12;
  let ids = 0;
  Date.now = () => time;
  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    timers.push({ id: ++ids, at: time + ms, fn, args });
    return ids;
  };
  globalThis.clearTimeout = (id) => {
    const i = timers.findIndex((t) => t.id === id);
    if (i >= 0) timers.splice(i, 1);
  };
  return {
    tick(ms) {
      const end = time + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at || a.id - b.id);
        if (!timers.length || timers[0].at > end) break;
        const next = timers.shift();
        time = next.at;
        next.fn(...next.args);
      }
      time = end;
    },
    restore() {
      Date.now = real.now;
      globalThis.setTimeout = real.setTimeout;
      globalThis.clearTimeout = real.clearTimeout;
    },
  };
}

report({
  collections: () => [chunk(range(7), 3), groupBy(users, 'age'), countBy(users, 'active'), orderBy(users, ['age', 'user'], ['desc', 'asc']).map((u) => u.user), uniqBy(users, 'age').length, intersectionBy([2.1, 1.2], [2.3, 3.4], Math.floor), zip(['a', 'b'], [1, 2], [true]), sortedUniq([1, 1, 2, 3, 3])],
  objects() {
    const obj = { a: [{ b: { c: 3 } }] };
    const copy = cloneDeep(obj);
    set(copy, 'a[0].b.d', [1]);
    return [get(obj, 'a[0].b.c'), get(obj, ['a', '1', 'x'], 'dflt'), copy, isEqual(obj, copy), merge({ a: [{ x: 1 }], n: { m: 1 } }, { a: [{ y: 2 }], n: { k: 2 } }), pick(users[0], ['user', 'age']), omit(users[0], 'tags')];
  },
  strings: () => [camelCase('Foo Bar-baz_qux'), kebabCase('fooBarBaz'), words('fred, barney, & pebbles'), escape('<a href="x">&</a>'), template('hello <%= user %>! <% for (const t of tags) { %>[<%- t %>]<% } %>')({ user: 'fred', tags: ['<b>', 'c'] })],
  functions() {
    const add3 = curry((a, b, c) => a + b + c);
    const greet = partial((greeting, name) => `${greeting} ${name}`, 'hi');
    let calls = 0;
    const square = memoize((n) => (calls++, n * n));
    square(4);
    square(4);
    return [add3(1)(2)(3), add3(1, 2)(3), greet('fred'), calls, square.cache.has(4)];
  },
  timers() {
    // A hand-driven clock (Date.now, setTimeout): real timers drift under load.
    const clock = fakeClock();
    try {
      const log = [];
      const d = debounce((x) => log.push(`d${x}`), 15, { maxWait: 45 });
      const t = throttle((x) => log.push(`t${x}`), 25);
      for (let i = 0; i < 5; i++) {
        d(i);
        t(i);
        clock.tick(10);
      }
      clock.tick(100);
      const once = debounce(() => log.push('leading'), 20, { leading: true, trailing: false });
      once();
      once();
      clock.tick(30);
      once();
      d(9);
      d.cancel();
      t(9);
      t.flush();
      return log;
    } finally {
      clock.restore();
    }
  },
});
