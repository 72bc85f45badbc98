/**
 * Where a request travels on the canvas, as flow-coordinate waypoints: from the client's card, up
 * to the kube-proxy badge of the node whose rules translated it (that is where the DNAT happens —
 * the Service is not a box packets visit, but its card is where the edges to the endpoints start),
 * to the Service card, then along the Service → pod edge to the chosen backend. Pure: the graph
 * and the FlowEvent in, points out.
 */
import type { FlowEvent } from "../../engine/api";
import type { CanvasNode } from "../types";

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The drawn graph, indexed for routing. */
export interface GraphIndex {
  box(id: string): Box | undefined;
  /** Collapsed groups: where a pod that has no card of its own is drawn. */
  groups: readonly { id: string; namespace: string; name: string; node: string }[];
}

/** A route: waypoints, and where a failed request stops. */
export interface Route {
  points: Point[];
  /** The connection failed (refused, timed out, unreachable): the last point is where. */
  failed: boolean;
  /** The packet crossed to another node (tunl0) on its way to the backend. */
  crossNode: boolean;
}

/** Offset from a frame's top-right corner to its kube-proxy badge (see ProxyBadge). */
export const BADGE_OFFSET = { x: -60, y: 0 };

/** Indexes the canvas nodes (absolute positions: the canvas uses no parent nodes). */
export function indexGraph(nodes: readonly CanvasNode[]): GraphIndex {
  const boxes = new Map<string, Box>();
  const groups: { id: string; namespace: string; name: string; node: string }[] = [];
  for (const n of nodes) {
    boxes.set(n.id, { x: n.position.x, y: n.position.y, w: n.width ?? 0, h: n.height ?? 0 });
    if (n.type === "group") {
      const dk = n.data.deployment;
      groups.push({ id: n.id, namespace: dk.slice(0, dk.indexOf("/")), name: n.data.name, node: n.data.nodeName });
    }
  }
  return { box: (id) => boxes.get(id), groups };
}

/** The box a pod is drawn in: its card, else its deployment's group on that node, else its node's frame. */
export function podBox(index: GraphIndex, namespace: string | undefined, name: string, node: string | undefined): Box | undefined {
  const card = index.box(`pod:${namespace ?? ""}/${name}`);
  if (card) return card;
  if (node) {
    // Deployment pods are named DEPLOYMENT-HASH-SUFFIX: the longest matching group name wins.
    let best: { id: string; name: string } | undefined;
    for (const g of index.groups) {
      if (g.node === node && g.namespace === namespace && name.startsWith(`${g.name}-`) && (!best || g.name.length > best.name.length)) best = g;
    }
    if (best) return index.box(best.id);
    return index.box(`frame:${node}`);
  }
  return undefined;
}

const topCenter = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y });
const bottomCenter = (b: Box): Point => ({ x: b.x + b.w / 2, y: b.y + b.h });

/** The kube-proxy badge of node `name`'s frame, where its rules are shown. */
export function badgePoint(index: GraphIndex, node: string): Point | undefined {
  const f = index.box(`frame:${node}`);
  return f && { x: f.x + f.w + BADGE_OFFSET.x, y: f.y + BADGE_OFFSET.y };
}

/**
 * Points on the Service → pod edge as React Flow draws it (getBezierPath, bottom handle to top
 * handle): the dot follows the line the learner sees.
 */
export function edgePoints(from: Point, to: Point, steps = 6): Point[] {
  const dy = to.y - from.y;
  const off = dy >= 0 ? 0.5 * dy : 0.25 * 25 * Math.sqrt(-dy);
  const c1 = { x: from.x, y: from.y + off };
  const c2 = { x: to.x, y: to.y - off };
  const out: Point[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push({
      x: u * u * u * from.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
      y: u * u * u * from.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
    });
  }
  return out;
}

/** The route of one connection, or undefined when nothing of it is on the canvas. */
export function flowRoute(e: FlowEvent, index: GraphIndex): Route | undefined {
  const points: Point[] = [];
  const push = (p: Point | undefined) => {
    if (!p) return;
    const last = points[points.length - 1];
    if (!last || Math.abs(last.x - p.x) > 0.5 || Math.abs(last.y - p.y) > 0.5) points.push(p);
  };

  const ruleNode = e.node ?? e.source.node;
  if (e.source.kind === "external") {
    const f = ruleNode ? index.box(`frame:${ruleNode}`) : undefined;
    push(f && { x: f.x + 40, y: f.y - 60 }); // users outside the cluster, above the node they dialled
  } else if (e.source.kind === "pod") {
    const b = podBox(index, e.source.namespace, e.source.name, e.source.node);
    push(b && topCenter(b));
  }
  if (e.node) push(badgePoint(index, e.node));
  const svc = e.service ? index.box(`svc:${e.service}`) : undefined;
  const svcOut = svc && bottomCenter(svc);
  push(svcOut);

  // A failed connect that never reached a pod stops where it failed: at the Service (REJECT for a
  // Service without endpoints) or at the node's rules (a SYN to an address nobody has).
  const failed = e.outcome !== "ok";
  const backend = e.backend && podBox(index, e.backend.namespace, e.backend.name, e.backend.node);
  if (backend) {
    const end = topCenter(backend);
    if (svcOut) for (const p of edgePoints(svcOut, end)) push(p);
    else push(end);
  }
  if (points.length < 2) return undefined;
  return { points, failed, crossNode: e.crossNode };
}
