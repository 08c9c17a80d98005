export function createElement(type: any, props: any, ...children: any[]) {
  return { f: "createElement", type: typeof type === "string" ? type : type.tag, props, children };
}
