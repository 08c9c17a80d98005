function t(e){console.log(`hello, ${e}`)}export{t};
/*! util.js: a licence comment that minification keeps */
//# sourceMappingURL=util-HDwY4W3n.js.map
