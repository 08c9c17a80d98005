// `export default function () {}` is a declaration: what follows on the next line is a new
// statement, not a call of it
import fn from "./fn.js";
import Cls from "./cls.js";

console.log(typeof fn, fn(), typeof Cls, new Cls().kind);
