import "./more.js"
// Statements that rely on automatic semicolon insertion, followed by a comment: the minifier
// once wrote `let cache=new Map let n=2` and `return"n"case 114:` (issue #12).
let cache = new Map // <k, v>
let n = 2 /* a block comment */
let m = 3 /* a
multi-line comment */
const s = "x" // trailing
function kind(c) {
  switch (c) {
    case 110: return "n" // newline
    case 114: return "r" // return
    default: return "?"
  }
}
function early(x) {
  if (x) return // nothing
  return "late"
}
var i = 0
do i++ // step
while (i < 3)
throw_ = () => { throw new Error("e") // why
}
var throw_
console.log(cache.size, n, m, s, kind(110), kind(114), kind(0), early(1), early(0), i)
// a block comment with a U+2028 line separator in it ends a line too
var ls = 1 /* LS: */ var ps = 2
console.log(ls, ps)
