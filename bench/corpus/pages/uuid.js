// uuid: name-based v3/v5, v1/v4/v6/v7 from fixed inputs, parse/stringify, validate, version.
import { NIL, MAX, parse, stringify, v1, v1ToV6, v3, v4, v5, v6, v7, validate, version } from 'uuid';
import { report } from './report.js';

const random = Uint8Array.from({ length: 16 }, (_, i) => (i * 37 + 11) & 0xff);

report({
  v5: () => [v5('hello', v5.DNS), v5('https://example.com', v5.URL)],
  v3: () => v3('hello', v3.DNS),
  v4: () => v4({ random }),
  v1() {
    const id = v1({ msecs: Date.UTC(2020, 0, 1), nsecs: 42, clockseq: 0x1234, node: Uint8Array.of(1, 2, 3, 4, 5, 6) });
    return [id, v1ToV6(id)];
  },
  v6: () => v6({ msecs: 1577836800000, nsecs: 7, clockseq: 1, node: Uint8Array.of(6, 5, 4, 3, 2, 1) }),
  v7: () => v7({ msecs: 1700000000000, seq: 5, random }),
  parse() {
    const bytes = parse('6ba7b810-9dad-11d1-80b4-00c04fd430c8');
    return [Array.from(bytes), stringify(bytes)];
  },
  validate: () => [NIL, MAX, validate(NIL), validate('nope'), version(v5('x', v5.URL)), version(MAX)],
});
