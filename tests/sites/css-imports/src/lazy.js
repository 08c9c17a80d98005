import "./lazy.css";

export const measure = () => getComputedStyle(document.querySelector(".lazy")).height;
