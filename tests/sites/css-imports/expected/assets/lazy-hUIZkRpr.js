let e=()=>getComputedStyle(document.querySelector(".lazy")).height;export{e as measure};
//# sourceMappingURL=lazy-hUIZkRpr.js.map
