/** @jsx h */
// Attribute names that are reserved words (Preact's `class` and `for`, MUI's `in`): valid
// JSX, which tree-sitter's JavaScript grammar (0.25) cannot read; its TSX grammar can.
function h(type, props, ...children) {
  return { type: typeof type === "string" ? type : type.tag, props, children };
}
function Fade() {}
Fade.tag = "Fade";
const open = true;
const v = [
  <label class="field" for="name">
    Name
  </label>,
  <Fade in={open} if="x" class={`a ${1 + 1}`} />,
  <div class="a" {...{ default: 1, typeof: 2 }} />,
];
console.log(JSON.stringify(v));
