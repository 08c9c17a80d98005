// Minified as esbuild writes it: expression statements in a block joined by commas (and such
// a block without braces), but never a directive ("use strict"); `for (const x of y)` as `let`
// when nothing assigns x; no trailing commas, but an array's holes kept (`[1, , ]`: two);
// `if (a) return K; if (b) return K` as `if(a||b)return K` for a constant K, and
// `if (a) return X; return Y` as `return a?X:Y`.
function f(t, e, s) {
  if (s === 1) { t = t * 10; e = e * 10 } else if (s) { t = 1 } else { e = 2; t = 3 }
  for (const x of [1]) { t += x; e += x }
  "use strict"; t += 1
  switch (s) { case 1: t++; e++; break; default: t--; e-- }
  a: t++; e++
  t = t
  e = e
  return [t, e,]
}
const closures = []
for (const x of [1, 2]) { closures.push(() => x) }
for (const k in { a: 1, }) closures.push(() => k)
try { for (const y of [1]) { y = 2 } } catch (error) { closures.push(() => error.constructor.name) }
const holes = [1, , ], one = [ , ], spread = { ...{ x: 1, }, }
function g(p, q,) { return [p, q,] }
console.log(f(1, 2, 1,), f(1, 2, 0), f(1, 2, 3), closures.map((c) => c()))
console.log(holes.length, one.length, JSON.stringify([holes, one, spread]), g(1, 2,), g.length)
function same(a, b, c) {
  if (a === 1) return false
  if (b > 2) { return false }
  if (c) return false;
  if (a === 5) return
  if (b === 5) return;
  if (a ?? b) return 7 // `a ?? b || c` would be a syntax error
  if (c) return 7
  if (helper = a) return 8 // an assignment binds looser than ||
  if (c) return 8
  return true
}
var helper
console.log([[1, 0, 0], [0, 3, 0], [0, 0, 1], [5, 0, 0], [0, 5, 0], [0, 0, 0], [null, 0, 1]].map((a) => same(...a)))
function describe(t) {
  switch (typeof t) {
    case "number":
      if (Number.isNaN(t)) return "<NaN>"
      if (!Number.isFinite(t)) return t > 0 ? "<Infinity>" : "<-Infinity>";
      if (Object.is(t, -0)) { return "<-0>" }
      return t
    default: return t
  }
}
function bare(a) { if (a) return; return 1 }
function assigns(a, b) { if (a = b) return (1, 2); return 3 }
function comma(a) { if (a) return 1, 2; return a ? 3 : 4 }
function functions(a) { if (a) return function () { return 1 }; return class {} }
const objects = (a) => { if (a) return { x: 1 }; return { y: 2 } }
console.log([1, NaN, Infinity, -Infinity, -0, "s"].map(describe), bare(0), bare(1), assigns(0, 0))
console.log(assigns(0, 1), comma(0), comma(1), functions(0).name, functions(1)(), objects(0), objects(1))
