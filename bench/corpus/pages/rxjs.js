// rxjs: creation and pipeable operators, subjects, higher-order mapping, error handling, and
// marble tests on the TestScheduler (virtual time, so timers are deterministic).
import { BehaviorSubject, catchError, combineLatest, concatMap, debounceTime, defer, distinctUntilChanged, filter, firstValueFrom, from, interval, lastValueFrom, map, mergeMap, of, range, ReplaySubject, retry, scan, share, startWith, Subject, switchMap, take, takeUntil, throwError, toArray, zip } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { report } from './report.js';

report({
  sync: () => lastValueFrom(range(1, 10).pipe(filter((n) => n % 2 === 1), map((n) => n * n), scan((acc, n) => acc + n, 0), toArray())),
  subjects() {
    const log = [];
    const s = new Subject();
    const b = new BehaviorSubject('init');
    const r = new ReplaySubject(2);
    s.pipe(distinctUntilChanged(), startWith('start')).subscribe((v) => log.push(`s:${v}`));
    b.subscribe((v) => log.push(`b:${v}`));
    for (const v of ['a', 'a', 'b']) {
      s.next(v);
      b.next(v);
      r.next(v);
    }
    r.subscribe((v) => log.push(`r:${v}`));
    s.complete();
    return [log, b.getValue(), s.closed];
  },
  async higherOrder() {
    const merged = await lastValueFrom(of(1, 2, 3).pipe(mergeMap((n) => of(n, n * 10)), toArray()));
    const concat = await lastValueFrom(from([3, 1, 2]).pipe(concatMap((n) => defer(() => of(`n${n}`))), toArray()));
    const combined = await firstValueFrom(combineLatest([of(1, 2), of('a')]));
    const zipped = await lastValueFrom(zip(of(1, 2, 3), of('x', 'y')).pipe(toArray()));
    let attempts = 0;
    const retried = await lastValueFrom(defer(() => (++attempts < 3 ? throwError(() => new Error('fail')) : of('ok'))).pipe(retry(3)));
    const caught = await lastValueFrom(throwError(() => new Error('boom')).pipe(catchError((e) => of(`caught ${e.message}`))));
    return [merged, concat, combined, zipped, retried, attempts, caught];
  },
  marbles() {
    const results = [];
    const scheduler = new TestScheduler((actual) => results.push(actual.map((f) => [f.frame, f.notification.kind, f.notification.value ?? null])));
    scheduler.run(({ cold, hot, expectObservable }) => {
      const input = cold('a-b-c---d|', { a: 1, b: 2, c: 3, d: 4 });
      expectObservable(input.pipe(debounceTime(2))).toBe('');
      const clicks = hot('--x-----x--|');
      expectObservable(clicks.pipe(switchMap(() => interval(2).pipe(take(3))))).toBe('');
      const stop = hot('------s');
      expectObservable(interval(1).pipe(takeUntil(stop), share())).toBe('');
    });
    return results;
  },
});
