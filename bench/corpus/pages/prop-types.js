// prop-types (CommonJS): the production entry (validators replaced by throwing shims, as
// process.env.NODE_ENV is "production"), and the checking validators built from
// factoryWithTypeCheckers with React elements recognised by react-is, called as React calls them.
import PropTypes from 'prop-types';
import factory from 'prop-types/factoryWithTypeCheckers';
import ReactPropTypesSecret from 'prop-types/lib/ReactPropTypesSecret';
import { createElement, isValidElement } from 'react';
import { report } from './report.js';

const T = factory(isValidElement, false);

function check(type, value, name = 'value') {
  const error = type({ [name]: value }, name, 'Card', 'prop', name, ReactPropTypesSecret);
  return error ? error.message : null;
}

report({
  shims() {
    const keys = Object.keys(PropTypes).sort();
    let message = 'no exception';
    try {
      PropTypes.string({ a: 1 }, 'a', 'C', 'prop', 'a', 'not the secret');
    } catch (error) {
      message = error.name + ': ' + error.message.split('.')[0];
    }
    return [keys, typeof PropTypes.string.isRequired, PropTypes.shape({}) === PropTypes.string, PropTypes.PropTypes === PropTypes, typeof PropTypes.checkPropTypes, message];
  },
  primitives: () => [check(T.string, 'x'), check(T.string, 3), check(T.number, NaN), check(T.bool, 'true'), check(T.func, () => 1), check(T.array, {}), check(T.object, []), check(T.symbol, Symbol('s')), check(T.bigint, 3n), check(T.string.isRequired, undefined), check(T.string.isRequired, null), check(T.string, undefined)],
  composite: () => [
    check(T.arrayOf(T.number), [1, 2, 'x']),
    check(T.objectOf(T.bool), { a: true, b: 1 }),
    check(T.oneOf(['a', 'b']), 'c'),
    check(T.oneOfType([T.string, T.number]), true),
    // built-in classes: the messages name the classes, and a minifier renames the page's own
    check(T.instanceOf(Error), new TypeError('t')),
    check(T.instanceOf(Date), /re/),
    check(T.shape({ id: T.number.isRequired, tags: T.arrayOf(T.string) }), { tags: ['a', 4] }),
    check(T.shape({ id: T.number.isRequired }), { tags: 1 }),
    check(T.exact({ id: T.number }), { id: 1, extra: true }),
    check(T.element, createElement('div')),
    check(T.element, 'div'),
    check(T.node, [createElement('a'), 'text', 3, null, [false]]),
    check(T.node, { not: 'a node' }),
    check(T.elementType, 'div'),
    check(T.any.isRequired, 0),
  ],
  custom() {
    const even = (props, name, component) => (props[name] % 2 ? new Error(`${name} of ${component} is odd`) : null);
    return [check(even, 3), check(even, 4), check(T.arrayOf(even), [2, 5])];
  },
});
