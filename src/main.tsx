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

// `?presenter` is the speaker-notes window of a lesson: no cluster of its own, only the notes.
const start = new URLSearchParams(location.search).has("presenter")
  ? import("./lessons/ui/PresenterNotes").then(({ PresenterNotes }) => PresenterNotes)
  : import("./app/Root").then(({ Root }) => Root);

start
  .then((Page) => {
    root.render(
      <StrictMode>
        <Page />
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
