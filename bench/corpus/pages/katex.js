// katex: TeX to HTML and MathML strings, macros, error handling, rendering into the DOM.
import katex from 'katex';
import { report } from './report.js';

report({
  html: () => katex.renderToString('\\frac{-b \\pm \\sqrt{b^2-4ac}}{2a} = \\sum_{i=1}^{\\infty} \\alpha_i', { displayMode: true }),
  mathml: () => katex.renderToString('\\int_0^1 x^2\\,dx = \\tfrac13 \\quad \\begin{pmatrix}a&b\\\\c&d\\end{pmatrix}', { output: 'mathml' }),
  macros: () => katex.renderToString('\\RR \\to \\abs{x} \\color{red}{y} \\text{ and } \\mathbb{Z}', { macros: { '\\RR': '\\mathbb{R}', '\\abs': '\\left|#1\\right|' }, output: 'mathml', strict: 'ignore' }),
  errors: () => [(() => { try { katex.renderToString('\\frac{1}{'); } catch (e) { return [e.name, e.message, e.position ?? null]; } })(), katex.renderToString('\\undefinedmacro x', { throwOnError: false, output: 'mathml' })],
  dom() {
    const el = document.createElement('span');
    katex.render('e^{i\\pi} + 1 = 0', el, { output: 'htmlAndMathml' });
    return [el.querySelectorAll('.katex-html span').length, el.querySelector('annotation').textContent];
  },
  version: () => katex.version,
});
