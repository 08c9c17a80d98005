// echarts (tree-shaken imports, as its docs recommend): bar, line and pie charts rendered
// to an SVG string on the server-side-rendering path (no canvas, no animation).
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { report } from './report.js';

echarts.use([BarChart, LineChart, PieChart, GridComponent, TitleComponent, LegendComponent, DatasetComponent, TooltipComponent, SVGRenderer]);

const render = (option) => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 400, height: 300 });
  chart.setOption({ animation: false, ...option });
  const svg = chart.renderToSVGString();
  const model = chart.getOption();
  chart.dispose();
  return [svg.length, svg.match(/<path/g)?.length ?? 0, svg.match(/<text[^>]*>[^<]*<\/text>/g)?.slice(0, 12) ?? [], Object.keys(model).sort()];
};

report({
  bar: () => render({ title: { text: 'Sales' }, legend: {}, dataset: { source: [['product', '2023', '2024'], ['tea', 43, 85], ['coffee', 83, 73], ['cocoa', 86, 65]] }, xAxis: { type: 'category' }, yAxis: {}, series: [{ type: 'bar' }, { type: 'bar' }] }),
  line: () => render({ xAxis: { type: 'category', data: ['Mon', 'Tue', 'Wed', 'Thu'] }, yAxis: { type: 'log' }, series: [{ type: 'line', data: [1, 10, 100, 50], smooth: true, areaStyle: {} }] }),
  pie: () => render({ series: [{ type: 'pie', radius: ['40%', '70%'], data: [{ value: 1048, name: 'Search' }, { value: 735, name: 'Direct' }, { value: 580, name: 'Email' }], label: { formatter: '{b}: {d}%' } }] }),
  utils: () => [echarts.format.addCommas(1234567.891), echarts.format.formatTime('yyyy-MM-dd hh:mm', Date.UTC(2020, 0, 2, 3, 4), true), echarts.number.round(1.23456, 2), echarts.color.modifyHSL('#ff0000', 120), echarts.version],
});
