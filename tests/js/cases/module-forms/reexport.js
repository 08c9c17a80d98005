export { x } from "./leaf.js" with {}
export default class {} if (true) { globalThis.ran = true }
