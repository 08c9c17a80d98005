const e=()=>getComputedStyle(document.querySelector(".lazy")).height;export{e as measure};
//# sourceMappingURL=lazy-zou1iXsR.js.map
