// jotai/vanilla: primitive, derived, writable-derived and async atoms in a store, families of
// atoms via utils, subscriptions.
import { atom, createStore } from 'jotai/vanilla';
import { atomWithReducer, loadable, selectAtom, splitAtom } from 'jotai/vanilla/utils';
import { report } from './report.js';

report({
  async atoms() {
    const store = createStore();
    const count = atom(1);
    const double = atom((get) => get(count) * 2);
    const both = atom((get) => `${get(count)}:${get(double)}`, (get, set, by) => set(count, get(count) + by));
    const asyncAtom = atom(async (get) => {
      await Promise.resolve();
      return get(count) * 100;
    });
    const seen = [];
    const unsub = store.sub(both, () => seen.push(store.get(both)));
    store.set(both, 2);
    store.set(count, 10);
    unsub();
    const value = await store.get(asyncAtom);
    return [seen, store.get(double), value];
  },
  utils() {
    const store = createStore();
    const counter = atomWithReducer(0, (v, action) => (action === 'inc' ? v + 1 : v));
    store.set(counter, 'inc');
    store.set(counter, 'inc');
    const list = atom([{ id: 1 }, { id: 2 }]);
    const parts = splitAtom(list);
    const ids = selectAtom(list, (items) => items.map((i) => i.id));
    store.set(store.get(parts)[1], { id: 20 });
    const load = loadable(atom(Promise.resolve(5)));
    return [store.get(counter), store.get(ids), store.get(load)];
  },
});
