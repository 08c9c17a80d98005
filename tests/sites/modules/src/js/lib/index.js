export * from "./area.js";
export { ping as pingPong } from "./ping.js";
export const circle = (r) => Math.PI * r * r;
