import "./entry.css";

const height = (selector) => getComputedStyle(document.querySelector(selector)).height;
const results = { entry: height(".box"), lazyBefore: height(".lazy") };
const { measure } = await import("./lazy.js");
results.lazy = measure();
results.sheets = document.styleSheets.length;
document.getElementById("result").textContent = JSON.stringify(results);
