// yaml (eemeli's): parse and stringify, documents with comments kept, anchors, custom tags,
// YAML 1.1 and 1.2 schemas, errors with positions, visiting the AST.
import YAML, { Document, isMap, isScalar, parseDocument, visit } from 'yaml';
import { report } from './report.js';

const src = `# leading comment
%YAML 1.2
---
name: corpus # trailing
list: &anchor
  - 1
  - two
  - { three: 3 }
alias: *anchor
multi: |-
  a
  b
date: 2001-12-14
octal: 0o14
`;

report({
  parse: () => YAML.parse(src),
  document() {
    const doc = parseDocument(src);
    doc.set('added', [true, null]);
    doc.getIn(['list']).items[0].value = 100;
    doc.get('multi', true).comment = ' edited';
    return [doc.toString(), doc.commentBefore, doc.errors.length];
  },
  stringify: () => [YAML.stringify({ a: 'multi\nline', b: [1, { c: null }], 'k y': 'yes', d: new Map([[1, 'one']]), e: new Set(['s']) }, { indent: 4, defaultStringType: 'QUOTE_DOUBLE' }), YAML.stringify([['nested'], []], { flowCollectionPadding: false })],
  errors() {
    const doc = parseDocument('a: [1, 2\nb: c: d\n');
    return doc.errors.map((e) => [e.code, e.linePos?.[0] ?? null, e.message.split('\n')[0]]);
  },
  versions: () => [YAML.parse('a: yes\nb: 010\nc: 0x1A', { version: '1.1' }), YAML.parse('a: yes\nb: 010\nc: 0x1A', { version: '1.2' })],
  visit() {
    const doc = new Document({ x: 1, y: [2, 3], z: { w: 'four' } });
    const seen = [];
    visit(doc, {
      Scalar(key, node) {
        if (typeof node.value === 'number') node.value *= 10;
        seen.push(String(node.value));
      },
      Map: (key, node) => seen.push(`map ${node.items.length}`),
    });
    return [seen, doc.toJS(), isMap(doc.contents), isScalar(doc.contents.items[0].key)];
  },
});
