export const f = "exact.ts";
