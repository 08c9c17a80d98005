// color (Qix-'s, with color-string and color-convert): parsing, conversions, manipulation.
import Color from 'color';
import { report } from './report.js';

const r = (xs) => xs.map((x) => Math.round(x * 1000) / 1000);

report({
  parse: () => [Color('rgb(255, 0, 0)').hex(), Color('#7743CE').alpha(0.5).string(), Color.hsl(210, 50, 40).rgb().string(), Color({ r: 10, g: 20, b: 30 }).hsl().string(2), r(Color('lightgreen').lab().array()), Color('#abc').keyword?.() ?? null, Color.rgb(255, 255, 255).cmyk().round().array(), Color('hwb(60, 3%, 60%)').hex()],
  manipulate: () => [Color('#7743CE').lighten(0.5).hex(), Color('#7743CE').darken(0.5).hex(), Color('red').rotate(180).hex(), Color('red').mix(Color('blue'), 0.3).hex(), Color('#888').negate().hex(), Color('purple').grayscale().hex(), Color('red').fade(0.25).alpha(), Color('#00f').whiten(0.5).hwb().string()],
  inspect: () => [Color('white').isLight(), Color('navy').isDark(), r([Color('white').contrast(Color('navy')), Color('red').luminosity()]), Color('black').level(Color('white')), Color('red').hue(), Color('red').object()],
});
