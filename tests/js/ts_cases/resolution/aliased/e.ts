export const e = "aliased/e.ts";
