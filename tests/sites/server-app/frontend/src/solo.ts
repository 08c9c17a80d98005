// One script and one stylesheet, nothing split off: the build flask-vite can load (it globs
// for the first .js and .css file rather than reading a manifest).
import "./main.css";
import { mark, status } from "./shared";

mark("solo");
document.documentElement.dataset.statusColor = getComputedStyle(
  document.getElementById("status")!,
).color;
status("solo loaded");
