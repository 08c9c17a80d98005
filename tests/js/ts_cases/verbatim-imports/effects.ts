console.log("effects ran"); export const unused = 1;
