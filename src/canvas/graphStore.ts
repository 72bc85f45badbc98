/**
 * The canvas graph, derived outside React: whenever the snapshot or a view option changes,
 * `toGraph` runs once (coalesced to one run per microtask, since one kubectl command can change
 * the snapshot many times) with the previous graph as input, and components select from the
 * result. Keeping the previous graph here, not in a component, keeps rendering pure. The pod
 * history (deleted pods still fading, replacements marked new: history.ts) is kept here too; a new
 * cluster (Reset, a scenario, a lesson, Undo) starts it afresh.
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { LabStore } from "../store";
import { labStore } from "../store";
import { uiStore, type UiStore } from "../ui/store";
import { EMPTY_HISTORY, trackPods, type PodHistory } from "./history";
import { nextEdgeExpiry, toGraph, type Graph, type GraphSnapshot, type GraphUi } from "./toGraph";

export interface GraphState {
  graph: Graph;
}

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
    const same = sameData && (Object.keys(view) as (keyof GraphUi)[]).every((k) => view[k] === lastView[k]);
    if (same && !newCluster && snapshot.time < Math.min(history.nextExpiry, nextEdgeExpiry(store.getState().graph))) return;
    if (!newCluster) history = trackPods(history, lastSnapshot.pods, snapshot.pods, snapshot.time);
    lastSnapshot = snapshot;
    lastView = view;
    store.setState({ graph: toGraph(snapshot, view, store.getState().graph, history) });
  };
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    queueMicrotask(recompute);
  };
  const stopLab = lab.subscribe(schedule);
  const stopUi = ui.subscribe(schedule);
  return { store, stop: () => (stopLab(), stopUi()) };
}

const app = createGraphStore(labStore, uiStore);

/** The app's graph store. */
export const graphStore = app.store;

/** Selects from the app's current graph. */
export function useGraph<T>(selector: (state: GraphState) => T): T {
  return useStore(graphStore, selector);
}
