import{t as e}from"./util.js";const t={"name":"json module"};e(t.name);let n=new URL("photo-QQI8fhcW.jpg",import.meta.url).href;
//# sourceMappingURL=app-tNKhpD2p.js.map
