import { touch } from "./shared.js";
import { util } from "./lazy-util.js";
touch("other:" + util());
export const name = "other";
