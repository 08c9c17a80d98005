// @preact/signals-core: signals, computed values, effects with cleanups, batching, untracked
// reads, subscriptions.
import { batch, computed, effect, signal, untracked } from '@preact/signals-core';
import { report } from './report.js';

report({
  graph() {
    const log = [];
    const first = signal('ada');
    const last = signal('lovelace');
    const full = computed(() => `${first.value} ${last.value}`);
    const length = computed(() => full.value.length);
    const dispose = effect(() => {
      log.push(`effect ${full.value} ${untracked(() => length.value)}`);
      return () => log.push('cleanup');
    });
    first.value = 'Ada';
    batch(() => {
      first.value = 'Grace';
      last.value = 'Hopper';
    });
    last.value = 'Hopper';
    dispose();
    first.value = 'none';
    const unsubscribe = length.subscribe((n) => log.push(`len ${n}`));
    first.value = 'x';
    unsubscribe();
    return [log, full.peek(), String(full), full.toJSON()];
  },
  cycles() {
    const a = signal(0);
    const b = computed(() => a.value + 1);
    let threw = null;
    try {
      effect(() => {
        a.value = b.value;
      });
    } catch (e) {
      threw = e.message;
    }
    return [threw, a.peek()];
  },
});
