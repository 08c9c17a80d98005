// mustache: templates with sections, inverted sections, partials, lambdas, escaping, custom
// delimiters, and the parse tree.
import Mustache from 'mustache';
import { report } from './report.js';

const view = {
  title: 'Joe <& co>',
  items: [{ name: 'red', first: true }, { name: 'green' }, { name: 'blue' }],
  empty: [],
  nested: { deep: { value: 42 } },
  calc: () => 2 + 4,
  bold: () => (text, render) => `<b>${render(text)}</b>`,
};

report({
  render: () => Mustache.render('{{title}} {{{title}}} {{&title}}\n{{#items}}[{{name}}{{#first}}*{{/first}}]{{/items}}\n{{^empty}}no items{{/empty}} {{nested.deep.value}} {{calc}} {{#bold}}Hi {{title}}{{/bold}}\n{{! comment }}{{missing}}.', view),
  partials: () => Mustache.render('{{#items}}{{> item}}{{/items}}', view, { item: '<li>{{name}}</li>' }),
  delimiters: () => [Mustache.render('{{=<% %>=}}<% title %> {{title}}', view), Mustache.render('[[ title ]]', view, {}, ['[[', ']]'])],
  parse: () => Mustache.parse('a {{b}} {{#c}}d{{/c}}'),
  escape: () => Mustache.escape('<a href="x">\'&\'</a>'),
});
