function t(e){console.log(`hello, ${e}`);}export{t};
/*! util.js: a licence comment that minification keeps */
//# sourceMappingURL=util-nXfrfbal.js.map
