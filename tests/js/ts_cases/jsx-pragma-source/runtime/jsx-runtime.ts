// A JSX runtime that records what it is called with, as JSON.
export function Fragment(props: any) { return props.children; }
function name(type: any): string {
  return type === Fragment ? "Fragment" : typeof type === "string" ? type : type.tag;
}
export function jsx(type: any, props: any, key?: any): any {
  return { f: "jsx", type: name(type), props, key: key === undefined ? "(none)" : key, n: arguments.length };
}
export function jsxs(type: any, props: any, key?: any): any {
  return { f: "jsxs", type: name(type), props, key: key === undefined ? "(none)" : key, n: arguments.length };
}
