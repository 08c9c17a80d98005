import { value as a, helper as ha } from "./a.js";
import { value as b, helper as hb } from "./b.js";
const value = "main";
function helper() { return "main helper"; }
console.log(a, b, value, ha(), hb(), helper());
const obj = { value, a, b };
console.log(JSON.stringify(obj));
const { value: v2, a: a2 = 5 } = obj;
console.log(v2, a2);
