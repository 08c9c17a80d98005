// dequal: deep equality of objects, arrays, Dates, RegExps, Maps, Sets, typed arrays, and the
// lite build.
import { dequal } from 'dequal';
import { dequal as lite } from 'dequal/lite';
import { report } from './report.js';

const cases = [
  [{ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }],
  [{ a: 1 }, { a: 1, b: undefined }],
  [[1, 2], [2, 1]],
  [new Date(5), new Date(5)],
  [/x/gi, /x/ig],
  [/x/g, /x/i],
  [new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']])],
  [new Set([1, [2]]), new Set([1, [2]])],
  [new Uint8Array([1, 2]), new Uint8Array([1, 2])],
  [new Uint8Array([1, 2]), new Int8Array([1, 2])],
  [new DataView(new ArrayBuffer(2)), new DataView(new ArrayBuffer(2))],
  [NaN, NaN],
  [Object.create(null), {}],
  [[, 1], [undefined, 1]],
];

report({
  full: () => cases.map(([a, b]) => dequal(a, b)),
  lite: () => cases.map(([a, b]) => lite(a, b)),
});
