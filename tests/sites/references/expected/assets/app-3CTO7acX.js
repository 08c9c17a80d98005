import{t as e}from"./util.js";const t={"name":"json module"};e(t.name);const n=new URL("photo-tgHgBZgA.jpg",import.meta.url).href;
//# sourceMappingURL=app-3CTO7acX.js.map
