// marked: GFM markdown with tables, code, lists, a custom renderer and extension, the lexer.
import { Marked, marked } from 'marked';
import { report } from './report.js';

const doc = `# Title *with* emphasis

Some **bold**, \`code\`, a [link](https://example.com "t") and ~~strike~~.

| a | b |
|:--|--:|
| 1 | 2 |

1. one
2. two
   - nested [ ] box
- [x] done

\`\`\`js
const x = 1 < 2 && "q";
\`\`\`

> quote with <span>html</span>

Autolink www.example.com and footnote-like text[^1].
`;

report({
  parse: () => marked.parse(doc),
  inline: () => marked.parseInline('a _b_ **c** `d` <e>'),
  lexer: () => marked.lexer(doc).map((t) => [t.type, t.raw.length]),
  custom() {
    const m = new Marked({
      gfm: true,
      breaks: true,
      renderer: {
        heading({ tokens, depth }) {
          return `<h${depth} class="h">${this.parser.parseInline(tokens)}</h${depth}>\n`;
        },
      },
      extensions: [
        {
          name: 'mention',
          level: 'inline',
          start: (src) => src.indexOf('@'),
          tokenizer(src) {
            const match = /^@(\w+)/.exec(src);
            if (match) return { type: 'mention', raw: match[0], user: match[1] };
          },
          renderer: (token) => `<a class="user">${token.user}</a>`,
        },
      ],
    });
    return m.parse('## Hi @ada\nline\nbreak');
  },
  walk() {
    const types = [];
    marked.walkTokens(marked.lexer(doc), (t) => types.push(t.type));
    return types.join(',');
  },
});
