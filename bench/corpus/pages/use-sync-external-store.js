// use-sync-external-store (CommonJS): the shim (React's own hook on React 18+), and
// useSyncExternalStoreWithSelector with an equality function, rendered with react-dom's
// createRoot and updated with flushSync; selector and render counts are part of the result.
import { createElement as h } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { useSyncExternalStore } from 'use-sync-external-store/shim';
import { useSyncExternalStoreWithSelector } from 'use-sync-external-store/shim/with-selector';
import * as plain from 'use-sync-external-store/with-selector';
import { report } from './report.js';

function createStore(initial) {
  let state = initial;
  const listeners = new Set();
  return {
    getState: () => state,
    setState(patch) {
      state = { ...state, ...patch };
      listeners.forEach((l) => l());
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    listeners: () => listeners.size,
  };
}

const store = createStore({ user: { name: 'ada', langs: ['js'] }, clicks: 0 });
const renders = { clicks: 0, langs: 0 };
let selectorCalls = 0;

function Clicks() {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  renders.clicks++;
  return h('span', { id: 'clicks' }, `clicks ${state.clicks}`);
}

function Langs() {
  const langs = useSyncExternalStoreWithSelector(
    store.subscribe,
    store.getState,
    null,
    (s) => (selectorCalls++, s.user.langs.map((l) => l.toUpperCase())),
    (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  );
  renders.langs++;
  return h('span', { id: 'langs' }, langs.join('+'));
}

const container = document.getElementById('app');
const root = createRoot(container);

report({
  mount() {
    flushSync(() => root.render(h('div', null, h(Clicks), ' ', h(Langs))));
    return [container.textContent, store.listeners(), { ...renders }];
  },
  updates() {
    flushSync(() => store.setState({ clicks: 1 }));
    flushSync(() => store.setState({ clicks: 2 }));
    const afterClicks = { ...renders };
    flushSync(() => store.setState({ user: { name: 'ada', langs: ['js'] } }));
    const afterSameLangs = { ...renders };
    flushSync(() => store.setState({ user: { name: 'ada', langs: ['js', 'rs'] } }));
    return [container.textContent, afterClicks, afterSameLangs, { ...renders }, selectorCalls > 0];
  },
  unmount() {
    root.unmount();
    return [container.innerHTML, store.listeners()];
  },
  exports: () => [typeof useSyncExternalStore, typeof plain.useSyncExternalStoreWithSelector],
});
