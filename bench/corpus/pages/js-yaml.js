// js-yaml: load and dump with anchors, merge keys, multi-documents, errors, schemas.
import { JSON_SCHEMA, YAMLException, dump, load, loadAll } from 'js-yaml';
import { report, thrown } from './report.js';

const text = `
base: &base
  name: base
  tags: [a, b]
  nested: { x: 1, y: -2.5e3 }
derived:
  <<: *base
  name: derived
multi: |
  line one
  line two
folded: >
  folded
  text
nums: [0x1F, 0o17, 1_000, .inf, -.Inf, .nan, ~, null, true, False]
date: 2001-12-14t21:59:43.10-05:00
quoted: "tab\\there \\u00e9"
`;

report({
  load: () => load(text),
  json: () => load('a: 2001-12-14\nb: yes\nc: 0x10', { schema: JSON_SCHEMA }),
  all: () => loadAll('--- 1\n--- [2]\n--- {three: 3}\n'),
  dump: () =>
    dump(
      { s: 'multi\nline', n: [1, 2.5, -0, null], o: { 'quoted key': true, empty: {} }, d: 'yes', long: 'x'.repeat(90) },
      { indent: 4, sortKeys: true, lineWidth: 40 },
    ),
  roundtrip: () => load(dump(load(text), { noRefs: true })),
  error: () => thrown(() => load('a: [1, 2\nb: }')),
  isException: () => {
    try {
      load('{');
      return false;
    } catch (e) {
      return e instanceof YAMLException;
    }
  },
});
