console.log("b"); export const b = "b";
