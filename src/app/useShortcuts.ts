import { useEffect } from "react";
import { act } from "../actions/act";
import { deletePod } from "../actions/commands";
import { labStore, SPEEDS } from "../store";
import { uiStore } from "../ui/store";
import { stepClock } from "./ClockControls";

/** True while the learner is typing somewhere: single-key shortcuts must not steal letters. */
export function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || !!el.closest(".xterm, [role=dialog], dialog");
}

function shiftSpeed(dir: 1 | -1) {
  const { speed, setSpeed } = labStore.getState();
  const i = SPEEDS.indexOf(speed as (typeof SPEEDS)[number]);
  const next = SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, (i < 0 ? 2 : i) + dir))];
  setSpeed(next);
}

/** The global single-key shortcuts listed in shortcuts.ts. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return;
      const ui = uiStore.getState();
      const lab = labStore.getState();
      const handled = () => e.preventDefault();
      switch (e.key) {
        case "?":
          ui.openDialog({ kind: "help" });
          return handled();
        case "Delete":
          if (ui.selection?.kind === "Pod") {
            act(deletePod(ui.selection.namespace, ui.selection.name));
            return handled();
          }
          return;
        case "Escape":
          if (ui.selection) ui.select(null);
          return;
        case "p":
          lab.setPaused(!lab.paused);
          return handled();
        case "s":
          stepClock();
          return handled();
        case "+":
          shiftSpeed(1);
          return handled();
        case "-":
          shiftSpeed(-1);
          return handled();
        case "n":
          ui.openDialog({ kind: "create-deployment" });
          return handled();
        case "r":
          ui.openDialog({ kind: "run-pod" });
          return handled();
        case "t":
          ui.setTerminalOpen(!ui.terminalOpen);
          return handled();
        case "f":
          ui.setPresentation(!ui.presentation);
          return handled();
        case "/":
          (document.querySelector(".label-filter") as HTMLElement | null)?.focus();
          return handled();
        case "`":
          ui.setTerminalOpen(true);
          requestAnimationFrame(() => (document.querySelector('[aria-label="Terminal input"]') as HTMLElement | null)?.focus());
          return handled();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
