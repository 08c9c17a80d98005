// @codemirror/view: a live editor in the page: decorations, line numbers, dispatching changes,
// coordinates-free queries (no layout assumptions), keymaps run by hand.
import { EditorState, RangeSetBuilder, StateField } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, highlightActiveLine, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { report } from './report.js';

const shout = Decoration.mark({ class: 'shout' });
const shoutField = StateField.define({
  create: (state) => build(state.doc),
  update: (deco, tr) => (tr.docChanged ? build(tr.state.doc) : deco),
  provide: (f) => EditorView.decorations.from(f),
});
function build(doc) {
  const builder = new RangeSetBuilder();
  const text = doc.toString();
  for (const m of text.matchAll(/[A-Z]{2,}/g)) builder.add(m.index, m.index + m[0].length, shout);
  return builder.finish();
}
const counter = ViewPlugin.fromClass(
  class {
    updates = 0;
    update(u) {
      if (u.docChanged) this.updates++;
    }
  },
);
let ran = [];
const keys = keymap.of([{ key: 'Mod-u', run: (view) => (ran.push('upper'), view.dispatch(view.state.replaceSelection(view.state.sliceDoc(view.state.selection.main.from, view.state.selection.main.to).toUpperCase())), true) }]);

report({
  editor() {
    const parent = document.getElementById('app');
    const view = new EditorView({
      parent,
      state: EditorState.create({
        doc: 'let x = 1;\nconsole.log(X + OK);\n',
        extensions: [lineNumbers(), highlightActiveLine(), shoutField, counter, keys, placeholder('empty'), EditorView.lineWrapping],
      }),
    });
    view.dispatch({ changes: { from: 4, to: 5, insert: 'value' }, selection: { anchor: 0, head: 3 } });
    const run = view.state.facet(keymap).flat().find((b) => b.key === 'Mod-u').run;
    run(view);
    const content = view.contentDOM;
    const result = {
      doc: view.state.doc.toString(),
      lines: [...content.querySelectorAll('.cm-line')].map((l) => l.textContent),
      shouts: [...content.querySelectorAll('.shout')].map((s) => s.textContent),
      gutter: [...view.dom.querySelectorAll('.cm-lineNumbers .cm-gutterElement')].map((g) => g.textContent).filter(Boolean),
      updates: view.plugin(counter).updates,
      ran,
      editable: content.contentEditable,
    };
    view.destroy();
    return result;
  },
});
