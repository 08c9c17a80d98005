// idb-keyval: IndexedDB key-value storage (a fresh browser profile each load): set, get,
// update, many, keys and entries, custom stores, deletion.
import { clear, createStore, del, delMany, entries, get, getMany, keys, set, setMany, update, values } from 'idb-keyval';
import { report } from './report.js';

const custom = createStore('corpus-db', 'corpus-store');

// Chromium's --virtual-time-budget runs timers in virtual time, but IndexedDB answers in real
// time, which only passes while a fetch is pending: fetch (404s) until the promise settles.
async function real(promise) {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 500 && !done; i++) await fetch(`/idb-wait-${i}`).catch(() => {});
  return promise;
}

report({
  async basic() {
    await real(clear());
    await real(set('hello', 'world'));
    await real(set(42, { nested: [1, 2] }));
    await real(setMany([['a', 1], ['b', new Date(Date.UTC(2020, 0, 1))], [[1, 2], 'array key']]));
    await real(update('a', (v) => (v ?? 0) + 10));
    const got = [await real(get('hello')), await real(get(42)), await real(getMany(['a', 'b', 'missing']))];
    await real(del('hello'));
    await real(delMany([42]));
    return [got, (await real(keys())).map(String), (await real(values())).length];
  },
  async custom() {
    await real(set('k', new Uint8Array([1, 2, 3]), custom));
    await real(set('m', new Map([['x', 1]]), custom));
    return [await real(entries(custom)), await real(get('k'))];
  },
});
