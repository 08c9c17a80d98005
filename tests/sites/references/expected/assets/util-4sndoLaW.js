/*! util.js: a licence comment that minification keeps */
function t(e){console.log(`hello, ${e}`);}export{t};
//# sourceMappingURL=util-4sndoLaW.js.map
