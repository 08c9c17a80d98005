// buffer (the browser Buffer, CommonJS, with base64-js and ieee754; a Node built-in's name):
// encodings, reads and writes of every width, slicing (shared memory), concat/compare/equals,
// search, fill, swaps, JSON, and Uint8Array interplay.
import { Buffer, INSPECT_MAX_BYTES, kMaxLength } from 'buffer';
import { report } from './report.js';

report({
  encodings() {
    const b = Buffer.from('héllo, wörld ✓ 😀', 'utf8');
    return [
      b.length,
      b.toString('hex'),
      b.toString('base64'),
      Buffer.from(b.toString('base64'), 'base64').toString(),
      Buffer.from('aGk_-w', 'base64').toString('hex'),
      Buffer.from('68656c6c6f', 'hex').toString('latin1'),
      Buffer.from('ÿ€', 'latin1').toJSON(),
      Buffer.from('ab', 'utf16le').toString('hex'),
      Buffer.byteLength('😀'),
      Buffer.isEncoding('UTF-8'),
      Buffer.isEncoding('nope'),
    ];
  },
  numbers() {
    const b = Buffer.alloc(32);
    b.writeUInt32LE(0xdeadbeef, 0);
    b.writeInt16BE(-2, 4);
    b.writeDoubleBE(Math.PI, 6);
    b.writeFloatLE(1.5, 14);
    b.writeBigUInt64LE(2n ** 63n + 5n, 18);
    b.writeUIntBE(0x123456, 26, 3);
    return [b.toString('hex'), b.readUInt32LE(0), b.readInt16BE(4), b.readDoubleBE(6), b.readFloatLE(14), b.readBigUInt64LE(18), b.readBigInt64LE(18), b.readUIntBE(26, 3), b.readInt8(0)];
  },
  slicing() {
    const b = Buffer.from([1, 2, 3, 4, 5]);
    const s = b.slice(1, 3);
    s[0] = 9;
    const c = Buffer.concat([b, Buffer.from('xy')], 6);
    return [Array.from(b), Array.from(s), Array.from(c), Buffer.compare(Buffer.from('a'), Buffer.from('b')), b.equals(Buffer.from([1, 9, 3, 4, 5])), Buffer.isBuffer(s), s instanceof Uint8Array];
  },
  search() {
    const b = Buffer.from('the quick brown fox jumps over the lazy dog');
    return [b.indexOf('the'), b.lastIndexOf('the'), b.indexOf('o', 13), b.includes('lazy'), b.indexOf(Buffer.from('fox')), b.indexOf(0x71)];
  },
  mutation() {
    const b = Buffer.alloc(8).fill('ab');
    const w = Buffer.alloc(6);
    const written = w.write('héllo', 1);
    const swap = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    return [b.toString(), written, w.toString('hex'), Array.from(Buffer.from(swap).swap16()), Array.from(Buffer.from(swap).swap32()), Array.from(swap.swap64()), Buffer.alloc(4, 'ÿ').toString('hex')];
  },
  misc: () => [INSPECT_MAX_BYTES, kMaxLength > 0, Buffer.poolSize, JSON.stringify(Buffer.from('hi')), Buffer.from(new Uint16Array([1, 256]).buffer).toString('hex'), String(Buffer.from('abc').toLocaleString())],
});
