import { h } from "preact";
import { helper } from "./helpr.js";

export function run() {
  return helper(h) +;
}
