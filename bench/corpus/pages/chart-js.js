// chart.js: bar and line charts drawn on a canvas (no animation, fixed size): the scales,
// ticks and element geometry it computed, plugins, and updates.
import { Chart, registerables } from 'chart.js';
import { report } from './report.js';

Chart.register(...registerables);
const r = (x) => Math.round(x * 100) / 100;

function make(config) {
  const canvas = document.createElement('canvas');
  const box = document.createElement('div');
  box.style.cssText = 'width: 400px; height: 300px';
  box.append(canvas);
  document.getElementById('app').append(box);
  return new Chart(canvas, { ...config, options: { animation: false, responsive: false, devicePixelRatio: 1, ...config.options } });
}

report({
  bar() {
    const seen = [];
    const chart = make({
      type: 'bar',
      data: { labels: ['a', 'b', 'c', 'd'], datasets: [{ label: 's1', data: [12, 19, 3, 5] }, { label: 's2', data: [2, 3, 20, 5], stack: 'x' }] },
      options: { scales: { y: { beginAtZero: true, suggestedMax: 25 } }, plugins: { legend: { display: false } } },
      plugins: [{ id: 'spy', afterDraw: (c) => seen.push(`drawn ${c.id}`) }],
    });
    const meta = chart.getDatasetMeta(0);
    const result = [chart.scales.y.ticks.map((t) => t.value), chart.scales.x.ticks.map((t) => t.label), meta.data.map((bar) => [r(bar.x), r(bar.y), r(bar.width)]), seen.length > 0];
    chart.data.datasets[0].data[2] = 30;
    chart.update('none');
    result.push(chart.scales.y.max, r(meta.data[2].y));
    chart.destroy();
    return result;
  },
  line() {
    const chart = make({ type: 'line', data: { labels: [1, 2, 3, 4, 5], datasets: [{ data: [1, 4, 9, 16, 25], tension: 0.4, fill: true }] }, options: { scales: { y: { type: 'logarithmic' } } } });
    const result = [chart.scales.y.ticks.filter((t) => t.major !== undefined || t.label).map((t) => [t.value, t.label]).slice(0, 12), chart.getDatasetMeta(0).data.map((p) => [r(p.x), r(p.y)])];
    chart.destroy();
    return result;
  },
});
