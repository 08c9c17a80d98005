// lit: a reactive element with decorators-free properties, templates, directives, styles.
import { LitElement, css, html, nothing, render, svg } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { repeat } from 'lit/directives/repeat.js';
import { styleMap } from 'lit/directives/style-map.js';
import { report } from './report.js';

class TodoList extends LitElement {
  static properties = {
    items: { type: Array },
    filter: { type: String, reflect: true },
    count: { state: true },
  };
  static styles = css`
    :host { display: block; }
    li.done { text-decoration: line-through; }
  `;
  constructor() {
    super();
    this.items = [];
    this.filter = 'all';
    this.count = 0;
  }
  get visible() {
    return this.items.filter((i) => this.filter === 'all' || (this.filter === 'done') === i.done);
  }
  willUpdate(changed) {
    if (changed.has('items')) this.count = this.items.length;
  }
  render() {
    return html`<h2>${this.count} items (${this.filter})</h2>
      <ul>
        ${repeat(
          this.visible,
          (i) => i.id,
          (i, index) => html`<li class=${classMap({ done: i.done, first: index === 0 })} style=${styleMap({ order: String(index) })}>${i.text}</li>`,
        )}
      </ul>
      ${this.count > 2 ? html`<p>many</p>` : nothing}`;
  }
}
customElements.define('todo-list', TodoList);

const strip = (s) => s.replace(/<!--[^>]*-->/g, '');

report({
  async element() {
    const el = document.createElement('todo-list');
    el.items = [
      { id: 1, text: 'write', done: true },
      { id: 2, text: 'test', done: false },
      { id: 3, text: 'ship', done: false },
    ];
    document.getElementById('app').append(el);
    await el.updateComplete;
    const first = strip(el.shadowRoot.innerHTML);
    el.filter = 'done';
    await el.updateComplete;
    return [first, strip(el.shadowRoot.innerHTML), el.getAttribute('filter'), el.shadowRoot.adoptedStyleSheets.length];
  },
  template() {
    const host = document.createElement('div');
    const greet = (name, n = 2) => html`<b title=${name}>${'!'.repeat(n)}${name}</b>`;
    render(html`${greet('a')}${[1, 2].map((x) => greet(`n${x}`, x))}${svg`<circle r=${3}></circle>`}`, host);
    return strip(host.innerHTML);
  },
});
