export const value = "b";
const local = 2;
export function helper() { const value = "inner"; return `b helper ${local} ${value}`; }
