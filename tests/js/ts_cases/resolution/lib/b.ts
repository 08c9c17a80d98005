export const b = "b.ts";
