// highlight.js: the core with a few languages registered, highlighting and auto-detection.
import hljs from 'highlight.js/lib/core';
import css from 'highlight.js/lib/languages/css';
import javascript from 'highlight.js/lib/languages/javascript';
import python from 'highlight.js/lib/languages/python';
import xml from 'highlight.js/lib/languages/xml';
import { report } from './report.js';

hljs.registerLanguage('javascript', javascript);
hljs.registerLanguage('python', python);
hljs.registerLanguage('xml', xml);
hljs.registerLanguage('css', css);

const js = `// comment
async function* gen(a = 1) { const re = /x+\\/y/gi; yield \`t \${a}\`; }
class A extends B { #p = 0x1F; static get q() { return null ?? 2n; } }`;
const py = `@decorator
def f(x: int = 3) -> str:
    """doc"""
    return f"{x!r}" if x else None`;

report({
  javascript: () => hljs.highlight(js, { language: 'javascript' }).value,
  python: () => hljs.highlight(py, { language: 'python' }).value,
  html: () => hljs.highlight('<div class="a"><script>let x = 1<2;</script><style>p { color: red }</style></div>', { language: 'xml' }).value,
  auto() {
    const r = hljs.highlightAuto('body { margin: 0 auto; } .a > .b:hover { color: #fff !important; }');
    return [r.language, r.relevance, r.value];
  },
  element() {
    const pre = document.createElement('pre');
    const code = document.createElement('code');
    code.className = 'language-python';
    code.textContent = 'print("hi")  # greet';
    pre.append(code);
    hljs.highlightElement(code);
    return [code.className, code.innerHTML];
  },
  languages: () => [hljs.listLanguages(), Boolean(hljs.getLanguage('js')), Boolean(hljs.getLanguage('py'))],
});
