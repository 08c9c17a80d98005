// Blocks of one statement print without braces (`if(a)return 1;else b++`), but not a
// declaration's block, and not an `if` inside the block before an `else` (it would take it).
function f(a, b) {
  if (a) { return 1 }
  if (b) { a++ } else { b++ }
  for (let i = 0; i < 2; i++) { a += i }
  while (a > 100) { a-- }
  if (a) { if (b) a = 2 } else { b = 3 }
  if (a === 7) { var v = 1 }
  if (b) { let w = 2; b += w }
  for (const k in { x: 1 }) { b += k.length }
  if (a) { b++ }
  return [a, b, v]
}
function g(x) { if (x) { return "y" } else { if (x === 0) { return "z" } } }
const h = (n) => { for (;;) { if (n-- < 0) { break } } return n }
if (f) { console.log(JSON.stringify([f(0, 0), f(7, 1), f(1, 0), g(0), g(1), g(2), h(3)])) }
// a block whose only statement a define leaves out (echarts): `else ;`, not `else }`
function k(a) {
  if (a) { a++ } else { if (process.env.NODE_ENV === "never") { a-- } }
  for (let i = 0; i < 1; i++) { if (process.env.NODE_ENV === "never") throw 0 }
  return a
}
console.log(k(0), k(1))
