/**
 * The lab session beyond the live cluster: starting scenarios, save/restore, share-as-URL and
 * undo. PLACEHOLDER API (implementations land with the persistence work); the top bar calls these.
 */
import { labStore } from "./index";

export interface Scenario {
  id: string;
  title: string;
  description: string;
}

/** The scenarios a lab can start from. */
export const SCENARIOS: readonly Scenario[] = [{ id: "empty", title: "Empty kubeadm cluster", description: "Three nodes, nothing deployed." }];

/** Throws the cluster away and starts the scenario `id`. */
export function loadScenario(id: string): void {
  void id;
  labStore.getState().reset();
}

/** A URL that restores this lab's state when opened. */
export function shareUrl(): string {
  return location.href;
}

/** Undoes the last action; false when there is nothing to undo. */
export function undo(): boolean {
  return false;
}
