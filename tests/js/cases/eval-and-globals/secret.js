export const secret = "s";
