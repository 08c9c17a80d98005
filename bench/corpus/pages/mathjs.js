// mathjs: the expression parser, symbolic simplify and derivative, matrices, units, complex
// numbers, fractions and big numbers, statistics, formatting.
import { all, create } from 'mathjs';
import { report } from './report.js';

const math = create(all, { number: 'number', precision: 32 });
const big = create(all, { number: 'BigNumber', precision: 40 });

report({
  evaluate() {
    const scope = { x: 3 };
    const out = math.evaluate(['f(a, b) = a^2 + b', 'y = f(x, 4)', 'sqrt(-4)', '5 cm + 2 inch to mm', '[1, 2; 3, 4] * [5; 6]', 'det([2, 1; 1, 3])', 'x > 2 ? "big" : "small"', 'sum(1:10)', '2 + 3i * (1 - i)'], scope);
    return [out.map((v) => math.format(v, { precision: 10 })), scope.y];
  },
  symbolic: () => [math.simplify('2x + 3x - x * (1 + 1)').toString(), math.derivative('sin(x)^2 + x^3', 'x').toString(), math.parse('a * (b + c) / 2').toTex(), math.rationalize('(x^2 + 2x + 1) / (x + 1)').toString(), math.parse('f(x) = x^2').compile().evaluate({}) === undefined],
  matrices() {
    const m = math.matrix([[4, -2], [1, 1]]);
    const { values, eigenvectors } = math.eigs(m);
    return [math.inv(m).toArray(), math.transpose(m).toArray(), math.multiply(m, m).toArray(), values.toArray ? values.toArray() : values, eigenvectors.length, math.lusolve([[2, 1], [1, 3]], [3, 5]).map((r) => r.map((x) => math.round(x, 6))), math.kron([[1, 2]], [[1], [2]]), math.zeros(2, 3).size()];
  },
  units: () => [math.unit('5 km/h').to('m/s').toString(), math.evaluate('9.81 m/s^2 * 70 kg').toString(), math.unit('100 degF').toNumber('degC'), math.unit('1 mile').to('km').format({ notation: 'exponential', precision: 5 })],
  numbers: () => [math.fraction('1/3').add(math.fraction(1, 6)).toFraction(), math.format(big.evaluate('1 / 7'), { precision: 40 }), big.evaluate('2 ^ 100').toFixed(), math.complex('2 + 3i').mul(math.complex(1, -1)).toString(), math.gcd(48, 180), math.isPrime(97), math.combinations(10, 3), math.format(math.pi, 14), math.bignumber('0.1').plus('0.2').toString()],
  statistics: () => [math.mean([1, 2, 3, 4]), math.median([5, 3, 1, 4]), math.std([2, 4, 4, 4, 5, 5, 7, 9]), math.variance([1, 2, 3, 4], 'uncorrected'), math.quantileSeq([1, 2, 3, 4, 5], 0.25), math.mode([1, 2, 2, 3])],
  errors: () => [(() => { try { math.evaluate('1 +'); } catch (e) { return e.message; } })(), (() => { try { math.evaluate('unknownFn(2)'); } catch (e) { return e.message; } })()],
});
