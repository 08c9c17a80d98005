// Classes as Rollup, Rolldown and esbuild emit them (`var X = class {...}`), mixins, nested
// and named class expressions, and a class right after another token: the minifier once
// dropped the `class` keyword in all of these (issue #12).
var Counter = class {
  constructor(start) { this.n = start }
  get double() { return this.n * 2 }
  static of(n) { return new Counter(n) }
};
const Twice = (Base) => class extends Base { twice() { return this.double * 2 } };
const Named = class Inner { who() { return typeof Inner } };
function nested() {
  class Local { static tag = "local" }
  return Local.tag
}
const one = 1;class After { get v() { return one } }
const list = [class { x() { return "in array" } }];
const obj = { K: class {} };
export default class { name() { return "default class" } }
console.log(Counter.of(3).double, new (Twice(Counter))(2).twice(), new Named().who(), nested())
console.log(new After().v, new list[0]().x(), typeof obj.K, (class {}).name === "")
