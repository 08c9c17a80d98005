// lodash (the CommonJS build, not lodash-es): the whole library as a default import and by
// named imports, per-method modules (lodash/debounce, lodash/get), chaining, templates, mixins,
// runInContext, and lodash/fp (auto-curried, data-last, built from the same modules).
import _, { camelCase, groupBy, sortBy } from 'lodash';
import fp from 'lodash/fp';
import get from 'lodash/get';
import merge from 'lodash/merge';
import debounce from 'lodash/debounce';
import { report } from './report.js';

const users = [
  { user: 'barney', age: 36, active: true },
  { user: 'fred', age: 40, active: false },
  { user: 'pebbles', age: 1, active: true },
  { user: 'bam', age: 36, active: false },
];

report({
  whole: () => [
    _.VERSION,
    _.chunk(_.range(7), 3),
    _.countBy(users, 'active'),
    _.uniqBy(users, 'age').map((u) => u.user),
    _.zipObject(['a', 'b'], [1, 2]),
    _.cloneDeep({ a: [{ b: new Date(0) }], s: new Set([1]) }),
    _.isEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }),
    _.partition([1, 2, 3, 4], (n) => n % 2),
    _.template('<% _.forEach(xs, function(x) { %><li><%- x %></li><% }); %>')({ xs: ['a', '<b>'] }),
  ],
  named: () => [camelCase('Foo Bar-baz'), groupBy(users, 'age'), sortBy(users, ['age', 'user']).map((u) => u.user)],
  chain: () => _.chain(users).filter('active').map((u) => `${u.user}:${u.age}`).sortBy().value(),
  lazyChain() {
    let calls = 0;
    const result = _(_.range(1000))
      .map((n) => (calls++, n * 3))
      .filter((n) => n % 2 === 0)
      .take(3)
      .value();
    return [result, calls];
  },
  methods: () => [get({ a: [{ b: { c: 3 } }] }, 'a[0].b.c'), get({}, 'x.y', 'dflt'), merge({ a: [{ x: 1 }] }, { a: [{ y: 2 }] }), typeof debounce(() => 0, 10).cancel],
  mixin() {
    const lo = _.runInContext();
    lo.mixin({ shout: (s) => `${s.toUpperCase()}!` });
    return [lo.shout('hi'), lo('quiet').shout().value(), typeof _.shout, lo.VERSION === _.VERSION];
  },
  fp: () => [
    fp.map((n) => n * 2)([1, 2, 3]),
    fp.flow(fp.filter((u) => u.active), fp.map('user'))(users),
    fp.get('a.b')({ a: { b: 'deep' } }),
    fp.set('a.b', 9)({ a: { b: 1, c: 2 } }),
    fp.sortBy(['age', 'user'])(users).map((u) => u.user),
    fp.placeholder === fp,
  ],
});
