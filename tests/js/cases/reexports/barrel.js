export { one, two } from "./numbers.js";
export { three as renamed } from "./numbers.js";
export * from "./star.js";
export * from "./star2.js";
export * as nested from "./numbers.js";
import { three } from "./numbers.js";
export { three };
