console.log("t"); export type T = string;
