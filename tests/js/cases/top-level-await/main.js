import { ready } from "./setup.js";
console.log("main after setup:", ready);
const later = await new Promise((r) => setTimeout(() => r("timer"), 5));
console.log(later);
