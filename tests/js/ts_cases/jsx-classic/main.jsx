/** @jsx h */
/** @jsxFrag Frag */
function h(type, props, ...children) {
  return { type: typeof type === "string" ? type : type.tag, props, children };
}
function Frag() {}
Frag.tag = "Frag";
function Comp() {}
Comp.tag = "Comp";
const a = { b: Object.assign(() => {}, { tag: "a.b" }) };
const v = [
  <div />,
  <div a="1" {...{ b: 2 }}>x{1}</div>,
  <>
    <Comp k />
    text
  </>,
  <a.b />,
  // found by esbuild's own JSX tests: a sequence in braces is one value
  <i b={1, 2}>{3, 4}</i>,
  <i>{...[5, 6]}</i>,
];
console.log(JSON.stringify(v));
