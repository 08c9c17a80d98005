// hoist-non-react-statics (CommonJS, with react-is 16 nested): copying a component's own
// statics onto a wrapper (a HOC), skipping React's and JavaScript's, with a blocklist, from
// classes, memo and forwardRef components, symbols and getters included.
import hoist from 'hoist-non-react-statics';
import { Component, createElement, forwardRef, memo } from 'react';
import { report } from './report.js';

const tag = Symbol.for('corpus.tag');

class Inner extends Component {
  static displayName = 'Inner';
  static defaultProps = { a: 1 };
  static propTypes = {};
  static contextType = null;
  static fetchData() {
    return 'data';
  }
  static config = { route: '/inner' };
  static get computed() {
    return 'getter';
  }
  static [tag] = 'sym';
  render() {
    return createElement('div');
  }
}

function withWrapper(Wrapped, blocklist) {
  class Wrapper extends Component {
    static displayName = `With(${Wrapped.displayName || Wrapped.name})`;
    render() {
      return createElement(Wrapped, this.props);
    }
  }
  return hoist(Wrapper, Wrapped, blocklist);
}

function statics(C) {
  return Object.getOwnPropertyNames(C).filter((k) => !['length', 'prototype', 'name', 'caller', 'arguments'].includes(k)).sort().concat(Object.getOwnPropertySymbols(C).map(String));
}

report({
  classes() {
    const W = withWrapper(Inner);
    return [statics(W), W.displayName, W.defaultProps, W.fetchData(), W.config === Inner.config, W.computed, W[tag]];
  },
  blocklist() {
    const W = withWrapper(Inner, { fetchData: true, config: true });
    return [statics(W), typeof W.fetchData];
  },
  memoSource() {
    const M = memo(function Shown() {
      return null;
    });
    M.loadData = () => 'memo data';
    M.defaultProps = { b: 2 };
    const W = hoist(function Target() {}, M);
    return [statics(W), W.loadData(), W.defaultProps];
  },
  forwardRefTarget() {
    const F = forwardRef((props, ref) => null);
    F.displayName = 'Fwd';
    const R = hoist(F, Inner);
    return [R.fetchData(), R.displayName, 'render' in R, R.defaultProps];
  },
  sameObject: () => hoist(Inner, 'not a component') === Inner,
});
