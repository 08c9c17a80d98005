// immutable: persistent List, Map, OrderedMap, Set, Record, Seq (lazy), deep updates, equality.
import { fromJS, is, isRecord, List, Map, OrderedMap, Range, Record, Repeat, Seq, Set } from 'immutable';
import { report } from './report.js';

const Point = Record({ x: 0, y: 0, label: 'p' }, 'Point');

report({
  lists() {
    const a = List([1, 2, 3]);
    const b = a.push(4).unshift(0).set(2, 20).delete(1).insert(1, 'i');
    return [a.toJS(), b.toJS(), a.size, b.first(), b.last(), b.reverse().toJS(), b.sortBy((x) => String(x)).toJS(), List.of(1, 2).concat([3], List([4])).toJS(), a.interpose(0).toJS()];
  },
  maps() {
    const m = Map({ a: 1, b: 2 }).set('c', 3).update('a', (v) => v * 10).delete('b');
    const nested = fromJS({ user: { name: 'ada', langs: ['js', 'py'] }, n: 1 });
    const updated = nested.setIn(['user', 'name'], 'Ada').updateIn(['user', 'langs'], (l) => l.push('rs')).mergeDeep({ user: { age: 36 } });
    return [m.toJS(), updated.toJS(), updated.getIn(['user', 'langs', 2]), is(nested, fromJS({ user: { name: 'ada', langs: ['js', 'py'] }, n: 1 })), nested.hashCode() === fromJS(nested.toJS()).hashCode(), OrderedMap([['z', 1], ['a', 2]]).keySeq().toJS(), m.map((v, k) => `${k}${v}`).valueSeq().join()];
  },
  sets: () => [Set([3, 1, 2, 3]).add(5).toJS(), Set([1, 2, 3]).intersect([2, 3, 4]).toJS(), Set([1, 2]).union(Set([2, 5])).sort().toJS(), Set(['a']).has('a')],
  records() {
    const p = new Point({ x: 3 });
    const q = p.set('y', 4).merge({ label: 'q' });
    return [p.toJS(), q.toJS(), q.get('x'), isRecord(q), q.equals(new Point({ x: 3, y: 4, label: 'q' })), Record.getDescriptiveName(q)];
  },
  lazy() {
    let calls = 0;
    const seq = Seq(Range(1, Infinity)).filter((n) => (calls++, n % 3 === 0)).map((n) => n * n).take(4);
    const result = seq.toArray();
    return [result, calls, Repeat('x', 3).join(''), Range(10, 0, -3).toArray(), Seq({ a: 1, b: 2 }).flip().toObject()];
  },
  withMutations: () => List().withMutations((l) => {
    for (let i = 0; i < 5; i++) l.push(i * i);
  }).toJS(),
});
