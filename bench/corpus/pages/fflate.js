// fflate: deflate/inflate, gzip, zlib, zip archives, streaming, strings.
import { Deflate, Inflate, gunzipSync, gzipSync, inflateSync, deflateSync, strFromU8, strToU8, unzipSync, unzlibSync, zipSync, zlibSync } from 'fflate';
import { report } from './report.js';

const text = 'The quick brown fox jumps over the lazy dog. '.repeat(50) + 'héllo wörld ✓';
const data = strToU8(text);
const sum = (u8) => u8.reduce((a, b) => (a * 31 + b) >>> 0, 7);

report({
  deflate() {
    const packed = deflateSync(data, { level: 9 });
    return [packed.length, sum(packed), strFromU8(inflateSync(packed)) === text];
  },
  gzip() {
    const packed = gzipSync(data, { level: 6, mtime: 0, filename: 'a.txt' });
    return [packed.length, sum(packed), gunzipSync(packed).length];
  },
  zlib: () => strFromU8(unzlibSync(zlibSync(strToU8('abcabcabc'), { level: 1 }))),
  zip() {
    const zipped = zipSync({ 'dir/a.txt': strToU8('aaa'), 'b.bin': [new Uint8Array([1, 2, 3]), { level: 0 }] }, { mtime: new Date(Date.UTC(2020, 0, 1)) });
    const files = unzipSync(zipped);
    return [zipped.length, Object.keys(files), Array.from(files['b.bin'])];
  },
  stream() {
    const chunks = [];
    const d = new Deflate({ level: 4 }, (chunk) => chunks.push(chunk));
    for (let i = 0; i < data.length; i += 100) d.push(data.subarray(i, i + 100), i + 100 >= data.length);
    const out = [];
    const inf = new Inflate((chunk) => out.push(...chunk));
    chunks.forEach((c, i) => inf.push(c, i === chunks.length - 1));
    return [chunks.length, out.length === data.length];
  },
});
