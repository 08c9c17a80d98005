export const a = "a.ts";
