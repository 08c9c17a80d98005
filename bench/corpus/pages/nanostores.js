// nanostores: atoms, maps, computed and batched stores, lifecycle hooks, key listeners, tasks.
import { allTasks, atom, batched, computed, map, onMount, onSet, onStop, task } from 'nanostores';
import { report } from './report.js';

report({
  atoms() {
    const log = [];
    const $count = atom(1);
    const $double = computed($count, (n) => n * 2);
    const $label = computed([$count, $double], (a, b) => `${a}/${b}`);
    onMount($count, () => {
      log.push('mount');
      return () => log.push('unmount');
    });
    onSet($count, ({ newValue, abort }) => {
      if (newValue < 0) abort();
    });
    const unbind = $label.subscribe((v) => log.push(v));
    $count.set(5);
    $count.set(-1);
    unbind();
    return [log, $count.get(), $double.get()];
  },
  maps() {
    const $profile = map({ name: 'ada', age: 36 });
    const keys = [];
    const off = $profile.listen((value, oldValue, changed) => keys.push(changed));
    $profile.setKey('age', 37);
    $profile.setKey('city', 'london');
    $profile.setKey('city', undefined);
    off();
    return [$profile.get(), keys];
  },
  async batchedAndTasks() {
    const $a = atom(1);
    const $b = atom(2);
    const calls = [];
    const $sum = batched([$a, $b], (a, b) => (calls.push([a, b]), a + b));
    const values = [];
    const off = $sum.subscribe((v) => values.push(v));
    $a.set(10);
    $b.set(20);
    await new Promise((resolve) => setTimeout(resolve, 10));
    off();
    const $data = atom('');
    task(async () => {
      await Promise.resolve();
      $data.set('loaded');
    });
    await allTasks();
    return [values, $data.get()];
  },
  stop() {
    const log = [];
    const $x = atom(0);
    onStop($x, () => log.push('stop'));
    const off = $x.listen(() => {});
    off();
    return new Promise((resolve) => setTimeout(() => resolve(log), 1100));
  },
});
