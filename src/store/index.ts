/**
 * The app's one lab store, bound to the real engine, and the hook components read it with.
 * Select the smallest slice you draw: `useLab((s) => s.snapshot.nodes)`.
 */
import { useStore } from "zustand";
import { createCluster } from "../engine";
import { createLabStore, type LabState } from "./lab";

export const labStore = createLabStore(createCluster);

export function useLab<T>(selector: (state: LabState) => T): T {
  return useStore(labStore, selector);
}

export { SPEEDS, type LabState, type LabStore, type TerminalEntry } from "./lab";
export { startClock } from "./clock";
export { CONTINUATION_PROMPT } from "./terminal";
