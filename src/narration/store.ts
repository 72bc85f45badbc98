/**
 * The narration's captions, derived outside React: whenever the lab store changes, the new
 * snapshot is compared with the last one (once per microtask, since one kubectl command can change
 * the snapshot many times) and the captions it gives are appended. Components select from here, so
 * nothing renders per clock tick: a tick that changes nothing the captions read costs a few
 * identity comparisons.
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { Cluster } from "../engine/api";
import { labStore, type LabStore } from "../store";
import { appendCaptions, captionsFrom, type Caption, type Frame, type Pending } from "./captions";

/** A caption as shown: with a stable id (a merged kube-proxy caption keeps its own). */
export interface ShownCaption extends Caption {
  id: number;
}

export interface NarrationState {
  /** The last captions, oldest first. */
  captions: readonly ShownCaption[];
  /** The learner hid the captions (remembered in localStorage). */
  hidden: boolean;
  setHidden(hidden: boolean): void;
}

/** How many captions stay on screen. */
export const KEEP = 8;
const HIDDEN_KEY = "podflow.narration";

/** Where the hidden/shown choice is kept (tests pass their own). */
export interface NarrationStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function browserStorage(): NarrationStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage can be blocked (privacy mode)
  }
}

/** The snapshot fields the captions read: a snapshot that changes none of them changes nothing. */
const READ = ["events", "pods", "services", "endpointSlices", "replicaSets"] as const;

/** A narration store that follows `lab`; returns it with a function that stops following. */
export function createNarrationStore(lab: LabStore, storage: NarrationStorage | undefined = browserStorage()) {
  let hidden = false;
  try {
    hidden = storage?.getItem(HIDDEN_KEY) === "hidden";
  } catch {
    // not remembered; shown
  }
  const store = createStore<NarrationState>()((set) => ({
    captions: [],
    hidden,
    setHidden(hidden) {
      try {
        storage?.setItem(HIDDEN_KEY, hidden ? "hidden" : "shown");
      } catch {
        // not persisted; it still applies for this visit
      }
      set({ hidden });
    },
  }));

  let cluster: Cluster | null = lab.getState().cluster;
  const frameOf = (c: Cluster | null): Frame => ({ snapshot: lab.getState().snapshot, proxies: c ? c.proxies() : [] });
  let prev = frameOf(cluster);
  let pending: Pending = new Map();
  let nextId = 1;
  let scheduled = false;

  const recompute = () => {
    scheduled = false;
    const state = lab.getState();
    if (state.cluster !== cluster) {
      // Reset, a scenario, a lesson, undo or a restored lab: a new cluster, a new story.
      cluster = state.cluster;
      prev = frameOf(cluster);
      pending = new Map();
      if (store.getState().captions.length) store.setState({ captions: [] });
      return;
    }
    const snapshot = state.snapshot;
    if (snapshot === prev.snapshot || !cluster) return;
    if (pending.size === 0 && READ.every((f) => snapshot[f] === prev.snapshot[f])) {
      prev = { snapshot, proxies: prev.proxies }; // only time moved
      return;
    }
    const next: Frame = { snapshot, proxies: cluster.proxies() };
    const r = captionsFrom(prev, next, pending);
    prev = next;
    pending = r.pending;
    if (r.captions.length === 0) return;
    const fresh = r.captions.map((c) => ({ ...c, id: nextId++ }));
    store.setState({ captions: appendCaptions(store.getState().captions, fresh, KEEP) });
  };
  const stop = lab.subscribe(() => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(recompute);
  });
  return { store, stop };
}

/** The app's narration. */
export const narrationStore = createNarrationStore(labStore).store;

/** Selects from the app's narration. */
export function useNarration<T>(selector: (state: NarrationState) => T): T {
  return useStore(narrationStore, selector);
}
