/** @jsxRuntime automatic */
/** @jsxImportSource @local/jsx */
// the pragmas win over tsconfig's classic "jsx": "react"
const ns = { Tag: Object.assign(() => null, { tag: "Tag" }) };
console.log(JSON.stringify([<div id="a">x</div>, <><ns.Tag /></>, <p {...{ k: 1 }} key="late" />]));
