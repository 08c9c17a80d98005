import { state, touch } from "./shared.js";
touch("main");
const lazy = await import("./lazy.js");
lazy.run();
console.log(state.touchedBy.join(","), lazy.default);
const other = await import("./other.js");
console.log(other.name, (await import("./lazy.js")) === lazy);
