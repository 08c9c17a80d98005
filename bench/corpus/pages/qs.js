// qs (CommonJS, with side-channel, get-intrinsic and friends behind it): nested parse and
// stringify, array formats, dots, depth and parameter limits, charsets, custom encoders, sorting.
import qs from 'qs';
import { report } from './report.js';

report({
  parse: () => [
    qs.parse('a[b][c]=d&a[e]=f&x=1&x=2'),
    qs.parse('a[]=b&a[]=c&a[5]=z'),
    qs.parse('a.b.c=d', { allowDots: true }),
    qs.parse('?a=b&c=d', { ignoreQueryPrefix: true }),
    qs.parse('a=b;c=d', { delimiter: ';' }),
    qs.parse('a[b][c][d][e][f][g]=x', { depth: 2 }),
    qs.parse('a=1&b=2&c=3', { parameterLimit: 2 }),
    qs.parse('a=%A7', { charset: 'iso-8859-1' }),
    qs.parse('utf8=%E2%9C%93&a=%C3%B8', { charsetSentinel: true }),
    qs.parse('a=b,c', { comma: true }),
    qs.parse('a&b=', { strictNullHandling: true }),
    qs.parse('__proto__[x]=1&constructor=2'),
  ],
  stringify: () => [
    qs.stringify({ a: { b: { c: 'd' } }, e: [1, 2] }),
    qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'brackets', encode: false }),
    qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'repeat' }),
    qs.stringify({ a: ['b', 'c'] }, { arrayFormat: 'comma' }),
    qs.stringify({ a: { b: 1 } }, { allowDots: true }),
    qs.stringify({ z: 1, a: 2, m: 3 }, { sort: (x, y) => x.localeCompare(y), addQueryPrefix: true }),
    qs.stringify({ a: null, b: undefined, c: '' }, { strictNullHandling: true }),
    qs.stringify({ date: new Date(Date.UTC(2020, 0, 2)) }),
    qs.stringify({ space: 'a b', ü: 'ø' }, { format: 'RFC1738' }),
    qs.stringify({ a: 'ø' }, { charset: 'iso-8859-1', charsetSentinel: true }),
    qs.stringify({ a: 'b' }, { encoder: (s, d, cs, type) => (type === 'key' ? s.toUpperCase() : `<${s}>`) }),
  ],
  roundTrip() {
    const value = { filter: { status: ['open', 'closed'], owner: { id: '7' } }, page: '2' };
    const text = qs.stringify(value);
    return [text, qs.parse(text)];
  },
  formats: () => Object.keys(qs.formats).sort(),
});
