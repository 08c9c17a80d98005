// @codemirror/state: documents, changes, selections, transactions, facets and fields.
import { Annotation, ChangeSet, EditorSelection, EditorState, Facet, StateEffect, StateField, Text } from '@codemirror/state';
import { report } from './report.js';

const tabSize = Facet.define({ combine: (values) => (values.length ? Math.max(...values) : 4) });
const addMark = StateEffect.define();
const marks = StateField.define({
  create: () => [],
  update(value, tr) {
    let next = value.map((pos) => tr.changes.mapPos(pos));
    for (const e of tr.effects) if (e.is(addMark)) next = [...next, e.value];
    return next;
  },
});
const userEvent = Annotation.define();

report({
  text() {
    const doc = Text.of(['first line', 'second', '', 'fourth line here']);
    return [doc.lines, doc.length, doc.line(2).text, doc.lineAt(12).number, doc.sliceString(3, 15), doc.replace(0, 5, Text.of(['FIRST', 'x'])).toString()];
  },
  changes() {
    const a = ChangeSet.of([{ from: 0, to: 2, insert: 'ab' }, { from: 5, insert: '!' }], 10);
    const b = ChangeSet.of({ from: 3, to: 4 }, a.newLength);
    const c = a.compose(b);
    return [c.length, c.newLength, c.mapPos(6), a.invert(Text.of(['0123456789'])).toJSON(), c.toJSON()];
  },
  transactions() {
    let state = EditorState.create({
      doc: 'hello world',
      selection: EditorSelection.create([EditorSelection.range(0, 5), EditorSelection.cursor(11)], 1),
      extensions: [marks, tabSize.of(2), tabSize.of(8), EditorState.allowMultipleSelections.of(true)],
    });
    const tr = state.update({ changes: { from: 5, insert: ',' }, effects: addMark.of(6), annotations: userEvent.of('input') });
    state = tr.state;
    state = state.update(state.replaceSelection('X')).state;
    return [state.doc.toString(), state.selection.ranges.map((r) => [r.from, r.to]), state.field(marks), state.facet(tabSize), tr.annotation(userEvent), tr.docChanged];
  },
  json() {
    const state = EditorState.create({ doc: 'a\nb', selection: { anchor: 1, head: 3 } });
    return EditorState.fromJSON(state.toJSON()).toJSON();
  },
});
