import { b, bValue } from "./b.js";
console.log("a evaluates; b's hoisted function works:", b());
export function a() { return "a() sees " + bValue; }
