// `get`, `set` and `static` then a line break: one member, as JavaScript reads it (no
// semicolon is inserted there); `async` then a line break: a field named async, then a method
class A {
  get
  foo() {
    return 1;
  }
  static
  x = 2;
  set
  y(v) {
    this.v = v;
  }
  async
  z() {}
  static
  *gen() {
    yield 1;
  }
  get
  *g() {}
}
const a = new A();
a.y = 3;
console.log(Object.getOwnPropertyNames(A.prototype).join(), Object.getOwnPropertyNames(a).join());
console.log(A.x, a.foo, [...A.gen()].join());
