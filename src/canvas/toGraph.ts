/**
 * The cluster as a React Flow graph: a pure function of the snapshot, the view options and the
 * previous graph. The previous graph is an input (not hidden state) for two reasons: slots, so a
 * card keeps its place while the cluster changes, and identity, so a node or edge object whose
 * inputs did not change is the very same object (React Flow and React then skip it).
 *
 * The work is done by layers (graph/): frames and their pods, then workloads, then services, each
 * reading and adding to one shared index (graph/context.ts). Requests are drawn by the traffic
 * layer (traffic/), outside React Flow's node list.
 */
import type { ClusterSnapshot } from "../engine/api";
import type { Selection, ViewOptions } from "../ui/store";
import { createContext, type Memo } from "./graph/context";
import { framesLayer } from "./graph/frames";
import { servicesLayer } from "./graph/services";
import { workloadsLayer } from "./graph/workloads";
import { EMPTY_HISTORY, type PodHistory } from "./history";
import type { SlotMap } from "./slots";
import type { CanvasEdge, CanvasNode } from "./types";

export { COLLAPSE_AT } from "./graph/context";
export { indexReplicaSets, replicaSetsOf, type ReplicaSetIndex } from "./graph/workloads";

export type GraphSnapshot = Pick<ClusterSnapshot, "time" | "nodes" | "pods" | "services" | "endpointSlices" | "deployments" | "replicaSets" | "ranges">;

export interface GraphUi extends ViewOptions {
  selection: Selection | null;
}

/** What `toGraph` returns; pass it back as `prev` next time. */
export interface Graph {
  nodes: CanvasNode[];
  edges: CanvasEdge[];
  /** Slots by region: "frame:NODE", "system:NODE", "services", "deployments". */
  slots: ReadonlyMap<string, SlotMap>;
  memo: ReadonlyMap<string, Memo>;
  /** The label filter's parse error, if the text is not a valid selector. */
  filterError: string | undefined;
}

/** How long an endpoint edge stays drawn after its endpoint left the Service (virtual ms). */
export const LEAVE_MS = 3_000;

/**
 * An endpoint leaving a Service is shown, not just dropped: its edge stays a moment, fading out,
 * while both ends are still drawn (a relabelled pod, or a deleted pod still fading).
 */
function keepLeavingEdges(edges: CanvasEdge[], nodes: readonly CanvasNode[], prev: Graph | undefined, now: number): void {
  if (!prev) return;
  const ids = new Set(edges.map((e) => e.id));
  let drawn: Set<string> | undefined;
  for (const e of prev.edges) {
    if (e.type !== "endpoint" || ids.has(e.id)) continue;
    const leftAt = e.data?.leftAt ?? now;
    if (now - leftAt >= LEAVE_MS) continue;
    drawn ??= new Set(nodes.map((n) => n.id));
    if (!drawn.has(e.source) || !drawn.has(e.target)) continue;
    edges.push(e.data?.leftAt !== undefined ? e : { ...e, zIndex: 0, data: { ...e.data!, highlighted: false, leftAt } });
  }
}

/** The earliest virtual time a leaving edge of `graph` is due to go (Infinity: none). */
export function nextEdgeExpiry(graph: Graph): number {
  let t = Infinity;
  for (const e of graph.edges) if (e.type === "endpoint" && e.data?.leftAt !== undefined) t = Math.min(t, e.data.leftAt + LEAVE_MS);
  return t;
}

/** The graph's layers, in drawing order (each may read what the ones before it indexed). */
const LAYERS = [framesLayer, workloadsLayer, servicesLayer] as const;

/**
 * Builds the graph. Same inputs and `prev` ⇒ the same node and edge objects. `history` (what was
 * deleted or replaced a moment ago, history.ts) adds fading ghosts and "new" marks.
 */
export function toGraph(snapshot: GraphSnapshot, ui: GraphUi, prev?: Graph, history: PodHistory = EMPTY_HISTORY): Graph {
  const g = createContext(snapshot, ui, prev, history);
  for (const layer of LAYERS) layer(g);
  keepLeavingEdges(g.edges, g.nodes, prev, snapshot.time);
  // Unchanged lists keep their identity too: React Flow re-indexes every edge when the array changes.
  const sameList = <T,>(a: readonly T[], b: readonly T[] | undefined) => !!b && a.length === b.length && a.every((x, i) => x === b[i]);
  return {
    nodes: sameList(g.nodes, prev?.nodes) ? prev!.nodes : g.nodes,
    edges: sameList(g.edges, prev?.edges) ? prev!.edges : g.edges,
    slots: g.slots,
    memo: g.memo,
    filterError: g.filterError,
  };
}
