/**
 * Task pane entry. Waits for Office.js (briefly, when it is missing or blocked), then renders
 * the wizard on the Excel adapter inside Excel or on .xlsx files in any other browser.
 * Both adapters are separate chunks loaded on demand.
 */
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { detectEnvironment } from "./environment";
import { browserHost, excelHost } from "./host";

function container(): HTMLElement {
  const existing = document.getElementById("container") ?? document.getElementById("root");
  if (existing) return existing;
  const div = document.createElement("div");
  div.id = "root";
  document.body.appendChild(div);
  return div;
}

async function start(): Promise<void> {
  const env = await detectEnvironment();
  document.documentElement.lang = env.locale === "sv" ? "sv-SE" : "en-US";
  const host = env.host === "excel" ? excelHost() : browserHost();
  const root = container();
  root.replaceChildren(); // drop the page's "loading" placeholder, if any
  createRoot(root).render(<App host={host} locale={env.locale} theme={env.theme} />);
}

void start();
