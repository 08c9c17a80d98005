// alpinejs: directives over real DOM (x-data, x-text, x-for, x-if, x-show, x-model, x-bind,
// x-on), Alpine.data, stores, magics, reactivity, evaluated after Alpine.start().
import Alpine from 'alpinejs';
import { report } from './report.js';

const app = document.getElementById('app');
app.innerHTML = `
  <div x-data="todos" id="todos">
    <h2 x-text="title + ' (' + remaining + ')'"></h2>
    <input x-model="draft" id="draft">
    <button id="add" @click="add()">add</button>
    <ul><template x-for="(t, i) in items" :key="t.id"><li :class="{ done: t.done }" x-text="i + ':' + t.text" @click="t.done = !t.done"></li></template></ul>
    <p x-show="remaining === 0" id="alldone">all done</p>
    <template x-if="items.length > 3"><p id="many">many</p></template>
    <span x-text="$store.app.greeting" id="store"></span>
    <span x-text="$el.tagName" id="magic"></span>
  </div>`;

Alpine.store('app', { greeting: 'hello', setGreeting(g) { this.greeting = g; } });
Alpine.data('todos', () => ({
  title: 'todos',
  draft: '',
  items: [{ id: 1, text: 'one', done: false }, { id: 2, text: 'two', done: true }],
  get remaining() {
    return this.items.filter((t) => !t.done).length;
  },
  add() {
    if (this.draft.trim()) this.items.push({ id: this.items.length + 1, text: this.draft.trim(), done: false });
    this.draft = '';
  },
}));

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));
const clean = (s) => s.replace(/<!--[^>]*-->/g, '').replace(/\s+/g, ' ');

report({
  async start() {
    Alpine.start();
    await tick();
    return clean(app.innerHTML);
  },
  async interact() {
    const input = document.getElementById('draft');
    input.value = '  three ';
    input.dispatchEvent(new Event('input'));
    document.getElementById('add').click();
    input.value = 'four';
    input.dispatchEvent(new Event('input'));
    document.getElementById('add').click();
    await tick();
    app.querySelectorAll('li')[0].click();
    Alpine.store('app').setGreeting('bye');
    await tick();
    return [clean(app.innerHTML), document.getElementById('alldone').style.display];
  },
  reactivity() {
    const state = Alpine.reactive({ n: 1 });
    const seen = [];
    Alpine.effect(() => seen.push(state.n));
    state.n = 2;
    return new Promise((resolve) => setTimeout(() => resolve(seen), 10));
  },
});
