// verbatimModuleSyntax: imports stay as written (their modules run) unless marked `type`
import { unused } from "./effects";
import { type Shape, area } from "./shapes";
import type { Only } from "./only";
const s: Shape = { w: 2, h: 3 };
const o: Only | null = null;
console.log("main", area(s), o);
