// Reserved words and strings as import and export names (valid since ES5 and ES2022; zod and
// valibot use them): once refused as syntax errors (issue #12).
import { null as a, true as b, function as c, "a-b" as d, if as e, this as f } from "./lib.js"
import { nil, dash, when, class as ns, "a-b" as again } from "./reexport.js"
import * as all from "./lib.js"
console.log(a, b, c, d, e, f, nil, dash, when, again)
console.log(ns.null, ns["a-b"], all.function, Object.keys(all).join(","))
