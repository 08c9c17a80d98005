// chroma-js: colour parsing and conversion, manipulation, scales with colour spaces, mixing,
// contrast and deltaE, brewer palettes, cubehelix.
import chroma from 'chroma-js';
import { report } from './report.js';

const r = (xs) => xs.map((x) => (typeof x === 'number' ? Math.round(x * 1000) / 1000 : x));

report({
  convert: () => [chroma('hotpink').hex(), r(chroma('#ff8800').hsl()), r(chroma('teal').lab()), r(chroma(120, 50, 40, 'hsl').rgb()), chroma.temperature(3500).hex(), r(chroma('rgba(10, 20, 30, 0.5)').rgba()), chroma('red').css('hsl'), r(chroma('skyblue').oklch()), chroma.valid('nonsense'), chroma('#abc').name()],
  manipulate: () => [chroma('hotpink').darken(2).hex(), chroma('hotpink').brighten().hex(), chroma('slategray').saturate(2).hex(), chroma('orange').set('hsl.h', '+120').hex(), chroma('orange').alpha(0.5).css(), r([chroma('red').luminance(), chroma('red').luminance(0.5).luminance()])],
  scales: () => [chroma.scale(['yellow', '008ae5']).mode('lch').colors(5), chroma.scale('RdYlBu').domain([0, 100]).classes(4)(60).hex(), chroma.scale(['white', 'red']).gamma(2)(0.5).hex(), chroma.bezier(['white', 'yellow', 'red', 'black']).scale().colors(4), chroma.cubehelix().start(200).rotations(-0.5).scale().correctLightness().colors(3), chroma.brewer.Set2.slice(0, 3)],
  compare: () => [chroma.mix('red', 'blue', 0.5, 'lab').hex(), chroma.average(['red', 'green', 'blue'], 'lrgb').hex(), r([chroma.contrast('pink', 'hotpink'), chroma.deltaE('#ededee', '#ededee'), chroma.deltaE('#ececee', '#000000'), chroma.distance('#fff', '#ff0', 'rgb')]), chroma.limits([1, 2, 3, 4, 5, 10, 20], 'q', 3)],
});
