/**
 * Runs a UI action's kubectl line through the lab store — the same door the terminal uses, so
 * the line is echoed there (DESIGN.md principle 4) — and reports kubectl's own error text.
 */
import { labStore } from "../store";
import { uiStore } from "../ui/store";

export interface ActionResult {
  ok: boolean;
  /** kubectl's stderr (warnings included), trimmed. */
  error: string;
  output: string;
}

/** Runs `command`; never throws for a user error (that comes back as `ok: false`). */
export function runCommand(command: string): ActionResult {
  const r = labStore.getState().run(command);
  if (!r) return { ok: false, error: "The lab is not running. Reset it from the top bar.", output: "" };
  return { ok: r.exitCode === 0, error: r.stderr.trim(), output: r.stdout.trim() };
}

/**
 * For actions without a form of their own (canvas buttons, keyboard shortcuts): runs `command`
 * and shows kubectl's error, or clears the previous one, in the canvas notice.
 */
export function act(command: string): boolean {
  const r = runCommand(command);
  uiStore.getState().notify(r.ok ? null : { tone: "error", text: r.error, command });
  return r.ok;
}
