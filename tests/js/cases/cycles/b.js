import { a } from "./a.js";
console.log("b evaluates first");
export function b() { return "b()"; }
export const bValue = "b value";
export function callA() { return a(); }
