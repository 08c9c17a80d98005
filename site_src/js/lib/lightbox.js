// The photo viewer, loaded only when a visitor opens a photo.
import "./lightbox.css";
import { formatDate } from "./ui.js";

let dialog;

function ensureDialog() {
  dialog ??= Object.assign(document.createElement("dialog"), { className: "lightbox" });
  if (!dialog.isConnected) {
    dialog.innerHTML = '<figure><img alt=""><p></p></figure>';
    dialog.addEventListener("click", () => dialog.close());
    document.body.append(dialog);
  }
  return dialog;
}

export function open({ src, alt, taken }) {
  const box = ensureDialog();
  const img = box.querySelector("img");
  img.src = src;
  img.alt = alt ?? "";
  box.querySelector("p").textContent = taken ? `${alt} · ${formatDate(taken)}` : alt;
  box.showModal();
  return box;
}

export default open;
