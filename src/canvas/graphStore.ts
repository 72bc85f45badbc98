/**
 * The canvas graph, derived outside React: whenever the snapshot or a view option changes,
 * `toGraph` runs once (coalesced to one run per microtask, since one kubectl command can change
 * the snapshot many times) with the previous graph as input, and components select from the
 * result. Keeping the previous graph here, not in a component, keeps rendering pure. The pod
 * history (deleted pods still fading, replacements marked new: history.ts) is kept here too; a new
 * cluster (Reset, a scenario, a lesson, Undo) starts it afresh.
 */
import { useCallback, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { LabStore } from "../store";
import { labStore } from "../store";
import type { Pod } from "../engine/cluster/types";
import { changedInPlace } from "../store/podDiff";
import { uiStore, type UiStore } from "../ui/store";
import { drawnTheSame } from "./graph/context";
import { EMPTY_HISTORY, trackPods, type PodHistory } from "./history";
import { nextEdgeExpiry, toGraph, type Graph, type GraphSnapshot, type GraphUi } from "./toGraph";

export interface GraphState {
  graph: Graph;
}

/**
 * Pods newer than the graph: when pods change in nothing the graph draws (graph/context.ts,
 * `drawnTheSame`), the graph is left as it is and the new pod objects are kept here, by
 * "namespace/name", each with its own listeners, so exactly the cards of those pods draw again.
 * A rebuilt graph carries the current pods itself and empties this.
 */
export class LivePods {
  private pods = new Map<string, Pod>();
  private listeners = new Map<string, Set<() => void>>();

  get(key: string): Pod | undefined {
    return this.pods.get(key);
  }
  subscribe(key: string, listener: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }
  /** Holds `pods` as the newest objects of their keys and tells their cards. */
  put(pods: readonly Pod[]): void {
    for (const p of pods) {
      const k = podKey(p);
      this.pods.set(k, p);
      this.listeners.get(k)?.forEach((l) => l());
    }
  }
  /** Forgets every pod (the graph now carries them); tells the cards that were drawing one. */
  clear(): void {
    if (this.pods.size === 0) return;
    const keys = [...this.pods.keys()];
    this.pods.clear();
    for (const k of keys) this.listeners.get(k)?.forEach((l) => l());
  }
}

const podKey = (p: Pod) => `${p.metadata.namespace ?? ""}/${p.metadata.name}`;

function viewOf(lab: LabStore, ui: UiStore): GraphUi {
  const u = ui.getState();
  return {
    namespace: u.namespace,
    labelFilter: u.labelFilter,
    expanded: u.expanded,
    collapsed: u.collapsed,
    selection: u.selection,
    showSystemPods: lab.getState().showSystemPods,
  };
}

const GRAPH_FIELDS = ["nodes", "pods", "services", "endpointSlices", "deployments", "replicaSets", "ranges"] as const satisfies readonly (keyof GraphSnapshot)[];

/** A graph store that follows `lab` and `ui`; returns it with a function that stops following. */
export function createGraphStore(lab: LabStore, ui: UiStore) {
  const store = createStore<GraphState>()(() => ({ graph: toGraph(lab.getState().snapshot, viewOf(lab, ui)) }));
  const live = new LivePods();
  let scheduled = false;
  let lastSnapshot = lab.getState().snapshot;
  let lastView = viewOf(lab, ui);
  let lastCluster = lab.getState().cluster;
  let history: PodHistory = EMPTY_HISTORY;
  const recompute = () => {
    scheduled = false;
    const { snapshot, cluster } = lab.getState();
    const view = viewOf(lab, ui);
    const newCluster = cluster !== lastCluster;
    if (newCluster) {
      lastCluster = cluster;
      history = EMPTY_HISTORY; // a new cluster: nothing was deleted or replaced in it yet
    }
    // Only what toGraph reads: a snapshot that differs by its time alone (every clock tick) or by
    // kinds the canvas does not draw keeps these lists' identities, and the graph stays as it is,
    // unless a fading pod or a "new" mark has run its time.
    const sameData = GRAPH_FIELDS.every((f) => snapshot[f] === lastSnapshot[f]);
    const sameView = (Object.keys(view) as (keyof GraphUi)[]).every((k) => view[k] === lastView[k]);
    const current = !newCluster && snapshot.time < Math.min(history.nextExpiry, nextEdgeExpiry(store.getState().graph));
    if (sameData && sameView && current) return;
    // Pods that changed in nothing the graph draws (a label, a phase, an IP): their cards, not the graph.
    if (current && sameView && GRAPH_FIELDS.every((f) => f === "pods" || snapshot[f] === lastSnapshot[f])) {
      const changed = changedInPlace(lastSnapshot.pods, snapshot.pods);
      if (changed && changed.every((c) => drawnTheSame(c.before, c.after, view))) {
        lastSnapshot = snapshot;
        live.put(changed.map((c) => c.after));
        return;
      }
    }
    if (!newCluster) history = trackPods(history, lastSnapshot.pods, snapshot.pods, snapshot.time);
    lastSnapshot = snapshot;
    lastView = view;
    store.setState({ graph: toGraph(snapshot, view, store.getState().graph, history) });
    live.clear();
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(recompute);
  };
  const stopLab = lab.subscribe(schedule);
  const stopUi = ui.subscribe(schedule);
  return { store, live, stop: () => (stopLab(), stopUi()) };
}

const app = createGraphStore(labStore, uiStore);

/** The app's graph store. */
export const graphStore = app.store;

/** The pods newer than the app's graph (see LivePods). */
export const livePods = app.live;

/**
 * The newest object of the pod a card draws: `pod` itself (from the graph), or a newer one the
 * graph was not rebuilt for. Subscribes to that one pod only.
 */
export function useLivePod(pod: Pod, live: LivePods = livePods): Pod {
  const k = podKey(pod);
  const subscribe = useCallback((l: () => void) => live.subscribe(k, l), [live, k]);
  return useSyncExternalStore(subscribe, () => live.get(k) ?? pod);
}

/** Selects from the app's current graph. */
export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(graphStore, selector);
}
