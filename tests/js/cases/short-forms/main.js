// Tokens the minifier spells shorter, where the shorter form means the same: numbers (`.5`,
// `1e3`, but `4.0.toFixed` keeps its dot), strings in double quotes, `!0`/`!1`/`void 0` (not
// before `.`, `[`, `(` or `**`, and `undefined` not where a function binds the name),
// `typeof x == "y"`, and `new Map` without parentheses (not before `.`).
const nums = [0.5, 4.0, 1000, 0.001, 0.0001, 1.50, 5., 0x10, 1_000, 10n, 4.0.toFixed(1), 1000 .toString(), 1e21]
const strs = ['plain', 'it\'s', 'say "hi"', '\x41\u0042', "double"]
const bools = [true, false, !true, true.toString(), true ** 2, 2 ** true, `${false}`, { true: 1 }[true]]
const undef = [undefined, typeof undefined, undefined === void 0, [undefined].length]
const keep = (function (undefined) { return undefined })(42)
const made = [new Map().size, new Set([1, 2, 2]).size, typeof new WeakMap(), new (class { constructor() { this.v = 3 } })().v]
const types = [typeof nums === "object", "string" !== typeof strs, typeof undef[0] === "undefined"]
const sym = Symbol("unused"), table = new Map([["a", 1]])
console.log(JSON.stringify([nums.map(String), strs, bools, undef, keep, made, types, table.get("a")]))
// `typeof x > "u"`, `const` as `let` (not where something assigns to it: the TypeError stays),
// private names shortened per class (an inner class's after its outer class's)
const typeofs = [typeof nope === "undefined", typeof nums !== "undefined", "undefined" == typeof keep]
const fixed = 1
let thrown = "no"
try { fixed = 2 } catch (e) { thrown = e.constructor.name }
class Outer {
  #count = 1; static #made = 0; #hidden() { return this.#count + Outer.#made }
  get #both() { return this.#count } set #both(v) { this.#count = v }
  run(other) {
    this.#both = 5
    const Inner = class { #count = 40; sum(o) { return o.#both + this.#count } }
    return [this.#hidden(), #count in other, #count in {}, new Inner().sum(this)]
  }
}
console.log(JSON.stringify([typeofs, thrown, new Outer().run(new Outer())]))
