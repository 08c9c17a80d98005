import { explode } from "./lib/thrower.js";

const unused = "nothing";

function outer() {
  return explode("from main");
}

try {
  outer();
} catch (error) {
  console.log(error.stack.split("\n").slice(0, 3).join("\n"));
}
