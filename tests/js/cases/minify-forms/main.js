// What the minifier rewrites beyond whitespace: `(e)=>` to `e=>` (with a space after `return`
// and `async`), consecutive declarations merged (`let a=1,b=2`, top-level ones across
// statements and modules too), a statement's `;` before `}` left out but an empty statement's
// kept (`if(a);}`), and `yield`/`return` with and without a value.
import { shared } from "./more.js"
const inc = (n) => n + 1, twice = async (n) => n * 2, spaced = ( n ) => n
function curry(a) { return (b) => a + b }
function blocks(x) {
  let a = 1 // one
  let b = 2
  const c = 3; const d = [a, b, c]
  var e; var f = x
  if (x) ;
  while (x-- > 5);
  for (;;) { break }
  label: ;
  return d.concat(e === undefined, f)
}
function* gen() { yield
  yield 1 }
const top1 = 1
const top2 = top1 + 1
let top3 = "a"
let top4 = top3 + "b"
class K { x = 1
  y
  static z = 2; m() { return this.x } }
console.log(inc(1), await twice(2), spaced(3), curry(1)(2), JSON.stringify(blocks(7)))
console.log([...gen()].length, top1, top2, top3, top4, new K().m(), K.z, "y" in new K(), shared)
