class Base {
  set value(v: number) { console.log("setter saw", v); }
  get value() { return 0; }
}
class Derived extends Base {
  value = 5;
  other = "o";
  declare ambient: string;
  unset?: number;
  constructor(public extra = 1) { super(); }
}
class Plain { x = 1; y: number; constructor() { this.y = this.x + 1; } }
class NoCtor extends Base { value = 7; }
const d = new Derived();
console.log(JSON.stringify(Object.keys(d)), d.value, new Plain().y, Object.keys(new NoCtor()).length);
