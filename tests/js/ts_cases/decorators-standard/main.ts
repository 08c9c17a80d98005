// TC39 decorators (TypeScript 5 without experimentalDecorators), lowered as esbuild lowers them
const log: string[] = [];
function logged(value: any, context: ClassMemberDecoratorContext | ClassDecoratorContext) {
  log.push(`${context.kind} ${String(context.name)} static=${(context as any).static} private=${(context as any).private}`);
  context.addInitializer(function (this: unknown) { log.push(`init ${String(context.name)}`); });
  (context.metadata as any)[String(context.name)] = context.kind;
}
function double(value: (...args: any[]) => number, context: ClassMethodDecoratorContext) {
  logged(value, context);
  return function (this: unknown, ...args: any[]) { return value.apply(this, args) * 2; };
}
function plusTen(_: undefined, context: ClassFieldDecoratorContext) {
  logged(_, context);
  return (initial: number) => initial + 10;
}
function tracked(target: ClassAccessorDecoratorTarget<any, number>, context: ClassAccessorDecoratorContext) {
  logged(target, context);
  return {
    get(this: any) { log.push(`get ${String(context.name)}`); return target.get.call(this); },
    set(this: any, v: number) { log.push(`set ${String(context.name)} ${v}`); target.set.call(this, v); },
    init(v: number) { return v * 3; },
  };
}
function upper(value: () => string, context: ClassGetterDecoratorContext) {
  logged(value, context);
  return function (this: unknown) { return value.call(this).toUpperCase(); };
}
function named<T extends new (...args: any[]) => object>(value: T, context: ClassDecoratorContext) {
  logged(value, context);
  return class extends value { tag = "named"; };
}
class Base { base = "base"; }
@named
class Widget extends Base {
  @plusTen size = 1;
  plain = "plain";
  @tracked accessor count = 2;
  @double area(n: number) { return n + this.size; }
  @upper get label() { return "label " + this.plain; }
  @double static make(n: number) { return n; }
  @plusTen static shared = 5;
  @tracked static accessor total = 1;
}
const w = new Widget() as Widget & { tag: string };
w.count = 7;
console.log(JSON.stringify(log));
console.log(w.size, w.plain, w.count, w.area(1), w.label, Widget.make(4), Widget.shared, Widget.total, w.tag, w.base);
const metadata = (Widget as any)[(Symbol as any).metadata ?? Symbol.for("Symbol.metadata")];
console.log(JSON.stringify(metadata), Object.keys(w).join(","), Widget.name);
