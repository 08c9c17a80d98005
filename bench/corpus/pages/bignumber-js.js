// bignumber.js: arbitrary-precision arithmetic, configurable instances, bases, formatting.
import BigNumber from 'bignumber.js';
import { report } from './report.js';

const BN = BigNumber.clone({ DECIMAL_PLACES: 40, ROUNDING_MODE: BigNumber.ROUND_HALF_CEIL, FORMAT: { decimalSeparator: ',', groupSeparator: '.', groupSize: 3 } });

report({
  arithmetic: () => [new BN('0.1').plus('0.2').toString(), new BN(1).div(7).toString(), new BN(2).sqrt().toString(), new BN('123456789012345678901234567890').times('987654321').toString(), new BN(2).pow(200).toString(), new BN(-7).mod(3).toString(), BN.sum(1, 2, '3.5').toString(), BN.maximum(1, '7', -2).toString()],
  bases: () => [new BN(255).toString(16), new BN('ff.8', 16).toString(10), new BN('1010.101', 2).toString(), new BN(0.1).toString(2).slice(0, 30), new BN('zz', 36).toNumber()],
  formats: () => [new BN('1234567.891').toFormat(2), new BN(0.000123).toExponential(1), new BN(123.456).toPrecision(4), new BN(1.5).toFraction(), new BN('1e+1000').isFinite(), new BN(NaN).toString(), new BN(-0).isNegative(), new BN(12.345).decimalPlaces(1).toString(), new BN('3.14159').integerValue(BigNumber.ROUND_CEIL).toString()],
  compare: () => [new BN(1).comparedTo(2), new BN('1.0').isEqualTo(1), new BN(5).isGreaterThanOrEqualTo('5.0'), new BN(Infinity).isFinite()],
});
