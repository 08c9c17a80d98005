import { a } from "./a.js";
console.log("main runs", a());
