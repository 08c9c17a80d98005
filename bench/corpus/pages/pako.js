// pako: zlib's deflate/inflate in JavaScript: raw, zlib and gzip formats, levels, strategies,
// dictionaries, streaming classes with headers, errors.
import { Deflate, deflate, deflateRaw, gzip, Inflate, inflate, inflateRaw, ungzip } from 'pako';
import { report } from './report.js';

const text = 'pako pako pako — a port of zlib. '.repeat(40);
const sum = (u8) => u8.reduce((a, b) => (a * 33 + b) >>> 0, 5381);

report({
  levels: () => [1, 6, 9].map((level) => {
    const packed = deflate(text, { level });
    return [packed.length, sum(packed), inflate(packed, { to: 'string' }) === text];
  }),
  formats() {
    const raw = deflateRaw(text, { windowBits: 10, memLevel: 3, strategy: 1 });
    const gz = gzip(text, { header: { name: 'a.txt', time: 0, os: 3, comment: 'c' } });
    return [raw.length, inflateRaw(raw, { to: 'string' }).length, gz.length, sum(gz), ungzip(gz, { to: 'string' }).slice(0, 10)];
  },
  dictionary() {
    const dictionary = new TextEncoder().encode('pako port zlib');
    const packed = deflate(text, { dictionary });
    return [packed.length, inflate(packed, { dictionary, to: 'string' }) === text];
  },
  streams() {
    const d = new Deflate({ gzip: true, header: { name: 'stream' } });
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 256) d.push(bytes.subarray(i, i + 256), i + 256 >= bytes.length);
    const inf = new Inflate();
    inf.push(d.result, true);
    return [d.err, d.result.length, inf.err, inf.result.length];
  },
  errors() {
    const inf = new Inflate();
    inf.push(new Uint8Array([1, 2, 3, 4]), true);
    return [inf.err, inf.msg, (() => { try { inflate(new Uint8Array([120, 156, 1, 2])); return 'no error'; } catch (e) { return String(e); } })()];
  },
});
