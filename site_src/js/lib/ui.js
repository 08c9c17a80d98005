// Shared helpers used by every page's script.

/** Marks the navigation link of the current page. */
export function markCurrentPage(nav = document.querySelector(".site-header nav")) {
  if (!nav) return null;
  const here = location.pathname.replace(/index\.html$/, "");
  for (const link of nav.querySelectorAll("a")) {
    const target = new URL(link.href, location.href).pathname.replace(/index\.html$/, "");
    if (target === here) {
      link.setAttribute("aria-current", "page");
      return link;
    }
  }
  return null;
}

/** Formats a date the way the journal writes them: "12 March 2026". */
export const formatDate = (iso, locale = document.documentElement.lang || "en") =>
  new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" })
    .format(new Date(`${iso}T12:00:00Z`));

export class Counter {
  #count = 0;
  static #instances = 0;

  constructor(label) {
    this.label = label ?? "items";
    Counter.#instances++;
  }

  add(n = 1) {
    this.#count += n;
    return this;
  }

  get text() {
    return `${this.#count.toLocaleString("en")} ${this.label}`;
  }

  static get instances() {
    return Counter.#instances;
  }
}

export function ready(fn) {
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fn, { once: true });
  } else {
    fn();
  }
}
