console.log("only-types ran (tsc and esbuild do not run a module only types are imported from)");
export interface OnlyType { a: 1 }
