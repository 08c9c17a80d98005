// d3 (the whole library, as most apps import it): scales, shapes, arrays, formats, time,
// hierarchy layouts, a seeded force simulation, interpolators and a DOM join into an SVG.
import * as d3 from 'd3';
import { report } from './report.js';

const round = (x) => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : x);
const data = [
  { name: 'a', value: 30, group: 'x', date: new Date(Date.UTC(2024, 0, 1)) },
  { name: 'b', value: 80, group: 'y', date: new Date(Date.UTC(2024, 1, 15)) },
  { name: 'c', value: 45, group: 'x', date: new Date(Date.UTC(2024, 3, 2)) },
  { name: 'd', value: 60, group: 'z', date: new Date(Date.UTC(2024, 6, 30)) },
];

report({
  arrays: () => [d3.extent(data, (d) => d.value), d3.mean(data, (d) => d.value), d3.median([5, 1, 9, 3]), d3.quantile([1, 2, 3, 4, 5], 0.3), d3.bisectLeft([1, 3, 5, 7], 4), d3.range(0, 1, 0.25), [...d3.rollup(data, (v) => d3.sum(v, (d) => d.value), (d) => d.group)], d3.bin().thresholds(4)([1, 2, 2, 3, 7, 8, 9]).map((b) => [b.x0, b.x1, b.length]), d3.ticks(0, 1, 5), d3.cumsum([1, 2, 3])],
  scales() {
    const x = d3.scaleLinear().domain([0, 100]).range([0, 500]).nice();
    const t = d3.scaleUtc().domain(d3.extent(data, (d) => d.date)).range([0, 100]);
    const band = d3.scaleBand().domain(data.map((d) => d.name)).range([0, 200]).padding(0.1);
    const color = d3.scaleOrdinal(d3.schemeCategory10);
    const log = d3.scaleLog().domain([1, 1000]).range([0, 3]);
    const seq = d3.scaleSequential(d3.interpolateViridis).domain([0, 1]);
    return [x(42), x.invert(250), x.ticks(5), t.ticks(4).map((d) => d.toISOString()), t.tickFormat()(data[1].date), band('c'), band.bandwidth(), color('x'), color('y'), log(100), seq(0.5), d3.scaleQuantize().domain([0, 1]).range(['a', 'b', 'c'])(0.5)].map(round);
  },
  shapes() {
    const line = d3.line().x((d, i) => i * 10).y((d) => d.value).curve(d3.curveMonotoneX);
    const area = d3.area().x((d, i) => i).y0(0).y1((d) => d.value / 10).curve(d3.curveStep);
    const arcs = d3.pie().value((d) => d.value).sort(null)(data);
    const arc = d3.arc().innerRadius(10).outerRadius(50).cornerRadius(2);
    return [line(data), area(data), arcs.map((a) => round(a.endAngle)), arc(arcs[1]), d3.symbol(d3.symbolStar, 64)(), d3.linkHorizontal()({ source: [0, 0], target: [100, 50] })];
  },
  formats: () => [d3.format(',.2f')(1234567.891), d3.format('.1%')(0.1234), d3.format('$,d')(-1234), d3.format('.3s')(1.5e6), d3.format('+08.3e')(0.000123), d3.utcFormat('%Y-%m-%d %A week %U')(data[3].date), d3.utcParse('%d/%m/%Y')('31/12/2023').toISOString(), d3.utcDays(data[0].date, data[1].date, 10).length, d3.utcMonth.every(2).range(data[0].date, data[3].date).map((d) => d.getUTCMonth())],
  hierarchy() {
    const root = d3.hierarchy({ name: 'r', children: [{ name: 'a', size: 3 }, { name: 'b', children: [{ name: 'c', size: 5 }, { name: 'd', size: 2 }] }] }).sum((d) => d.size || 0).sort((a, b) => b.value - a.value);
    d3.treemap().size([100, 60]).padding(1).tile(d3.treemapSquarify)(root);
    const tree = d3.tree().size([100, 100])(root.copy());
    return [root.leaves().map((n) => [n.data.name, n.value, round(n.x0), round(n.y0), round(n.x1), round(n.y1)]), tree.descendants().map((n) => [n.data.name, round(n.x), n.y, n.depth])];
  },
  force() {
    const nodes = d3.range(6).map((i) => ({ id: i }));
    const links = d3.range(5).map((i) => ({ source: i, target: i + 1 }));
    const sim = d3.forceSimulation(nodes).randomSource(d3.randomLcg(42)).force('link', d3.forceLink(links).distance(20)).force('charge', d3.forceManyBody()).force('center', d3.forceCenter(0, 0)).stop();
    sim.tick(120);
    return nodes.map((n) => [round(n.x), round(n.y)]);
  },
  interpolate: () => [d3.interpolate('10px red', '20px blue')(0.5), d3.interpolateRgb('steelblue', 'brown')(0.3), d3.interpolateNumber(0, 10)(0.25), d3.interpolateObject({ a: 1 }, { a: 3, b: 'x' })(0.5), d3.color('hsl(120, 50%, 50%)').brighter().formatHex(), d3.lab('#abcdef').l.toFixed(3), d3.interpolateTransformSvg('rotate(0)', 'rotate(90) translate(10,0)')(0.5)],
  dom() {
    const svg = d3.select('#app').append('svg').attr('width', 200).attr('height', 100);
    const join = () => svg.selectAll('rect').data(data, (d) => d.name).join((enter) => enter.append('rect').attr('class', 'new'), (update) => update.attr('class', 'updated'), (exit) => exit.remove()).attr('x', (d, i) => i * 20).attr('height', (d) => d.value);
    join();
    data.splice(1, 1);
    join();
    return [svg.node().outerHTML, d3.selectAll('rect').size()];
  },
  random: () => [d3.randomNormal.source(d3.randomLcg(1))(0, 1)(), d3.shuffler(d3.randomLcg(7))([1, 2, 3, 4, 5])].flat().map(round),
});
