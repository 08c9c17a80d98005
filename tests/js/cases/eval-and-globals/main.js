import { secret } from "./secret.js";
function withEval(code) { const localName = "kept"; return eval(code); }
console.log(withEval("localName"), secret, typeof window, globalThis.Math.max(1, 2));
const document = "a local called document";
console.log(document);
const topSecret = "top-level, seen by eval";
function peek() { return eval("topSecret"); }
console.log(peek());
