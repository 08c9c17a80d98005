import { x as y } from "./x.js";
import { y as x } from "./y.js";
function f(x) { return [x, y]; }
function g() { const y = "local y"; return [y, x]; }
console.log(f("param"), g(), x, y);
try { throw new Error("e"); } catch ({ message }) { console.log(message, x); }
for (let x = 0; x < 1; x++) console.log(x, y);
const arrow = ({ x, y: z = x }) => x + z;
console.log(arrow({ x: "xx" }));
