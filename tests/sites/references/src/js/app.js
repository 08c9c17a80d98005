import { greet } from "./util.js";
import data from "./data.json" with { type: "json" };

greet(data.name);
export const photo = new URL("../img/photo.jpg", import.meta.url).href;
export const later = () => import("./lazy.js");
