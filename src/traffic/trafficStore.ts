/**
 * What the traffic views read, refreshed by the feed (feed.ts) a few times a second: the
 * generators, the metrics, each node's kube-proxy status, and how many requests the canvas drew.
 * Views select narrow slices; nothing here is cluster truth, only the latest reading of it.
 */
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import type { ProxyStatus, TrafficGenerator, TrafficMetrics } from "../engine/api";

/** A node's kube-proxy as its frame shows it. */
export interface ProxyView {
  mode: ProxyStatus["mode"];
  running: boolean;
  /** Rules not yet synced with the last Service/EndpointSlice change (held on screen a moment, so it can be seen). */
  stale: boolean;
  lastSync: number;
}

/** The traffic readings the views select from. */
export interface TrafficState {
  generators: readonly TrafficGenerator[];
  metrics: TrafficMetrics;
  /** By node name; an entry keeps its identity while unchanged. */
  proxies: ReadonlyMap<string, ProxyView>;
  /** Requests the canvas animated vs. requests that happened, over the last second (sampling). */
  drawn: { shown: number; total: number };
  /** Bumped when new connections were seen: views of `cluster.traffic.flows()` re-read then. */
  flowVersion: number;
}

/** Metrics before any request (and after a lab reset). */
export const EMPTY_METRICS: TrafficMetrics = { pods: {}, targets: {}, nodes: {} };

/** The app's traffic readings; written by the feed only. */
export const trafficStore = createStore<TrafficState>()(() => ({
  generators: [],
  metrics: EMPTY_METRICS,
  proxies: new Map(),
  drawn: { shown: 0, total: 0 },
  flowVersion: 0,
}));

/** Selects from the traffic readings. */
export function useTraffic<T>(selector: (s: TrafficState) => T): T {
  return useStore(trafficStore, selector);
}

/** One node's kube-proxy reading, or undefined before the first one. */
export function useProxy(node: string): ProxyView | undefined {
  return useStore(trafficStore, (s) => s.proxies.get(node));
}

/** Proxy readings with identity kept for unchanged nodes; returns `prev` when nothing changed. */
export function mergeProxies(prev: ReadonlyMap<string, ProxyView>, next: readonly (ProxyView & { node: string })[]): ReadonlyMap<string, ProxyView> {
  let changed = prev.size !== next.length;
  const out = new Map<string, ProxyView>();
  for (const { node, ...v } of next) {
    const old = prev.get(node);
    const keep = old && old.mode === v.mode && old.running === v.running && old.stale === v.stale && old.lastSync === v.lastSync ? old : v;
    if (keep !== old) changed = true;
    out.set(node, keep);
  }
  return changed ? out : prev;
}

let pollNow: (() => void) | undefined;

/** The feed that reads the engine (the canvas's) registers its poll here while it runs. */
export function setTrafficPoll(poll: (() => void) | undefined): void {
  pollNow = poll;
}

/** Forces a reading now (after a traffic action: start, stop, reset counters). */
export function refreshTraffic(): void {
  pollNow?.();
}
