export { null as nil, "a-b" as dash, if as when } from "./lib.js"
export * as class from "./lib.js"
export { "a-b" } from "./lib.js"
