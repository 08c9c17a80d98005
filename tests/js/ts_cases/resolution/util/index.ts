export const c = "util/index.ts";
