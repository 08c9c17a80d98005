import { h } from "preact";
import { helper } from "./helpr.js";
import { nope } from "./helper.js";

export function run() {
  return helper(h) + nope +;
}
