import { Remote, Flags } from "./remote";
enum Color { Red, Green, Blue = 10, Cyan }
enum Str { A = "a", B = "b" + "c", C = `t` }
enum Folded { A = 1 << 2, B = A | 1, C = ~B, D = -A, E = 7 % 4, F = 2 ** 3, G = 10 / 4, H = "x".length }
const enum Dir { Up = 1, Down, Left = Up * 10, Right = Left + 1 }
enum Merged { X = 1 }
enum Merged { Y = 2 }
declare enum Ambient { Q }
function move(d: Dir): string { return d === Dir.Up ? "up" : "other:" + d; }
console.log(JSON.stringify(Color), Color[Color.Cyan], Color.Blue);
console.log(JSON.stringify(Str), JSON.stringify(Folded));
console.log(Dir.Up, Dir.Down, Dir.Left, Dir["Right"], move(Dir.Down));
console.log(JSON.stringify(Merged), Remote.B, Remote[Remote.B], Flags.All);
