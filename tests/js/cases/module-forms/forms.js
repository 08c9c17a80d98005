export * as default from "./leaf.js"
export
{

};
export//-
{//-
//-
};
export let count = 0

