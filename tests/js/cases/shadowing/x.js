export const x = "x from x.js";
