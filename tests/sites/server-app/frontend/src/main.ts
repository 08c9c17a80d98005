import "./main.css";
import logoUrl from "./logo.svg";
import { mark, status } from "./shared";

const visit = mark("main");
const logo = document.createElement("img");
logo.id = "logo";
logo.alt = "";
logo.onload = () => {
  logo.dataset.loaded = String(logo.naturalWidth);
};
logo.src = logoUrl;
document.getElementById("app")?.append(logo);
status(`main loaded for ${visit.page}`);

// loaded on demand: a dynamic import, its own chunk and stylesheet
async function showChart(): Promise<void> {
  const { draw } = await import("./chart");
  const chart = document.getElementById("chart")!;
  draw(chart, [3, 1, 4, 1, 5]);
  // what the stylesheets did: main.css (imported) and chart.css (with the dynamic import)
  const styles = document.documentElement.dataset;
  styles.statusColor = getComputedStyle(document.getElementById("status")!).color;
  styles.chartDisplay = getComputedStyle(chart).display;
  status("chart drawn");
}

showChart();
