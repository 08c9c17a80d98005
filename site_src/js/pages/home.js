import { markCurrentPage, ready, Counter } from "../lib/ui.js";

ready(() => {
  markCurrentPage();
  const cards = document.querySelectorAll(".cards .card");
  const counter = new Counter("stories").add(cards.length);
  const status = document.querySelector("[data-count]");
  if (status) status.textContent = counter.text;

  for (const button of document.querySelectorAll("[data-photo]")) {
    button.addEventListener("click", async () => {
      const { open } = await import("../lib/lightbox.js");
      const img = button.querySelector("img");
      open({ src: img?.currentSrc || img?.src, alt: img?.alt, taken: button.dataset.taken });
    });
  }
});
