/**
 * The lab session beyond the live cluster: starting scenarios, share-as-URL and undo, for the
 * top bar and the keyboard. Saving and restoring happen by themselves (see index.ts and
 * controller.ts).
 *
 * Deep links (hash-based, so any static host serves them): `#scenario=ID` starts a scenario,
 * `#s=…` opens a shared lab.
 */
import type { ClusterOptions } from "../engine/api";
import { isShellLoaded } from "../engine/core";
import { labStore, sessionController, terminalReady } from "./index";
import { findScenario } from "./scenarios";

export { SCENARIOS, type Scenario } from "./scenarios";

/**
 * Throws the cluster away and starts scenario `id` (with the lab's current options, overridden by
 * `options`, then by the scenario's own). Returns false for an unknown id.
 *
 * @example loadScenario("wordpress"); loadScenario("empty", { proxyMode: "ipvs", ipvsScheduler: "rr" });
 */
export function loadScenario(id: string, options?: ClusterOptions): boolean {
  if (isShellLoaded()) return sessionController.loadScenario(id, options);
  // A scenario's steps are commands: they run once the terminal half of the engine is in.
  if (!findScenario(id)) return false;
  void terminalReady.then(() => sessionController.loadScenario(id, options));
  return true;
}

/**
 * Resolves to a URL that restores this lab when opened: the lab is packed into its hash
 * (`#s=`), compressed with deflate-raw where the browser can.
 */
export function shareUrl(): Promise<string> {
  return sessionController.shareUrl();
}

/** The same link at once, uncompressed (longer); for places that cannot wait. */
export function shareUrlNow(): string {
  return sessionController.shareUrlNow();
}

/**
 * Undoes the last command by replaying the lab without it (time that passed since is kept).
 * Returns false when there is nothing to undo; the replay then runs (with `restoring` progress).
 */
export function undo(): boolean {
  return sessionController.undo();
}

/**
 * Starts this lab's scenario again from scratch (same options), forgetting every action, and
 * returns how to take that back: `undo()` replays the lab as it was just before (it resolves to
 * false if that replay failed). The store's own Undo cannot: the reset lab has no log to undo.
 */
export function resetLab(): { undo: () => Promise<boolean> } {
  const before = labStore.getState().session();
  labStore.getState().reset();
  return { undo: () => sessionController.restore(before) };
}

/** Hides the session message (`notice` in the lab store). */
export function dismissNotice(): void {
  labStore.getState().setNotice(null);
}
