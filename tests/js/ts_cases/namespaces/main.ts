namespace Geometry {
  export const unit = 2;
  const hidden = 3;
  export function scale(n: number) { return n * unit * hidden; }
  export namespace Inner { export const deep = "deep"; }
  export class Box { constructor(public w: number) {} }
  export enum Axis { X, Y }
  export interface NotEmitted { a: number }
}
namespace A.B.C { export const leaf = "leaf"; }
namespace TypesOnly { export type T = number; export interface I {} }
function Tool() { return "tool"; }
namespace Tool { export const version = 3; }
namespace Geometry { export const more = Geometry.unit + 1; }
module Legacy { export const old = true; }
import Alias = Geometry.Inner;
console.log(Geometry.scale(2), Geometry.Inner.deep, new Geometry.Box(4).w, Geometry.Axis.Y);
console.log(A.B.C.leaf, Tool(), Tool.version, Geometry.more, Legacy.old, Alias.deep);
console.log(typeof (globalThis as any).TypesOnly);
