document.title+=" (scripted)";
//# sourceMappingURL=main-8v0jAYq5.js.map
