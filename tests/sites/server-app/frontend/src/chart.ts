import "./chart.css";

export function draw(el: HTMLElement, values: number[]): void {
  for (const value of values) {
    const bar = document.createElement("span");
    bar.className = "bar";
    bar.style.height = `${value * 10}px`;
    el.append(bar);
  }
  el.dataset.bars = String(values.length);
}
