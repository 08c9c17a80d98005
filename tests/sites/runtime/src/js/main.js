import { shared } from "./shared.js";

const results = { shared: shared() };
try {
  results.lazy = (await import("./lazy.js")).default;
  results.json = await (await fetch(new URL("./data.json", import.meta.url))).json();
  results.color = getComputedStyle(document.querySelector(".title")).color;
  const bg = getComputedStyle(document.getElementById("tile")).backgroundImage;
  results.background = await new Promise((resolve) => {
    const img = new Image();
    img.onload = () => resolve(img.naturalWidth);
    img.onerror = () => resolve(0);
    img.src = bg.match(/url\("([^"]+)"\)/)[1]; // url(...) or the first of an image-set(...)
  });
} catch (error) {
  results.error = String(error);
}
document.getElementById("result").textContent = JSON.stringify(results);
