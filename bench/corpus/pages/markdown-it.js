// markdown-it: CommonMark with linkify, typographer, tables, a custom rule and renderer, tokens.
import MarkdownIt from 'markdown-it';
import { report } from './report.js';

const md = new MarkdownIt({ html: true, linkify: true, typographer: true, breaks: false });
md.renderer.rules.code_inline = (tokens, idx) => `<kbd>${md.utils.escapeHtml(tokens[idx].content)}</kbd>`;
md.core.ruler.after('inline', 'count-words', (state) => {
  state.env.words = state.tokens.filter((t) => t.type === 'inline').reduce((n, t) => n + t.content.split(/\s+/).length, 0);
});
md.inline.ruler.before('emphasis', 'hashtag', (state, silent) => {
  const match = /^#([a-z]+)/.exec(state.src.slice(state.pos));
  if (!match || (state.pos > 0 && state.src[state.pos - 1] !== ' ')) return false;
  if (!silent) {
    const token = state.push('hashtag', '', 0);
    token.content = match[1];
  }
  state.pos += match[0].length;
  return true;
});
md.renderer.rules.hashtag = (tokens, idx) => `<a class="tag">${tokens[idx].content}</a>`;

const doc = `Setext title
===

"Smart" quotes -- dashes... (c) (tm) and #tags, https://example.com/x?y=1.

* item \`code <b>\`
* [ref][1]

| h1 | h2 |
| -- | :-: |
| a  | b   |

<div class="raw">html *kept*</div>

    indented code

[1]: /url "Title"
`;

report({
  render() {
    const env = {};
    return [md.render(doc, env), env.words];
  },
  inline: () => md.renderInline('*a* __b__ [c](d) ![e](f.png)'),
  tokens: () => md.parse('# h\n\n- a\n- b\n', {}).map((t) => [t.type, t.tag, t.nesting, t.level]),
  commonmark: () => new MarkdownIt('commonmark').render('a  \nb\\\nc <https://x.y>'),
  disabled: () => new MarkdownIt().disable(['link', 'emphasis']).render('*a* [b](c)'),
});
