// solid-js: signals, memos, effects, stores, batching, and DOM rendering with solid-js/html.
import { batch, createEffect, createMemo, createRoot, createSignal, For, on, Show, untrack } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import html from 'solid-js/html';
import { render } from 'solid-js/web';
import { report } from './report.js';

report({
  signals() {
    return createRoot((dispose) => {
      const log = [];
      const [count, setCount] = createSignal(1);
      const [step, setStep] = createSignal(10);
      const total = createMemo(() => count() * step());
      createEffect(on(total, (t, prev) => log.push(`${prev ?? '-'}->${t}`)));
      setCount(2);
      batch(() => {
        setCount(3);
        setStep(100);
      });
      const peek = untrack(() => count() + 1);
      dispose();
      setCount(9);
      return [log, total(), peek];
    });
  },
  store() {
    const [state, setState] = createStore({ users: [{ name: 'ada', age: 36 }], meta: { n: 0 } });
    setState('users', 0, 'age', (a) => a + 1);
    setState('users', (u) => [...u, { name: 'bob', age: 20 }]);
    setState(produce((s) => {
      s.meta.n = s.users.length;
    }));
    setState('users', reconcile([{ name: 'ada', age: 40 }]));
    return JSON.parse(JSON.stringify(state));
  },
  async dom() {
    const host = document.createElement('div');
    const [items, setItems] = createSignal(['a', 'b']);
    const [show, setShow] = createSignal(true);
    const dispose = render(
      () => html`<ul class="list">
          <${For} each=${items}>${(item, i) => html`<li data-i=${i}>${() => item.toUpperCase()}</li>`}<//>
        </ul>
        <${Show} when=${show} fallback=${html`<p>hidden</p>`}><p>shown</p><//>`,
      host,
    );
    const first = host.innerHTML;
    setItems(['c', 'a', 'b', 'd']);
    setShow(false);
    const second = host.innerHTML;
    dispose();
    return [first, second, host.innerHTML];
  },
});
