// react + react-dom (CommonJS, production builds picked by process.env.NODE_ENV): createRoot,
// synchronous renders and clicks with flushSync, hooks (state, reducer, memo, context, effects,
// refs, useId, useSyncExternalStore), class components, memo/forwardRef, an error boundary,
// portals, lazy + Suspense, keyed reordering and the Children helpers.
import React, { Children, Component, Fragment, Suspense, cloneElement, createContext, createElement as h, forwardRef, isValidElement, lazy, memo, useContext, useEffect, useId, useLayoutEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { report } from './report.js';

const Theme = createContext('light');
const log = [];

function Counter({ start, step = 1 }) {
  const [count, setCount] = useState(start);
  const id = useId();
  return h('button', { id: 'counter', 'data-id-ok': id.length > 0, onClick: () => setCount((c) => c + step) }, `count=${count}`);
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
  useEffect(() => {
    if (todos.length < 3) dispatch({ type: 'add', text: `task ${todos.length + 1}` });
    else if (!todos[1].done) dispatch({ type: 'toggle', id: 2 });
  }, [todos]);
  return h('ol', null, todos.map((t) => h('li', { key: t.id, className: t.done ? 'done' : undefined }, t.text)));
}

function List({ items, reverse }) {
  const theme = useContext(Theme);
  const sorted = useMemo(() => [...items].sort((a, b) => (reverse ? b - a : a - b)), [items, reverse]);
  const ref = useRef(null);
  useLayoutEffect(() => {
    log.push(`layout ${ref.current.children.length}`);
  });
  return h('ul', { ref, className: `list ${theme}` }, sorted.map((n) => h('li', { key: n }, `#${n}`)));
}

class Lifecycle extends Component {
  static defaultProps = { label: 'L' };
  state = { mounted: false };
  componentDidMount() {
    log.push('didMount');
    this.setState({ mounted: true });
  }
  componentDidUpdate(prevProps) {
    if (prevProps.label !== this.props.label) log.push(`didUpdate ${prevProps.label}->${this.props.label}`);
  }
  componentWillUnmount() {
    log.push('willUnmount');
  }
  render() {
    return h('span', { className: 'lc' }, `${this.props.label}:${this.state.mounted}`);
  }
}

class Boundary extends Component {
  state = { error: null };
  static getDerivedStateFromError(error) {
    return { error: error.message };
  }
  componentDidCatch() {}
  render() {
    return this.state.error ? h('em', null, `caught ${this.state.error}`) : this.props.children;
  }
}

function Thrower() {
  throw new Error('boom');
}

const Fancy = forwardRef((props, ref) => h('input', { ref, defaultValue: props.value }));
let memoRenders = 0;
const Pure = memo(({ n }) => {
  memoRenders++;
  return h('i', null, n);
});

function makeStore() {
  let value = 0;
  const listeners = new Set();
  return {
    get: () => value,
    set(v) {
      value = v;
      listeners.forEach((l) => l());
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
const store = makeStore();
function StoreView() {
  const v = useSyncExternalStore(store.subscribe, store.get);
  return h('b', { id: 'store' }, `store ${v}`);
}

const LazyHello = lazy(() => Promise.resolve({ default: ({ who }) => h('span', null, `hello ${who}`) }));

const container = document.getElementById('app');
const portalTarget = document.createElement('div');
document.body.append(portalTarget);
const root = createRoot(container);
// Suspense reveals resolved content no sooner than 300 ms after its fallback: wait well past it.
const settle = () => new Promise((resolve) => setTimeout(resolve, 800));
const fancyRef = React.createRef();

function app(theme, label, items, reverse, n) {
  return h(
    Theme.Provider,
    { value: theme },
    h(Counter, { start: 5, step: 2 }),
    h(List, { items, reverse }),
    h(Todo),
    h(Lifecycle, { label }),
    h(Boundary, null, h(Thrower)),
    h(Fancy, { ref: fancyRef, value: 'v' }),
    h(Pure, { n }),
    h(StoreView),
    createPortal(h('p', { id: 'portal' }, `portal ${theme}`), portalTarget),
    h(Suspense, { fallback: h('span', null, 'loading') }, h(LazyHello, { who: 'lazy' })),
  );
}

report({
  async render() {
    // React reports the caught error through console.error / reportError: keep the page quiet.
    const error = console.error;
    console.error = () => {};
    try {
      flushSync(() => root.render(app('dark', 'a', [3, 1, 2], false, 1)));
      const first = container.innerHTML;
      await settle();
      return [first, container.innerHTML, log.splice(0)];
    } finally {
      console.error = error;
    }
  },
  click() {
    const button = document.getElementById('counter');
    flushSync(() => button.click());
    flushSync(() => button.click());
    return [button.textContent, button.dataset.idOk];
  },
  store() {
    flushSync(() => store.set(41));
    flushSync(() => store.set(42));
    return document.getElementById('store').textContent;
  },
  rerender() {
    memoRenders = 0;
    flushSync(() => root.render(app('light', 'b', [3, 1, 2, 9], true, 1)));
    const sameMemo = memoRenders;
    flushSync(() => root.render(app('light', 'b', [3, 1, 2, 9], true, 2)));
    return [container.querySelector('ul').outerHTML, portalTarget.innerHTML, sameMemo, memoRenders, fancyRef.current.value, log.splice(0)];
  },
  unmount() {
    flushSync(() => root.render(h(Fragment, null, 'bye')));
    root.unmount();
    return [container.innerHTML, portalTarget.innerHTML, log.splice(0)];
  },
  helpers() {
    const children = [h('a', { key: 'x' }), null, 'text', [h('b', { key: 'y' })]];
    const el = h('div', { id: 'd', key: 'k' }, 'child');
    const cloned = cloneElement(el, { title: 't' }, 'new');
    return [
      Children.count(children),
      Children.toArray(children).map((c) => (isValidElement(c) ? `${c.type}:${c.key}` : c)),
      Children.map(children, (c, i) => i).join(),
      isValidElement(el),
      isValidElement({}),
      [cloned.key, cloned.props.id, cloned.props.title, cloned.props.children],
      typeof React.version,
      React.version.split('.')[0],
    ];
  },
});
