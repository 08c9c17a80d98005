// Exercises what minification and specifier rewriting must not change.
import * as shapes from "./lib/index.js";
import area, { counter, increment } from "./lib/area.js";
import { ping } from "./lib/ping.js";
import config from "./config.json" with { type: "json" };

const out = [];
out.push(`area ${area({ kind: "square", side: 3 })}`);
out.push(`namespace ${Object.keys(shapes).sort().join(",")}`);
increment();
increment();
out.push(`live binding ${counter}`);
out.push(`cycle ${ping(3)}`);
out.push(`json ${config.name}`);
const re = /\/\*not a comment\*\//g, s = `template ${1 + 1} // not a comment`;
out.push(`regex ${"a/*not a comment*/b".replace(re, "-")}`, s);
let a = 1, b = 2, g = { lastIndex: 4 };
const c = a
/b/g.lastIndex;
out.push(`asi ${c}`);
out.push(`optional ${shapes.missing?.x ?? "none"}`);
class Box { #v; constructor(v) { this.#v = v; } get v() { return this.#v; } }
out.push(`private ${new Box(7).v}`);
const { default: lazy } = await import("./lib/lazy.js");
out.push(`lazy ${lazy()}`);
out.push(`asset ${new URL("./config.json", import.meta.url).pathname.endsWith(".json")}`);
console.log(out.join("\n"));
