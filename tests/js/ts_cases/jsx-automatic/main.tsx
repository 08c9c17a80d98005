import { Item } from "./item";
const ns = { Panel: Object.assign(() => null, { tag: "Panel" }) };
const extra = { a: 1, key: "from-spread" };
const list = [1, 2].map((n) => <Item key={n} n={n} />);
const generic = <T,>(x: T) => x;
const cases = [
  <div className="box" id="x" data-role="main" aria-hidden hidden={false} />,
  <div>one</div>,
  <div>one {generic<string>("two")} three</div>,
  <><span /><span /></>,
  <ns.Panel title="t" />,
  <svg:rect xlink:href="#a" />,
  <div {...extra} b={2} />,
  <div key="k" {...extra} />,
  <div {...extra} key="after" />,
  <div>{list}</div>,
  <Item n={3}>{(x: number) => x * 2}</Item>,
  <div>{/* only a comment */}</div>,
  <div attr="a &amp; b &quot;q&quot; &#65;&#x42;" />,
  <div>{`template ${1}`}{null}{false}</div>,
  <custom-element some-attr="v" />,
  <div str='single' />,
  <i>{...[5, 6]}</i>,
  <i>{...[7]}{8}</i>,
];
console.log(JSON.stringify(cases, (k, v) => (typeof v === "function" ? `fn:${v.name}` : v), 1));
