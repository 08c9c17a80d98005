import { fmt } from "./fmt.js"
let a = 1
let b = 2
const c = a
++b
const re = /[/]\/*x/g, t = `a ${b + `n${1}`} // not a comment /* nor this */`
const g = { valueOf: () => 4 }
const d = a
/b/g
class K {
  #secret = 41
  static count = 0
  static { K.count = 10 }
  get value() { return this.#secret + 1 }
  static make() { return new K() }
}
outer: for (let i = 0; i < 3; i++) { for (;;) { if (i === 1) continue outer; break outer } }
const n = 1_000_000 + 0x10 + 1e3 + .5
console.log(c, b, re.source, t, d, K.make().value, K.count, n, fmt`x${1}y`)
const obj = { a, b, "quoted key": 1, [`comp${a}`]: 2, method() { return this.a }, get g() { return 3 } }
console.log(JSON.stringify(obj), obj.method(), obj.g, typeof undefined, void 0 ?? "nullish")
const x = a ? b : c, y = a?.b ?? "z"
console.log(x, y, 1 - -1, 1 + +1, a++ + ++a, `${"`"}`)
const f = async function* gen() { yield 1 }
for await (const v of f()) console.log("async gen", v)
// From test262: `using[x] = v` assigns to an array named `using` (no declaration: `using`
// takes no pattern); a field named `get`/`set`, a line break, then a generator method.
var using = [], at = 0
{ using[at] = "set" }
class FieldGet {
  get
  *a() { yield 1 }
}
class FieldSet {
  static set
  *b() { yield 2 }
}
console.log(using, new FieldGet().hasOwnProperty("get"), [...new FieldGet().a()], FieldSet.hasOwnProperty("set"), [...FieldSet.prototype.b()])
// private names spelled with escapes are the same names (`#\u{6F}` is `#o`)
class Escaped { #\u{6F} = 1; get #\u0070() { return 2 } m() { return [this.#o, this.#p, #\u006F in this] } }
console.log(new Escaped().m())
