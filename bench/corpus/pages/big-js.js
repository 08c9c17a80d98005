// big.js: small arbitrary-precision decimals, rounding modes, strict mode errors.
import Big from 'big.js';
import { report, thrown } from './report.js';

const B = Big();
B.DP = 30;
B.RM = Big.roundHalfEven;

report({
  arithmetic: () => [new B('0.1').plus('0.2').toString(), new B(1).div(3).toString(), new B(2).sqrt().toString(), new B('1e-7').times('3e+20').toString(), new B(1.5).pow(10).toString(), new B(-7).mod(3).toString(), new B('123.456').neg().abs().toString()],
  rounding: () => [0, 1, 2, 3].map((rm) => ['2.5', '-2.5', '2.45'].map((x) => new B(x).round(1, rm).toString())),
  formats: () => [new B(123.456).toExponential(2), new B(0.000001).toString(), new B('1e21').toFixed(), new B(1234.5).toPrecision(3), new B(-0).toString(), new B(45).toNumber()],
  compare: () => [new B(1).cmp(2), new B('1.0').eq(1), new B(3).gt('2.9999999999999999999'), new B(0).lte(-0)],
  errors() {
    const S = Big();
    S.strict = true;
    return [thrown(() => new B('abc')), thrown(() => new B(1).div(0)), thrown(() => new S(1.5)), thrown(() => new S('1.0000000000000000000001').toNumber())];
  },
});
