// d3-scale (and the d3 modules it imports: array, interpolate, format, time): scales alone.
import { scaleDiverging, scaleLinear, scalePow, scaleQuantile, scaleThreshold, scaleTime, scaleUtc } from 'd3-scale';
import { report } from './report.js';

const r = (x) => (typeof x === 'number' ? Math.round(x * 1e4) / 1e4 : x);

report({
  linear() {
    const s = scaleLinear().domain([-1, 0, 1]).range(['red', 'white', 'green']).clamp(true);
    const n = scaleLinear([0, 10], [0, 1]);
    return [s(-0.5), s(2), n.ticks(4), n.tickFormat(4, '+%')(0.5), n.copy().domain([1, 2]).nice(3).domain(), r(n.invert(0.33))];
  },
  pow: () => [scalePow().exponent(0.5).domain([0, 100])(25), r(scalePow().exponent(3)(0.5))],
  quantile: () => [scaleQuantile([1, 5, 9, 13, 20, 30], ['a', 'b', 'c']).quantiles(), scaleThreshold([0, 1], ['neg', 'small', 'big'])(0.5)],
  diverging: () => [0, 0.5, 1].map(scaleDiverging((t) => `t${r(t)}`).domain([-1, 0, 5])),
  time() {
    const t = scaleUtc().domain([Date.UTC(2020, 0, 1), Date.UTC(2020, 0, 3)]);
    const local = scaleTime().domain([new Date(2020, 5, 1), new Date(2021, 5, 1)]);
    return [t.ticks(6).map((d) => d.toISOString()), t.ticks(6).map(t.tickFormat()), local.ticks(4).length, r(t(Date.UTC(2020, 0, 2, 6)))];
  },
});
