// d3-shape (with d3-path): lines and areas with every curve, arcs, pies, stacks, symbols.
import * as shape from 'd3-shape';
import { report } from './report.js';

const points = [[0, 0], [10, 30], [20, 10], [30, 40], [40, 20]];
const curves = ['curveLinear', 'curveBasis', 'curveCardinal', 'curveCatmullRom', 'curveMonotoneX', 'curveNatural', 'curveStep', 'curveBundle'];

report({
  lines: () => Object.fromEntries(curves.map((c) => [c, shape.line().curve(shape[c])(points)])),
  radial: () => shape.lineRadial().angle((d, i) => i).radius((d) => d[1]).curve(shape.curveCardinalClosed)(points),
  stack() {
    const series = shape.stack().keys(['a', 'b']).order(shape.stackOrderDescending).offset(shape.stackOffsetExpand)([
      { a: 1, b: 3 },
      { a: 4, b: 4 },
    ]);
    return series.map((s) => [s.key, s.index, s.map((p) => [...p])]);
  },
  arcs() {
    const pie = shape.pie().padAngle(0.02).startAngle(-Math.PI / 2)([1, 2, 3]);
    const arc = shape.arc().innerRadius(20).outerRadius(40).padRadius(30);
    return pie.map((p) => [arc(p), arc.centroid(p).map((x) => Math.round(x * 100) / 100)]);
  },
  symbols: () => shape.symbolsFill.map((s) => shape.symbol(s, 30)()),
});
