export const g = "g.ts";
