import * as ns from "./lib.js";
import * as again from "./lib.js";
console.log(ns.a, ns.b(), ns.missing);
console.log(Object.keys(ns).join(","), Object.isExtensible(ns), ns[Symbol.toStringTag]);
console.log(ns === again, Object.getPrototypeOf(ns));
const pick = (o, k) => o[k];
console.log(pick(ns, "a"), JSON.stringify(ns));
const dynamic = await import("./lib.js");
console.log(dynamic === ns, dynamic.a);
