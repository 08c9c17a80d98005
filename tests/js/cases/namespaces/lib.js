export const a = "A";
export function b() { return "B"; }
export let c = 0;
export default { d: "default" };
