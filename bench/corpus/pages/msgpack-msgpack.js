// @msgpack/msgpack: encoding and decoding every type, extension codecs (Date, custom class,
// BigInt), streams of multiple values.
import { decode, decodeMulti, encode, ExtensionCodec } from '@msgpack/msgpack';
import { report } from './report.js';

class Money {
  constructor(amount, currency) {
    this.amount = amount;
    this.currency = currency;
  }
}
const codec = new ExtensionCodec();
codec.register({
  type: 1,
  encode: (value) => (value instanceof Money ? encode([value.amount, value.currency]) : null),
  decode: (data) => {
    const [amount, currency] = decode(data);
    return new Money(amount, currency);
  },
});
const hex = (u8) => Array.from(u8, (b) => b.toString(16).padStart(2, '0')).join('');
const value = { nil: null, t: true, f: false, int: [0, -1, 127, 128, -33, 65535, 2 ** 32, -(2 ** 40)], float: [0.5, -1.25e300], str: ['', 'ascii', 'ünïcødé ✓', 'x'.repeat(40)], bin: new Uint8Array([1, 2, 255]), arr: [[], [[1]]], map: { a: { b: {} } }, date: new Date(Date.UTC(2020, 1, 2, 3, 4, 5, 678)) };

report({
  roundtrip() {
    const packed = encode(value, { sortKeys: true });
    return [packed.length, hex(packed).slice(0, 200), decode(packed)];
  },
  extension() {
    const packed = encode({ price: new Money(9.99, 'EUR') }, { extensionCodec: codec });
    const back = decode(packed, { extensionCodec: codec });
    return [hex(packed), back.price instanceof Money, back.price.currency];
  },
  bigint: () => [hex(encode(2n ** 63n - 1n, { useBigInt64: true })), decode(encode(-(2n ** 60n), { useBigInt64: true }), { useBigInt64: true })],
  multi: () => [...decodeMulti(new Uint8Array([...encode(1), ...encode('two'), ...encode([3])]))],
  errors: () => (() => { try { decode(new Uint8Array([0xc1])); } catch (e) { return e.message; } })(),
});
