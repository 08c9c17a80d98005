export * from "./cycle-b.js"
export const fromA = "a"
