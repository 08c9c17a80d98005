class Animal {
  static count = 0;
  #secret = "s";
  constructor(public name: string, protected readonly legs: number = 4, private tag?: string) {
    Animal.count++;
  }
  describe() { return `${this.name}/${this.legs}/${this.tag}/${this.#secret}`; }
}
class Bird extends Animal {
  wings = 2;
  constructor(name: string, public canFly = true) {
    console.log("before super");
    super(name, 2);
    console.log("after super", this.canFly, this.wings);
  }
  override describe() { return super.describe() + `/${this.canFly}`; }
}
class Counter {
  accessor value = 1;
  static accessor total = 10;
  bump() { this.value++; Counter.total++; return [this.value, Counter.total]; }
}
class Optional { maybe?(): void; present() { return "present"; } [key: string]: unknown; }
const b = new Bird("tweety");
console.log(b.describe(), Animal.count, JSON.stringify(b));
const c = new Counter();
console.log(JSON.stringify(c.bump()), Object.keys(c).length, new Optional().present());
class Fields { a = 1; declare b: number; c!: string; d?: number; }
console.log(JSON.stringify(Object.keys(new Fields())));
class Breaks {
  // a modifier, a line break, then the member: one member (found by esbuild's tests)
  get
  value() { return "getter"; }
  static
  count = 3;
}
console.log(new Breaks().value, Breaks.count);
