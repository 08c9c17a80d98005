// svelte: the runtime modules an app imports besides compiled components: stores, easing, motion.
import { cubicInOut, elasticOut, quintOut } from 'svelte/easing';
import { derived, get, readable, readonly, writable } from 'svelte/store';
import { report } from './report.js';

report({
  stores() {
    const log = [];
    const count = writable(1);
    const double = derived(count, ($c) => $c * 2);
    const sum = derived([count, double], ([$c, $d], set) => {
      set($c + $d);
      return () => log.push('cleanup');
    });
    const unsubscribe = sum.subscribe((v) => log.push(`sum=${v}`));
    count.set(2);
    count.update((n) => n + 10);
    unsubscribe();
    const ro = readonly(count);
    const ticker = readable(0, (set) => {
      set(42);
      return () => log.push('stop');
    });
    return [log, get(double), get(ro), get(ticker), 'set' in ro];
  },
  easing: () => [0, 0.25, 0.5, 0.75, 1].map((t) => [cubicInOut(t), quintOut(t), elasticOut(t)].map((x) => Math.round(x * 1e6) / 1e6)),
});
