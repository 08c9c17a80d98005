const e="lazy";export{e as default};
//# sourceMappingURL=lazy-V9zs7kem.js.map
