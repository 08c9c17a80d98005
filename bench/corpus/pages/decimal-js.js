// decimal.js: arbitrary-precision decimals, rounding modes, transcendental functions, bases.
import Decimal from 'decimal.js';
import { report } from './report.js';

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });

report({
  arithmetic: () => [new D('0.1').plus('0.2').toString(), new D(1).div(7).toString(), new D(2).sqrt().toString(), new D('1e-30').times('3.3e+40').toString(), new D(10).pow(-5).toFixed(8), new D('123.456').mod(7).toString(), D.sum(1, '2.5', new D(3)).toString()],
  transcendental: () => [D.exp(1).toString(), D.ln(10).toSignificantDigits(20).toString(), D.acos(-1).toString(), new D(0.5).sin().toFixed(30), D.log(1024, 2).toString(), D.atan2(1, -1).toFixed(20)],
  rounding: () => [Decimal.ROUND_UP, Decimal.ROUND_HALF_EVEN, Decimal.ROUND_FLOOR].map((r) => ['2.345', '-2.345', '2.355'].map((x) => new D(x).toDecimalPlaces(2, r).toString())),
  formats: () => [new D(255.5).toHexadecimal(), new D('0x1f.8').toString(), new D(1234.5678).toExponential(3), new D(0.000123).toPrecision(2), new D(-0).isNegative(), new D(NaN).isNaN(), new D(1).div(0).toString(), new D('9.99e+9000000000000000').toString(), new D(3.75).toFraction(), new D('12345.6789').toFixed(2, Decimal.ROUND_DOWN)],
  compare: () => [new D(1).cmp(2), D.max(1, '3', -5).toString(), new D('1.000').eq(1), new D(5).clampedTo(0, 3).toString()],
});
