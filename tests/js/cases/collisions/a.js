export const value = "a";
const local = 1;
export function helper() { return `a helper ${local} ${value}`; }
