export const y = "y from y.js";
