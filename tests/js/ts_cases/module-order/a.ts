console.log("a"); export const a = "a";
