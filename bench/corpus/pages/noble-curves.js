// @noble/curves: deterministic signatures (Ed25519, secp256k1 ECDSA/Schnorr, P-256), ECDH,
// point arithmetic. Secret keys are fixed, so every output is reproducible.
import { ed25519, x25519 } from '@noble/curves/ed25519.js';
import { p256 } from '@noble/curves/nist.js';
import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex as hex, hexToBytes } from '@noble/curves/utils.js';
import { report } from './report.js';

const sk = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const sk2 = hexToBytes('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb');
const msg = new TextEncoder().encode('corpus message');

report({
  ed25519() {
    const pub = ed25519.getPublicKey(sk);
    const sig = ed25519.sign(msg, sk);
    return [hex(pub), hex(sig), ed25519.verify(sig, msg, pub), ed25519.verify(sig, msg.slice(1), pub)];
  },
  x25519: () => [hex(x25519.getSharedSecret(sk, x25519.getPublicKey(sk2))), hex(x25519.getSharedSecret(sk2, x25519.getPublicKey(sk)))],
  secp256k1() {
    const pub = secp256k1.getPublicKey(sk);
    const sig = secp256k1.sign(msg, sk);
    const recovered = secp256k1.sign(msg, sk, { format: 'recovered' });
    const shared = secp256k1.getSharedSecret(sk, secp256k1.getPublicKey(sk2));
    return [hex(pub), hex(sig), hex(recovered), secp256k1.verify(sig, msg, pub), hex(shared)];
  },
  schnorr() {
    const aux = new Uint8Array(32).fill(7);
    const sig = schnorr.sign(msg, sk, aux);
    return [hex(schnorr.getPublicKey(sk)), hex(sig), schnorr.verify(sig, msg, schnorr.getPublicKey(sk))];
  },
  p256() {
    const sig = p256.sign(msg, sk2, { prehash: true });
    return [hex(p256.getPublicKey(sk2, false)), hex(sig), p256.verify(sig, msg, p256.getPublicKey(sk2))];
  },
  points() {
    const { Point } = secp256k1;
    const g = Point.BASE;
    const p = g.multiply(12345n).add(g.double());
    return [p.toHex(true), p.equals(g.multiply(12347n)), p.negate().add(p).is0(), p.toAffine().x.toString(16)];
  },
});
