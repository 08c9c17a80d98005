import { touch } from "./shared.js";
import { util } from "./lazy-util.js";
export function run() { touch("lazy:" + util()); }
export default "lazy default";
