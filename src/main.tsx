/**
 * Entry point. The app is imported dynamically so that even an error while loading the engine
 * shows a message and a way out instead of a blank page.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "./app/base.css";

const rootElement = document.getElementById("root");
if (!rootElement) throw new Error("index.html has no #root element");
const root = createRoot(rootElement);

import("./app/Root")
  .then(({ Root }) => {
    root.render(
      <StrictMode>
        <Root />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    console.error("Podflow could not start.", error);
    rootElement.innerHTML = "";
    const box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.className = "fatal";
    const title = document.createElement("h1");
    title.textContent = "Podflow could not start";
    const detail = document.createElement("pre");
    detail.textContent = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", () => location.reload());
    box.append(title, detail, reload);
    rootElement.append(box);
  });
