// classnames (CommonJS): strings, objects, arrays, nesting, falsy values, numbers, toString
// objects, the bind variant (CSS-module names) and the dedupe variant.
import classNames from 'classnames';
import bind from 'classnames/bind';
import dedupe from 'classnames/dedupe';
import { report } from './report.js';

const styles = { button: 'btn_x1', primary: 'btn_primary_x2', big: 'big_x3' };

report({
  basic: () => [
    classNames('a', 'b'),
    classNames('a', { b: true, c: false, 'd-e': 1 }),
    classNames(['a', ['b', { c: true }]], null, undefined, false, 0, '', 'z'),
    classNames(1, 2, { 3: true }),
    classNames({ toString: () => 'custom' }),
    classNames({ a: true, constructor: true, hasOwnProperty: true }),
    classNames(),
  ],
  bound() {
    const cx = bind.bind(styles);
    return [cx('button', { primary: true, big: false }, 'unknown'), cx(['big', 'button'])];
  },
  dedupe: () => [dedupe('a', 'b', 'a', { b: false, c: true }, ['c', 'd']), dedupe('foo', { foo: false }), dedupe({ a: true }, 'a', { a: false }, 'b')],
});
