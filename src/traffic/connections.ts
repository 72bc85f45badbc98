/**
 * Live traffic per pod ("ns/name"): open connections, requests served, errors — fed by the traffic
 * feed (feed.ts) from `cluster.traffic.metrics()`. Each pod card selects only its own entry, and an
 * entry keeps its identity while its numbers are unchanged, so a count change re-renders one card
 * and never rebuilds the graph (DESIGN.md principle 7).
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { PodTraffic } from "../engine/api";

/** Per-pod traffic figures, as the pod cards read them. */
export interface ConnectionState {
  /** Traffic by pod key; a pod missing from the map has seen no generator traffic. */
  pods: ReadonlyMap<string, PodTraffic>;
  /** Open connections by pod key (the same numbers as `pods[k].active`). */
  counts: ReadonlyMap<string, number>;
  /** The most open connections any one pod has: the full length of the cards' live bars. */
  maxActive: number;
  /** Replaces the per-pod figures, keeping the identity of entries that did not change. */
  setPods(pods: Readonly<Record<string, PodTraffic>>): void;
}

const same = (a: PodTraffic, b: PodTraffic) => a.active === b.active && a.total === b.total && a.errors === b.errors;

/** The app's per-pod figures; written by the feed only. */
export const connectionStore = createStore<ConnectionState>()((set, get) => ({
  pods: new Map(),
  counts: new Map(),
  maxActive: 0,
  setPods(next) {
    const prev = get().pods;
    const keys = Object.keys(next);
    let changed = keys.length !== prev.size;
    const pods = new Map<string, PodTraffic>();
    for (const k of keys) {
      const old = prev.get(k);
      const keep = old && same(old, next[k]) ? old : { ...next[k] };
      if (keep !== old) changed = true;
      pods.set(k, keep);
    }
    if (!changed) return;
    const counts = new Map([...pods].map(([k, v]) => [k, v.active]));
    set({ pods, counts, maxActive: Math.max(0, ...counts.values()) });
  },
}));

/** The live connection count of one pod, or undefined while no traffic reached it. */
export function useConnections(podKey: string): number | undefined {
  return useStore(connectionStore, (s) => s.counts.get(podKey));
}

/** One pod's traffic figures (active, total, errors), or undefined while no traffic reached it. */
export function usePodTraffic(podKey: string): PodTraffic | undefined {
  return useStore(connectionStore, (s) => s.pods.get(podKey));
}

/** The most open connections any one pod has (0 while none). */
export function useMaxConnections(): number {
  return useStore(connectionStore, (s) => s.maxActive);
}
