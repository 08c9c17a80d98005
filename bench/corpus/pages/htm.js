// htm with preact: tagged-template JSX-like markup (caching, components, spreads, fragments).
import htm from 'htm';
import { h, render } from 'preact';
import { html as preactHtml } from 'htm/preact';
import { report } from './report.js';

const html = htm.bind(h);
const Card = ({ title, children, ...rest }) => html`<section class="card" ...${rest}><h3>${title}</h3>${children}</section>`;

report({
  render() {
    const host = document.createElement('div');
    const items = ['a', 'b'];
    render(html`
      <${Card} title="One" id="c1" data-x=${1}>
        <ul>${items.map((i) => html`<li key=${i}>${i.toUpperCase()}</li>`)}</ul>
        <input disabled value="v" />
      <//>
      <>frag ${'ment'}</>`, host);
    return host.innerHTML;
  },
  raw() {
    const built = htm.bind((type, props, ...children) => ({ type, props, children }));
    return [built`<a href=${'/x'} class="y">text <b>${2}</b></a>`, built`<x ...${{ a: 1 }} b />`];
  },
  preact() {
    const host = document.createElement('div');
    render(preactHtml`<p style=${{ color: 'red' }}>${'<escaped>'}</p>`, host);
    return host.innerHTML;
  },
});
