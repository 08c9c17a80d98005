console.log("setup starts");
export const ready = await Promise.resolve("ready");
console.log("setup done");
