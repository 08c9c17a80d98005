function h(type: any, props: any, ...children: any[]) { return children; }
function F() {}
const texts = [
  <p>  leading and trailing  </p>,
  <p>
    line one
    line two
  </p>,
  <p>

    blank lines   around

  </p>,
  <p>	tab	inside	</p>,
  <p>a&nbsp;b &lt;c&gt; &copy; &#8212; &#x1F600; &unknown; &amp;amp;</p>,
  <p>before {"expr"} after</p>,
  <p>
    {"only expr"}
  </p>,
  <p>  </p>,
  <p>
  </p>,
  <p>"quotes" and 'apostrophes' and \backslash</p>,
  <p>unicode ✓ é 中文</p>,
  <>frag <b>bold</b> tail</>,
];
console.log(JSON.stringify(texts));
