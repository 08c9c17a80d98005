export * from "./cycle-a.js"
export const fromB = "b"
