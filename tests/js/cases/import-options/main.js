// import() options: a literal `with` is read at build time; anything else is kept and checked
// by the runtime (a bad value rejects), evaluated in order even for a module already bundled
import { value } from "./static.js";

const data = await import("./data.json", { with: { type: "json" } });
console.log(data.default.x);
const bad = {
  get with() {
    throw new Error("getter ran");
  },
};
await import("./lazy.js", bad).then(
  () => console.log("resolved"),
  (e) => console.log("rejected:", e.message),
);
await import("./lazy.js", null).then(
  () => console.log("resolved"),
  (e) => console.log("rejected:", e.constructor.name),
);
const options = { with: {} };
const lazy = await import("./lazy.js", options, );
console.log(lazy.lazyValue);
let order = [];
const again = await import("./static.js", (order.push("options"), undefined));
order.push("then");
console.log(order.join(","), again.value === value);
const a = await import((1, "./lazy.js"));
console.log(a.lazyValue);
