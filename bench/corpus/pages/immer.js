// immer: produce with nested drafts, Maps and Sets, patches, freezing, original/current.
import { applyPatches, createDraft, current, enableMapSet, enablePatches, finishDraft, freeze, isDraft, nothing, original, produce, produceWithPatches } from 'immer';
import { report, thrown } from './report.js';

enableMapSet();
enablePatches();

const base = {
  users: [
    { id: 1, name: 'ada', tags: new Set(['x']) },
    { id: 2, name: 'bob', tags: new Set() },
  ],
  index: new Map([[1, 0], [2, 1]]),
  meta: { version: 1 },
};

class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}

report({
  produce() {
    const next = produce(base, (draft) => {
      draft.users[0].name = 'Ada';
      draft.users[1].tags.add('new');
      draft.users.push({ id: 3, name: 'cy', tags: new Set() });
      draft.index.set(3, 2);
      draft.meta.version++;
    });
    return [next.users, [...next.index], next.meta, next.users[1] === base.users[1], Object.isFrozen(next.users[0]), base.meta.version];
  },
  patches() {
    const [next, patches, inverse] = produceWithPatches({ a: [1, 2, 3], b: { c: 'd' } }, (d) => {
      d.a.splice(1, 1);
      delete d.b.c;
      d.e = true;
    });
    return { next, patches, inverse, back: applyPatches(next, inverse) };
  },
  curried() {
    const addTodo = produce((draft, text) => {
      draft.push({ text, done: false });
    });
    return addTodo([{ text: 'a', done: true }], 'b');
  },
  drafts() {
    const draft = createDraft({ list: [1, 2], deep: { n: 1 } });
    draft.list.push(3);
    draft.deep.n = 2;
    const snapshot = current(draft);
    const orig = original(draft.deep);
    return [isDraft(draft), snapshot, orig, finishDraft(draft)];
  },
  nothingAndErrors: () => [
    produce({ a: 1 }, () => nothing),
    thrown(() => produce({ a: 1 }, (d) => {
      d.a = 2;
      return { b: 3 };
    })),
    thrown(() => {
      freeze({ x: 1 }, true).x = 2;
    }),
  ],
  classes() {
    const p = new Point(1, 2);
    return thrown(() => produce(p, (d) => {
      d.x = 5;
    }));
  },
});
