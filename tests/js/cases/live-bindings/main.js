import { count, increment, reset } from "./counter.js";
import * as counter from "./counter.js";
console.log(count, counter.count);
increment(); increment();
console.log(count, counter.count);
reset();
console.log(count);
