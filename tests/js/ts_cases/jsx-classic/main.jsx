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
];
console.log(JSON.stringify(v));
