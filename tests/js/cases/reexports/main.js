import { one, two, renamed, three, fromStar, nested } from "./barrel.js";
import * as barrel from "./barrel.js";
console.log(one, two, renamed, three, fromStar, Object.keys(nested).join(","), nested.one);
console.log(Object.keys(barrel).sort().join(","));
console.log("ambiguous" in barrel, barrel.ambiguous);
