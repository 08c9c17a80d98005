const log: string[] = [];
function tagged(name: string) {
  return function <T extends { new (...args: any[]): {} }>(ctor: T) {
    log.push(`class ${name}`);
    return class extends ctor { tag = name; };
  };
}
function method(target: any, key: string, desc: PropertyDescriptor) {
  log.push(`method ${key} ${typeof desc.value}`);
  const original = desc.value;
  desc.value = function (...args: any[]) { return "wrapped:" + original.apply(this, args); };
}
function prop(target: any, key: string) { log.push(`prop ${key} ${typeof target}`); }
function param(target: any, key: string | undefined, index: number) { log.push(`param ${String(key)} ${index}`); }
function accessor(target: any, key: string, desc: PropertyDescriptor) { log.push(`accessor ${key} ${typeof desc.get}`); }
@tagged("widget")
class Widget {
  @prop size = 3;
  @prop static shared = 1;
  constructor(@param public id: number) {}
  @method greet(@param who: string) { return `hi ${who}`; }
  @accessor get double() { return this.size * 2; }
  @method static make() { return "made"; }
}
const w = new Widget(7) as Widget & { tag: string };
console.log(JSON.stringify(log));
console.log(w.greet("bob"), w.double, w.tag, w.id, Widget.make(), Widget.shared);
