// dompurify: sanitising hostile HTML in the page's DOM, with configs, hooks and DOM results.
import DOMPurify from 'dompurify';
import { report } from './report.js';

const dirty = `<img src=x onerror=alert(1)><p onclick="x()">hi <b>there</b><script>evil()</script>
<a href="javascript:alert(1)">js</a><a href="https://ok.example/" target="_blank">ok</a>
<svg><g onload="x()"><circle r="1"></circle></g></svg><math><mi xlink:href="data:x">m</mi></math>
<form action="/x"><input name="attributes"></form><iframe srcdoc="<script>x</script>"></iframe>
<div style="background:url(javascript:x)" data-ok="1" id="keep">styled</div><!-- comment --><template><b>t</b></template>`;

report({
  default: () => DOMPurify.sanitize(dirty),
  config: () => [DOMPurify.sanitize(dirty, { ALLOWED_TAGS: ['p', 'b', 'a'], ALLOWED_ATTR: ['href'] }), DOMPurify.sanitize(dirty, { USE_PROFILES: { html: true } }), DOMPurify.sanitize('<p>x</p><style>*{}</style>', { FORBID_TAGS: ['p'], ADD_TAGS: ['style'] }), DOMPurify.sanitize(dirty, { SAFE_FOR_TEMPLATES: true, KEEP_CONTENT: false })],
  dom() {
    const frag = DOMPurify.sanitize('<p id="a">x<script>y</script></p>', { RETURN_DOM_FRAGMENT: true });
    return [frag.childNodes.length, frag.firstChild.outerHTML];
  },
  hooks() {
    const removed = [];
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') node.setAttribute('rel', 'noopener');
    });
    DOMPurify.addHook('uponSanitizeElement', (node, data) => {
      if (data.tagName === 'script') removed.push('script');
    });
    const out = DOMPurify.sanitize('<a href="/x">a</a><script>s</script>');
    DOMPurify.removeAllHooks();
    return [out, removed, DOMPurify.removed.length, DOMPurify.isSupported];
  },
});
