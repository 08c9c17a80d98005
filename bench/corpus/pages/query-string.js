// query-string: parsing and stringifying with every array format, types, sorting, URLs.
import queryString from 'query-string';
import { report } from './report.js';

report({
  parse: () => [queryString.parse('?a=1&b=two&b=three&c&d=&e=%20x%2By'), queryString.parse('a[]=1&a[]=2&b=1,2', { arrayFormat: 'bracket' }), queryString.parse('a=1,2&n=3&t=true', { arrayFormat: 'comma', parseNumbers: true, parseBooleans: true }), queryString.parse('#x=1', { types: { x: 'string' } }), queryString.parse('a[0]=x&a[1]=y', { arrayFormat: 'index' })],
  stringify: () => [queryString.stringify({ b: [2, 1], a: 'x y', c: null, d: undefined, e: '' }), queryString.stringify({ a: [1, 2] }, { arrayFormat: 'bracket-separator', arrayFormatSeparator: '|' }), queryString.stringify({ z: 1, a: 2 }, { sort: false }), queryString.stringify({ 'ü': 'ö&' }, { strict: true }), queryString.stringify({ a: '' }, { skipEmptyString: true })],
  urls: () => [queryString.parseUrl('https://x.test/p?a=1&b=2#frag', { parseFragmentIdentifier: true }), queryString.stringifyUrl({ url: 'https://x.test/p?a=1#h', query: { b: [3, 4] } }), queryString.extract('https://x.test/?q=1#x'), queryString.pick('https://x.test/?a=1&b=2&c=3', ['a', 'c']), queryString.exclude('https://x.test/?a=1&b=2', (name, value) => value === '2')],
});
