const e=()=>"loaded";export{e as default};
//# sourceMappingURL=lazy-ryLipoy7.js.map
