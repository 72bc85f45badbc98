/**
 * Keyboard shortcuts as data: the help dialog lists this table. The key handler
 * (useShortcuts.ts) implements the same keys; keep the two in step when adding one.
 */
export interface Shortcut {
  keys: string;
  what: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: "?", what: "Show these shortcuts" },
  { keys: "Tab / Shift+Tab", what: "Move between controls and canvas cards" },
  { keys: "Enter / Space", what: "Select the focused card (the inspector shows it)" },
  { keys: "Delete", what: "Delete the selected pod (kubectl delete pod)" },
  { keys: "Escape", what: "Close a dialog, or clear the selection" },
  { keys: "p", what: "Pause or resume the virtual clock" },
  { keys: "s", what: "Step the clock one second while paused" },
  { keys: "+ / −", what: "Clock faster / slower" },
  { keys: "n", what: "New deployment" },
  { keys: "r", what: "Run a lone pod (orphan)" },
  { keys: "t", what: "Show or hide the terminal" },
  { keys: "/", what: "Focus the label filter" },
  { keys: "`", what: "Focus the terminal" },
  { keys: "f", what: "Presentation mode on/off" },
  { keys: "→ / PageDown / Space", what: "Presenting a lesson: reveal the instruction, then show me, then the next step (a clicker works)" },
  { keys: "← / PageUp", what: "Presenting a lesson: the step before" },
  { keys: "b / .", what: "Presenting a lesson: pause or resume the clock (a clicker's blank key)" },
];
