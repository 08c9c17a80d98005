// Types erased, not checked: everything here must run as the JavaScript without the types.
import { log, type Logger } from "./log";
import type { Shape } from "./shapes";
import { area, Kind } from "./shapes";
import { OnlyType } from "./only-types"; // used as a type only: the module is not run
export type { Shape } from "./shapes";

interface Point { x: number; y: number }
type Pair<T> = [T, T];
declare const DEBUG: boolean;
declare function external(): void;
declare global { interface Window { app: unknown } }

function first<T>(items: readonly T[]): T | undefined { return items[0]; }
function over(a: string): string;
function over(a: number): number;
function over(a: any): any { return typeof a === "string" ? a + "!" : a * 2; }
function withThis(this: { n: number }, k: number) { return this.n + k; }
const id = <T,>(x: T): T => x;
const arrow = async (a: number, b?: number): Promise<number> => a + (b ?? 0);
let definite!: number;
definite = 4;
const p = { x: 1, y: 2 } satisfies Point;
const q = <Point>{ x: 3, y: 4 };
const maybe: string | null = "value";
const len = maybe!.length;
const casted = (p as unknown as Point).x;
const pair: Pair<number> = [1, 2];
const inst = first<number>;
abstract class Base<T> {
  abstract name(): string;
  protected value?: T;
  declare readonly brand: string;
  describe(): string { return `${this.name()}:${String(this.value)}`; }
}
class Impl extends Base<number> implements Logger {
  override name(): string { return "impl"; }
  log(m: string): void { log(m); }
}
let t: OnlyType | undefined;
const s: Shape = { kind: Kind.Square, size: 3 };
log(JSON.stringify([first(["a", "b"]), over("x"), over(21), withThis.call({ n: 1 }, 2), id(5)]));
log(JSON.stringify([definite, p, q, len, casted, pair, inst([9]), new Impl().describe(), t]));
arrow(1, 2).then((v) => log(String(v + area(s))));
for (const k of [1, 2] as const) log(String(k));
try { JSON.parse("{"); } catch (e: unknown) { log((e as Error).name); }
