// react-is (CommonJS): what kind of React element or element type a value is, for every kind
// React 19 makes (elements, fragments, portals, memo, forwardRef, lazy, context, Suspense...).
import { Fragment, StrictMode, Suspense, createContext, createElement, forwardRef, lazy, memo } from 'react';
import { createPortal } from 'react-dom';
import * as ReactIs from 'react-is';
import { report } from './report.js';

const Ctx = createContext(0);
const Fn = () => null;
const Memo = memo(Fn);
const Ref = forwardRef((p, r) => null);
const Lazy = lazy(() => new Promise(() => {}));
const portal = createPortal(createElement('i'), document.createElement('div'));

const values = {
  div: createElement('div'),
  fn: createElement(Fn),
  fragment: createElement(Fragment, null, 'x'),
  strict: createElement(StrictMode),
  suspense: createElement(Suspense),
  memo: createElement(Memo),
  forwardRef: createElement(Ref),
  lazy: createElement(Lazy),
  provider: createElement(Ctx.Provider, { value: 1 }),
  consumer: createElement(Ctx.Consumer, null, () => null),
  portal,
  string: 'div',
  object: {},
};

const predicates = ['isElement', 'isFragment', 'isPortal', 'isMemo', 'isForwardRef', 'isLazy', 'isContextProvider', 'isContextConsumer', 'isStrictMode', 'isSuspense', 'isProfiler'];

report({
  typeOf: () => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(ReactIs.typeOf(v))])),
  predicates: () => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, predicates.filter((p) => ReactIs[p](v))])),
  validTypes: () => [Fn, Memo, Ref, Lazy, Fragment, Suspense, Ctx, Ctx.Provider, 'div', 1, null, {}, class {}].map((t) => ReactIs.isValidElementType(t)),
  exports: () => Object.keys(ReactIs).filter((k) => k !== 'default' && k !== '__esModule').sort(),
});
