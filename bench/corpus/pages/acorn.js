// acorn: parse modern JavaScript into an ESTree AST, with locations, comments and errors.
import { Parser, parse, tokenizer } from 'acorn';
import { report, thrown } from './report.js';

const source = `
import x, { y as z } from "mod";
export default class A extends B { #p = 1; static { init(); } get v() { return this.#p ?? 2n; } }
async function* gen(a = 1, ...rest) { for await (const q of rest) yield* q?.[a]; }
const re = /(?<year>\\d{4})-\\d\\d/u, t = tag\`a\${1}b\`;
label: for (;;) { break label; }
x ||= y &&= z ??= 0;
`;

function summarize(node, depth = 0) {
  if (!node || typeof node.type !== 'string' || depth > 4) return null;
  const children = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'loc' || key === 'start' || key === 'end') continue;
    if (Array.isArray(value)) children.push(...value.map((v) => summarize(v, depth + 1)).filter(Boolean));
    else if (value && typeof value === 'object') {
      const s = summarize(value, depth + 1);
      if (s) children.push(s);
    }
  }
  return children.length ? [node.type, children] : node.type;
}

report({
  ast() {
    const comments = [];
    const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true, onComment: comments });
    return { summary: summarize(ast), body: ast.body.map((n) => [n.type, n.loc.start.line, n.end]) };
  },
  tokens: () => [...tokenizer('let a = `x${1}` + /re/g // c', { ecmaVersion: 2022 })].map((t) => t.type.label),
  errors: () => [
    thrown(() => parse('let let = 1', { ecmaVersion: 2022 })),
    thrown(() => parse('a => { "use strict"; with (a) {} }', { ecmaVersion: 2022 })),
    thrown(() => parse('class { }', { ecmaVersion: 2022 })),
  ],
  plugin() {
    const Extended = Parser.extend(
      (Base) =>
        class extends Base {
          readToken(code) {
            this.seen = (this.seen || 0) + 1;
            return super.readToken(code);
          }
        },
    );
    const p = new Extended({ ecmaVersion: 2020 }, 'a + b * c');
    const ast = p.parse();
    return [ast.body[0].expression.operator, p.seen];
  },
});
