import{t as e}from"./util.js";const t={"name":"json module"};e(t.name);const n=new URL("photo-QQI8fhcW.jpg",import.meta.url).href;
//# sourceMappingURL=app-fvlXKBQa.js.map
