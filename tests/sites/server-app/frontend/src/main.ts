import "./main.css";
import logoUrl from "./logo.svg";
import { mark, status } from "./shared";

const visit = mark("main");
const logo = document.createElement("img");
logo.id = "logo";
logo.alt = "";
logo.src = logoUrl;
document.getElementById("app")?.append(logo);
status(`main loaded for ${visit.page}`);

// loaded on demand: a dynamic import, its own chunk and stylesheet
async function showChart(): Promise<void> {
  const { draw } = await import("./chart");
  draw(document.getElementById("chart")!, [3, 1, 4, 1, 5]);
  status("chart drawn");
}

showChart();
