// Modules run in the order their imports and re-exports are written (found by the ts-three10
// benchmark: imports were printed after `export * from`).
import { a } from "./a";
export * from "./b";
import "./c";
export { d } from "./d";
import type { T } from "./t"; // only a type: ./t does not run
export * as e from "./e";
const x: T = a;
console.log("main", x);
