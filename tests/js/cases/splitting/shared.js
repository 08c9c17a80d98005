export const state = { touchedBy: [] };
export function touch(who) { state.touchedBy.push(who); }
console.log("shared evaluates once");
