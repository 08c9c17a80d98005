// zustand (vanilla, no React): stores, selectors with subscribeWithSelector, middleware
// (redux, combine, persist to a memory storage, immer-free), shallow comparison.
import { combine, createJSONStorage, persist, redux, subscribeWithSelector } from 'zustand/middleware';
import { createStore } from 'zustand/vanilla';
import { shallow } from 'zustand/vanilla/shallow';
import { report } from './report.js';

const memory = new Map();
const storage = { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v), removeItem: (k) => memory.delete(k) };

report({
  basic() {
    const store = createStore((set, get) => ({
      count: 0,
      items: [],
      inc: (by = 1) => set((s) => ({ count: s.count + by })),
      add: (item) => set({ items: [...get().items, item] }),
    }));
    const log = [];
    const unsub = store.subscribe((s, prev) => log.push([prev.count, s.count, s.items.length]));
    store.getState().inc();
    store.getState().inc(5);
    store.getState().add('x');
    unsub();
    store.getState().inc();
    store.setState({ count: 100 }, false);
    return [log, store.getState().count, store.getInitialState().count];
  },
  selectors() {
    const store = createStore(subscribeWithSelector(combine({ a: 1, b: { c: 2 } }, (set) => ({ setA: (a) => set({ a }) }))));
    const seen = [];
    store.subscribe((s) => s.a, (a, prev) => seen.push([prev, a]), { fireImmediately: true });
    store.subscribe((s) => [s.a, s.b], (v) => seen.push(['pair', v[0]]), { equalityFn: shallow });
    store.getState().setA(1);
    store.getState().setA(3);
    return [seen, shallow({ x: 1, y: [1] }, { x: 1, y: [1] }), shallow([1, 2], [1, 2])];
  },
  redux() {
    const store = createStore(redux((state, action) => (action.type === 'add' ? { n: state.n + action.by } : state), { n: 0 }));
    store.dispatch({ type: 'add', by: 2 });
    store.dispatch({ type: 'noop' });
    return store.getState().n;
  },
  async persist() {
    const make = () => createStore(persist((set) => ({ n: 0, bump: () => set((s) => ({ n: s.n + 1 })) }), { name: 'k', storage: createJSONStorage(() => storage), version: 2 }));
    const a = make();
    a.getState().bump();
    a.getState().bump();
    const b = make();
    await b.persist.rehydrate();
    return [memory.get('k'), b.getState().n, b.persist.hasHydrated()];
  },
});
