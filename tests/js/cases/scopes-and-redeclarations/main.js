// From test262: a `var` declared again is live whenever the first is (the second `var x = 0`
// resets x); parameter defaults cannot see the body's vars (a scope of their own), while a
// body `var` of a parameter's name starts with the parameter's value; `{__proto__}` is an own
// property, which `__proto__: x` would not be.
var x = 0
const first = (x = 1) + x
var x = 0
const second = x + (x = 1)
var probe
const f = (_ = (probe = () => typeof inner), a = 5) => { var inner = "body"; var a; return [probe(), a] }
function g(b = 2) { var b; b += 1; return b }
const __proto__ = [1]
const own = { __proto__ }
console.log(JSON.stringify([first, second, f(), g(), Object.keys(own), Array.isArray(Object.getPrototypeOf(own))]))
// a name spelled with escapes is the same name (`\u0061` is `a`)
var \u0062eta = "escaped", \u{67}amma = 3
console.log(beta, gamma, typeof \u0062eta)
// a closure in a catch pattern's default sees the outer `let`, not the body's
let caught = "outside"
var inPattern, inBody
try { throw [] } catch ([_ = (inPattern = () => caught)]) { inBody = () => caught; let caught = "inside" }
console.log(inPattern(), inBody())
