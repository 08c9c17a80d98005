import "../../css/gallery.css";
import { markCurrentPage, ready, Counter } from "../lib/ui.js";

const orientation = (img) =>
  img.naturalHeight > img.naturalWidth ? "portrait" : "landscape";

ready(() => {
  markCurrentPage();
  const items = [...document.querySelectorAll(".gallery li")];
  const counter = new Counter("photographs").add(items.length);
  document.querySelector("[data-count]")?.replaceChildren(counter.text);

  for (const item of items) {
    const img = item.querySelector("img");
    const tag = () => item.classList.add(orientation(img));
    img.complete ? tag() : img.addEventListener("load", tag, { once: true });

    item.querySelector("button")?.addEventListener("click", async () => {
      const lightbox = await import("../lib/lightbox.js");
      lightbox.default({ src: img.currentSrc || img.src, alt: img.alt, taken: item.dataset.taken });
    });
  }
});
