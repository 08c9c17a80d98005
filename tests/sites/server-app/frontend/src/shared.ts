// Used by both entries: the bundler puts it in a chunk of its own.
export interface Visit {
  page: string;
  at: number;
}

export function mark(page: string): Visit {
  const visit: Visit = { page, at: Date.now() };
  document.documentElement.dataset.page = page;
  return visit;
}

export function status(text: string): void {
  const el = document.getElementById("status");
  if (el) el.textContent = text;
}
