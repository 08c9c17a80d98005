// @noble/hashes: SHA-2, SHA-3, BLAKE2/3, RIPEMD, HMAC, HKDF, PBKDF2, scrypt, incremental hashing.
import { blake2b, blake2s } from '@noble/hashes/blake2.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { ripemd160 } from '@noble/hashes/legacy.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256, sha384, sha512, sha512_256 } from '@noble/hashes/sha2.js';
import { keccak_256, sha3_256, shake128 } from '@noble/hashes/sha3.js';
import { bytesToHex as hex, utf8ToBytes } from '@noble/hashes/utils.js';
import { report } from './report.js';

const msg = utf8ToBytes('The quick brown fox jumps over the lazy dog');

report({
  sha2: () => [sha256, sha384, sha512, sha512_256].map((h) => hex(h(msg))),
  sha3: () => [hex(sha3_256(msg)), hex(keccak_256(msg)), hex(shake128(msg, { dkLen: 16 }))],
  blake: () => [hex(blake2b(msg, { dkLen: 32, key: utf8ToBytes('key') })), hex(blake2s(msg)), hex(blake3(msg, { dkLen: 40 }))],
  legacy: () => hex(ripemd160(msg)),
  incremental() {
    const h = sha256.create();
    for (let i = 0; i < 1000; i++) h.update(utf8ToBytes(`chunk ${i};`));
    return [hex(h.clone().digest()), hex(h.digest())];
  },
  kdf: () => [hex(hmac(sha256, utf8ToBytes('key'), msg)), hex(hkdf(sha256, msg, utf8ToBytes('salt'), utf8ToBytes('info'), 42)), hex(pbkdf2(sha256, 'password', 'salt', { c: 1000, dkLen: 32 })), hex(scrypt('password', 'salt', { N: 1024, r: 8, p: 1, dkLen: 32 }))],
});
