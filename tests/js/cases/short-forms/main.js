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
