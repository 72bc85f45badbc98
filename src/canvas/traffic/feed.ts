/**
 * The traffic feed: the one place the canvas listens to the engine's traffic. It
 * - hears every connection (`cluster.traffic.onFlow`) during `advance`, buffers it, and once per
 *   animation frame turns the batch into particles (sampled so the layer never holds more than
 *   MAX_PARTICLES, failures first), spread over the frame by their virtual timestamps scaled by
 *   the clock speed;
 * - reads metrics, generators and kube-proxy status a few times a second into trafficStore and
 *   connectionStore (what cards and panels select from);
 * - freezes particles while the clock is paused, and under prefers-reduced-motion flashes
 *   in place instead of moving anything.
 */
import type { Cluster, FlowEvent, TrafficGenerator } from "../../engine/api";
import { labStore, type LabStore } from "../../store";
import { graphStore, type GraphState } from "../graphStore";
import type { StoreApi } from "zustand/vanilla";
import { connectionStore } from "../../traffic/connections";
import { burst, flash, MAX_PARTICLES, particleRoom, pauseParticles, sendParticle } from "./particles";
import { flowRoute, indexGraph, podBox, type GraphIndex } from "./route";
import { sample } from "./sample";
import { EMPTY_METRICS, mergeProxies, setTrafficPoll, trafficStore } from "../../traffic/trafficStore";

/** Real ms between two readings of metrics and kube-proxy status. */
const POLL_MS = 200;
/** A node's "rules updating…" or "restarting" stays on screen at least this long (real ms). */
const HOLD_MS = 900;
/** Virtual ms a request takes to cross the canvas at 1× (then scaled by speed, within bounds). */
const TRAVEL_MS = 1100;
/** Reduced motion: the least real ms between two marks at the same place. */
const FLASH_MS = 700;

/** Real ms a dot travels at clock speed `speed`. */
export function travelMs(speed: number): number {
  return Math.min(2200, Math.max(300, TRAVEL_MS / (speed > 0 ? speed : 1)));
}

let users = 0;
let stopFeed: (() => void) | undefined;

/**
 * Starts the feed for `lab` (refcounted: the canvas may be mounted twice, by benchmarks). Returns
 * the function that stops it.
 */
export function startTrafficFeed(lab: LabStore = labStore, graph: StoreApi<GraphState> = graphStore): () => void {
  users++;
  if (users === 1) stopFeed = createFeed(lab, graph);
  return () => {
    users--;
    if (users === 0) {
      stopFeed?.();
      stopFeed = undefined;
    }
  };
}

function createFeed(lab: LabStore, graph: StoreApi<GraphState>): () => void {
  let cluster: Cluster | null = null;
  let offFlow: (() => void) | undefined;
  const pending: FlowEvent[] = [];
  /** Connections already handled once (their close is a second call with the same id). */
  const seen = new Set<number>();
  let frame = 0;
  let lastFlush = 0;
  let lastPoll = 0;
  let metricsText = "";
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  const staleSince = new Map<string, number>();
  const downSince = new Map<string, number>();
  let drawn = { shown: 0, total: 0, since: performance.now() };
  const flashedAt = new Map<string, number>();
  let indexed: { nodes: GraphState["graph"]["nodes"]; index: GraphIndex } | undefined;

  const motionQuery = typeof matchMedia === "function" ? matchMedia("(prefers-reduced-motion: reduce)") : undefined;
  const reduced = () => motionQuery?.matches ?? false;

  function index(): GraphIndex {
    const nodes = graph.getState().graph.nodes;
    if (indexed?.nodes !== nodes) indexed = { nodes, index: indexGraph(nodes) };
    return indexed.index;
  }

  function attach(next: Cluster | null): void {
    if (next === cluster) return;
    offFlow?.();
    offFlow = undefined;
    cluster = next;
    pending.length = 0;
    seen.clear();
    flashedAt.clear();
    connectionStore.getState().setPods({});
    metricsText = "";
    trafficStore.setState({ generators: [], metrics: EMPTY_METRICS, proxies: new Map(), flowVersion: 0 });
    if (!next) return;
    offFlow = next.traffic.onFlow((e) => {
      pending.push(e);
      if (!frame) frame = requestAnimationFrame(flush);
    });
    poll();
  }

  function flush(): void {
    frame = 0;
    if (pending.length === 0) return;
    const batch = pending.splice(0);
    const at = index();
    const fresh: FlowEvent[] = [];
    const closedBadly: FlowEvent[] = [];
    const unique = new Set<FlowEvent>(batch);
    for (const e of unique) {
      if (seen.has(e.id)) {
        if (e.endTime !== undefined) {
          seen.delete(e.id);
          if (e.outcome !== "ok") closedBadly.push(e);
        }
        continue;
      }
      if (e.endTime === undefined) seen.add(e.id);
      fresh.push(e);
    }
    if (seen.size > 20_000) seen.clear(); // connections held for hours: forget them, not the page's memory
    const { speed } = lab.getState();
    const duration = travelMs(speed);
    // A steady share per frame (what keeps about MAX_PARTICLES in flight), not all the room at
    // once: under heavy load the dots stay evenly spaced instead of leaving in bursts.
    const now = performance.now();
    const since = Math.min(duration, Math.max(1, now - lastFlush));
    lastFlush = now;
    const budget = Math.min(particleRoom() - closedBadly.length, Math.ceil((MAX_PARTICLES * since) / duration));
    const picked = sample(fresh, Math.max(0, budget), (e) => e.outcome !== "ok");
    drawn.total += fresh.length;
    drawn.shown += picked.length;
    const t0 = fresh.reduce((m, e) => Math.min(m, e.time), Infinity);
    for (const e of picked) {
      const route = flowRoute(e, at);
      if (!route) continue;
      const end = route.points[route.points.length - 1];
      if (reduced()) {
        // One mark per place at a time: under load a pod stays lit rather than stacking marks.
        const key = `${Math.round(end.x)},${Math.round(end.y)},${e.outcome}`;
        if (now - (flashedAt.get(key) ?? -Infinity) < FLASH_MS) continue;
        flashedAt.set(key, now);
        void flash(end, e.outcome, "✓ served");
        continue;
      }
      const delayMs = Math.min(800, Math.max(0, (e.time - t0) / (speed || 1)));
      const done = sendParticle(route.points, e.outcome, duration, { delayMs, crossNode: route.crossNode });
      if (route.failed) void done.then(() => burst(end, e.outcome));
    }
    for (const e of closedBadly) {
      const b = e.backend && podBox(at, e.backend.namespace, e.backend.name, e.backend.node);
      if (!b) continue;
      const p = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
      void (reduced() ? flash(p, e.outcome) : burst(p, e.outcome));
    }
    trafficStore.setState((s) => ({ flowVersion: s.flowVersion + 1 }));
  }

  function poll(): void {
    clearTimeout(pollTimer);
    pollTimer = undefined;
    lastPoll = performance.now();
    const c = cluster;
    if (!c) return;
    const generators = sameGenerators(trafficStore.getState().generators, c.traffic.running());
    // The same reading keeps its identity, so the panels do not re-render while nothing moves.
    const read = c.traffic.metrics();
    const text = JSON.stringify(read);
    const metrics = text === metricsText ? trafficStore.getState().metrics : read;
    metricsText = text;
    connectionStore.getState().setPods(metrics.pods);
    const now = performance.now();
    let recheck = 0;
    // Hold a busy state on screen a moment: at 8× a resync is over within a frame.
    const hold = (since: Map<string, number>, node: string, busy: boolean) => {
      if (busy) since.set(node, now);
      const t = since.get(node);
      const on = busy || (t !== undefined && now - t < HOLD_MS);
      if (on && !busy && t !== undefined) recheck = Math.max(recheck, HOLD_MS - (now - t));
      return on;
    };
    const readings = c.proxies().map((p) => ({
      node: p.node,
      mode: p.mode,
      running: !hold(downSince, p.node, !p.running),
      stale: hold(staleSince, p.node, p.stale),
      lastSync: p.lastSync,
    }));
    const proxies = mergeProxies(trafficStore.getState().proxies, readings);
    if (now - drawn.since > 1000) {
      trafficStore.setState({ drawn: { shown: drawn.shown, total: drawn.total } });
      drawn = { shown: 0, total: 0, since: now };
    }
    trafficStore.setState({ generators, metrics, proxies });
    if (recheck > 0) pollTimer = setTimeout(poll, recheck + 10);
  }

  setTrafficPoll(poll);
  const offLab = lab.subscribe((s, prev) => {
    if (s.cluster !== prev.cluster) attach(s.cluster);
    if (s.paused !== prev.paused) pauseParticles(s.paused);
    if (s.snapshot !== prev.snapshot && performance.now() - lastPoll >= POLL_MS && !pollTimer) poll();
  });
  attach(lab.getState().cluster);
  pauseParticles(lab.getState().paused);

  return () => {
    offLab();
    offFlow?.();
    cancelAnimationFrame(frame);
    clearTimeout(pollTimer);
    setTrafficPoll(undefined);
    cluster = null;
  };
}

/** Copies of the running generators, or the previous list when nothing changed. */
function sameGenerators(prev: readonly TrafficGenerator[], next: readonly TrafficGenerator[]): readonly TrafficGenerator[] {
  if (prev.length === next.length && prev.every((g, i) => g.id === next[i].id && g.sent === next[i].sent)) return prev;
  return next.map((g) => ({ ...g }));
}
