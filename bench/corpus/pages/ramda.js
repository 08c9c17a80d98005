// ramda: curried data-last functions, composition, lenses, placeholders, transducers.
import * as R from 'ramda';
import { report } from './report.js';

const people = [
  { name: 'ada', age: 36, langs: ['en'] },
  { name: 'bob', age: 25, langs: ['en', 'de'] },
  { name: 'cy', age: 36, langs: [] },
];

report({
  compose: () => [R.pipe(R.filter(R.propSatisfies(R.lt(30), 'age')), R.map(R.prop('name')), R.join('+'))(people), R.compose(R.toUpper, R.head)('xyz'), R.sortWith([R.descend(R.prop('age')), R.ascend(R.prop('name'))])(people).map(R.prop('name')), R.groupBy(R.prop('age'), people), R.countBy(R.pipe(R.prop('langs'), R.length))(people), R.uniqBy(R.prop('age'), people).length],
  curry() {
    const f = R.curry((a, b, c) => `${a}${b}${c}`);
    return [f('a')('b')('c'), f(R.__, 'b', 'c')('a'), f('a', R.__, 'c')('b'), R.subtract(R.__, 3)(10), R.flip(R.subtract)(1, 10)];
  },
  lenses() {
    const nameLens = R.lensPath([0, 'name']);
    return [R.view(nameLens, people), R.over(nameLens, R.toUpper, people)[0], R.set(R.lensProp('x'), 1, { y: 2 }), R.evolve({ age: R.inc, langs: R.append('fr') }, people[1]), R.assocPath(['a', 'b', 0], 'deep', {}), R.dissocPath(['a', 'b'], { a: { b: 1, c: 2 } })];
  },
  lists: () => [R.range(0, 5), R.aperture(2, [1, 2, 3, 4]), R.splitEvery(2, 'abcde'), R.zipObj(['a', 'b'], [1, 2]), R.xprod([1, 2], ['a']), R.transpose([[1, 2], [3, 4]]), R.partition(R.gt(R.__, 2), [1, 3, 2, 4]), R.dropRepeats([1, 1, 2, 1]), R.intersperse(0, [1, 2, 3]), R.mergeDeepRight({ a: { b: 1, c: 2 } }, { a: { c: 3 } })],
  logic: () => [R.cond([[R.equals(0), R.always('zero')], [R.lt(0), R.always('pos')], [R.T, R.always('neg')]])(-1), R.ifElse(R.is(Number), R.inc, R.toString)(1), R.allPass([R.gt(R.__, 0), R.lt(R.__, 10)])(5), R.both(Boolean, R.complement(R.isEmpty))([]), R.tryCatch(JSON.parse, R.always('bad'))('{')],
  transduce: () => [R.transduce(R.compose(R.map(R.multiply(2)), R.filter(R.lt(4)), R.take(2)), R.flip(R.append), [], [1, 2, 3, 4, 5]), R.into([], R.compose(R.map(R.inc), R.dropWhile(R.gt(3))), [1, 2, 3, 4])],
});
