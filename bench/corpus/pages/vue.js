// vue: the full ESM browser build (template compiler included): components, reactivity,
// computed, watchers, v-for/v-if/v-model, slots, provide/inject, nextTick.
import { computed, createApp, defineComponent, h, inject, nextTick, provide, reactive, ref, shallowRef, toRaw, watch, watchEffect } from 'vue/dist/vue.esm-browser.prod.js';
import { report } from './report.js';

const log = [];

const Item = defineComponent({
  props: { item: Object, index: { type: Number, default: 0 } },
  emits: ['toggle'],
  setup(props, { emit, slots }) {
    const prefix = inject('prefix', '?');
    return () => h('li', { class: { done: props.item.done }, onClick: () => emit('toggle', props.item.id) }, [`${prefix}${props.index}. `, slots.default?.()]);
  },
});

const App = {
  components: { Item },
  template: `
    <section>
      <h1 :title="title">{{ title.toUpperCase() }} ({{ remaining }}/{{ todos.length }})</h1>
      <input v-model.trim="draft">
      <ul>
        <Item v-for="(t, i) in visible" :key="t.id" :item="t" :index="i" @toggle="toggle">
          <b>{{ t.text }}</b>
        </Item>
      </ul>
      <p v-if="remaining === 0">all done</p>
      <p v-else-if="remaining > 2">many left</p>
      <p v-else>{{ remaining }} left</p>
    </section>`,
  setup() {
    provide('prefix', '#');
    const todos = reactive([
      { id: 1, text: 'write', done: true },
      { id: 2, text: 'test', done: false },
      { id: 3, text: 'ship', done: false },
    ]);
    const draft = ref('');
    const filter = ref('all');
    const title = ref('todos');
    const remaining = computed(() => todos.filter((t) => !t.done).length);
    const visible = computed(() => (filter.value === 'all' ? todos : todos.filter((t) => t.done === (filter.value === 'done'))));
    watch(remaining, (now, before) => log.push(`remaining ${before}->${now}`));
    watchEffect(() => log.push(`draft=${draft.value}`));
    const toggle = (id) => {
      const t = todos.find((x) => x.id === id);
      t.done = !t.done;
    };
    return { todos, draft, filter, title, remaining, visible, toggle };
  },
};

const root = document.getElementById('app');
let vm;

report({
  async mount() {
    vm = createApp(App).mount(root);
    await nextTick();
    return root.innerHTML.replace(/<!--.*?-->/g, '');
  },
  async interact() {
    root.querySelectorAll('li')[1].click();
    vm.draft = '  new  ';
    vm.filter = 'done';
    await nextTick();
    const input = root.querySelector('input');
    input.value = ' typed ';
    input.dispatchEvent(new Event('input'));
    await nextTick();
    return [root.innerHTML.replace(/<!--.*?-->/g, ''), vm.draft, log];
  },
  reactivity() {
    const state = reactive({ n: 1, nested: { list: [1, 2] } });
    const double = computed(() => state.n * 2);
    const seen = [];
    const s = shallowRef({ a: 1 });
    state.n = 5;
    state.nested.list.push(3);
    seen.push(double.value, state.nested.list.length, toRaw(state).n, s.value.a);
    return seen;
  },
});
