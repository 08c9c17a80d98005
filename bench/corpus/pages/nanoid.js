// nanoid: ids from a seeded random source (customRandom), alphabets, sizes, and the secure
// default (only its shape is reported, it is random).
import { customAlphabet, customRandom, nanoid, urlAlphabet } from 'nanoid';
import { report } from './report.js';

function seeded(seed) {
  let s = seed;
  return (bytes) => {
    const out = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      out[i] = s >>> 16;
    }
    return out;
  };
}

report({
  custom() {
    const id = customRandom(urlAlphabet, 21, seeded(1));
    const hex = customRandom('0123456789abcdef', 12, seeded(2));
    const odd = customRandom('abcdefghijk', 8, seeded(3));
    return [id(), id(), hex(), hex(6), odd(), odd()];
  },
  shapes() {
    const ids = Array.from({ length: 20 }, () => nanoid());
    const short = customAlphabet('xyz', 5);
    return [urlAlphabet, ids.every((i) => /^[\w-]{21}$/.test(i)), new Set(ids).size, /^[xyz]{5}$/.test(short()), nanoid(7).length];
  },
});
