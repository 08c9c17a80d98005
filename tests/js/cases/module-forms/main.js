// Module syntax tree-sitter's grammar gets wrong or the bundler once mishandled (test262):
// `export * as default from`, `export` then a line break then `{}`, `export default class {}`
// followed by a statement (a declaration: no `;`), attributes on a re-export, and a namespace
// object's own behaviour (writes and deletes refused, @@toStringTag not enumerable).
import Self, * as ns from "./forms.js"
import { x } from "./reexport.js"
const results = [Self.x, ns.default.x, x, Object.prototype.toString.call(ns)]
results.push(Object.keys(ns).join(), Object.getOwnPropertyDescriptor(ns, Symbol.toStringTag).enumerable)
try { ns.count = 1; results.push("assigned") } catch (e) { results.push(e.constructor.name) }
try { delete ns.count; results.push("deleted") } catch (e) { results.push(e.constructor.name) }
results.push(ns.count)
console.log(JSON.stringify(results))
