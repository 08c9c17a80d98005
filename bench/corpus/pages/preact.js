// preact: components (class and function), hooks, keyed diffing, refs, context, fragments.
import { Component, Fragment, createContext, createRef, h, render } from 'preact';
import { useContext, useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { report } from './report.js';

const Theme = createContext('light');

let counter = null;

class Counter extends Component {
  state = { count: this.props.start ?? 0 };
  static defaultProps = { step: 1 };
  componentDidMount() {
    counter = this;
  }
  increment = () => this.setState(({ count }) => ({ count: count + this.props.step }));
  get label() {
    return `count=${this.state.count}`;
  }
  render({ step }, { count }) {
    return h('button', { id: 'counter', onClick: this.increment, 'data-step': step }, this.label, ` (${count})`);
  }
}

function List({ items, reverse = false }) {
  const theme = useContext(Theme);
  const sorted = useMemo(() => [...items].sort((a, b) => (reverse ? b - a : a - b)), [items, reverse]);
  return h(
    'ul',
    { class: `list ${theme}` },
    sorted.map((n) => h('li', { key: n }, `#${n}`)),
  );
}

function Todo() {
  const [todos, dispatch] = useReducer((state, action) => {
    switch (action.type) {
      case 'add':
        return [...state, { id: state.length + 1, text: action.text, done: false }];
      case 'toggle':
        return state.map((t) => (t.id === action.id ? { ...t, done: !t.done } : t));
      default:
        return state;
    }
  }, []);
  const [effects, setEffects] = useState(0);
  const ref = useRef(null);
  useEffect(() => {
    if (todos.length < 3) dispatch({ type: 'add', text: `task ${todos.length + 1}` });
    else if (!todos[1].done) dispatch({ type: 'toggle', id: 2 });
    setEffects((n) => n + 1);
  }, [todos]);
  return h(
    Fragment,
    null,
    h('ol', { ref }, todos.map((t) => h('li', { key: t.id, class: t.done ? 'done' : null }, t.text))),
    h('p', null, `effects: ${effects}`),
  );
}

const root = document.getElementById('app');
// Effects run after a paint (requestAnimationFrame, or a 35 ms timer): wait well past it.
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

report({
  async render() {
    render(
      h(Theme.Provider, { value: 'dark' }, h(Counter, { start: 5, step: 2 }), h(List, { items: [3, 1, 2] }), h(Todo)),
      root,
    );
    await settle();
    return root.innerHTML;
  },
  async click() {
    counter.increment();
    document.getElementById('counter').click();
    await settle();
    return [counter.state, root.querySelector('#counter').textContent];
  },
  async rerender() {
    render(h(Theme.Provider, { value: 'light' }, h(List, { items: [3, 1, 2, 9], reverse: true })), root);
    await settle();
    return root.innerHTML;
  },
  ref() {
    const ref = createRef();
    render(h('input', { ref, value: 'v' }), document.createElement('div'));
    return [ref.current.tagName, ref.current.value];
  },
  vnode() {
    const v = h('a', { href: '/x', key: 'k' }, 'one', ['two', null, 3]);
    return [v.type, v.key, v.props.href, v.props.children.length];
  },
});
